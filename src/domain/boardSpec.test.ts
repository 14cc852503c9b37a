// The board rules of SPEC.md (K, V, A, G) and their tests stay in step, like the
// facilitation rules (facilitation/spec.test.ts): every id names a test, tests cite real ids.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const here = import.meta.dirname;
const FAMILIES = ["K", "V", "A", "Q", "G"];
// The server's wiring of these rules (src/server/boardTools) is tested there.
const folders = ["clusters", "votes", "anonymity", "moderation", "grouping", "../server/boardTools"];
const spec = readFileSync(path.join(here, "SPEC.md"), "utf8");
const ruleIds = [...spec.matchAll(/^- \*\*([KVAQG]\d+)\*\* /gm)].map((m) => m[1]);
const titles = folders.flatMap((dir) =>
  readdirSync(path.join(here, dir))
    .filter((f) => f.endsWith(".test.ts"))
    .flatMap((f) => [...readFileSync(path.join(here, dir, f), "utf8").matchAll(/\bit\("([^"]+)"/g)].map((m) => m[1])),
);
const cited = new Set(titles.flatMap((t) => [...t.matchAll(/\b([KVAQG]\d+)\b/g)].map((m) => m[1])));

describe("SPEC.md board rules", () => {
  it("has unique rule ids in every family", () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const family of FAMILIES) expect(ruleIds.some((id) => id.startsWith(family))).toBe(true);
  });

  it("every rule has at least one test named after it", () => {
    expect(ruleIds.filter((id) => !cited.has(id))).toEqual([]);
  });

  it("tests cite only rules that exist", () => {
    expect([...cited].filter((id) => !ruleIds.includes(id))).toEqual([]);
  });
});
