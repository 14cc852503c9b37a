import { describe, expect, it } from "vitest";
import { toMarkdown, type ReportDocument } from "../report/index.ts";
import { type QuizAnswer, type QuizCommand, createQuiz, quizReportSection } from "./index.ts";
import { ANA, BEN, CLO, FAC, SEC, T0, quiz, run } from "./testkit.ts";

const answer = (questionId: string, a: QuizAnswer): QuizCommand => ({ type: "answer", questionId, answer: a });
const single = (optionId: string): QuizAnswer => ({ kind: "single", optionId });

function doc(sections: ReturnType<typeof quizReportSection>): string {
  const d: ReportDocument = { locale: "fr", title: "T", subtitle: "", meta: [], sections, footer: "", fileBaseName: "x" };
  return toMarkdown(d);
}

describe("the quiz in a report", () => {
  // q1 revealed (Ana and Chloé right, Ben wrong), q3 shown and answered but not revealed.
  const played = run(
    createQuiz(quiz(), { now: T0 }),
    [{ type: "show", index: 0 }, FAC, T0],
    [answer("q1", single("b")), ANA, T0 + SEC],
    [answer("q1", single("a")), BEN, T0 + 2 * SEC],
    [answer("q1", single("b")), CLO, T0 + 3 * SEC],
    [{ type: "reveal" }, FAC, T0 + 4 * SEC],
    [{ type: "show", index: 2 }, FAC, T0 + 100 * SEC],
    [answer("q3", { kind: "trueFalse", value: true }), BEN, T0 + 101 * SEC],
  );

  it("Z19: per question shown, its answers and right answers; the right answer of revealed questions only; no name", () => {
    const sections = quizReportSection(played, "fr");
    expect(sections).toHaveLength(1);
    expect(sections[0].heading).toBe("Quiz : Les personnes que nous accompagnons");
    const md = doc(sections);
    expect(md).toContain("2 questions posées sur 5, 3 personnes ont répondu");
    const table = sections[0].blocks.find((b) => b.kind === "table");
    expect(table && table.kind === "table" ? table.rows : null).toEqual([
      ["Q1. Quelle part des salarié·e·s en insertion a moins de 26 ans ?", "3", "2", "67\u00a0%"],
      ["Q3. Un chantier d'insertion est une entreprise.", "1", "–", "–"],
    ]);
    expect(md).toContain("Environ 20 % (explication : Environ une personne sur cinq.)");
    expect(md).toContain("Réponse non dévoilée pendant le quiz.");
    // q3's key (false) never appears: it was not revealed.
    expect(md).not.toMatch(/Faux|Vrai/);
    for (const who of ["ana", "ben", "clo"]) expect(JSON.stringify(sections)).not.toContain(who);
  });

  it("Z19: a quiz prepared but never run says so; English labels", () => {
    expect(doc(quizReportSection(createQuiz(quiz(), { now: T0 }), "fr"))).toContain("aucune question n'a été posée");
    const en = doc(quizReportSection(played, "en"));
    expect(en).toContain("## Quiz: Les personnes que nous accompagnons");
    expect(en).toContain("2 of 5 questions asked, 3 people answered");
    expect(en).toContain("67%");
  });
});
