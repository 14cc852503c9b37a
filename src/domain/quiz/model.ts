// The quiz's plain data: its definition (what the facilitator prepares), its live state (what
// the server keeps) and its commands. The state holds the answer key and who answered what:
// it never leaves the server as it is; the views (views.ts) decide what each screen gets.
// Rule ids (Z…): ../SPEC.md.

export type QuizRole = "facilitator" | "participant" | "observer";
export interface QuizActor {
  id: string;
  /** Method roles map onto these, as for votes. */
  role: QuizRole;
}

export const QUIZ_KINDS = ["single", "multiple", "trueFalse", "ordering", "number"] as const;
export type QuizKind = (typeof QUIZ_KINDS)[number];

export interface QuizOption {
  id: string;
  label: string;
}

interface QuestionBase {
  id: string;
  prompt: string;
  /** An uploaded file's id or a path on our own site (Z2); null: no image. */
  image: string | null;
  /** The image's text alternative, required with an image (Z2); "" without one. */
  imageAlt: string;
  /** Shown with the answer, never before it (Z9); "" when there is none. */
  explanation: string;
  /** Whole seconds; null: open until the facilitator reveals or moves on. */
  timeLimitSec: number | null;
}

export type SingleQuestion = QuestionBase & { kind: "single"; options: readonly QuizOption[]; correctOptionId: string };
/** `partial`: right picks minus wrong picks over the right options, never below 0 (Z8). */
export type MultipleQuestion = QuestionBase & { kind: "multiple"; options: readonly QuizOption[]; correctOptionIds: readonly string[]; scoring: "exact" | "partial" };
export type TrueFalseQuestion = QuestionBase & { kind: "trueFalse"; correct: boolean };
/**
 * The options are written in the correct order (the simplest way to author it); participants
 * get them in another order (Z9). `positional`: the share of items put in their place.
 */
export type OrderingQuestion = QuestionBase & { kind: "ordering"; options: readonly QuizOption[]; scoring: "exact" | "positional" };
/** Right when |answer - correct| <= tolerance. `unit` is shown next to the input ("%", "ans"). */
export type NumberQuestion = QuestionBase & { kind: "number"; correct: number; tolerance: number; unit: string };

export type QuizQuestion = SingleQuestion | MultipleQuestion | TrueFalseQuestion | OrderingQuestion | NumberQuestion;

export interface QuizDefinition {
  title: string;
  /** The language the facilitator wrote in: it names the true/false options. */
  locale: "fr" | "en";
  questions: readonly QuizQuestion[];
}

/** What a participant sends; the correct answer is given in the same shapes on reveal. */
export type QuizAnswer =
  | { kind: "single"; optionId: string }
  | { kind: "multiple"; optionIds: readonly string[] }
  | { kind: "trueFalse"; value: boolean }
  | { kind: "ordering"; order: readonly string[] }
  | { kind: "number"; value: number };

/** Z12-Z14: nobody is ranked by name; `anonymous` shows a histogram, `team` ranks teams. */
export type ScoringMode = "none" | "anonymous" | "team";
export const SCORING_MODES: readonly ScoringMode[] = ["none", "anonymous", "team"];

export interface QuizTeam {
  id: string;
  name: string;
}

/** One question as it was run; absolute times (the clients render the countdown). */
export interface QuestionRun {
  questionId: string;
  openedAt: number;
  /** openedAt + time limit; null: no limit. */
  closesAt: number | null;
  /** When the facilitator moved away from it or revealed it: answering stops there. */
  closedAt: number | null;
  revealedAt: number | null;
}

export interface QuizAnswerRecord {
  participantId: string;
  questionId: string;
  answer: QuizAnswer;
  at: number;
  /** The team the participant was in when answering: its points stay there (Z14). */
  teamId: string | null;
}

export interface QuizState {
  quiz: QuizDefinition;
  status: "lobby" | "running" | "ended";
  /** Index of the question on screen. */
  current: number | null;
  /** In the order the questions were first shown; at most one per question. */
  runs: readonly QuestionRun[];
  /** Arrays, not records: ids come from outside ("__proto__"…). */
  answers: readonly QuizAnswerRecord[];
  scoring: ScoringMode;
  teams: readonly QuizTeam[];
  membership: readonly { participantId: string; teamId: string }[];
  /** Network allowance after the time limit (Z5). */
  graceMs: number;
  /** The latest time seen: an earlier `now` counts as this (Z17). */
  clock: number;
}

export type QuizCommand =
  | { type: "show"; index: number }
  | { type: "next" }
  | { type: "reveal" }
  | { type: "end" }
  | { type: "setScoring"; mode: ScoringMode; teams?: readonly QuizTeam[] }
  | { type: "joinTeam"; teamId: string }
  | { type: "answer"; questionId: string; answer: QuizAnswer };

export const QuizError = {
  badInput: "bad_input",
  notFacilitator: "not_facilitator",
  observerCannotAnswer: "observer_cannot_answer",
  facilitatorDoesNotAnswer: "facilitator_does_not_answer",
  ended: "ended",
  outOfRange: "out_of_range",
  sameQuestion: "same_question",
  noNextQuestion: "no_next_question",
  noQuestion: "no_question",
  alreadyRevealed: "already_revealed",
  unknownQuestion: "unknown_question",
  questionNotOpen: "question_not_open",
  timeUp: "time_up",
  alreadyAnswered: "already_answered",
  badAnswer: "bad_answer",
  notTeamMode: "not_team_mode",
  unknownTeam: "unknown_team",
  /** A bug: applyQuiz caught an exception. The fuzz test asserts it never happens. */
  internal: "internal",
} as const;
export type QuizErrorCode = (typeof QuizError)[keyof typeof QuizError];
export type QuizRefusal = { ok: false; code: QuizErrorCode; message: string };
export type QuizResult = { ok: true; state: QuizState } | QuizRefusal;

export const DEFAULT_GRACE_MS = 500;
export const MAX_GRACE_MS = 5000;
export const MAX_TEAMS = 20;
export const TEAM_NAME_MAX = 60;

export function refuseQuiz(code: QuizErrorCode, message: string): QuizRefusal {
  return { ok: false, code, message };
}
