// SPEC.md's F rules and this folder's tests stay in step: every rule names a test, tests cite real rules.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const here = import.meta.dirname;
const spec = readFileSync(path.join(here, "..", "SPEC.md"), "utf8");
const ruleIds = [...spec.matchAll(/^- \*\*(F\d+)\*\* /gm)].map((m) => m[1]);
const titles = readdirSync(here)
  .filter((f) => f.endsWith(".test.ts"))
  .flatMap((f) => [...readFileSync(path.join(here, f), "utf8").matchAll(/\bit\("([^"]+)"/g)].map((m) => m[1]));
const cited = new Set(titles.flatMap((t) => [...t.matchAll(/\b(F\d+)\b/g)].map((m) => m[1])));

describe("SPEC.md F rules", () => {
  it("has unique rule ids", () => {
    expect(ruleIds.length).toBeGreaterThan(0);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
  });

  it("every rule has at least one test named after it", () => {
    expect(ruleIds.filter((id) => !cited.has(id))).toEqual([]);
  });

  it("tests cite only rules that exist", () => {
    expect([...cited].filter((id) => !ruleIds.includes(id))).toEqual([]);
  });
});
