// How a séance's method roles meet the participant row's session role (facilitator |
// participant | observer), which the socket layer uses for every write (observers never
// write). The séance decides; the row follows it:
// - the session's facilitator is the séance's facilitator, fixed at creation (M11);
// - case holder, consultant and scribe write: session role "participant"; observer: "observer";
// - every role change is written to the row and to the sockets of that person at once;
// - a row created as observer that the facilitator never assigned stays an observer (the
//   stricter of the two wins), so no séance default can widen what a row allowed.
import { type MethodRole, type MethodTemplate, type SeanceState, roleOf } from "../../domain/facilitation/index.ts";
import type { Role } from "../../protocol/index.ts";

export function sessionRoleFor(role: MethodRole): Role {
  return role === "facilitator" ? "facilitator" : role === "observer" ? "observer" : "participant";
}

/** The method role someone has in this séance, given the session role the server knows for them. */
export function effectiveRole(template: MethodTemplate, state: SeanceState, participantId: string, sessionRole: Role): MethodRole {
  if (participantId === state.facilitatorId) return "facilitator";
  const assigned = state.roles.find((r) => r.participantId === participantId);
  if (assigned) return assigned.role;
  return sessionRole === "observer" ? "observer" : roleOf(template, state, participantId);
}

/** A new séance knows the session's observers as observers, so that rows and séance agree from the start. */
export function seedObservers(state: SeanceState, people: ReadonlyArray<{ id: string; role: Role }>): SeanceState {
  const observers = people.filter((p) => p.role === "observer" && p.id !== state.facilitatorId);
  if (observers.length === 0) return state;
  return { ...state, roles: [...state.roles, ...observers.map((p) => ({ participantId: p.id, role: "observer" as const }))] };
}
