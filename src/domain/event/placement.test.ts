import { describe, expect, it } from "vitest";
import { equitableColouring } from "./balance.ts";
import type { Person } from "./people.ts";
import { balanceReport, movePerson, placeBalanced, placeImported, placeLatecomers, placeSelfChosen, swapCandidates } from "./placement.ts";
import { balanceProblems } from "./testkit.ts";

const person = (id: string, structure: string, territory: string): Person => ({ id, name: id, structure, territory });

/** 12 people of 3 territories, 4 structures each. */
const SMALL: Person[] = ["T1", "T2", "T3"].flatMap((t) => [1, 2, 3, 4].map((i) => person(`${t}-${i}`, `${t}-S${i % 2}`, t)));

const groupOf = (seats: readonly { personId: string; group: number }[]) => new Map(seats.map((s) => [s.personId, s.group]));

describe("balanced placement", () => {
  it("E5: everyone is seated exactly once, in a group that exists", () => {
    const p = placeBalanced(SMALL, 4, 1);
    expect(p.seats.map((s) => s.personId).sort()).toEqual(SMALL.map((x) => x.id).sort());
    for (const s of p.seats) expect(s.group).toBeGreaterThanOrEqual(0), expect(s.group).toBeLessThan(4);
    expect(placeBalanced(SMALL, 0, 1).seats).toEqual([]);
    expect(placeBalanced(SMALL, 61, 1).seats).toEqual([]);
    expect(placeBalanced([], 3, 1)).toEqual({ groupCount: 3, seats: [] });
  });

  it("E6: sizes, territories and structures each within ⌊c/g⌋..⌈c/g⌉", () => {
    for (const g of [1, 2, 3, 4, 5, 7, 12, 13]) {
      const r = balanceReport(SMALL, placeBalanced(SMALL, g, 42));
      expect(balanceProblems(r), `g=${g}`).toEqual([]);
      expect(r.even).toBe(true);
    }
  });

  it("E6: structures spanning territories (a national association) are spread too", () => {
    // 4 territories x 3 people; structure "N" has one person in each territory, so dealing per territory alone would stack them.
    const people = ["A", "B", "C", "D"].flatMap((t) => [person(`${t}1`, "N", t), person(`${t}2`, `L${t}`, t), person(`${t}3`, `L${t}`, t)]);
    for (let seed = 0; seed < 50; seed++) {
      const r = balanceReport(people, placeBalanced(people, 4, seed));
      expect(balanceProblems(r), `seed ${seed}`).toEqual([]);
      expect(r.structures.find((s) => s.value === "N")!.perGroup).toEqual([1, 1, 1, 1]);
    }
  });

  it("E6: the colouring repairs any start: an adversarial one-colour start ends equitable and balanced", () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ a: `t${i % 7}`, b: `s${(i * 5) % 11}` }));
    const colours = equitableColouring(items, 6, items.map(() => 0));
    const count = (pred: (i: number) => boolean) => [0, 1, 2, 3, 4, 5].map((c) => colours.filter((x, i) => x === c && pred(i)).length);
    const even = (row: number[]) => Math.max(...row) - Math.min(...row) <= 1;
    expect(even(count(() => true))).toBe(true);
    for (let t = 0; t < 7; t++) expect(even(count((i) => items[i].a === `t${t}`))).toBe(true);
    for (let s = 0; s < 11; s++) expect(even(count((i) => items[i].b === `s${s}`))).toBe(true);
  });

  it("E7: the same seed gives the same placement whatever the list's order; another seed another one", () => {
    const a = groupOf(placeBalanced(SMALL, 3, 7).seats);
    const b = groupOf(placeBalanced([...SMALL].reverse(), 3, 7).seats);
    expect(b).toEqual(a);
    const others = [8, 9, 10].map((seed) => groupOf(placeBalanced(SMALL, 3, seed).seats));
    expect(others.some((o) => JSON.stringify([...o].sort()) !== JSON.stringify([...a].sort()))).toBe(true);
  });
});

describe("self-chosen groups", () => {
  it("E8: arrival order, capacity, a second choice moves the person, refusals change nothing", () => {
    const people = [person("a", "", ""), person("b", "", ""), person("c", "", "")];
    const r = placeSelfChosen(
      people,
      [
        { personId: "a", group: 0 },
        { personId: "b", group: 0 },
        { personId: "c", group: 0 },
        { personId: "a", group: 1 },
        { personId: "c", group: 0 },
        { personId: "ghost", group: 1 },
        { personId: "b", group: 5 },
      ],
      [2, null],
    );
    expect(groupOf(r.placement.seats)).toEqual(new Map([["a", 1], ["b", 0], ["c", 0]]));
    expect(r.refused).toEqual([
      { personId: "c", group: 0, code: "full" },
      { personId: "ghost", group: 1, code: "unknown_person" },
      { personId: "b", group: 5, code: "unknown_group" },
    ]);
  });
});

describe("live changes", () => {
  it("E9: a move changes that one seat only; unknown or same groups are refused", () => {
    const p = placeBalanced(SMALL, 3, 1);
    const who = p.seats[4];
    const to = (who.group + 1) % 3;
    const moved = movePerson(p, who.personId, to);
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    const before = groupOf(p.seats);
    const after = groupOf(moved.placement.seats);
    for (const [id, g] of before) expect(after.get(id)).toBe(id === who.personId ? to : g);
    expect(movePerson(p, who.personId, who.group)).toMatchObject({ ok: false, code: "same_group" });
    expect(movePerson(p, who.personId, 3)).toMatchObject({ ok: false, code: "unknown_group" });
    expect(movePerson(p, who.personId, 1.5)).toMatchObject({ ok: false, code: "unknown_group" });
    const out = movePerson(p, who.personId, null);
    expect(out.ok && out.placement.seats.map((s) => s.personId)).not.toContain(who.personId);
    const back = out.ok ? movePerson(out.placement, who.personId, 2) : null;
    expect(back?.ok && groupOf(back.placement.seats).get(who.personId)).toBe(2);
  });

  it("E10: latecomers go to the smallest groups, then where their territory is scarce; sizes stay within 1", () => {
    const first = SMALL.slice(0, 7);
    const p = placeBalanced(first, 3, 3);
    const all = [...SMALL, person("late-1", "X", "T1"), person("late-2", "Y", "T9")];
    const q = placeLatecomers(all, p, 5);
    const r = balanceReport(all, q);
    expect(r.placed).toBe(all.length);
    expect(r.sizeSpread).toBeLessThanOrEqual(1);
    // those already seated stay where they were
    const before = groupOf(p.seats);
    for (const [id, g] of before) expect(groupOf(q.seats).get(id)).toBe(g);
    expect(placeLatecomers(all, q, 1)).toEqual(q);
    // equal sizes: the latecomer goes where their territory is scarcest, then their structure
    const two = [person("a", "S1", "T1"), person("b", "S2", "T2"), person("c", "S1", "T1"), person("d", "S3", "T2")];
    const seated = { groupCount: 2, seats: [{ personId: "a", group: 0 }, { personId: "b", group: 1 }] };
    expect(placeLatecomers(two.slice(0, 3), seated, 1).seats.at(-1)).toEqual({ personId: "c", group: 1 });
    const withD = placeLatecomers([...two.slice(0, 2), two[3]], seated, 1);
    expect(withD.seats.at(-1)).toEqual({ personId: "d", group: 0 });
  });

  it("E11: swapping with an 'all' candidate keeps every count; a 'territory' one keeps sizes and territories", () => {
    const people = ["A", "B"].flatMap((t) => [1, 2, 3, 4, 5, 6].map((i) => person(`${t}${i}`, `${t}-S${i % 2}`, t)));
    const p = placeBalanced(people, 3, 11);
    const mover = p.seats[0];
    const target = (mover.group + 1) % 3;
    const candidates = swapCandidates(people, p, mover.personId, target);
    expect(candidates.length).toBeGreaterThan(0);
    const kinds = candidates.map((c) => c.keeps);
    expect(kinds).toEqual([...kinds].sort((x, y) => (x === y ? 0 : x === "all" ? -1 : 1)));
    for (const c of candidates) {
      const step = movePerson(p, mover.personId, target);
      const swapped = step.ok ? movePerson(step.placement, c.personId, mover.group) : step;
      if (!swapped.ok) throw new Error("swap refused");
      const r = balanceReport(people, swapped.placement);
      expect(r.sizes).toEqual(balanceReport(people, p).sizes);
      expect(r.territories).toEqual(balanceReport(people, p).territories);
      if (c.keeps === "all") expect(r.structures).toEqual(balanceReport(people, p).structures);
    }
    expect(swapCandidates(people, p, "ghost", 0)).toEqual([]);
  });
});

describe("imported groups", () => {
  it("E12: the group column is read as a room name, a number or 'Groupe n'; unknown ones are reported", () => {
    const rows = [
      { id: "a", line: 2, group: "groupe 2" },
      { id: "b", line: 3, group: "Salle Jaurès" },
      { id: "c", line: 4, group: "1" },
      { id: "d", line: 5, group: "Group 03" },
      { id: "e", line: 6, group: null },
      { id: "f", line: 7, group: "Groupe 9" },
      { id: "g", line: 8, group: "salle jaures" },
    ];
    const r = placeImported(rows, ["Groupe 1", "Groupe 2", "Salle Jaurès"]);
    expect(groupOf(r.placement.seats)).toEqual(new Map([["a", 1], ["b", 2], ["c", 0], ["d", 2], ["g", 2]]));
    expect(r.unknown).toEqual([{ line: 7, group: "Groupe 9" }]);
  });
});

describe("measuring balance", () => {
  it("E13: counts per group, spreads, unknown seats ignored, uneven values first", () => {
    const people = [person("a", "S1", "T1"), person("b", "S1", "T1"), person("c", "S2", "T2"), person("d", "S2", "T1")];
    const r = balanceReport(people, {
      groupCount: 2,
      seats: [
        { personId: "a", group: 0 },
        { personId: "b", group: 0 },
        { personId: "c", group: 1 },
        { personId: "ghost", group: 1 },
        { personId: "d", group: 7 },
      ],
    });
    expect(r).toMatchObject({ placed: 3, unplaced: 1, sizes: [2, 1], sizeSpread: 1, territorySpread: 2, structureSpread: 2, even: false });
    expect(r.territories.map((t) => [t.value, t.perGroup, t.even])).toEqual([["T1", [2, 0], false], ["T2", [0, 1], true]]);
    expect(r.structures[0]).toEqual({ value: "S1", total: 2, perGroup: [2, 0], spread: 2, even: false });
  });
});
