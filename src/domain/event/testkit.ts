// Helpers shared by the event and angles tests (not imported by application code).
import { mulberry32 } from "../seededRandom.ts";
import type { Person } from "./people.ts";
import type { BalanceReport } from "./placement.ts";

export const T0 = Date.UTC(2026, 5, 11, 7, 30, 0);
export const MIN = 60_000;

export interface RosterShape {
  people: number;
  territories: number;
  structures: number;
}

/**
 * A random roster like a network's: each structure has a home territory, most of its people
 * work there, some elsewhere (a national association's other sites); a few fields are empty.
 * Sizes are skewed: big structures and small ones, crowded territories and quiet ones.
 */
export function randomRoster(random: () => number, shape: RosterShape): Person[] {
  const home = Array.from({ length: shape.structures }, () => Math.floor(random() * shape.territories));
  const weight = Array.from({ length: shape.structures }, () => random() ** 2 + 0.05);
  const total = weight.reduce((a, b) => a + b, 0);
  const pickStructure = () => {
    let x = random() * total;
    for (let s = 0; s < weight.length; s++) if ((x -= weight[s]) <= 0) return s;
    return weight.length - 1;
  };
  return Array.from({ length: shape.people }, (_, i) => {
    const s = pickStructure();
    const t = random() < 0.8 ? home[s] : Math.floor(random() * shape.territories);
    return {
      id: `p${String(i).padStart(4, "0")}`,
      name: `Personne ${i}`,
      structure: random() < 0.02 ? "" : `Structure ${s}`,
      territory: random() < 0.02 ? "" : `Territoire ${t}`,
    };
  });
}

/** The fuzz tests' ranges (issue 5): 20-300 people, 5-12 territories, 3-40 structures, 2-30 groups, 2-6 angles. */
export function randomCase(seed: number): { people: Person[]; groups: number; angles: number; random: () => number } {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const shape = { people: int(20, 300), territories: int(5, 12), structures: int(3, 40) };
  const groups = int(2, 30);
  const angles = int(2, 6);
  return { people: randomRoster(random, shape), groups, angles, random };
}

/** Every count of E6 within ⌊c/g⌋..⌈c/g⌉ (what a fresh balanced placement promises). */
export function balanceProblems(r: BalanceReport): string[] {
  const out: string[] = [];
  if (r.sizeSpread > 1) out.push(`sizes ${r.sizes.join("/")}`);
  for (const t of r.territories) if (!t.even) out.push(`territory "${t.value}" ${t.perGroup.join("/")}`);
  for (const s of r.structures) if (!s.even) out.push(`structure "${s.value}" ${s.perGroup.join("/")}`);
  return out;
}

/** Deep-freezes a value so that a test fails if the code under test mutates it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
