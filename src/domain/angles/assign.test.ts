// Angle assignment, with a seeded fuzz on random rosters (issue 5's ranges: 20-300 people,
// 5-12 territories, 3-40 structures, 2-6 angles, 2-30 groups). A failing seed is reported by
// number; pin it as a named test.
import { describe, expect, it } from "vitest";
import { mulberry32, shuffled } from "../seededRandom.ts";
import type { Person } from "../event/people.ts";
import { spreadThird } from "../event/balance.ts";
import { placeBalanced } from "../event/placement.ts";
import { balanceProblems, randomCase, randomRoster } from "../event/testkit.ts";
import { angleBalance, angleOf, assignAngles } from "./assign.ts";
import { type Angle, DEFAULT_ANGLES } from "./model.ts";

const SEEDS = 200;
const FUZZ_TIMEOUT_MS = 60_000;

const anglesOf = (n: number): Angle[] => Array.from({ length: n }, (_, i) => ({ id: `angle-${i}`, label: `Angle ${i}` }));

/** Per room, the count of each angle (for L6). */
function perRoom(assignment: readonly { personId: string; angleId: string }[], seats: readonly { personId: string; roomId: string }[], angles: readonly Angle[]) {
  const angleOfPerson = new Map(assignment.map((a) => [a.personId, a.angleId]));
  const rows = new Map<string, number[]>();
  for (const s of seats) {
    if (!rows.has(s.roomId)) rows.set(s.roomId, new Array(angles.length).fill(0));
    rows.get(s.roomId)![angles.findIndex((a) => a.id === angleOfPerson.get(s.personId))]++;
  }
  return rows;
}

describe("assigning angles", () => {
  const people = randomRoster(mulberry32(3), { people: 130, territories: 8, structures: 30 });

  it("L3: every listener gets exactly one angle; sizes, territories and structures within ⌊c/a⌋..⌈c/a⌉", () => {
    const a = assignAngles(people, DEFAULT_ANGLES.fr, 2026);
    expect(a.map((x) => x.personId)).toEqual(people.map((p) => p.id));
    expect(new Set(a.map((x) => x.angleId))).toEqual(new Set(DEFAULT_ANGLES.fr.map((x) => x.id)));
    const r = angleBalance(people, DEFAULT_ANGLES.fr, a);
    expect(r.sizes.sort()).toEqual([43, 43, 44]);
    expect(balanceProblems(r)).toEqual([]);
    expect(assignAngles([], DEFAULT_ANGLES.fr, 1)).toEqual([]);
    expect(assignAngles(people, [], 1)).toEqual([]);
    expect(angleOf(a, people[0].id)).toBe(a[0].angleId);
    expect(angleOf(a, "ghost")).toBeNull();
  });

  it("L4: the same seed gives the same assignment whatever the listeners' order", () => {
    const a = new Map(assignAngles(people, DEFAULT_ANGLES.fr, 9).map((x) => [x.personId, x.angleId]));
    const b = new Map(assignAngles(shuffled(people, mulberry32(1)), DEFAULT_ANGLES.fr, 9).map((x) => [x.personId, x.angleId]));
    expect(b).toEqual(a);
    const c = new Map(assignAngles(people, DEFAULT_ANGLES.fr, 10).map((x) => [x.personId, x.angleId]));
    expect(c).not.toEqual(a);
  });

  it("L6: with the groups' seats, each group's listeners are spread over the angles too, sizes and territories still even", () => {
    const placement = placeBalanced(people, 12, 4);
    const seats = placement.seats.map((s) => ({ personId: s.personId, roomId: `room-${s.group + 1}` }));
    const a = assignAngles(people, DEFAULT_ANGLES.fr, 4, { seats });
    const r = angleBalance(people, DEFAULT_ANGLES.fr, a);
    expect(r.sizeSpread).toBeLessThanOrEqual(1);
    expect(r.territories.every((t) => t.even)).toBe(true);
    for (const [room, row] of perRoom(a, seats, DEFAULT_ANGLES.fr)) {
      expect(Math.max(...row) - Math.min(...row), room).toBeLessThanOrEqual(1);
      expect(Math.min(...row), `${room}: every story heard through every angle`).toBeGreaterThan(0);
    }
  });
});

describe("angle assignment fuzz", () => {
  it("L3, L4, L5: on random rosters every listener (narrators included) has one angle, sizes, territories and structures within ⌊c/a⌋..⌈c/a⌉, the same for the same seed in any order", () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { people, angles: k, random } = randomCase(seed);
      const angles = anglesOf(k);
      const a = assignAngles(people, angles, seed);
      expect(a.length, `seed ${seed}`).toBe(people.length);
      expect(new Set(a.map((x) => x.personId)).size).toBe(people.length);
      expect(a.every((x) => angles.some((g) => g.id === x.angleId)), `seed ${seed}`).toBe(true);
      expect(balanceProblems(angleBalance(people, angles, a)), `seed ${seed}`).toEqual([]);
      const again = assignAngles(shuffled(people, random), angles, seed);
      expect(new Map(again.map((x) => [x.personId, x.angleId])), `seed ${seed}`).toEqual(new Map(a.map((x) => [x.personId, x.angleId])));
    }
  }, FUZZ_TIMEOUT_MS);

  it("L6: on random rosters placed in 2-30 groups, each group and each territory is spread over the angles with sizes within 1; the structure swaps keep those counts and never spread structures worse", () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { people, groups, angles: k, random } = randomCase(seed);
      const angles = anglesOf(k);
      const seats = placeBalanced(people, groups, seed).seats.map((s) => ({ personId: s.personId, roomId: `room-${s.group}` }));
      // a latecomer without a seat is a listener too
      const listeners: Person[] = [...people, { id: "late", name: "Late", structure: "S", territory: "T" }];
      const a = assignAngles(listeners, angles, seed, { seats });
      expect(a.length).toBe(listeners.length);
      const r = angleBalance(listeners, angles, a);
      expect(r.sizeSpread, `seed ${seed}`).toBeLessThanOrEqual(1);
      expect(r.territories.filter((t) => !t.even), `seed ${seed}`).toEqual([]);
      for (const [room, row] of perRoom(a, seats, angles)) expect(Math.max(...row) - Math.min(...row), `seed ${seed} ${room}`).toBeLessThanOrEqual(1);

      // spreadThird on its own, from a random colouring
      const roomOf = new Map(seats.map((x) => [x.personId, x.roomId]));
      const items = people.map((p) => ({ a: roomOf.get(p.id)!, b: p.territory, c: p.structure }));
      const start = items.map(() => Math.floor(random() * k));
      const after = spreadThird(items, start, k);
      const tally = (colours: number[], key: "a" | "b" | "c") => {
        const m = new Map<string, number[]>();
        items.forEach((it, i) => {
          if (!m.has(it[key])) m.set(it[key], new Array(k).fill(0));
          m.get(it[key])![colours[i]]++;
        });
        return m;
      };
      const squares = (m: Map<string, number[]>) => [...m.values()].reduce((n, row) => n + row.reduce((x, c) => x + c * c, 0), 0);
      expect(tally(after, "a"), `seed ${seed}`).toEqual(tally(start, "a"));
      expect(tally(after, "b"), `seed ${seed}`).toEqual(tally(start, "b"));
      expect(squares(tally(after, "c")), `seed ${seed}`).toBeLessThanOrEqual(squares(tally(start, "c")));
    }
  }, FUZZ_TIMEOUT_MS);
});
