// The questionnaire's part of a report (F10): plain ReportSections the report layer renders
// like any other. Numbers are formatted here for the language (a decimal comma in French);
// free texts go into the report only when the facilitator pinned them, or when asked.
import type { ReportBlock, ReportListItem, ReportSection } from "../report/model.ts";
import { type FeedbackLocale, inLocale } from "./model.ts";
import type { FeedbackResults } from "./results.ts";

interface FeedbackReportLabels {
  heading: string;
  responses: (n: number) => string;
  noResponse: string;
  scales: string;
  scaleColumns: (avg: string, n: string) => string[];
  choiceColumns: [string, string, string];
  textAnswers: (n: number) => string;
  noQuote: string;
  quote: (text: string) => string;
  pinned: string;
  none: string;
}

export const FEEDBACK_REPORT_LABELS: Readonly<Record<FeedbackLocale, FeedbackReportLabels>> = {
  fr: {
    heading: "Retours des participant·e·s",
    responses: (n) => (n === 1 ? "1 réponse au questionnaire." : `${n} réponses au questionnaire.`),
    noResponse: "Personne n'a encore répondu au questionnaire.",
    scales: "Évaluations (de 1 à 5)",
    scaleColumns: (avg, n) => ["Question", avg, "1", "2", "3", "4", "5", n],
    choiceColumns: ["Réponse", "Nombre", "Part"],
    textAnswers: (n) => (n === 1 ? "1 réponse libre." : `${n} réponses libres.`),
    noQuote: "Aucune citation retenue.",
    quote: (text) => `« ${text} »`,
    pinned: "Citation retenue",
    none: "–",
  },
  en: {
    heading: "Participants' feedback",
    responses: (n) => (n === 1 ? "1 response to the questionnaire." : `${n} responses to the questionnaire.`),
    noResponse: "Nobody has answered the questionnaire yet.",
    scales: "Ratings (1 to 5)",
    scaleColumns: (avg, n) => ["Question", avg, "1", "2", "3", "4", "5", n],
    choiceColumns: ["Answer", "Count", "Share"],
    textAnswers: (n) => (n === 1 ? "1 free-text answer." : `${n} free-text answers.`),
    noQuote: "No quote selected.",
    quote: (text) => `“${text}”`,
    pinned: "Selected quote",
    none: "–",
  },
};

const AVERAGE = { fr: "Moyenne", en: "Average" } as const;
const ANSWERS = { fr: "Réponses", en: "Answers" } as const;

export interface FeedbackReportOptions {
  /** List every free-text answer, not only the pinned quotes. Off by default: the facilitator chooses what is shared. */
  includeAllText?: boolean;
}

/** F10: one main section, with a part per choice or text question. */
export function feedbackReportSection(results: FeedbackResults, locale: FeedbackLocale = "fr", options: FeedbackReportOptions = {}): ReportSection[] {
  const L = FEEDBACK_REPORT_LABELS[locale];
  const intl = locale === "fr" ? "fr-FR" : "en-GB";
  const decimal = new Intl.NumberFormat(intl, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  // By hand: ICU versions disagree on the space before % in French; exports must not change with the machine.
  const percent = (share: number) => `${Math.round(share * 100)}${locale === "fr" ? "\u00a0%" : "%"}`;
  const main: ReportBlock[] = [{ kind: "paragraph", text: results.respondents === 0 ? L.noResponse : L.responses(results.respondents), tone: "strong" }];
  const scales = results.questions.flatMap((q) => (q.kind === "scale" ? [q] : []));
  if (scales.length > 0 && results.respondents > 0) {
    main.push({ kind: "paragraph", text: L.scales, tone: "muted" });
    main.push({
      kind: "table",
      columns: L.scaleColumns(AVERAGE[locale], ANSWERS[locale]),
      rows: scales.map((q) => [inLocale(q.label, locale), q.average === null ? L.none : decimal.format(q.average), ...q.distribution.map((d) => String(d.count)), String(q.answered)]),
      numeric: [1, 2, 3, 4, 5, 6, 7],
    });
  }
  const sections: ReportSection[] = [{ level: 2, heading: L.heading, blocks: main }];
  if (results.respondents === 0) return sections;
  for (const q of results.questions) {
    if (q.kind === "single" || q.kind === "multiple") {
      sections.push({
        level: 3,
        heading: inLocale(q.label, locale),
        blocks: [{ kind: "table", columns: L.choiceColumns, rows: q.options.map((o) => [inLocale(o.label, locale), String(o.count), q.answered === 0 ? L.none : percent(o.count / q.answered)]), numeric: [1, 2] }],
      });
    }
    if (q.kind === "text") {
      const blocks: ReportBlock[] = [{ kind: "paragraph", text: L.textAnswers(q.answered), tone: "muted" }];
      const quotes = results.quotes.filter((x) => x.questionId === q.questionId);
      const items: ReportListItem[] = options.includeAllText
        ? q.answers.map((a) => (a.pinned ? { text: L.quote(a.text), badge: L.pinned } : { text: L.quote(a.text) }))
        : quotes.map((x) => ({ text: L.quote(x.text) }));
      blocks.push(items.length === 0 ? { kind: "paragraph", text: L.noQuote, tone: "muted" } : { kind: "list", ordered: false, items });
      sections.push({ level: 3, heading: inLocale(q.label, locale), blocks });
    }
  }
  return sections;
}
