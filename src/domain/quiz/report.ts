// The quiz's part of a report (the day's synthesis, Z19): per question shown, how many answered
// and how many got it right, and the correct answer of each revealed one. Counts only: no
// person and no score next to a name (Z12), as on every screen. A question never revealed keeps
// its answer out of the report too, as the room never saw it.
import type { ReportListItem, ReportSection } from "../report/model.ts";
import type { QuizState } from "./model.ts";
import { quizAnswerText } from "./answerText.ts";
import { optionsOf } from "./scoring.ts";
import { questionResults } from "./views.ts";

type Locale = "fr" | "en";

interface QuizReportLabels {
  heading: (title: string) => string;
  summary: (shown: number, total: number, players: number) => string;
  notRun: string;
  columns: [string, string, string, string];
  answer: string;
  notRevealed: string;
  explanation: (text: string) => string;
  none: string;
  trueFalse: (v: boolean) => string;
}

const LABELS: Readonly<Record<Locale, QuizReportLabels>> = {
  fr: {
    heading: (title) => (title ? `Quiz : ${title}` : "Quiz"),
    summary: (shown, total, players) =>
      `${shown} question${shown > 1 ? "s" : ""} posée${shown > 1 ? "s" : ""} sur ${total}, ${players} personne${players > 1 ? "s" : ""} ${players > 1 ? "ont" : "a"} répondu. Aucun classement nominatif.`,
    notRun: "Le quiz a été préparé mais aucune question n'a été posée.",
    columns: ["Question", "Réponses", "Bonnes réponses", "Part"],
    answer: "Bonne réponse",
    notRevealed: "Réponse non dévoilée pendant le quiz.",
    explanation: (text) => `(explication : ${text})`,
    none: "–",
    trueFalse: (v) => (v ? "Vrai" : "Faux"),
  },
  en: {
    heading: (title) => (title ? `Quiz: ${title}` : "Quiz"),
    summary: (shown, total, players) => `${shown} of ${total} question${total === 1 ? "" : "s"} asked, ${players} ${players === 1 ? "person" : "people"} answered. No ranking by name.`,
    notRun: "The quiz was prepared but no question was asked.",
    columns: ["Question", "Answers", "Right answers", "Share"],
    answer: "Right answer",
    notRevealed: "Answer not revealed during the quiz.",
    explanation: (text) => `(explanation: ${text})`,
    none: "–",
    trueFalse: (v) => (v ? "True" : "False"),
  },
};

/** Z19: one main section (a table of the questions shown), then the answers of the revealed ones. */
export function quizReportSection(state: QuizState, locale: Locale = "fr"): ReportSection[] {
  const L = LABELS[locale];
  const percent = (n: number, of: number) => (of === 0 ? L.none : `${Math.round((n / of) * 100)}${locale === "fr" ? "\u00a0%" : "%"}`);
  const shown = state.quiz.questions.map((_, i) => questionResults(state, i)).filter((r) => r !== null);
  const heading = L.heading(state.quiz.title.trim());
  if (shown.length === 0) return [{ level: 2, heading, blocks: [{ kind: "paragraph", text: L.notRun, tone: "muted" }] }];
  const players = new Set(state.answers.map((a) => a.participantId)).size;
  const revealed = new Set(state.runs.filter((r) => r.revealedAt !== null).map((r) => r.questionId));
  const items: ReportListItem[] = shown.map((r) => {
    const q = state.quiz.questions[r.index];
    const value = revealed.has(r.questionId) ? quizAnswerText(r.correctAnswer, optionsOf(q, state.quiz.locale), q.kind === "number" ? q.unit : null, locale, { true: L.trueFalse(true), false: L.trueFalse(false) }) + (r.explanation ? ` ${L.explanation(r.explanation)}` : "") : L.notRevealed;
    return { lead: `Q${r.index + 1}`, text: r.prompt, detail: { label: L.answer, value } };
  });
  return [
    {
      level: 2,
      heading,
      blocks: [
        { kind: "paragraph", text: L.summary(shown.length, state.quiz.questions.length, players), tone: "muted" },
        {
          kind: "table",
          columns: L.columns,
          rows: shown.map((r) => [`Q${r.index + 1}. ${r.prompt}`, String(r.answeredCount), revealed.has(r.questionId) ? String(r.correctCount) : L.none, revealed.has(r.questionId) ? percent(r.correctCount, r.answeredCount) : L.none]),
          numeric: [1, 2, 3],
        },
        { kind: "list", ordered: false, items },
      ],
    },
  ];
}
