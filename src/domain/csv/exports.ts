// The CSV exports of issue 6: feedback responses and summary, poll results, quiz results.
// Results only, never who answered what, except a non-anonymous questionnaire's responses
// with the names the caller gives (X5, X6).
import { type FeedbackLocale, type FeedbackState, inLocale } from "../feedback/model.ts";
import type { FeedbackResults } from "../feedback/results.ts";
import type { PollDefinition } from "../poll/model.ts";
import type { PollResults } from "../poll/results.ts";
import type { QuizState } from "../quiz/model.ts";
import { questionResults } from "../quiz/views.ts";
import { type CsvCell, type CsvOptions, toCsv } from "./csv.ts";

export type CsvLocale = FeedbackLocale;

const LABELS = {
  fr: {
    response: "Réponse",
    participant: "Participant·e",
    question: "Question",
    answers: "Réponses",
    average: "Moyenne",
    answer: "Réponse",
    count: "Nombre",
    number: "N°",
    correctCount: "Bonnes réponses",
    correct: "Bonne réponse",
    yes: "oui",
    no: "non",
    inPlace: (position: number) => `à la place ${position}`,
  },
  en: {
    response: "Response",
    participant: "Participant",
    question: "Question",
    answers: "Answers",
    average: "Average",
    answer: "Answer",
    count: "Count",
    number: "No.",
    correctCount: "Correct answers",
    correct: "Correct",
    yes: "yes",
    no: "no",
    inPlace: (position: number) => `in place ${position}`,
  },
} as const;

/** Several choices in one cell. */
const JOIN = " / ";

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface FeedbackCsvOptions extends CsvOptions {
  /** participantId -> display name; used only when the questionnaire is not anonymous. */
  names?: ReadonlyMap<string, string>;
}

/**
 * X5: one row per response, one column per question. Anonymous: no participant column, no
 * time, rows in response-id order (random ids: says nothing of who or when). Otherwise a
 * name column, rows in submission order.
 */
export function feedbackCsv(state: FeedbackState, locale: CsvLocale = "fr", options: FeedbackCsvOptions = {}): string {
  const L = LABELS[locale];
  const questions = state.definition.questions;
  const named = !state.anonymous;
  const responses = [...state.responses].sort((a, b) => (named ? a.submittedAt - b.submittedAt : 0) || byCodePoint(a.id, b.id));
  const header: CsvCell[] = [L.response, ...(named ? [L.participant] : []), ...questions.map((q) => inLocale(q.label, locale))];
  const rows = responses.map((r, i): CsvCell[] => {
    const cells = questions.map((q): CsvCell => {
      const value = r.answers.find((a) => a.questionId === q.id)?.value;
      if (value === undefined) return null;
      if (q.kind === "scale" || q.kind === "text") return value as number | string;
      const ids = typeof value === "string" ? [value] : (value as readonly string[]);
      return q.options.filter((o) => ids.includes(o.id)).map((o) => inLocale(o.label, locale)).join(JOIN);
    });
    return [i + 1, ...(named ? [options.names?.get(r.participantId) ?? r.participantId] : []), ...cells];
  });
  return toCsv([header, ...rows], options);
}

/** X5: the aggregated results, one row per question and answer (a pivot-table friendly shape). */
export function feedbackSummaryCsv(results: FeedbackResults, locale: CsvLocale = "fr", options: CsvOptions = {}): string {
  const L = LABELS[locale];
  const rows: CsvCell[][] = [[L.question, L.answers, L.average, L.answer, L.count]];
  for (const q of results.questions) {
    const label = inLocale(q.label, locale);
    if (q.kind === "scale") for (const d of q.distribution) rows.push([label, q.answered, q.average === null ? null : round2(q.average), String(d.value), d.count]);
    else if (q.kind === "text") rows.push([label, q.answered, null, null, null]);
    else for (const o of q.options) rows.push([label, q.answered, null, inLocale(o.label, locale), o.count]);
  }
  return toCsv(rows, options);
}

/** X6. */
export function pollCsv(poll: PollDefinition, results: PollResults, locale: CsvLocale = "fr", options: CsvOptions = {}): string {
  const L = LABELS[locale];
  const rows: CsvCell[][] = [[L.question, L.answers, L.answer, L.count]];
  const q = poll.question;
  if (results.kind === "choice") for (const b of results.bars) rows.push([q, results.respondents, b.label, b.count]);
  if (results.kind === "scale") {
    for (const d of results.distribution) rows.push([q, results.respondents, String(d.value), d.count]);
    rows.push([q, results.respondents, L.average, results.average === null ? null : round2(results.average)]);
  }
  if (results.kind === "words") for (const w of results.words) rows.push([q, results.respondents, w.text, w.count]);
  return toCsv(rows, options);
}

/** X6: per question shown, each bar of its distribution; no participant. */
export function quizCsv(state: QuizState, locale: CsvLocale = "fr", options: CsvOptions = {}): string {
  const L = LABELS[locale];
  const rows: CsvCell[][] = [[L.number, L.question, L.answers, L.correctCount, L.answer, L.count, L.correct]];
  state.quiz.questions.forEach((_, index) => {
    const r = questionResults(state, index);
    if (!r) return;
    const head = [index + 1, r.prompt, r.answeredCount, r.correctCount];
    const d = r.distribution;
    if (d.kind === "options") for (const b of d.bars) rows.push([...head, b.label, b.count, b.correct ? L.yes : L.no]);
    if (d.kind === "ordering") for (const b of d.bars) rows.push([...head, `${b.label} (${L.inPlace(b.position)})`, b.inPlace, null]);
    if (d.kind === "number") for (const b of d.bars) rows.push([...head, b.value, b.count, b.correct ? L.yes : L.no]);
  });
  return toCsv(rows, options);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
