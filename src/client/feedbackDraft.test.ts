import { describe, expect, it } from "vitest";
import { defaultFeedbackTemplate, FEEDBACK_LIMITS, validateFeedbackDefinition, type FeedbackDefinition } from "../domain/feedback/index.ts";
import {
  addOption,
  definitionKey,
  definitionRefusalPath,
  fieldSpot,
  fromDraft,
  moveItem,
  newDraftQuestion,
  readKeptDraft,
  refusalReason,
  removeOption,
  removeQuestion,
  restoreQuestion,
  sameDraft,
  toDraft,
  withKind,
  type FeedbackDraft,
} from "./feedbackDraft.ts";

const template = defaultFeedbackTemplate("seminar");

function checked(draft: FeedbackDraft) {
  return validateFeedbackDefinition(fromDraft(draft));
}

describe("the editor's draft of a questionnaire", () => {
  it("goes to the draft and back unchanged (the template passes F1 as it was)", () => {
    const back = checked(toDraft(template));
    expect(back).toEqual({ ok: true, definition: template });
  });

  it("round-trips every kind, a multiple choice with a maximum and one without", () => {
    const def: FeedbackDefinition = {
      title: { fr: "Retours", en: "Feedback" },
      intro: { fr: "", en: "" },
      questions: [
        { id: "a", kind: "single", required: true, label: { fr: "Un", en: "" }, options: [{ id: "x", label: { fr: "X", en: "" } }, { id: "y", label: { fr: "Y", en: "Why" } }] },
        { id: "b", kind: "multiple", required: false, label: { fr: "Deux", en: "" }, maxChoices: 2, options: ["p", "q", "r"].map((id) => ({ id, label: { fr: id, en: "" } })) },
        { id: "c", kind: "multiple", required: false, label: { fr: "Trois", en: "" }, maxChoices: 2, options: ["p", "q"].map((id) => ({ id, label: { fr: id, en: "" } })) },
        { id: "d", kind: "text", required: false, label: { fr: "Quatre", en: "" }, maxLength: 300 },
      ],
    };
    const draft = toDraft(def);
    expect(draft.questions[1].maxChoices).toBe(2);
    expect(draft.questions[2].maxChoices).toBeNull();
    expect(checked(draft)).toEqual({ ok: true, definition: def });
  });

  it("makes new questions and options with ids the domain accepts, all different", () => {
    const qs = Array.from({ length: 30 }, () => newDraftQuestion("single"));
    const ids = qs.flatMap((q) => [q.id, ...q.options.map((o) => o.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it("a new question with its wording passes F1 in every kind once its choices are written", () => {
    for (const kind of ["scale", "single", "multiple", "text"] as const) {
      const q = newDraftQuestion(kind);
      const filled = { ...q, label: { fr: "Une question", en: "" }, options: q.options.map((o, i) => ({ ...o, label: { fr: `Choix ${i + 1}`, en: "" } })) };
      const r = checked({ title: { fr: "T", en: "" }, intro: { fr: "", en: "" }, questions: [filled] });
      expect(r.ok, kind).toBe(true);
    }
  });

  it("changing the kind keeps the wording and the options typed before, and gives a choice two options", () => {
    const q = { ...newDraftQuestion("scale"), label: { fr: "Votre avis", en: "" } };
    expect(q.options).toEqual([]);
    const single = withKind(q, "single");
    expect(single.options).toHaveLength(FEEDBACK_LIMITS.minOptions);
    expect(single.label.fr).toBe("Votre avis");
    const typed = { ...single, options: single.options.map((o) => ({ ...o, label: { fr: "A", en: "" } })) };
    const back = withKind(withKind(typed, "text"), "multiple");
    expect(back.options).toEqual(typed.options);
    expect(fromDraft({ title: q.label, intro: q.label, questions: [withKind(typed, "text")] })).toMatchObject({ questions: [{ kind: "text", maxLength: 1000 }] });
    expect((fromDraft({ title: q.label, intro: q.label, questions: [withKind(typed, "text")] }) as { questions: object[] }).questions[0]).not.toHaveProperty("options");
  });

  it("adds options up to twelve and removes them down to two, keeping the maximum of choices within them", () => {
    let q = withKind(newDraftQuestion(), "multiple");
    for (let i = 0; i < 20; i++) q = addOption(q);
    expect(q.options).toHaveLength(FEEDBACK_LIMITS.maxOptions);
    q = { ...q, maxChoices: 11 };
    q = removeOption(q, q.options[0].id);
    expect(q.options).toHaveLength(11);
    expect(q.maxChoices).toBeNull();
    q = { ...q, maxChoices: 3 };
    while (q.options.length > 2) q = removeOption(q, q.options[q.options.length - 1].id);
    expect(q.maxChoices).toBeNull();
    expect(removeOption(q, q.options[0].id)).toBe(q);
  });

  it("sends a text length that is not a whole number as typed, so that the refusal points at it", () => {
    const q = { ...newDraftQuestion("text"), label: { fr: "Q", en: "" }, maxLength: "beaucoup" };
    const r = checked({ title: { fr: "T", en: "" }, intro: { fr: "", en: "" }, questions: [q] });
    expect(r).toMatchObject({ ok: false, code: "out_of_range", path: "questions[0].maxLength" });
    expect(fromDraft({ title: { fr: "T", en: "" }, intro: { fr: "", en: "" }, questions: [{ ...q, maxLength: " 2 000 " }] })).toMatchObject({ questions: [{ maxLength: 2000 }] });
    expect(fromDraft({ title: { fr: "T", en: "" }, intro: { fr: "", en: "" }, questions: [{ ...q, maxLength: "" }] })).toMatchObject({ questions: [{ maxLength: 1000 }] });
  });

  it("moves an item up or down and ignores a move out of the list", () => {
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 3)).toEqual(["a", "b", "c"]);
  });

  it("removes a question and puts it back where it was; the last question stays", () => {
    const draft = toDraft(template);
    const { draft: fewer, removed } = removeQuestion(draft, 1);
    expect(fewer.questions.map((q) => q.id)).toEqual(["satisfaction", "organisation", "takeaway", "suggestions"]);
    expect(restoreQuestion(fewer, removed!)).toEqual(draft);
    expect(restoreQuestion(draft, removed!)).toBe(draft);
    const one = { ...draft, questions: [draft.questions[0]] };
    expect(removeQuestion(one, 0)).toEqual({ draft: one, removed: null });
    // The list got shorter meanwhile: it comes back last.
    const shorter = { ...fewer, questions: fewer.questions.slice(0, 1) };
    expect(restoreQuestion(shorter, removed!).questions.map((q) => q.id)).toEqual(["satisfaction", "usefulness"]);
  });

  it("tells a change from the stored version, not a round trip", () => {
    const draft = toDraft(template);
    expect(sameDraft(draft, toDraft(template))).toBe(true);
    expect(sameDraft({ ...draft, title: { fr: "Autre", en: "" } }, draft)).toBe(false);
    expect(sameDraft({ ...draft, questions: moveItem(draft.questions, 0, 1) }, draft)).toBe(false);
  });
});

describe("a refused edit points at its field", () => {
  it("reads the path at the start of the message", () => {
    expect(definitionRefusalPath("questions[2].options[0].label.fr: required in French")).toBe("questions[2].options[0].label.fr");
    expect(definitionRefusalPath("intro.en: at most 1000 characters")).toBe("intro.en");
    expect(definitionRefusalPath("title.fr: required in French")).toBe("title.fr");
    expect(definitionRefusalPath("no questionnaire yet: create one first")).toBe("");
  });

  it("places every path the domain names", () => {
    expect(fieldSpot("title.fr")).toEqual({ at: "title", en: false });
    expect(fieldSpot("intro.en")).toEqual({ at: "intro", en: true });
    expect(fieldSpot("questions[1].label.fr")).toEqual({ at: "question", question: 1, field: "label", option: null, en: false });
    expect(fieldSpot("questions[1].maxLabel.en")).toEqual({ at: "question", question: 1, field: "maxLabel", option: null, en: true });
    expect(fieldSpot("questions[0].options[3].label.en")).toEqual({ at: "question", question: 0, field: "option", option: 3, en: true });
    expect(fieldSpot("questions[0].options[3].id")).toEqual({ at: "question", question: 0, field: "options", option: null, en: false });
    expect(fieldSpot("questions[0].options")).toMatchObject({ field: "options" });
    expect(fieldSpot("questions[4].maxChoices")).toMatchObject({ question: 4, field: "maxChoices" });
    expect(fieldSpot("questions[4].kind")).toMatchObject({ question: 4, field: "other" });
    expect(fieldSpot("questions")).toEqual({ at: "general", en: false });
    expect(fieldSpot("")).toEqual({ at: "general", en: false });
  });

  it("says why, for each refusal validate.ts gives", () => {
    const reasonOf = (definition: unknown) => {
      const r = validateFeedbackDefinition(definition);
      if (r.ok) throw new Error("expected a refusal");
      return refusalReason(r.path, r.message);
    };
    const base = fromDraft(toDraft(template)) as { questions: Record<string, unknown>[] };
    const withQ = (q: Record<string, unknown>) => ({ ...base, questions: [q] });
    expect(reasonOf({ ...base, title: { fr: " ", en: "" } })).toEqual({ reason: "required" });
    expect(reasonOf({ ...base, intro: { fr: "x".repeat(1001), en: "" } })).toEqual({ reason: "tooLong", max: 1000 });
    expect(reasonOf({ ...base, title: { fr: "a\u0007", en: "" } })).toEqual({ reason: "badText" });
    expect(reasonOf({ ...base, questions: [] })).toEqual({ reason: "tooFewQuestions" });
    expect(reasonOf({ ...base, questions: Array.from({ length: 41 }, (_, i) => ({ ...base.questions[0], id: `q${i}` })) })).toEqual({ reason: "tooManyQuestions", max: 40 });
    const opt = (id: string) => ({ id, label: { fr: id, en: "" } });
    expect(reasonOf(withQ({ id: "a", kind: "single", label: "Q", options: [opt("x")] }))).toEqual({ reason: "tooFewOptions", max: 2 });
    expect(reasonOf(withQ({ id: "a", kind: "single", label: "Q", options: Array.from({ length: 13 }, (_, i) => opt(`o${i}`)) }))).toEqual({ reason: "tooManyOptions", max: 12 });
    expect(reasonOf(withQ({ id: "a", kind: "multiple", label: "Q", options: [opt("x"), opt("y")], maxChoices: 3 }))).toEqual({ reason: "maxChoices" });
    expect(reasonOf(withQ({ id: "a", kind: "text", label: "Q", maxLength: 0 }))).toEqual({ reason: "maxLength" });
    expect(reasonOf(withQ({ id: "a", kind: "single", label: "Q", options: [opt("x"), { id: "y", label: { fr: "", en: "" } }] }))).toEqual({ reason: "required" });
    expect(reasonOf(withQ({ id: "a b", kind: "text", label: "Q" }))).toEqual({ reason: "other" });
  });
});

describe("the draft kept in this browser", () => {
  it("comes back only over the stored version it started from", () => {
    const draft = { ...toDraft(template), title: { fr: "Mon titre", en: "" } };
    const raw = JSON.stringify({ base: definitionKey(template), draft });
    expect(readKeptDraft(raw, template)).toEqual(draft);
    // Read back from the database, the same questionnaire has its keys in another order.
    const reordered = JSON.parse(JSON.stringify(template, Object.keys(template).concat(["id", "kind", "required", "label", "fr", "en", "minLabel", "maxLabel", "maxLength", "options"]).sort())) as typeof template;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(template));
    expect(readKeptDraft(raw, reordered)).toEqual(draft);
    expect(readKeptDraft(raw, { ...template, title: { fr: "Changé ailleurs", en: "" } })).toBeNull();
    expect(readKeptDraft(null, template)).toBeNull();
    expect(readKeptDraft("{", template)).toBeNull();
    expect(readKeptDraft(JSON.stringify({ base: definitionKey(template), draft: { ...draft, questions: [{ id: 1 }] } }), template)).toBeNull();
  });
});
