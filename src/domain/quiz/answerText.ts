// An answer in words ("24 mois", "Vrai", "Mobilité ; Logement", "1. Accueil ; 2. Diagnostic"),
// for the screens and the reports alike. Numbers in the reader's format.
import type { QuizAnswer, QuizOption } from "./model.ts";

export function formatQuizNumber(n: number, locale: "fr" | "en"): string {
  return new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 2 }).format(n);
}

export function quizAnswerText(answer: QuizAnswer, options: readonly QuizOption[], unit: string | null, locale: "fr" | "en", words: { true: string; false: string }): string {
  const label = (id: string) => options.find((o) => o.id === id)?.label ?? id;
  switch (answer.kind) {
    case "single":
      return label(answer.optionId);
    case "multiple":
      return answer.optionIds.map(label).join(" ; ");
    case "trueFalse":
      return answer.value ? words.true : words.false;
    case "ordering":
      return answer.order.map((id, i) => `${i + 1}. ${label(id)}`).join(" ; ");
    case "number":
      return `${formatQuizNumber(answer.value, locale)}${unit ? ` ${unit}` : ""}`;
  }
}
