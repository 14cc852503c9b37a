// Reading an event's state: who someone is, where they sit, what the other modules need.
import type { SeanceState } from "../facilitation/machine.ts";
import { EVENT_LIMITS as LIMIT, EventError, type EventErrorCode, type EventPerson, type EventRole, type EventRoom, type EventState, type RoomProgress } from "./model.ts";
import { foldKey } from "./people.ts";
import type { Placement } from "./placement.ts";

/** E14: a coordinator is one; a room's named facilitator is a facilitator; anyone else participates. */
export function roleOf(state: EventState, participantId: string): EventRole {
  if (state.coordinatorIds.includes(participantId)) return "coordinator";
  return state.rooms.some((r) => r.facilitators.some((f) => f.participantId === participantId)) ? "facilitator" : "participant";
}

export function personOf(state: EventState, participantId: string): EventPerson | undefined {
  return state.people.find((p) => p.participantId === participantId);
}

export function roomOfPerson(state: EventState, personId: string): EventRoom | undefined {
  const seat = state.seats.find((s) => s.personId === personId);
  return seat ? state.rooms.find((r) => r.id === seat.roomId) : undefined;
}

/** The seats as a placement over group numbers 0..N-1 (room order), for placement.ts. */
export function placementOf(state: EventState): Placement {
  const index = new Map(state.rooms.map((r, i) => [r.id, i]));
  return { groupCount: state.rooms.length, seats: state.seats.flatMap((s) => (index.has(s.roomId) ? [{ personId: s.personId, group: index.get(s.roomId)! }] : [])) };
}

/** What `advanceAll` needs to know of a room's séance (null: no séance opened yet). */
export function roomProgress(roomId: string, seance: SeanceState | null): RoomProgress | null {
  if (!seance) return null;
  return { roomId, status: seance.status, atLastStep: seance.stepIndex >= seance.plan.length - 1 };
}

export function isFacilitatorOf(s: EventState, participantId: string, roomId: string | null): boolean {
  return s.rooms.some((r) => r.id === roomId && r.facilitators.some((f) => f.participantId === participantId));
}

/**
 * I6: who may read the groups' plenary wall: the coordination at any time; during the
 * plenary, anyone of the day who joined (the wall is what the room is shown), never before.
 */
export function mayReadWall(state: EventState, participantId: string): { ok: true } | { ok: false; code: EventErrorCode } {
  const role = roleOf(state, participantId);
  if (role === "coordinator") return { ok: true };
  if (role === "participant" && !personOf(state, participantId)) return { ok: false, code: EventError.notJoined };
  return state.stage === "plenary" ? { ok: true } : { ok: false, code: EventError.notInPlenary };
}

/** What the fuzz test checks after every command. */
export function eventInvariantViolations(s: EventState): string[] {
  const out: string[] = [];
  const people = new Set(s.people.map((p) => p.id));
  const rooms = new Set(s.rooms.map((r) => r.id));
  if (people.size !== s.people.length) out.push("two people share an id");
  if (rooms.size !== s.rooms.length) out.push("two rooms share an id");
  if (new Set(s.rooms.map((r) => foldKey(r.name))).size !== s.rooms.length) out.push("two rooms share a name");
  const seated = s.seats.map((x) => x.personId);
  if (new Set(seated).size !== seated.length) out.push("someone has two seats");
  for (const x of s.seats) if (!people.has(x.personId) || !rooms.has(x.roomId)) out.push(`seat ${x.personId}→${x.roomId} points nowhere`);
  const linked = s.people.flatMap((p) => (p.participantId === null ? [] : [p.participantId]));
  if (new Set(linked).size !== linked.length) out.push("a participant is two people");
  const callers = s.help.map((h) => h.participantId);
  if (new Set(callers).size !== callers.length) out.push("a participant has two open calls");
  if (new Set(s.help.map((h) => h.id)).size !== s.help.length) out.push("two calls share an id");
  for (const h of s.help) if (h.roomId !== null && !rooms.has(h.roomId)) out.push(`call ${h.id} in a removed room`);
  if (s.rooms.length > LIMIT.rooms || s.people.length > LIMIT.people) out.push("limits exceeded");
  if (s.timer && s.timer.endsAt <= s.timer.startedAt) out.push("timer ends before it starts");
  return out;
}
