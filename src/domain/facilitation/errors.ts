// Refusals are values, never throws: the server forwards `code` to the client, which
// translates it; `message` is English, for logs and third-party developers.

export const FacilitationError = {
  /** The command, actor, time, facts or change is not well-formed. */
  badInput: "bad_input",
  notFacilitator: "not_facilitator",
  notStarted: "not_started",
  alreadyStarted: "already_started",
  ended: "ended",
  unknownStep: "unknown_step",
  noNextStep: "no_next_step",
  noPreviousStep: "no_previous_step",
  sameStep: "same_step",
  /** A step's entry requirement (a role, a fact about the board) is not met. */
  requirementUnmet: "requirement_unmet",
  stepNotOptional: "step_not_optional",
  outOfBounds: "out_of_bounds",
  timerNotRunning: "timer_not_running",
  timerNotPaused: "timer_not_paused",
  roleNotInMethod: "role_not_in_method",
  facilitatorRoleFixed: "facilitator_role_fixed",
  roleFull: "role_full",
  notInSubjectChoice: "not_in_subject_choice",
  notAllowedForRole: "not_allowed_for_role",
  unknownSubject: "unknown_subject",
  // content permissions
  actorMismatch: "actor_mismatch",
  unknownCollection: "unknown_collection",
  unknownField: "unknown_field",
  badValue: "bad_value",
  observerReadOnly: "observer_read_only",
  notYourItem: "not_your_item",
  wrongItemId: "wrong_item_id",
  privateContent: "private_content",
  boardLocked: "board_locked",
  notInThisStep: "not_in_this_step",
  facilitatorForbidden: "facilitator_forbidden",
  /** A bug: apply caught an exception. The fuzz test asserts this never happens. */
  internal: "internal",
} as const;
export type FacilitationErrorCode = (typeof FacilitationError)[keyof typeof FacilitationError];

export interface Refusal {
  ok: false;
  code: FacilitationErrorCode;
  message: string;
}

export type Decision = { ok: true } | Refusal;

export const ALLOWED: Decision = Object.freeze({ ok: true });

export function refuse(code: FacilitationErrorCode, message: string): Refusal {
  return { ok: false, code, message };
}
