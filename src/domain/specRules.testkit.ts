// Test support (reads files, so never imported by domain code): SPEC.md and a folder's tests
// stay in step. Every rule of the given families names at least one test of the folder, and
// the folder's tests cite only rules that exist.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** `families`: the rule letters this folder owns, e.g. "O" or "MTCP". */
export function specRulesSuite(folder: string, families: string): void {
  const spec = readFileSync(path.join(folder, "..", "SPEC.md"), "utf8");
  const id = `[${families}]\\d+`;
  const ruleIds = [...spec.matchAll(new RegExp(`^- \\*\\*(${id})\\*\\* `, "gm"))].map((m) => m[1]);
  const titles = readdirSync(folder)
    .filter((f) => f.endsWith(".test.ts"))
    .flatMap((f) => [...readFileSync(path.join(folder, f), "utf8").matchAll(/\bit\("([^"]+)"/g)].map((m) => m[1]));
  const cited = new Set(titles.flatMap((t) => [...t.matchAll(new RegExp(`\\b(${id})\\b`, "g"))].map((m) => m[1])));

  describe(`SPEC.md ${families.split("").join(", ")} rules`, () => {
    it("has unique rule ids in every family", () => {
      expect(new Set(ruleIds).size).toBe(ruleIds.length);
      for (const family of families) expect(ruleIds.some((r) => r.startsWith(family))).toBe(true);
    });

    it("every rule has at least one test named after it", () => {
      expect(ruleIds.filter((r) => !cited.has(r))).toEqual([]);
    });

    it("tests cite only rules that exist", () => {
      expect([...cited].filter((r) => !ruleIds.includes(r))).toEqual([]);
    });
  });
}
