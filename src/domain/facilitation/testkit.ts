// Helpers shared by the facilitation tests (not imported by application code).
import { CODEV_TEMPLATE } from "./codev.ts";
import type { Decision } from "./errors.ts";
import { type ApplyResult, type Command, type Facts, type SeanceState, apply, createSeance } from "./machine.ts";
import { type ContentChange, canChange } from "./permissions.ts";
import type { Preparation } from "./templates.ts";

export const T0 = Date.UTC(2025, 2, 14, 9, 0, 0);
export const MIN = 60_000;
export const FAC = "fac";
export const HOLDER = "holder";
export const CONS = "cons1";
export const CONS2 = "cons2";
export const SCRIBE = "scribe";
export const OBS = "obs";
export const CONTRACT: Facts = { contractWritten: true };

export const codev = CODEV_TEMPLATE;

export function must(r: ApplyResult): SeanceState {
  if (!r.ok) throw new Error(`refused ${r.code}: ${r.message}`);
  return r.state;
}

/** A lobby with the usual cast: a case holder, two consultants (default role), a scribe, an observer. */
export function lobby(preparation?: Preparation, withCaseHolder = true): SeanceState {
  let s = createSeance(codev, { facilitatorId: FAC, now: T0 });
  if (preparation) s = must(apply(codev, s, { type: "prepare", preparation }, { id: FAC }, T0));
  if (withCaseHolder) s = must(apply(codev, s, { type: "assignRole", participantId: HOLDER, role: "caseHolder" }, { id: FAC }, T0));
  s = must(apply(codev, s, { type: "assignRole", participantId: SCRIBE, role: "scribe" }, { id: FAC }, T0));
  s = must(apply(codev, s, { type: "assignRole", participantId: OBS, role: "observer" }, { id: FAC }, T0));
  return s;
}

/** The facilitator applies commands in order, one minute apart. */
export function byFacilitator(state: SeanceState, facts: Facts, ...commands: Command[]): SeanceState {
  let s = state;
  for (const c of commands) s = must(apply(codev, s, c, { id: FAC }, s.clock + MIN, facts));
  return s;
}

/** A running séance on the given step (the contract counted as written). */
export function onStep(stepId: string, preparation?: Preparation): SeanceState {
  const s = byFacilitator(lobby(preparation), CONTRACT, { type: "start" });
  return s.plan[s.stepIndex].stepId === stepId ? s : byFacilitator(s, CONTRACT, { type: "goTo", stepId });
}

export function change(actorId: string, c: Omit<ContentChange, "actorId"> & { actorId?: string }): ContentChange {
  return { actorId, ...c } as ContentChange;
}

export function may(state: SeanceState, actorId: string, c: Omit<ContentChange, "actorId">): Decision {
  return canChange(codev, state, { id: actorId }, change(actorId, c));
}

export const create = (collection: string, itemId: string, authorId: string, values: Record<string, unknown>) =>
  ({ op: "create", collection, itemId, authorId, values }) as const;
export const update = (collection: string, itemId: string, authorId: string, field: string, value: unknown) =>
  ({ op: "update", collection, itemId, authorId, field, value }) as const;
export const remove = (collection: string, itemId: string, authorId: string) => ({ op: "delete", collection, itemId, authorId }) as const;
