// A poll: one question launched by the facilitator inside any step of any session. Plain data;
// the state keeps who answered what (to let people change their answer), the views never send
// it (O9). Rule ids (O…): ../SPEC.md.

export type PollRole = "facilitator" | "participant" | "observer";
export interface PollActor {
  id: string;
  role: PollRole;
}

export interface PollOption {
  id: string;
  label: string;
}

interface PollBase {
  id: string;
  question: string;
  /** `live`: everyone sees results as they come; `onReveal`: when the facilitator shows them. */
  results: "live" | "onReveal";
  /** The step it was launched in, for the report; null outside a séance. */
  stepId: string | null;
}

/** `maxChoices` is 1 for a single choice. */
export type ChoicePoll = PollBase & { kind: "choice"; options: readonly PollOption[]; multiple: boolean; maxChoices: number };
/** A 1 to 5 scale; the end labels are optional ("" when absent). */
export type ScalePoll = PollBase & { kind: "scale"; minLabel: string; maxLabel: string };
/** Short answers for a word cloud: 1 to 3 entries per person. */
export type WordsPoll = PollBase & { kind: "words"; maxWords: number };
export type PollDefinition = ChoicePoll | ScalePoll | WordsPoll;
export type PollKind = PollDefinition["kind"];

export type PollAnswer = { kind: "choice"; optionIds: readonly string[] } | { kind: "scale"; value: number } | { kind: "words"; words: readonly string[] };

export interface PollState {
  status: "idle" | "open" | "closed";
  poll: PollDefinition | null;
  revealed: boolean;
  launchedAt: number | null;
  closedAt: number | null;
  /** One per participant; an array, not a record: ids come from outside. */
  answers: readonly { participantId: string; answer: PollAnswer; at: number }[];
}

export type PollCommand =
  | { type: "launch"; poll: PollDefinition }
  | { type: "reveal" }
  | { type: "close" }
  /** `null` withdraws one's answer (O3). */
  | { type: "answer"; answer: PollAnswer | null };

export const PollError = {
  badInput: "bad_input",
  notFacilitator: "not_facilitator",
  observerCannotAnswer: "observer_cannot_answer",
  facilitatorDoesNotAnswer: "facilitator_does_not_answer",
  notOpen: "poll_not_open",
  alreadyOpen: "poll_already_open",
  alreadyRevealed: "already_revealed",
  badAnswer: "bad_answer",
  nothingToWithdraw: "nothing_to_withdraw",
} as const;
export type PollErrorCode = (typeof PollError)[keyof typeof PollError];
export type PollRefusal = { ok: false; code: PollErrorCode; message: string };
export type PollResult = { ok: true; state: PollState } | PollRefusal;

export const IDLE_POLL: PollState = Object.freeze({ status: "idle", poll: null, revealed: false, launchedAt: null, closedAt: null, answers: Object.freeze([]) as PollState["answers"] });

export const POLL_LIMITS = {
  question: 300,
  optionLabel: 120,
  minOptions: 2,
  maxOptions: 12,
  scaleLabel: 60,
  maxWords: 3,
  wordLength: 40,
} as const;
