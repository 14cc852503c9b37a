// The ready-made quiz a first-time facilitator loads in one click: five questions about the
// pathways into work the network offers, one of each kind, in the page's language.
import { newOption, newQuestion, type DraftQuestion, type QuizDraft } from "@/client/quiz";
import type { QuizKind } from "@/domain/quiz";
import type { TFunction } from "../I18nProvider";

function withOptions(kind: QuizKind, labels: string[], correct: number[]): DraftQuestion {
  const q = newQuestion(kind);
  const options = labels.map((l) => newOption(l));
  return { ...q, options, correctIds: correct.map((i) => options[i].id) };
}

export function sampleQuiz(t: TFunction): QuizDraft {
  const q1 = withOptions("single", [t("quiz.sample.q1.o1"), t("quiz.sample.q1.o2"), t("quiz.sample.q1.o3"), t("quiz.sample.q1.o4")], [2]);
  const q2 = newQuestion("trueFalse");
  const q3 = withOptions("multiple", [t("quiz.sample.q3.o1"), t("quiz.sample.q3.o2"), t("quiz.sample.q3.o3"), t("quiz.sample.q3.o4")], [0, 1, 2]);
  const q4 = withOptions("ordering", [t("quiz.sample.q4.o1"), t("quiz.sample.q4.o2"), t("quiz.sample.q4.o3"), t("quiz.sample.q4.o4")], []);
  const q5 = newQuestion("number");
  return {
    title: t("quiz.sample.title"),
    questions: [
      { ...q1, prompt: t("quiz.sample.q1.prompt"), explanation: t("quiz.sample.q1.explanation"), timeLimit: "30" },
      { ...q2, prompt: t("quiz.sample.q2.prompt"), explanation: t("quiz.sample.q2.explanation"), trueFalse: false, timeLimit: "20" },
      { ...q3, prompt: t("quiz.sample.q3.prompt"), explanation: t("quiz.sample.q3.explanation"), timeLimit: "45" },
      { ...q4, prompt: t("quiz.sample.q4.prompt"), explanation: t("quiz.sample.q4.explanation"), timeLimit: "60" },
      { ...q5, prompt: t("quiz.sample.q5.prompt"), explanation: t("quiz.sample.q5.explanation"), numberCorrect: "20", unit: t("quiz.sample.q5.unit"), timeLimit: "30" },
    ],
  };
}
