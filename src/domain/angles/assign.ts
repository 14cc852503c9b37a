// Giving every listener an angle (L3-L6). An angle's room should hear every territory and as
// many structures as it can: what a partnership looks like in one territory is not what it
// looks like in another. It is the same problem as placing people in groups (angles are the
// groups), so it uses the same colouring (../event/balance.ts) and has the same guarantees.
//
// Narrators get an angle like everyone else (L5): they tell one story and listen to the
// others, and at the regroup their angle's room is better for hearing how their own story was
// perceived. Leaving them out would also make the angle sizes depend on who narrates.
import { seededEquitableColouring, spreadThird } from "../event/balance.ts";
import type { Person } from "../event/people.ts";
import { type BalanceReport, balanceReport } from "../event/placement.ts";
import type { Angle, AngleAssignment } from "./model.ts";

export interface AssignOptions {
  /**
   * L6: the group each listener sits in during the stories (the event's seats). Given, each
   * group's listeners are spread over the angles too, so that every story is heard through
   * every angle; then structures are spread as well as they can be, without a bound.
   */
  seats?: readonly { personId: string; roomId: string }[];
}

/** L3-L6: one angle per listener, deterministic for a seed, whatever the order of `listeners`. */
export function assignAngles(listeners: readonly Person[], angles: readonly Angle[], seed: number, options: AssignOptions = {}): AngleAssignment[] {
  const k = angles.length;
  if (k === 0 || listeners.length === 0) return [];
  if (!options.seats) {
    const colours = seededEquitableColouring(listeners.map((p) => ({ id: p.id, a: p.territory, b: p.structure })), k, seed);
    return listeners.map((p) => ({ personId: p.id, angleId: angles[colours.get(p.id)!].id }));
  }
  const roomOf = new Map(options.seats.map((s) => [s.personId, s.roomId]));
  // People not seated count as one more group: they are spread like the others.
  const items = listeners.map((p) => ({ id: p.id, a: `\u0000${roomOf.get(p.id) ?? ""}`, b: p.territory, c: p.structure }));
  const colours = seededEquitableColouring(items, k, seed);
  const improved = spreadThird(items, items.map((it) => colours.get(it.id)!), k);
  return listeners.map((p, i) => ({ personId: p.id, angleId: angles[improved[i]].id }));
}

/** The angles' balance, measured like the groups' (E13): angles in setup order. */
export function angleBalance(listeners: readonly Person[], angles: readonly Angle[], assignment: readonly AngleAssignment[]): BalanceReport {
  const index = new Map(angles.map((a, i) => [a.id, i]));
  return balanceReport(listeners, { groupCount: angles.length, seats: assignment.flatMap((x) => (index.has(x.angleId) ? [{ personId: x.personId, group: index.get(x.angleId)! }] : [])) });
}

/** The angle of one listener, or null. */
export function angleOf(assignment: readonly AngleAssignment[], personId: string): string | null {
  return assignment.find((x) => x.personId === personId)?.angleId ?? null;
}
