import { describe, expect, it } from "vitest";
import { mulberry32, shuffled } from "../seededRandom.ts";
import { toMarkdown } from "../report/index.ts";
import {
  type FeedbackActor,
  type FeedbackAnswer,
  type FeedbackCommand,
  type FeedbackDefinition,
  type FeedbackResult,
  type FeedbackState,
  FeedbackError,
  applyFeedback,
  createFeedback,
  defaultFeedbackTemplate,
  feedbackInvariantViolations,
  feedbackReportSection,
  feedbackResults,
  participantFeedbackView,
  stalePins,
  validateFeedbackDefinition,
} from "./index.ts";

const FAC: FeedbackActor = { id: "fac", role: "facilitator" };
const ANA: FeedbackActor = { id: "ana", role: "participant" };
const BEN: FeedbackActor = { id: "ben", role: "participant" };
const CLO: FeedbackActor = { id: "clo", role: "participant" };
const OBS: FeedbackActor = { id: "obs", role: "observer" };
const T0 = 1_800_000_000_000;
const DAY = 86_400_000;

/** The default template plus a single and a multiple choice. */
const DEF: FeedbackDefinition = (() => {
  const base = defaultFeedbackTemplate();
  const r = validateFeedbackDefinition({
    ...base,
    questions: [
      ...base.questions,
      { id: "again", kind: "single", label: { fr: "Reviendriez-vous ?", en: "Would you come again?" }, options: [{ id: "yes", label: { fr: "Oui", en: "Yes" } }, { id: "maybe", label: "Peut-être" }, { id: "no", label: { fr: "Non", en: "No" } }] },
      { id: "formats", kind: "multiple", label: "Formats préférés", maxChoices: 2, options: [{ id: "codev", label: "Co-développement" }, { id: "angles", label: "Angles d'écoute" }, { id: "quiz", label: "Quiz" }] },
    ],
  });
  if (!r.ok) throw new Error(r.message);
  return r.definition;
})();

function must(r: FeedbackResult): FeedbackState {
  if (!r.ok) throw new Error(`refused ${r.code}: ${r.message}`);
  return r.state;
}
function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}
function run(state: FeedbackState, ...steps: [FeedbackCommand, FeedbackActor, number?][]): FeedbackState {
  return steps.reduce((s, [c, a, t]) => must(applyFeedback(deepFreeze(s), c, a, t ?? s.clock)), state);
}
const opened = (closesAt: number | null = T0 + DAY) => run(createFeedback(DEF, { now: T0 }), [{ type: "open", closesAt }, FAC, T0]);
const submit = (responseId: string, ...answers: [string, FeedbackAnswer["value"]][]): FeedbackCommand => ({ type: "submit", responseId, answers: answers.map(([questionId, value]) => ({ questionId, value })) });

/** Three responses: the shape of the tests below. */
function answered(anonymous = true): FeedbackState {
  const s = run(createFeedback(DEF, { now: T0, anonymous }), [{ type: "open", closesAt: T0 + DAY }, FAC, T0]);
  return run(
    s,
    [submit("r-zz", ["satisfaction", 5], ["usefulness", 4], ["takeaway", "Écouter sans conseiller tout de suite"], ["again", "yes"], ["formats", ["codev", "angles"]]), ANA, T0 + 1000],
    [submit("r-aa", ["satisfaction", 4], ["takeaway", "  La confiance entre collègues  "], ["suggestions", "Plus de temps\r\npour les ateliers"], ["again", "maybe"], ["formats", ["codev"]]), BEN, T0 + 2000],
    [submit("r-mm", ["satisfaction", 2], ["organisation", 3], ["takeaway", "=HYPERLINK(\"http://x\")"], ["again", "yes"]), CLO, T0 + 3000],
  );
}

describe("feedback questionnaire", () => {
  it("F1: a questionnaire is checked and normalised; a plain string is French only", () => {
    expect(validateFeedbackDefinition({ title: "Retours", questions: [{ id: "q", kind: "text", label: "  Un   mot ?  " }] })).toEqual({
      ok: true,
      definition: { title: { fr: "Retours", en: "" }, intro: { fr: "", en: "" }, questions: [{ id: "q", kind: "text", label: { fr: "Un mot ?", en: "" }, required: false, maxLength: 1000 }] },
    });
    const q = (x: object) => ({ title: "T", questions: [{ id: "q", kind: "scale", label: "Note", ...x }] });
    const bad: [unknown, string, string][] = [
      [null, "bad_input", ""],
      [{ title: "T", questions: [] }, "too_few", "questions"],
      [{ questions: [{ id: "q", kind: "text", label: "x" }] }, "required", "title.fr"],
      [q({ label: { fr: "", en: "Rating" } }), "required", "questions[0].label.fr"],
      [q({ kind: "stars" }), "bad_kind", "questions[0].kind"],
      [q({ id: "a b" }), "bad_id", "questions[0].id"],
      [q({ kind: "single", options: [{ id: "a", label: "A" }] }), "too_few", "questions[0].options"],
      [q({ kind: "multiple", options: [{ id: "a", label: "A" }, { id: "b", label: "B" }], maxChoices: 3 }), "out_of_range", "questions[0].maxChoices"],
      [q({ kind: "text", maxLength: 5000 }), "out_of_range", "questions[0].maxLength"],
      [q({ label: "x".repeat(301) }), "too_long", "questions[0].label.fr"],
      [{ title: "T", questions: [{ id: "q", kind: "text", label: "A" }, { id: "q", kind: "text", label: "B" }] }, "duplicate_id", "questions[1].id"],
    ];
    for (const [input, code, path] of bad) expect(validateFeedbackDefinition(input), JSON.stringify(input)).toMatchObject({ ok: false, code, path });
  });

  it("F2: the default template: five questions in French and English, none required, anonymous by default", () => {
    for (const event of ["nationalDay", "seminar"] as const) {
      const t = defaultFeedbackTemplate(event);
      expect(validateFeedbackDefinition(t)).toEqual({ ok: true, definition: t });
      expect(t.questions.map((q) => [q.id, q.kind, q.required])).toEqual([
        ["satisfaction", "scale", false],
        ["usefulness", "scale", false],
        ["organisation", "scale", false],
        ["takeaway", "text", false],
        ["suggestions", "text", false],
      ]);
      for (const q of t.questions) expect(q.label.fr.length * q.label.en.length).toBeGreaterThan(0);
    }
    expect(defaultFeedbackTemplate().questions[0].label.fr).toBe("Dans l'ensemble, êtes-vous satisfait·e de cette journée ?");
    expect(defaultFeedbackTemplate("seminar").questions[1].label.fr).toBe("Ce séminaire vous sera-t-il utile dans votre pratique d'accompagnement ?");
    expect(createFeedback(defaultFeedbackTemplate(), { now: T0 }).anonymous).toBe(true);
  });

  it("F3: only the facilitator manages the questionnaire; questions change only while nobody has answered", () => {
    const s = opened();
    const commands: FeedbackCommand[] = [{ type: "edit", definition: DEF }, { type: "open", closesAt: null }, { type: "close" }, { type: "setAnonymous", anonymous: false }, { type: "pin", responseId: "r", questionId: "takeaway" }, { type: "unpin", responseId: "r", questionId: "takeaway" }];
    for (const who of [ANA, OBS]) for (const c of commands) expect(applyFeedback(s, c, who, T0)).toMatchObject({ ok: false, code: "not_facilitator" });
    const edited = run(s, [{ type: "edit", definition: defaultFeedbackTemplate("seminar") }, FAC]);
    expect(edited.definition.questions).toHaveLength(5);
    expect(applyFeedback(s, { type: "edit", definition: { title: "x" } as never }, FAC, T0)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyFeedback(answered(), { type: "edit", definition: DEF }, FAC, T0 + 5000)).toMatchObject({ ok: false, code: "responses_exist" });
  });

  it("F4: answers are taken once open and before the closing date; close ends now; reopening needs a future date", () => {
    const draft = createFeedback(DEF, { now: T0 });
    expect(applyFeedback(draft, submit("r1", ["satisfaction", 4]), ANA, T0)).toMatchObject({ ok: false, code: "not_open" });
    const s = opened(T0 + DAY);
    expect(applyFeedback(s, submit("r1", ["satisfaction", 4]), ANA, T0 + DAY - 1)).toMatchObject({ ok: true });
    expect(applyFeedback(s, submit("r1", ["satisfaction", 4]), ANA, T0 + DAY)).toMatchObject({ ok: false, code: "not_open" });
    expect(applyFeedback(s, { type: "open", closesAt: T0 - 1 }, FAC, T0)).toMatchObject({ ok: false, code: "closing_in_past" });
    const closed = run(s, [{ type: "close" }, FAC, T0 + 10]);
    expect(closed.closesAt).toBe(T0 + 10);
    expect(applyFeedback(closed, submit("r1", ["satisfaction", 4]), ANA, T0 + 10)).toMatchObject({ ok: false, code: "not_open" });
    expect(applyFeedback(closed, { type: "close" }, FAC, T0 + 11)).toMatchObject({ ok: false, code: "not_open" });
    const reopened = run(closed, [{ type: "open", closesAt: T0 + 2 * DAY }, FAC, T0 + DAY + 5]);
    expect(reopened).toMatchObject({ openedAt: T0, closesAt: T0 + 2 * DAY });
    expect(applyFeedback(reopened, submit("r1", ["satisfaction", 4]), ANA, T0 + DAY + 6)).toMatchObject({ ok: true });
    // no closing date: open until closed
    expect(applyFeedback(opened(null), submit("r1", ["satisfaction", 4]), ANA, T0 + 365 * DAY)).toMatchObject({ ok: true });
    expect(participantFeedbackView(s, "ana", T0 + DAY)).toMatchObject({ accepting: false, closesAt: T0 + DAY, mine: null });
  });

  it("F5: one response per participant: submitting again replaces it and keeps its id; withdrawing deletes it", () => {
    let s = run(opened(), [submit("r1", ["satisfaction", 4], ["takeaway", "Un"]), ANA, T0 + 1]);
    s = run(s, [submit("ignored", ["satisfaction", 2]), ANA, T0 + 2]);
    expect(s.responses).toEqual([{ id: "r1", participantId: "ana", answers: [{ questionId: "satisfaction", value: 2 }], submittedAt: T0 + 1, updatedAt: T0 + 2 }]);
    expect(participantFeedbackView(s, "ana", T0 + 3)).toMatchObject({ accepting: true, mine: { responseId: "r1", answers: [{ questionId: "satisfaction", value: 2 }] } });
    expect(applyFeedback(s, submit("r1", ["satisfaction", 1]), BEN, T0 + 3)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyFeedback(s, submit("", ["satisfaction", 1]), BEN, T0 + 3)).toMatchObject({ ok: false, code: "bad_input" });
    s = run(s, [{ type: "withdraw" }, ANA, T0 + 4]);
    expect(s.responses).toEqual([]);
    expect(applyFeedback(s, { type: "withdraw" }, ANA, T0 + 5)).toMatchObject({ ok: false, code: "nothing_to_withdraw" });
    expect(applyFeedback(s, submit("r2", ["satisfaction", 4]), OBS, T0)).toMatchObject({ ok: false, code: "observer_cannot_answer" });
    expect(applyFeedback(s, submit("r2", ["satisfaction", 4]), FAC, T0)).toMatchObject({ ok: false, code: "facilitator_does_not_answer" });
  });

  it("F6: each answer fits its question; empty texts and empty choices are not answers; required questions must be answered", () => {
    const s = opened();
    const bad: [string, unknown][] = [
      ["satisfaction", 0],
      ["satisfaction", 6],
      ["satisfaction", 3.5],
      ["satisfaction", "5"],
      ["again", "perhaps"],
      ["again", ["yes"]],
      ["formats", ["codev", "angles", "quiz"]],
      ["formats", ["codev", "codev"]],
      ["formats", ["x"]],
      ["takeaway", "x".repeat(1001)],
      ["takeaway", "bell\u0007"],
      ["takeaway", 42],
    ];
    for (const [questionId, value] of bad) expect(applyFeedback(s, { type: "submit", responseId: "r", answers: [{ questionId, value }] } as FeedbackCommand, ANA, T0), `${questionId} ${JSON.stringify(value)}`).toMatchObject({ ok: false, code: "bad_answer", questionId });
    expect(applyFeedback(s, submit("r", ["nope", 1]), ANA, T0)).toMatchObject({ ok: false, code: "bad_answer" });
    expect(applyFeedback(s, submit("r", ["satisfaction", 1], ["satisfaction", 2]), ANA, T0)).toMatchObject({ ok: false, code: "bad_answer" });
    expect(applyFeedback(s, { type: "submit", responseId: "r", answers: "all good" } as never, ANA, T0)).toMatchObject({ ok: false, code: "bad_answer" });
    const ok = run(s, [submit("r", ["suggestions", "  Merci\r\n !  "], ["takeaway", "   "], ["formats", []], ["again", null as never], ["satisfaction", 5]), ANA]);
    expect(ok.responses[0].answers).toEqual([{ questionId: "satisfaction", value: 5 }, { questionId: "suggestions", value: "Merci\n !" }]);
    const strict = validateFeedbackDefinition({ title: "T", questions: [{ id: "q", kind: "text", label: "Un mot", required: true }] });
    const rs = run(createFeedback(strict.ok ? strict.definition : DEF, { now: T0 }), [{ type: "open", closesAt: null }, FAC]);
    expect(applyFeedback(rs, submit("r", ["q", "  "]), ANA, T0)).toMatchObject({ ok: false, code: "required_missing", questionId: "q" });
  });

  it("F7: anonymous results carry no participant id and no time, texts in word order; anonymity is never weakened once people answered", () => {
    const s = answered();
    const json = JSON.stringify(feedbackResults(s));
    for (const id of ["ana", "ben", "clo"]) expect(json).not.toContain(`"${id}"`);
    expect(json).not.toMatch(/participantId|submittedAt|updatedAt|\b1800000\d{6}\b/);
    const takeaway = feedbackResults(s).questions.find((q) => q.questionId === "takeaway");
    expect(takeaway?.kind === "text" && takeaway.answers.map((a) => a.responseId)).toEqual(["r-mm", "r-zz", "r-aa"]);
    expect(applyFeedback(s, { type: "setAnonymous", anonymous: false }, FAC, T0 + 5000)).toMatchObject({ ok: false, code: "anonymity_promised" });
    // never anonymous: names are there; it can still become anonymous, which hides them again
    const named = answered(false);
    const t = feedbackResults(named).questions.find((q) => q.questionId === "takeaway");
    expect(t?.kind === "text" && t.answers.map((a) => a.participantId)).toEqual(["clo", "ana", "ben"]);
    const hidden = run(named, [{ type: "setAnonymous", anonymous: true }, FAC]);
    expect(JSON.stringify(feedbackResults(hidden))).not.toContain("participantId");
    expect(run(opened(), [{ type: "setAnonymous", anonymous: false }, FAC]).anonymous).toBe(false);
  });

  it("F8: results per question: answered, scale average and distribution, option counts in option order, texts", () => {
    const r = feedbackResults(answered());
    expect(r.respondents).toBe(3);
    expect(r.questions[0]).toMatchObject({ questionId: "satisfaction", kind: "scale", answered: 3, average: 11 / 3, distribution: [{ value: 1, count: 0 }, { value: 2, count: 1 }, { value: 3, count: 0 }, { value: 4, count: 1 }, { value: 5, count: 1 }] });
    expect(r.questions[1]).toMatchObject({ questionId: "usefulness", answered: 1, average: 4 });
    expect(r.questions[2]).toMatchObject({ questionId: "organisation", answered: 1, average: 3 });
    expect(r.questions[4]).toMatchObject({ kind: "text", answered: 1, answers: [{ text: "Plus de temps\npour les ateliers", pinned: false }] });
    expect(r.questions[5]).toMatchObject({ kind: "single", answered: 3, options: [{ optionId: "yes", count: 2 }, { optionId: "maybe", count: 1 }, { optionId: "no", count: 0 }] });
    expect(r.questions[6]).toMatchObject({ kind: "multiple", answered: 2, options: [{ optionId: "codev", count: 2 }, { optionId: "angles", count: 1 }, { optionId: "quiz", count: 0 }] });
    const empty = feedbackResults(opened());
    expect(empty.respondents).toBe(0);
    expect(empty.questions[0]).toMatchObject({ answered: 0, average: null });
  });

  it("F9: the facilitator pins free-text answers as quotes; an edited or withdrawn answer drops its quote until pinned again", () => {
    let s = run(answered(), [{ type: "pin", responseId: "r-aa", questionId: "takeaway" }, FAC], [{ type: "pin", responseId: "r-zz", questionId: "takeaway" }, FAC]);
    expect(feedbackResults(s).quotes.map((q) => [q.responseId, q.text])).toEqual([["r-aa", "La confiance entre collègues"], ["r-zz", "Écouter sans conseiller tout de suite"]]);
    expect(applyFeedback(s, { type: "pin", responseId: "r-aa", questionId: "takeaway" }, FAC, T0)).toMatchObject({ ok: false, code: "already_pinned" });
    expect(applyFeedback(s, { type: "pin", responseId: "r-aa", questionId: "satisfaction" }, FAC, T0)).toMatchObject({ ok: false, code: "not_text_question" });
    expect(applyFeedback(s, { type: "pin", responseId: "r-zz", questionId: "suggestions" }, FAC, T0)).toMatchObject({ ok: false, code: "nothing_to_pin" });
    expect(applyFeedback(s, { type: "pin", responseId: "r-??", questionId: "takeaway" }, FAC, T0)).toMatchObject({ ok: false, code: "unknown_response" });
    expect(applyFeedback(s, { type: "unpin", responseId: "r-mm", questionId: "takeaway" }, FAC, T0)).toMatchObject({ ok: false, code: "not_pinned" });
    // Ben edits his answer: the quote leaves the results, the facilitator sees it is stale
    s = run(s, [submit("x", ["takeaway", "Autre chose"]), BEN, T0 + 10_000]);
    expect(feedbackResults(s).quotes.map((q) => q.responseId)).toEqual(["r-zz"]);
    expect(stalePins(s)).toEqual([{ responseId: "r-aa", questionId: "takeaway", pinnedText: "La confiance entre collègues", currentText: "Autre chose" }]);
    s = run(s, [{ type: "pin", responseId: "r-aa", questionId: "takeaway" }, FAC]);
    expect(feedbackResults(s).quotes.map((q) => q.text)).toEqual(["Autre chose", "Écouter sans conseiller tout de suite"]);
    s = run(s, [{ type: "withdraw" }, ANA, T0 + 11_000], [{ type: "unpin", responseId: "r-aa", questionId: "takeaway" }, FAC]);
    expect(feedbackResults(s).quotes).toEqual([]);
    // pins work after the closing too
    const late = run(answered(), [{ type: "close" }, FAC, T0 + 5000], [{ type: "pin", responseId: "r-mm", questionId: "takeaway" }, FAC, T0 + 2 * DAY]);
    expect(feedbackResults(late).quotes).toHaveLength(1);
  });

  it("F10: the report section, in French with decimal commas, or in English; pinned quotes only unless asked", () => {
    const s = run(answered(), [{ type: "pin", responseId: "r-aa", questionId: "takeaway" }, FAC]);
    const fr = feedbackReportSection(feedbackResults(s), "fr");
    expect(fr.map((x) => [x.level, x.heading])).toEqual([
      [2, "Retours des participant·e·s"],
      [3, "Qu'est-ce que vous retenez de cette journée ?"],
      [3, "Vos suggestions pour les prochaines rencontres"],
      [3, "Reviendriez-vous ?"],
      [3, "Formats préférés"],
    ]);
    expect(fr[0].blocks[0]).toEqual({ kind: "paragraph", text: "3 réponses au questionnaire.", tone: "strong" });
    expect(fr[0].blocks[2]).toMatchObject({ kind: "table", columns: ["Question", "Moyenne", "1", "2", "3", "4", "5", "Réponses"], rows: [["Dans l'ensemble, êtes-vous satisfait·e de cette journée ?", "3,7", "0", "1", "0", "1", "1", "3"], [expect.any(String), "4,0", "0", "0", "0", "1", "0", "1"], [expect.any(String), "3,0", "0", "0", "1", "0", "0", "1"]] });
    expect(fr[1].blocks).toEqual([{ kind: "paragraph", text: "3 réponses libres.", tone: "muted" }, { kind: "list", ordered: false, items: [{ text: "« La confiance entre collègues »" }] }]);
    expect(fr[2].blocks[1]).toEqual({ kind: "paragraph", text: "Aucune citation retenue.", tone: "muted" });
    expect(fr[3].blocks[0]).toMatchObject({ kind: "table", rows: [["Oui", "2", "67\u00a0%"], ["Peut-être", "1", "33\u00a0%"], ["Non", "0", "0\u00a0%"]] });
    const en = feedbackReportSection(feedbackResults(s), "en", { includeAllText: true });
    expect(en[0].heading).toBe("Participants' feedback");
    expect(en[0].blocks[2]).toMatchObject({ rows: [["Overall, how satisfied are you with this day?", "3.7", "0", "1", "0", "1", "1", "3"], expect.any(Array), expect.any(Array)] });
    expect(en[1].blocks[1]).toMatchObject({ kind: "list", items: [{ text: '“=HYPERLINK("http://x")”' }, { text: "“Écouter sans conseiller tout de suite”" }, { text: "“La confiance entre collègues”", badge: "Selected quote" }] });
    expect(en[3].blocks[0]).toMatchObject({ rows: [["Yes", "2", "67%"], ["Peut-être", "1", "33%"], ["No", "0", "0%"]] });
    expect(feedbackReportSection(feedbackResults(opened()), "fr")).toEqual([{ level: 2, heading: "Retours des participant·e·s", blocks: [{ kind: "paragraph", text: "Personne n'a encore répondu au questionnaire.", tone: "strong" }] }]);
    // it renders like any report section; no participant id in it
    const md = toMarkdown({ locale: "fr", title: "T", subtitle: "", meta: [], sections: fr, footer: "", fileBaseName: "x" });
    expect(md).toContain("La confiance entre collègues");
    expect(md).not.toMatch(/\bana\b|\bben\b|\bclo\b/);
  });

  it("F11: applyFeedback is total: garbage refused, never thrown; the input state never changes", () => {
    const s = deepFreeze(opened());
    const garbage: unknown[] = [null, 3, {}, { type: "toString" }, { type: "__proto__" }, { type: "open", closesAt: "demain" }, { type: "setAnonymous", anonymous: "yes" }, { type: "pin", responseId: 3, questionId: "takeaway" }];
    for (const g of garbage) expect(applyFeedback(s, g as FeedbackCommand, FAC, T0), JSON.stringify(g)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyFeedback(s, { type: "withdraw" }, { id: "", role: "participant" }, T0)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyFeedback(s, { type: "withdraw" }, ANA, Number.NaN)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyFeedback(null as never, { type: "withdraw" }, ANA, T0)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyFeedback({ ...s, definition: { ...s.definition, questions: [null] } } as never, submit("r", ["x", 1]), ANA, T0)).toMatchObject({ ok: false });
    // a message stamped before the latest time seen counts at that time
    const seen = run(opened(T0 + 100), [{ type: "setAnonymous", anonymous: true }, FAC, T0 + 200]);
    expect(applyFeedback(seen, submit("r", ["satisfaction", 3]), ANA, T0 + 50)).toMatchObject({ ok: false, code: "not_open" });
  });
});

describe("feedback fuzz", () => {
  const PEOPLE: FeedbackActor[] = ["p1", "p2", "p3", "p4", "p5", "__proto__"].map((id) => ({ id, role: "participant" as const }));

  it("F4, F5, F8: concurrent and late submissions: one response per participant, nothing at or after the closing, totals equal the accepted responses", () => {
    const refusals = new Set<string>();
    let accepted = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
      const closesAt = T0 + 30_000;
      let s = opened(closesAt);
      const last = new Map<string, FeedbackAnswer[] | null>();
      let now = T0;
      let n = 0;
      for (let burst = 0; burst < 10; burst++) {
        now += 4000;
        const batch: [FeedbackCommand, FeedbackActor, number][] = Array.from({ length: 6 }, () => {
          const at = now + Math.floor((random() - 0.5) * 3000);
          if (random() < 0.1) return [{ type: "withdraw" }, pick(PEOPLE), at];
          const answers: FeedbackAnswer[] = [];
          if (random() < 0.8) answers.push({ questionId: "satisfaction", value: pick([1, 2, 3, 4, 5, 7]) });
          if (random() < 0.5) answers.push({ questionId: "takeaway", value: pick(["Confiance", "", "Écoute", "x".repeat(1200)]) });
          if (random() < 0.3) answers.push({ questionId: "again", value: pick(["yes", "no", "later"]) });
          return [{ type: "submit", responseId: `r${n++}`, answers }, pick(PEOPLE), at];
        });
        if (burst === 4 && random() < 0.5) batch.push([{ type: "close" }, FAC, now]);
        for (const [command, actor, at] of shuffled(batch, random)) {
          const before = s;
          const r = applyFeedback(s, command, actor, at);
          if (!r.ok) {
            expect(r.code, `seed ${seed}`).not.toBe(FeedbackError.internal);
            refusals.add(r.code);
            continue;
          }
          s = r.state;
          if (command.type === "submit" || command.type === "withdraw") {
            // accepted only while open, at the time the server counts (never earlier than what it saw)
            expect(Math.max(at, before.clock), `seed ${seed}`).toBeLessThan(before.closesAt ?? Infinity);
            last.set(actor.id, s.responses.find((x) => x.participantId === actor.id)?.answers.slice() ?? null);
            accepted++;
          }
          expect(feedbackInvariantViolations(s), `seed ${seed}`).toEqual([]);
        }
      }
      const given = [...last.values()].filter((a): a is FeedbackAnswer[] => a !== null);
      const results = feedbackResults(s);
      expect(results.respondents, `seed ${seed}`).toBe(given.length);
      const sat = results.questions[0];
      const sats = given.flatMap((a) => a.filter((x) => x.questionId === "satisfaction"));
      expect(sat.answered).toBe(sats.length);
      if (sat.kind === "scale") expect(sat.distribution.reduce((k, d) => k + d.count, 0)).toBe(sats.length);
    }
    for (const code of ["not_open", "bad_answer", "nothing_to_withdraw"]) expect(refusals).toContain(code);
    expect(accepted).toBeGreaterThan(2000);
  });
});
