import { describe, expect, it } from "vitest";
import { apply } from "../../domain/facilitation/index.ts";
import { CONTRACT, FAC, HOLDER, MIN, T0, codev, lobby, must } from "../../domain/facilitation/testkit.ts";
import { EMPTY_CODEV_CONTENT, buildCodevReport } from "../../domain/report/index.ts";
import { pdfPlainText } from "../../../tests/helpers/pdf.ts";
import { pdfText, renderPdf } from "./pdf.ts";

const seance = must(apply(codev, lobby(), { type: "start" }, { id: FAC }, T0, CONTRACT));
const long = "Une phrase assez longue pour remplir une ligne entière du compte rendu, et même davantage. ".repeat(12);

function report(locale: "fr" | "en" = "fr", questions = 3) {
  return buildCodevReport(
    {
      sessionTitle: "Groupe codev Nord",
      joinCode: "ABCDEF",
      sessionCreatedAt: T0,
      attendees: [
        { participantId: FAC, displayName: "Claire", role: "facilitator" },
        { participantId: HOLDER, displayName: "Anaïs", role: "caseHolder" },
      ],
      seance,
      now: T0 + 12 * MIN,
      content: {
        ...EMPTY_CODEV_CONTENT,
        case: { context: long, situation: "Situation − avec un signe moins et un émoji 🙂", tried: "", question: "Comment renouer le dialogue ?" },
        questions: Array.from({ length: questions }, (_, i) => ({ id: `q${i}`, text: `Question ${i + 1} ?`, answer: `Réponse ${i + 1}.`, createdAt: i })),
        suggestions: [{ id: "s", text: "Passer par le CCAS", type: "idea", kept: true, createdAt: 1 }],
        learnings: [{ authorId: HOLDER, text: "Merci", rating: 5, createdAt: 1 }],
      },
    },
    locale,
  );
}

describe("the report as a PDF", () => {
  it("is a PDF whose text holds the title, the group, the case question and the sections", async () => {
    const pdf = await renderPdf(report(), { createdAt: new Date(T0) });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfPlainText(pdf);
    for (const s of ["Compte rendu de séance de co-développement", "Groupe codev Nord", "Comment renouer le dialogue ?", "Participant·e·s", "Réponse 3.", "Retenue", "Note moyenne : 5,0 / 5 (1 évaluation).", "Page 1 sur"])
      expect(text).toContain(s);
    expect(text).toContain("Situation - avec un signe moins et un émoji");
  });

  it("runs over several pages, numbered", async () => {
    const pdf = await renderPdf(report("fr", 80), { createdAt: new Date(T0) });
    const text = pdfPlainText(pdf);
    expect(text).toContain("Question 80 ?");
    expect(text).toMatch(/Page 3 sur \d/);
  });

  it("speaks English on request", async () => {
    const text = pdfPlainText(await renderPdf(report("en"), { createdAt: new Date(T0) }));
    expect(text).toContain("Co-development session report");
    expect(text).toContain("Page 1 of");
  });

  it("keeps only what the standard fonts can show", () => {
    expect(pdfText("Œuvre à côté – « ça » · 3 €")).toBe("Œuvre à côté – « ça » · 3 €");
    expect(pdfText("a − b ≥ c")).toBe("a - b >= c");
    expect(pdfText("ő ł 🙂 ✓")).toBe("o ?  ");
    expect(pdfText("x\u0007y")).toBe("xy");
  });
});
