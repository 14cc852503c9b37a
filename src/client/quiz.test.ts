// The quiz editor's draft against the domain's check: the sample quiz passes in both
// languages, a draft survives the round trip, refusals name the field the editor shows.
import { describe, expect, it } from "vitest";
import { validateQuiz } from "../domain/quiz/index.ts";
import { t as translate, type Locale, type MessageKey } from "../i18n/index.ts";
import { sampleQuiz } from "../components/quiz/sample.ts";
import { definitionToDraft, draftToDefinition, newQuestion, parseNumber, readDraft, refusalPath, withKind } from "./quiz.ts";

const tIn = (locale: Locale) => (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);

describe("quiz draft", () => {
  for (const locale of ["fr", "en"] as const) {
    it(`the sample quiz is valid (${locale}) and comes back the same`, () => {
      const draft = sampleQuiz(tIn(locale));
      const checked = validateQuiz(draftToDefinition(draft, locale));
      expect(checked.ok).toBe(true);
      if (!checked.ok) return;
      expect(checked.quiz.questions.map((q) => q.kind)).toEqual(["single", "trueFalse", "multiple", "ordering", "number"]);
      const again = validateQuiz(draftToDefinition(definitionToDraft(checked.quiz, locale), locale));
      expect(again).toEqual(checked);
    });
  }

  it("a blank question is refused at its prompt; a bad time limit at its field", () => {
    const q = newQuestion();
    const r = validateQuiz(draftToDefinition({ title: "T", questions: [q] }, "fr"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.path).toBe("questions[0].prompt");
    const filled = { ...q, prompt: "P", options: q.options.map((o, i) => ({ ...o, label: `o${i}` })), timeLimit: "3,5" };
    const r2 = validateQuiz(draftToDefinition({ title: "T", questions: [filled] }, "fr"));
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.path).toBe("questions[0].timeLimitSec");
    const typo = { ...filled, timeLimit: "abc" };
    const r3 = validateQuiz(draftToDefinition({ title: "T", questions: [typo] }, "fr"));
    expect(!r3.ok && r3.path).toBe("questions[0].timeLimitSec");
  });

  it("a number typed the French way is a number; a word is sent as typed and refused", () => {
    expect(parseNumber("12,5")).toBe(12.5);
    expect(parseNumber(" 1 000 ")).toBe(1000);
    expect(parseNumber("-3")).toBe(-3);
    expect(parseNumber("douze")).toBeNaN();
    expect(parseNumber("")).toBeNaN();
    const q = { ...withKind(newQuestion(), "number"), prompt: "P", numberCorrect: "douze" };
    const r = validateQuiz(draftToDefinition({ title: "T", questions: [q] }, "fr"));
    expect(!r.ok && r.path).toBe("questions[0].correct");
  });

  it("a true/false question without its answer is refused at `correct`", () => {
    const q = { ...withKind(newQuestion(), "trueFalse"), prompt: "P" };
    const r = validateQuiz(draftToDefinition({ title: "T", questions: [q] }, "fr"));
    expect(!r.ok && r.path).toBe("questions[0].correct");
  });

  it("a question's picture and its alt text go with the definition and come back; a picture without alt text is refused at imageAlt", () => {
    const q = { ...withKind(newQuestion(), "trueFalse"), prompt: "Une marguerite ?", trueFalse: true, image: "Yh3kQ9xW2mZr7bLc1nPd8sTf", imageAlt: "Une fleur blanche" };
    const r = validateQuiz(draftToDefinition({ title: "T", questions: [q] }, "fr"));
    expect(r.ok && r.quiz.questions[0]).toMatchObject({ image: "Yh3kQ9xW2mZr7bLc1nPd8sTf", imageAlt: "Une fleur blanche" });
    if (r.ok) expect(definitionToDraft(r.quiz, "fr").questions[0]).toMatchObject({ image: "Yh3kQ9xW2mZr7bLc1nPd8sTf", imageAlt: "Une fleur blanche" });
    const noAlt = validateQuiz(draftToDefinition({ title: "T", questions: [{ ...q, imageAlt: " " }] }, "fr"));
    expect(!noAlt.ok && noAlt.path).toBe("questions[0].imageAlt");
    // The picture removed, a leftover alt text is not sent.
    const removed = draftToDefinition({ title: "T", questions: [{ ...q, image: "" }] }, "fr") as { questions: { image: unknown; imageAlt: unknown }[] };
    expect(removed.questions[0]).toMatchObject({ image: null, imageAlt: "" });
  });

  it("a draft kept before pictures existed reads with no picture", () => {
    const { image: _i, imageAlt: _a, ...old } = { ...newQuestion(), prompt: "Ancienne" };
    const read = readDraft(JSON.stringify({ title: "T", questions: [old] }));
    expect(read?.questions[0]).toMatchObject({ prompt: "Ancienne", image: "", imageAlt: "" });
  });

  it("reads the path off the server's refusal message", () => {
    expect(refusalPath("questions[2].options[0].label: required")).toBe("questions[2].options[0].label");
    expect(refusalPath("title: required")).toBe("title");
    expect(refusalPath("questions: at least 1")).toBe("questions");
    expect(refusalPath(": not a quiz")).toBe("");
    expect(refusalPath("the quiz has started: it can no longer be changed")).toBe("");
  });
});
