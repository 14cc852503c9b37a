// The feedback questionnaire: plain data. The state keeps each response's participant id so
// that a person can edit their own response; anonymity decides whether anything built from it
// (results, views, exports) may carry that id (F7). Rule ids (F…): ../SPEC.md.

export type FeedbackLocale = "fr" | "en";

/** Every text of a questionnaire in French and English; an empty `en` falls back to French. */
export interface LocalText {
  fr: string;
  en: string;
}

export function inLocale(text: LocalText, locale: FeedbackLocale): string {
  return locale === "en" && text.en !== "" ? text.en : text.fr;
}

export type FeedbackRole = "facilitator" | "participant" | "observer";
export interface FeedbackActor {
  id: string;
  role: FeedbackRole;
}

export interface FeedbackOption {
  id: string;
  label: LocalText;
}

interface QuestionBase {
  id: string;
  label: LocalText;
  /** Nothing is required by default: a questionnaire is an invitation, not a form to pass. */
  required: boolean;
}

/** Always 1 to 5; end labels may be empty. */
export type ScaleQuestion = QuestionBase & { kind: "scale"; minLabel: LocalText; maxLabel: LocalText };
export type SingleChoiceQuestion = QuestionBase & { kind: "single"; options: readonly FeedbackOption[] };
export type MultipleChoiceQuestion = QuestionBase & { kind: "multiple"; options: readonly FeedbackOption[]; maxChoices: number };
export type TextQuestion = QuestionBase & { kind: "text"; maxLength: number };
export type FeedbackQuestion = ScaleQuestion | SingleChoiceQuestion | MultipleChoiceQuestion | TextQuestion;
export type FeedbackKind = FeedbackQuestion["kind"];

export interface FeedbackDefinition {
  title: LocalText;
  intro: LocalText;
  questions: readonly FeedbackQuestion[];
}

/** scale: 1-5; single: an option id; multiple: option ids; text: the text. */
export type FeedbackValue = number | string | readonly string[];

export interface FeedbackAnswer {
  questionId: string;
  value: FeedbackValue;
}

export interface FeedbackResponse {
  /** Chosen by the server at the first submission (random): quotes point at it, it says nothing of who or when. */
  id: string;
  participantId: string;
  /** In the questionnaire's order; unanswered questions are absent. */
  answers: readonly FeedbackAnswer[];
  submittedAt: number;
  updatedAt: number;
}

/** A quote the facilitator chose for the report, with the text as it was when chosen (F9). */
export interface FeedbackPin {
  responseId: string;
  questionId: string;
  text: string;
}

export interface FeedbackState {
  definition: FeedbackDefinition;
  anonymous: boolean;
  /** `draft` until the facilitator opens it; then answers are taken until `closesAt`. */
  status: "draft" | "open";
  openedAt: number | null;
  /** Exclusive; null: open until the facilitator closes it. */
  closesAt: number | null;
  /** Arrays, not records: ids come from outside. */
  responses: readonly FeedbackResponse[];
  /** In the order the facilitator pinned them: the report's order. */
  pins: readonly FeedbackPin[];
  /** The latest time seen: an earlier `now` counts as this. */
  clock: number;
}

export type FeedbackCommand =
  | { type: "edit"; definition: FeedbackDefinition }
  | { type: "open"; closesAt: number | null }
  | { type: "close" }
  | { type: "setAnonymous"; anonymous: boolean }
  | { type: "pin"; responseId: string; questionId: string }
  | { type: "unpin"; responseId: string; questionId: string }
  /** `responseId` names a first response; on an edit the existing id is kept. */
  | { type: "submit"; responseId: string; answers: readonly FeedbackAnswer[] }
  | { type: "withdraw" };

export const FeedbackError = {
  badInput: "bad_input",
  notFacilitator: "not_facilitator",
  observerCannotAnswer: "observer_cannot_answer",
  facilitatorDoesNotAnswer: "facilitator_does_not_answer",
  notOpen: "not_open",
  responsesExist: "responses_exist",
  anonymityPromised: "anonymity_promised",
  closingInPast: "closing_in_past",
  badAnswer: "bad_answer",
  requiredMissing: "required_missing",
  nothingToWithdraw: "nothing_to_withdraw",
  unknownResponse: "unknown_response",
  notTextQuestion: "not_text_question",
  nothingToPin: "nothing_to_pin",
  alreadyPinned: "already_pinned",
  notPinned: "not_pinned",
  internal: "internal",
} as const;
export type FeedbackErrorCode = (typeof FeedbackError)[keyof typeof FeedbackError];
/** `questionId` says which answer is wrong, so the form can point at it. */
export type FeedbackRefusal = { ok: false; code: FeedbackErrorCode; message: string; questionId?: string };
export type FeedbackResult = { ok: true; state: FeedbackState } | FeedbackRefusal;

export const FEEDBACK_LIMITS = {
  questions: 40,
  title: 200,
  intro: 1000,
  label: 300,
  optionLabel: 120,
  scaleLabel: 60,
  minOptions: 2,
  maxOptions: 12,
  maxTextLength: 2000,
  defaultTextLength: 1000,
} as const;
