// Aggregated results (F8), quotes (F9) and the participant's own view. Anonymous results carry
// no participant id and no time, and list texts in an order that says nothing of who wrote
// them or when (F7).
import { type FeedbackDefinition, type FeedbackState, type FeedbackValue, type LocalText } from "./model.ts";
import { isAcceptingAnswers, textOf } from "./machine.ts";

export interface TextAnswer {
  responseId: string;
  questionId: string;
  text: string;
  pinned: boolean;
  /** Only when the questionnaire is not anonymous. */
  participantId?: string;
}

interface ResultBase {
  questionId: string;
  label: LocalText;
  /** How many responses answered this question. */
  answered: number;
}
export type QuestionResult =
  | (ResultBase & { kind: "scale"; minLabel: LocalText; maxLabel: LocalText; average: number | null; distribution: { value: number; count: number }[] })
  | (ResultBase & { kind: "single" | "multiple"; options: { optionId: string; label: LocalText; count: number }[] })
  | (ResultBase & { kind: "text"; answers: TextAnswer[] });

export interface Quote {
  responseId: string;
  questionId: string;
  questionLabel: LocalText;
  text: string;
}

export interface FeedbackResults {
  title: LocalText;
  anonymous: boolean;
  respondents: number;
  questions: QuestionResult[];
  /** Pinned answers still as they were pinned, in the order pinned. */
  quotes: Quote[];
}

function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** F9: a pin counts while the answer still says what the facilitator chose. */
export function validQuotes(state: FeedbackState): Quote[] {
  return state.pins.flatMap((p) => {
    const q = state.definition.questions.find((x) => x.id === p.questionId);
    return q && textOf(state, p.responseId, p.questionId) === p.text ? [{ responseId: p.responseId, questionId: p.questionId, questionLabel: q.label, text: p.text }] : [];
  });
}

/** Pins whose answer was edited or withdrawn since: the facilitator may pin the new text. */
export function stalePins(state: FeedbackState): { responseId: string; questionId: string; pinnedText: string; currentText: string }[] {
  return state.pins.flatMap((p) => {
    const current = textOf(state, p.responseId, p.questionId);
    return current === p.text ? [] : [{ responseId: p.responseId, questionId: p.questionId, pinnedText: p.text, currentText: current }];
  });
}

/** F8. */
export function feedbackResults(state: FeedbackState): FeedbackResults {
  const quotes = validQuotes(state);
  const isPinned = (responseId: string, questionId: string) => quotes.some((q) => q.responseId === responseId && q.questionId === questionId);
  const questions = state.definition.questions.map((q): QuestionResult => {
    const given = state.responses.flatMap((r) => r.answers.filter((a) => a.questionId === q.id).map((a) => ({ response: r, value: a.value })));
    const base = { questionId: q.id, label: q.label, answered: given.length };
    switch (q.kind) {
      case "scale": {
        const values = given.map((g) => g.value).filter((v): v is number => typeof v === "number");
        return {
          ...base,
          kind: "scale",
          minLabel: q.minLabel,
          maxLabel: q.maxLabel,
          average: values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length,
          distribution: [1, 2, 3, 4, 5].map((value) => ({ value, count: values.filter((v) => v === value).length })),
        };
      }
      case "single":
      case "multiple":
        return { ...base, kind: q.kind, options: q.options.map((o) => ({ optionId: o.id, label: o.label, count: given.filter((g) => g.value === o.id || (Array.isArray(g.value) && g.value.includes(o.id))).length })) };
      case "text": {
        const answers = given
          .filter((g): g is { response: (typeof given)[number]["response"]; value: string } => typeof g.value === "string")
          .map((g) => ({ responseId: g.response.id, questionId: q.id, text: g.value, pinned: isPinned(g.response.id, q.id), ...(state.anonymous ? {} : { participantId: g.response.participantId }) }))
          // F7: an order from the words themselves, not from who wrote or when.
          .sort((a, b) => byCodePoint(fold(a.text), fold(b.text)) || byCodePoint(a.text, b.text) || byCodePoint(a.responseId, b.responseId));
        return { ...base, kind: "text", answers };
      }
    }
  });
  return { title: state.definition.title, anonymous: state.anonymous, respondents: state.responses.length, questions, quotes };
}

/** What a participant's screen gets: the questions, whether it is open, and their own answers. */
export interface ParticipantFeedbackView {
  definition: FeedbackDefinition;
  anonymous: boolean;
  accepting: boolean;
  closesAt: number | null;
  mine: null | { responseId: string; answers: { questionId: string; value: FeedbackValue }[] };
}

export function participantFeedbackView(state: FeedbackState, participantId: string, now: number): ParticipantFeedbackView {
  const mine = state.responses.find((r) => r.participantId === participantId);
  return {
    definition: state.definition,
    anonymous: state.anonymous,
    accepting: isAcceptingAnswers(state, now),
    closesAt: state.closesAt,
    mine: mine ? { responseId: mine.id, answers: mine.answers.map((a) => ({ questionId: a.questionId, value: a.value })) } : null,
  };
}
