// SPEC.md and the tests stay in step: every rule id names at least one test, and no test
// cites a rule that does not exist.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const here = import.meta.dirname;
const spec = readFileSync(path.join(here, "..", "SPEC.md"), "utf8");
const ruleIds = [...spec.matchAll(/^- \*\*([MTCP]\d+)\*\* /gm)].map((m) => m[1]);
const titles = readdirSync(here)
  .filter((f) => f.endsWith(".test.ts"))
  .flatMap((f) => [...readFileSync(path.join(here, f), "utf8").matchAll(/\bit\("([^"]+)"/g)].map((m) => m[1]));
const cited = new Set(titles.flatMap((t) => [...t.matchAll(/\b([MTCP]\d+)\b/g)].map((m) => m[1])));

describe("SPEC.md", () => {
  it("has unique rule ids in every family", () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const family of ["M", "T", "C", "P"]) expect(ruleIds.some((id) => id.startsWith(family))).toBe(true);
  });

  it("every rule has at least one test named after it", () => {
    expect(ruleIds.filter((id) => !cited.has(id))).toEqual([]);
  });

  it("tests cite only rules that exist", () => {
    expect([...cited].filter((id) => !ruleIds.includes(id))).toEqual([]);
  });
});
