// Placing a national day's people in its groups (E5-E12). Groups are numbered 0..groupCount-1
// here; the event (machine.ts) maps them to its rooms in room order. A placement lists the
// placed people only: someone absent from it is not placed yet (a latecomer, a walk-in).
import { mulberry32, shuffled } from "../seededRandom.ts";
import { seededEquitableColouring } from "./balance.ts";
import { type Person, byId, foldKey, normaliseField } from "./people.ts";

export interface Seat {
  personId: string;
  group: number;
}

export interface Placement {
  groupCount: number;
  /** One seat per placed person. */
  seats: readonly Seat[];
}

export const MAX_GROUPS = 60;

export type PlacementRefusal = { ok: false; code: "unknown_group" | "same_group"; message: string };

function isGroupCount(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= MAX_GROUPS;
}

/**
 * E5, E6: everyone placed; sizes, every territory and every structure spread over the groups
 * as evenly as counting allows (each group holds ⌊total/g⌋ or ⌈total/g⌉ of each). The seed
 * decides who goes where among the many placements that are equally balanced; the order of
 * `people` does not (E7).
 */
export function placeBalanced(people: readonly Person[], groupCount: number, seed: number): Placement {
  if (!isGroupCount(groupCount)) return { groupCount: 0, seats: [] };
  const colours = seededEquitableColouring(
    people.map((p) => ({ id: p.id, a: p.territory, b: p.structure })),
    groupCount,
    seed,
  );
  return { groupCount, seats: people.map((p) => ({ personId: p.id, group: colours.get(p.id)! })) };
}

/**
 * E8: each person's choices in arrival order; a later choice moves them (their old seat is
 * freed first). A choice for a full group, an unknown group or an unknown person is refused
 * and changes nothing. `capacities[g]` null: no limit.
 */
export function placeSelfChosen(
  people: readonly Person[],
  choices: readonly { personId: string; group: number }[],
  capacities: readonly (number | null)[],
): { placement: Placement; refused: { personId: string; group: number; code: "full" | "unknown_person" | "unknown_group" }[] } {
  const known = new Set(people.map((p) => p.id));
  const seat = new Map<string, number>();
  const sizes = capacities.map(() => 0);
  const refused: { personId: string; group: number; code: "full" | "unknown_person" | "unknown_group" }[] = [];
  for (const { personId, group } of choices) {
    if (!known.has(personId)) refused.push({ personId, group, code: "unknown_person" });
    else if (!Number.isInteger(group) || group < 0 || group >= capacities.length) refused.push({ personId, group, code: "unknown_group" });
    else if (seat.get(personId) === group) continue;
    else if (capacities[group] !== null && sizes[group] >= capacities[group]!) refused.push({ personId, group, code: "full" });
    else {
      const before = seat.get(personId);
      if (before !== undefined) sizes[before]--;
      seat.set(personId, group);
      sizes[group]++;
    }
  }
  return { placement: { groupCount: capacities.length, seats: people.flatMap((p) => (seat.has(p.id) ? [{ personId: p.id, group: seat.get(p.id)! }] : [])) }, refused };
}

/** E9: one person to another group (or out, with null); every other seat stays as it was. */
export function movePerson(placement: Placement, personId: string, group: number | null): { ok: true; placement: Placement } | PlacementRefusal {
  if (group !== null && (!Number.isInteger(group) || group < 0 || group >= placement.groupCount)) return { ok: false, code: "unknown_group", message: "no such group" };
  const at = placement.seats.findIndex((s) => s.personId === personId);
  const current = at < 0 ? null : placement.seats[at].group;
  if (current === group) return { ok: false, code: "same_group", message: "already there" };
  if (group === null) return { ok: true, placement: { ...placement, seats: placement.seats.filter((_, i) => i !== at) } };
  const seats = at < 0 ? [...placement.seats, { personId, group }] : placement.seats.map((s, i) => (i === at ? { personId, group } : s));
  return { ok: true, placement: { ...placement, seats } };
}

/**
 * E10: people not yet placed, one by one, each into a smallest group, then the one with the
 * fewest of their territory, then of their structure; the seed breaks the remaining ties.
 * Group sizes stay within 1 of each other if they were.
 */
export function placeLatecomers(people: readonly Person[], placement: Placement, seed: number): Placement {
  const g = placement.groupCount;
  if (g < 1) return placement;
  const random = mulberry32(seed);
  const byPerson = new Map(people.map((p) => [p.id, p]));
  const seated = new Set(placement.seats.map((s) => s.personId));
  const sizes = new Array<number>(g).fill(0);
  const tally = new Map<string, number[]>();
  const row = (key: string) => {
    let r = tally.get(key);
    if (!r) tally.set(key, (r = new Array<number>(g).fill(0)));
    return r;
  };
  for (const s of placement.seats) {
    const p = byPerson.get(s.personId);
    sizes[s.group]++;
    if (p) {
      row(`t\u0000${p.territory}`)[s.group]++;
      row(`s\u0000${p.structure}`)[s.group]++;
    }
  }
  const seats = [...placement.seats];
  for (const p of shuffled(byId(people.filter((x) => !seated.has(x.id))), random)) {
    const t = row(`t\u0000${p.territory}`);
    const s = row(`s\u0000${p.structure}`);
    const key = (x: number) => [sizes[x], t[x], s[x]];
    let best: number[] = [];
    for (let x = 0; x < g; x++) {
      const cmp = best.length === 0 ? -1 : compare(key(x), key(best[0]));
      if (cmp < 0) best = [x];
      else if (cmp === 0) best.push(x);
    }
    const chosen = best[Math.floor(random() * best.length)];
    sizes[chosen]++;
    t[chosen]++;
    s[chosen]++;
    seats.push({ personId: p.id, group: chosen });
  }
  return { groupCount: g, seats };
}

function compare(x: readonly number[], y: readonly number[]): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/**
 * E11: who, in the group a person is moved to, could go the other way so that nothing the
 * placement balanced changes: same territory and structure first (every count stays), then
 * same territory (sizes and territories stay). In id order.
 */
export function swapCandidates(people: readonly Person[], placement: Placement, personId: string, group: number): { personId: string; keeps: "all" | "territory" }[] {
  const byPerson = new Map(people.map((p) => [p.id, p]));
  const mover = byPerson.get(personId);
  if (!mover) return [];
  const out: { personId: string; keeps: "all" | "territory" }[] = [];
  for (const s of placement.seats) {
    const p = byPerson.get(s.personId);
    if (s.group !== group || !p || p.id === personId || p.territory !== mover.territory) continue;
    out.push({ personId: p.id, keeps: p.structure === mover.structure ? "all" : "territory" });
  }
  return out.sort((x, y) => (x.keeps === y.keeps ? (x.personId < y.personId ? -1 : 1) : x.keeps === "all" ? -1 : 1));
}

/**
 * E12: the imported list's "groupe" column read against the rooms: a room's name (case,
 * accents and spacing aside), its number ("3"), or "Groupe 3" / "Group 3". People with no
 * group stay unplaced; unknown labels are reported with their lines.
 */
export function placeImported(
  people: readonly { id: string; line: number; group: string | null }[],
  roomNames: readonly string[],
): { placement: Placement; unknown: { line: number; group: string }[] } {
  const byName = new Map<string, number>();
  roomNames.forEach((name, i) => {
    const key = foldKey(normaliseField(name));
    if (!byName.has(key)) byName.set(key, i);
  });
  const seats: Seat[] = [];
  const unknown: { line: number; group: string }[] = [];
  for (const p of people) {
    if (p.group === null || p.group === "") continue;
    const key = foldKey(p.group);
    const number = /^(?:groupe|group)?0*(\d{1,3})$/.exec(key);
    const group = byName.get(key) ?? (number && Number(number[1]) >= 1 && Number(number[1]) <= roomNames.length ? Number(number[1]) - 1 : undefined);
    if (group === undefined) unknown.push({ line: p.line, group: p.group });
    else seats.push({ personId: p.id, group });
  }
  return { placement: { groupCount: roomNames.length, seats }, unknown };
}

// ---- measuring ------------------------------------------------------------------------

export interface AttributeBalance {
  /** "" for people whose list did not say. */
  value: string;
  total: number;
  perGroup: number[];
  /** Largest minus smallest count over the groups. */
  spread: number;
  /** Every group holds ⌊total/g⌋ or ⌈total/g⌉ (for a complete placement: spread <= 1). */
  even: boolean;
}

export interface BalanceReport {
  groupCount: number;
  placed: number;
  unplaced: number;
  sizes: number[];
  sizeSpread: number;
  territories: AttributeBalance[];
  structures: AttributeBalance[];
  /** The largest spread of any territory (0 with none). */
  territorySpread: number;
  structureSpread: number;
  /** Sizes and every territory and structure even: what E6 promises for a fresh placement. */
  even: boolean;
}

/**
 * E13: counts per group for the coordinator's screen and for the tests; placed people only.
 * Seats naming unknown people or groups are not counted. Values sorted by fewest "even" first,
 * then by name, so what needs a look comes first.
 */
export function balanceReport(people: readonly Person[], placement: Placement): BalanceReport {
  const g = Math.max(0, placement.groupCount);
  const byPerson = new Map(people.map((p) => [p.id, p]));
  const sizes = new Array<number>(g).fill(0);
  const territories = new Map<string, number[]>();
  const structures = new Map<string, number[]>();
  const bump = (m: Map<string, number[]>, key: string, group: number) => {
    let r = m.get(key);
    if (!r) m.set(key, (r = new Array<number>(g).fill(0)));
    r[group]++;
  };
  const placedIds = new Set<string>();
  for (const s of placement.seats) {
    const p = byPerson.get(s.personId);
    if (!p || placedIds.has(p.id) || !Number.isInteger(s.group) || s.group < 0 || s.group >= g) continue;
    placedIds.add(p.id);
    sizes[s.group]++;
    bump(territories, p.territory, s.group);
    bump(structures, p.structure, s.group);
  }
  const sizeSpread = spreadOf(sizes);
  const terr = attributeBalances(territories, g);
  const struct = attributeBalances(structures, g);
  const placed = placedIds.size;
  return {
    groupCount: g,
    placed,
    unplaced: people.length - placed,
    sizes,
    sizeSpread,
    territories: terr,
    structures: struct,
    territorySpread: Math.max(0, ...terr.map((a) => a.spread)),
    structureSpread: Math.max(0, ...struct.map((a) => a.spread)),
    even: isEven(sizes, placed) && terr.every((a) => a.even) && struct.every((a) => a.even),
  };
}

function spreadOf(counts: readonly number[]): number {
  return counts.length === 0 ? 0 : Math.max(...counts) - Math.min(...counts);
}

function isEven(counts: readonly number[], total: number): boolean {
  const lo = Math.floor(total / Math.max(1, counts.length));
  return counts.every((c) => c === lo || c === lo + 1);
}

function attributeBalances(m: Map<string, number[]>, g: number): AttributeBalance[] {
  const rows = [...m].map(([value, perGroup]) => {
    const total = perGroup.reduce((a, b) => a + b, 0);
    return { value, total, perGroup, spread: spreadOf(perGroup), even: g === 0 || isEven(perGroup, total) };
  });
  return rows.sort((x, y) => Number(x.even) - Number(y.even) || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
}
