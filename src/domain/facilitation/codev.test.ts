import { describe, expect, it } from "vitest";
import { CODEV_COLLECTION as K, CODEV_STEP, CODEV_TEMPLATE, SUGGESTION_TYPES, codevFacts } from "./codev.ts";
import { type Facts, apply, tick } from "./machine.ts";
import { visibleCollections } from "./permissions.ts";
import { METHOD_ROLES, MINUTE_MS, type MethodTemplate, defaultPlan } from "./templates.ts";
import { CONS, CONS2, CONTRACT, FAC, HOLDER, MIN, OBS, SCRIBE, byFacilitator, codev, create, lobby, may, onStep, remove, update } from "./testkit.ts";

const allowed = { ok: true };
const subjectOn = { steps: { subject: { enabled: true } } };

describe("the co-développement template", () => {
  it("C1: steps, default durations and the optional opening step", () => {
    expect(CODEV_TEMPLATE.steps.map((s) => [s.id, s.defaultDurationMin])).toEqual([
      ["subject", 10], ["expose", 10], ["clarification", 15], ["contract", 5], ["reactions", 25], ["synthesis", 15], ["learnings", 15],
    ]);
    expect(defaultPlan(CODEV_TEMPLATE).map((p) => p.durationMs / MINUTE_MS)).toEqual([10, 15, 5, 25, 15, 15]);
    expect(CODEV_TEMPLATE.steps[0]).toMatchObject({ title: { fr: "Choix du sujet" }, optional: { enabledByDefault: false }, subjectChoice: true });
    expect(CODEV_TEMPLATE.steps.some((s) => s.autoAdvance)).toBe(false);
  });

  it("C1: every step speaks to every role, in French and in English", () => {
    expect(CODEV_TEMPLATE.roles).toEqual(METHOD_ROLES);
    for (const step of CODEV_TEMPLATE.steps) {
      for (const lang of ["fr", "en"] as const) expect(step.title[lang].length).toBeGreaterThan(3);
      for (const role of CODEV_TEMPLATE.roles) {
        const text = step.instructions[role];
        expect(text, `${step.id}/${role}`).toBeDefined();
        for (const lang of ["fr", "en"] as const) {
          const sentences = text![lang].split(/[.!?…](?:\s|$)/).filter((x) => x.trim()).length;
          expect(sentences, `${step.id}/${role}/${lang}: one or two sentences`).toBeGreaterThanOrEqual(1);
          expect(sentences, `${step.id}/${role}/${lang}: one or two sentences`).toBeLessThanOrEqual(2);
        }
      }
    }
    expect(CODEV_TEMPLATE.steps[1].instructions.consultant!.fr).toMatch(/^Écoutez le porteur ou la porteuse : vous ne pouvez pas écrire/);
  });

  it("C1: grants and requirements only name collections, steps and roles that exist", () => {
    const collections = new Set(CODEV_TEMPLATE.collections.map((c) => c.id));
    const grants = [...CODEV_TEMPLATE.steps.flatMap((s) => s.grants), ...CODEV_TEMPLATE.whileRunning, ...CODEV_TEMPLATE.afterEnd];
    for (const g of grants) {
      expect(collections.has(g.collection), g.collection).toBe(true);
      const fields = CODEV_TEMPLATE.collections.find((c) => c.id === g.collection)!.fields;
      for (const f of g.fields ?? []) expect(Object.hasOwn(fields, f), `${g.collection}.${f}`).toBe(true);
      for (const r of g.roles) expect(CODEV_TEMPLATE.roles).toContain(r);
    }
    for (const c of CODEV_TEMPLATE.collections) if (c.visibleFrom) expect(CODEV_TEMPLATE.steps.map((s) => s.id)).toContain(c.visibleFrom);
  });

  it("C2: from the exposé on, every step needs a case holder", () => {
    const noHolder = lobby(subjectOn, false);
    let s = byFacilitator(noHolder, CONTRACT, { type: "start" });
    expect(apply(codev, s, { type: "next" }, { id: FAC }, s.clock + MIN, CONTRACT)).toMatchObject({ ok: false, code: "requirement_unmet" });
    for (const step of CODEV_TEMPLATE.steps.slice(1))
      expect(apply(codev, s, { type: "goTo", stepId: step.id }, { id: FAC }, s.clock + MIN, CONTRACT).ok, step.id).toBe(false);
    s = byFacilitator(s, CONTRACT, { type: "assignRole", participantId: CONS, role: "caseHolder" }, { type: "next" });
    expect(s.plan[s.stepIndex].stepId).toBe(CODEV_STEP.expose);
  });

  it("C3: reactions cannot start without a written contract", () => {
    const s = onStep(CODEV_STEP.contract);
    for (const facts of [{}, { contractWritten: false }, codevFacts({ contractText: "   " }), codevFacts({})] as Facts[]) {
      expect(apply(codev, s, { type: "next" }, { id: FAC }, s.clock + MIN, facts)).toMatchObject({ ok: false, code: "requirement_unmet" });
      expect(apply(codev, s, { type: "goTo", stepId: CODEV_STEP.reactions }, { id: FAC }, s.clock + MIN, facts).ok).toBe(false);
    }
    const auto: MethodTemplate = { ...codev, steps: codev.steps.map((st) => ({ ...st, autoAdvance: true })) };
    expect(tick(auto, s, s.clock + 60 * MIN, { contractWritten: false }).events).toEqual([]);
    const written = codevFacts({ contractText: "Des idées pour reprendre contact avec lui" });
    expect(written).toEqual({ contractWritten: true });
    expect(apply(codev, s, { type: "next" }, { id: FAC }, s.clock + MIN, written)).toMatchObject({ ok: true });
  });

  it("C4: during reactions the case holder cannot post, only keep", () => {
    const s = onStep(CODEV_STEP.reactions);
    expect(may(s, HOLDER, create(K.suggestions, "s1", HOLDER, { text: "Je pourrais…", type: "idea" }))).toMatchObject({ ok: false, code: "not_in_this_step" });
    expect(may(s, HOLDER, update(K.suggestions, "s2", CONS, "text", "Autre chose"))).toMatchObject({ ok: false });
    expect(may(s, HOLDER, remove(K.suggestions, "s2", CONS))).toMatchObject({ ok: false });
    expect(may(s, HOLDER, update(K.suggestions, "s2", CONS, "kept", true))).toEqual(allowed);
    expect(may(s, HOLDER, update(K.suggestions, "s2", CONS, "kept", null))).toEqual(allowed);
    expect(may(s, HOLDER, update(K.suggestions, "s2", CONS, "kept", "yes"))).toMatchObject({ ok: false, code: "bad_value" });
  });

  it("C5: during the exposé only the case holder writes the case", () => {
    const s = onStep(CODEV_STEP.expose);
    expect(may(s, HOLDER, create(K.case, "case", HOLDER, { context: "Chantier d'insertion, maraîchage" }))).toEqual(allowed);
    for (const field of ["context", "situation", "tried", "question"]) expect(may(s, HOLDER, update(K.case, "case", HOLDER, field, "…"))).toEqual(allowed);
    for (const who of [CONS, SCRIBE]) {
      expect(may(s, who, update(K.case, "case", HOLDER, "situation", "…")).ok).toBe(false);
      expect(may(s, who, create(K.questions, "q1", who, { text: "Depuis quand ?" })).ok).toBe(false);
      expect(may(s, who, create(K.notes, "n1", who, { text: "…" })).ok).toBe(false);
    }
    expect(may(s, HOLDER, remove(K.case, "case", HOLDER)).ok).toBe(false);
  });

  it("C6: participants keep private notes in any step, nobody else writes them", () => {
    for (const step of Object.values(CODEV_STEP).filter((x) => x !== "subject")) {
      const s = onStep(step);
      for (const who of [HOLDER, CONS, SCRIBE]) expect(may(s, who, create(K.privateNotes, `p-${who}`, who, { text: "à creuser" })), `${step}/${who}`).toEqual(allowed);
      expect(may(s, CONS, update(K.privateNotes, "p-x", CONS2, "text", "lu")).ok).toBe(false);
      expect(may(s, FAC, update(K.privateNotes, "p-x", CONS2, "text", "lu"))).toMatchObject({ ok: false, code: "private_content" });
      expect(may(s, OBS, create(K.privateNotes, "p-o", OBS, { text: "…" })).ok).toBe(false);
    }
  });

  it("C7: consultants ask questions, the case holder answers them in place", () => {
    const s = onStep(CODEV_STEP.clarification);
    for (const who of [CONS, SCRIBE]) expect(may(s, who, create(K.questions, `q-${who}`, who, { text: "Que dit-il de son absence ?" }))).toEqual(allowed);
    expect(may(s, CONS, create(K.questions, "q2", CONS, { text: "?", answer: "déjà répondu" })).ok).toBe(false);
    expect(may(s, CONS, update(K.questions, "q1", CONS, "text", "Reformulée"))).toEqual(allowed);
    expect(may(s, CONS, remove(K.questions, "q1", CONS))).toEqual(allowed);
    expect(may(s, CONS, update(K.questions, "q9", CONS2, "text", "…"))).toMatchObject({ ok: false, code: "not_your_item" });
    expect(may(s, CONS, remove(K.questions, "q9", CONS2))).toMatchObject({ ok: false, code: "not_your_item" });
    expect(may(s, CONS, update(K.questions, "q1", CONS, "answer", "…")).ok).toBe(false);
    expect(may(s, HOLDER, update(K.questions, "q9", CONS2, "answer", "Il ne répond plus au téléphone."))).toEqual(allowed);
    expect(may(s, HOLDER, update(K.questions, "q9", CONS2, "text", "…")).ok).toBe(false);
    expect(may(s, HOLDER, create(K.questions, "qh", HOLDER, { text: "…" })).ok).toBe(false);
    expect(may(s, CONS, create(K.suggestions, "s1", CONS, { text: "Et si…", type: "idea" })).ok).toBe(false);
  });

  it("C8: only the case holder writes the contract", () => {
    const s = onStep(CODEV_STEP.contract);
    expect(may(s, HOLDER, create(K.contract, "contract", HOLDER, { text: "Des pistes pour renouer le contact" }))).toEqual(allowed);
    expect(may(s, HOLDER, update(K.contract, "contract", HOLDER, "text", "…"))).toEqual(allowed);
    for (const who of [CONS, SCRIBE]) expect(may(s, who, update(K.contract, "contract", HOLDER, "text", "…")).ok).toBe(false);
    expect(may(onStep(CODEV_STEP.clarification), HOLDER, create(K.contract, "contract", HOLDER, { text: "…" })).ok).toBe(false);
  });

  it("C9: consultants post typed suggestions, change only their own, never keep them", () => {
    const s = onStep(CODEV_STEP.reactions);
    for (const type of SUGGESTION_TYPES) expect(may(s, CONS, create(K.suggestions, `s-${type}`, CONS, { text: "…", type }))).toEqual(allowed);
    expect(may(s, SCRIBE, create(K.suggestions, "s-scribe", SCRIBE, { text: "…", type: "resource" }))).toEqual(allowed);
    expect(may(s, CONS, create(K.suggestions, "s1", CONS, { text: "…", type: "advice" }))).toMatchObject({ ok: false, code: "bad_value" });
    expect(may(s, CONS, create(K.suggestions, "s1", CONS, { text: "…", type: "idea", kept: true })).ok).toBe(false);
    expect(may(s, CONS, update(K.suggestions, "s1", CONS, "type", "testimony"))).toEqual(allowed);
    expect(may(s, CONS, update(K.suggestions, "s1", CONS, "kept", true)).ok).toBe(false);
    expect(may(s, CONS, update(K.suggestions, "s2", CONS2, "text", "…"))).toMatchObject({ ok: false, code: "not_your_item" });
    expect(may(s, CONS, remove(K.suggestions, "s1", CONS))).toEqual(allowed);
  });

  it("C10: the case holder writes the action plan and the synthesis, the scribe may write them", () => {
    const s = onStep(CODEV_STEP.synthesis);
    for (const who of [HOLDER, SCRIBE]) {
      expect(may(s, who, create(K.actions, `a-${who}`, who, { what: "Appeler la conseillère", who: "moi", when: "lundi" }))).toEqual(allowed);
      expect(may(s, who, update(K.actions, "a1", HOLDER, "when", "mardi"))).toEqual(allowed);
      expect(may(s, who, remove(K.actions, "a1", HOLDER))).toEqual(allowed);
      expect(may(s, who, create(K.synthesis, "synthesis", who, { summary: "Je garde l'idée du trinôme" }))).toEqual(allowed);
    }
    expect(may(s, CONS, create(K.actions, "a2", CONS, { what: "…" })).ok).toBe(false);
    expect(may(s, CONS, update(K.synthesis, "synthesis", HOLDER, "summary", "…")).ok).toBe(false);
    expect(may(s, HOLDER, update(K.suggestions, "s1", CONS, "kept", true)).ok).toBe(false);
  });

  it("C11: everyone writes their own learnings and one rating from 1 to 5", () => {
    const s = onStep(CODEV_STEP.learnings);
    for (const who of [HOLDER, CONS, SCRIBE]) expect(may(s, who, create(K.learnings, who, who, { text: "Oser demander", rating: 4 }))).toEqual(allowed);
    expect(may(s, CONS, create(K.learnings, "another-card", CONS, { text: "…" }))).toMatchObject({ ok: false, code: "wrong_item_id" });
    for (const rating of [0, 6, 3.5, "5", Number.NaN]) expect(may(s, CONS, update(K.learnings, CONS, CONS, "rating", rating))).toMatchObject({ ok: false, code: "bad_value" });
    expect(may(s, CONS, update(K.learnings, CONS, CONS, "rating", 1))).toEqual(allowed);
    expect(may(s, CONS, update(K.learnings, CONS2, CONS2, "rating", 5))).toMatchObject({ ok: false, code: "not_your_item" });
    expect(may(s, OBS, create(K.learnings, OBS, OBS, { text: "…" })).ok).toBe(false);
  });

  it("C12: in the subject step participants post their own sticky notes", () => {
    const s = onStep(CODEV_STEP.subject, subjectOn);
    expect(may(s, CONS, create(K.notes, "n1", CONS, { text: "Un jeune qui décroche", x: 20, y: 20, color: "yellow" }))).toEqual(allowed);
    expect(may(s, CONS, update(K.notes, "n1", CONS, "x", 240))).toEqual(allowed);
    expect(may(s, CONS, update(K.notes, "n1", CONS, "x", Number.POSITIVE_INFINITY))).toMatchObject({ ok: false, code: "bad_value" });
    expect(may(s, CONS, update(K.notes, "n2", CONS2, "x", 240))).toMatchObject({ ok: false, code: "not_your_item" });
    expect(may(s, CONS, remove(K.notes, "n1", CONS))).toEqual(allowed);
    expect(may(onStep(CODEV_STEP.clarification), CONS, create(K.notes, "n3", CONS, { text: "…" })).ok).toBe(false);
  });

  it("C13: the facilitator moderates but never keeps a suggestion nor rates", () => {
    const s = onStep(CODEV_STEP.reactions);
    expect(may(s, FAC, update(K.suggestions, "s1", CONS, "text", "(nom retiré)"))).toEqual(allowed);
    expect(may(s, FAC, remove(K.suggestions, "s1", CONS))).toEqual(allowed);
    expect(may(s, FAC, update(K.suggestions, "s1", CONS, "kept", true))).toMatchObject({ ok: false, code: "facilitator_forbidden" });
    const l = onStep(CODEV_STEP.learnings);
    expect(may(l, FAC, create(K.learnings, FAC, FAC, { text: "Le groupe a bien tenu le cadre" }))).toEqual(allowed);
    expect(may(l, FAC, create(K.learnings, FAC, FAC, { text: "…", rating: 5 }))).toMatchObject({ ok: false, code: "facilitator_forbidden" });
    expect(may(l, FAC, update(K.learnings, CONS, CONS, "rating", 5))).toMatchObject({ ok: false, code: "facilitator_forbidden" });
  });

  it("C14: after the end the case holder may still pseudonymise the case", () => {
    const s = byFacilitator(onStep(CODEV_STEP.learnings), CONTRACT, { type: "end" });
    expect(may(s, HOLDER, update(K.case, "case", HOLDER, "situation", "M. X, 45 ans…"))).toEqual(allowed);
    expect(may(s, HOLDER, update(K.actions, "a1", HOLDER, "what", "…"))).toMatchObject({ ok: false, code: "not_in_this_step" });
    expect(may(s, CONS, update(K.learnings, CONS, CONS, "text", "…")).ok).toBe(false);
    expect(may(s, FAC, update(K.case, "case", HOLDER, "context", "…"))).toEqual(allowed);
  });

  it("C15: collections appear with the step that introduces them and stay", () => {
    const shared = (stepId: string, role = "consultant" as const) => visibleCollections(codev, onStep(stepId, subjectOn), role);
    expect(visibleCollections(codev, lobby(), "consultant")).toEqual([K.notes, K.privateNotes]);
    expect(shared(CODEV_STEP.subject)).toEqual([K.notes, K.privateNotes]);
    expect(shared(CODEV_STEP.expose)).toEqual([K.case, K.notes, K.privateNotes]);
    expect(shared(CODEV_STEP.reactions)).toEqual([K.case, K.questions, K.contract, K.suggestions, K.notes, K.privateNotes]);
    expect(shared(CODEV_STEP.learnings)).toHaveLength(CODEV_TEMPLATE.collections.length);
    expect(visibleCollections(codev, onStep(CODEV_STEP.learnings), "observer")).not.toContain(K.privateNotes);
    const ended = byFacilitator(onStep(CODEV_STEP.expose), CONTRACT, { type: "end" });
    expect(visibleCollections(codev, ended, "observer")).toHaveLength(CODEV_TEMPLATE.collections.length - 1);
  });
});
