import { describe, expect, it } from "vitest";
import type { Decision } from "../facilitation/errors.ts";
import { type SeanceState, apply, createSeance } from "../facilitation/machine.ts";
import { type ContentChange, canChange } from "../facilitation/permissions.ts";
import { METHOD_ROLES, MINUTE_MS, defaultPlan } from "../facilitation/templates.ts";
import { IC_ANSWER_MAX, IC_COLLECTION as K, IC_GROUP_NAME_MAX, IC_STEP, IC_TEMPLATE, icGroupNameId, plenaryWall } from "./intelligenceCollective.ts";
import { T0 } from "./testkit.ts";

const ic = IC_TEMPLATE;
const FAC = "fac";
const PORTEUR = "porteur";
const CONS = "cons";
const SCRIBE = "scribe";
const OBS = "obs";

function must(r: ReturnType<typeof apply>): SeanceState {
  if (!r.ok) throw new Error(`refused ${r.code}: ${r.message}`);
  return r.state;
}

function lobby(withPorteur = true): SeanceState {
  let s = createSeance(ic, { facilitatorId: FAC, now: T0 });
  if (withPorteur) s = must(apply(ic, s, { type: "assignRole", participantId: PORTEUR, role: "caseHolder" }, { id: FAC }, T0));
  s = must(apply(ic, s, { type: "assignRole", participantId: SCRIBE, role: "scribe" }, { id: FAC }, T0));
  return must(apply(ic, s, { type: "assignRole", participantId: OBS, role: "observer" }, { id: FAC }, T0));
}

function onStep(stepId: string): SeanceState {
  const s = must(apply(ic, lobby(), { type: "start" }, { id: FAC }, T0 + MINUTE_MS));
  return s.plan[s.stepIndex].stepId === stepId ? s : must(apply(ic, s, { type: "goTo", stepId }, { id: FAC }, T0 + 2 * MINUTE_MS));
}

const create = (actor: string, collection: string, itemId: string, values: Record<string, unknown>): ContentChange => ({ op: "create", collection, itemId, authorId: actor, actorId: actor, values });
const update = (actor: string, collection: string, itemId: string, authorId: string, field: string, value: unknown): ContentChange => ({ op: "update", collection, itemId, authorId, actorId: actor, field, value });
const may = (s: SeanceState, c: ContentChange): Decision => canChange(ic, s, { id: c.actorId }, c);

describe("the intelligence-collective template", () => {
  it("I1: steps, durations, the optional choice of the difficulty, the roles of co-développement", () => {
    expect(ic.steps.map((s) => [s.id, s.defaultDurationMin])).toEqual([["subject", 10], ["problem", 10], ["clarification", 10], ["ideas", 15], ["clustering", 15], ["answer", 10]]);
    expect(ic.steps.map((s) => s.title.fr)).toEqual(["Choix de la difficulté", "Énoncé du problème", "Questions de clarification", "Idées", "Regroupement et vote", "Réponse courte"]);
    expect(defaultPlan(ic).map((p) => p.stepId)).toEqual(["problem", "clarification", "ideas", "clustering", "answer"]);
    expect(ic.steps[0]).toMatchObject({ optional: { enabledByDefault: false }, subjectChoice: true });
    expect(ic.roles).toEqual(METHOD_ROLES);
    expect(ic.roleLimits).toEqual({ caseHolder: 1, scribe: 1 });
  });

  it("I1: every step speaks to every role in one or two sentences, in French and English; grants name what exists", () => {
    for (const step of ic.steps) {
      for (const role of ic.roles) {
        const text = step.instructions[role];
        expect(text, `${step.id}/${role}`).toBeDefined();
        for (const lang of ["fr", "en"] as const) {
          const sentences = text![lang].split(/[.!?…](?:\s|$)/).filter((x) => x.trim()).length;
          expect(sentences, `${step.id}/${role}/${lang}`).toBeGreaterThanOrEqual(1);
          expect(sentences, `${step.id}/${role}/${lang}`).toBeLessThanOrEqual(2);
        }
      }
    }
    const collections = new Map(ic.collections.map((c) => [c.id, c]));
    for (const g of [...ic.steps.flatMap((s) => s.grants), ...ic.whileRunning, ...ic.afterEnd]) {
      expect(collections.has(g.collection), g.collection).toBe(true);
      for (const f of g.fields ?? []) expect(Object.hasOwn(collections.get(g.collection)!.fields, f), `${g.collection}.${f}`).toBe(true);
    }
    for (const c of ic.collections) if (c.visibleFrom) expect(ic.steps.map((s) => s.id)).toContain(c.visibleFrom);
  });

  it("I2: the problem is the porteur's; questions the consultants' and the scribe's; answers to questions the porteur's", () => {
    const p = onStep(IC_STEP.problem);
    expect(may(p, create(PORTEUR, K.problem, "problem", { statement: "Un salarié ne vient plus depuis une semaine." }))).toEqual({ ok: true });
    expect(may(p, create(CONS, K.problem, "problem", { statement: "x" })).ok).toBe(false);
    expect(may(p, create(CONS, K.notes, "n1", { text: "idée" })).ok).toBe(false);
    const q = onStep(IC_STEP.clarification);
    expect(may(q, create(CONS, K.questions, "q1", { text: "Depuis quand ?" }))).toEqual({ ok: true });
    expect(may(q, create(SCRIBE, K.questions, "q2", { text: "Qui le suit ?" }))).toEqual({ ok: true });
    expect(may(q, create(PORTEUR, K.questions, "q3", { text: "?" })).ok).toBe(false);
    expect(may(q, update(PORTEUR, K.questions, "q1", CONS, "answer", "Depuis lundi."))).toEqual({ ok: true });
    expect(may(q, update(CONS, K.questions, "q1", CONS, "answer", "x")).ok).toBe(false);
    expect(may(q, update(SCRIBE, K.questions, "q1", CONS, "text", "x"))).toMatchObject({ ok: false, code: "not_your_item" });
  });

  it("I2: everyone writes their own ideas; during the regroup everyone moves any note and edits no text; observers never write", () => {
    const s = onStep(IC_STEP.ideas);
    for (const who of [PORTEUR, CONS, SCRIBE]) expect(may(s, create(who, K.notes, `n-${who}`, { text: "Contacter le SIAO", x: 1, y: 2, z: 0, color: "yellow" })), who).toEqual({ ok: true });
    expect(may(s, create(OBS, K.notes, "n-obs", { text: "x" })).ok).toBe(false);
    expect(may(s, update(CONS, K.notes, "n-p", PORTEUR, "text", "changed"))).toMatchObject({ ok: false, code: "not_your_item" });
    const c = onStep(IC_STEP.clustering);
    expect(may(c, update(CONS, K.notes, "n-p", PORTEUR, "x", 300))).toEqual({ ok: true });
    expect(may(c, update(PORTEUR, K.notes, "n-c", CONS, "y", 20))).toEqual({ ok: true });
    expect(may(c, update(CONS, K.notes, "n-c", CONS, "text", "new")).ok).toBe(false);
    expect(may(c, create(CONS, K.notes, "n-new", { text: "late idea" })).ok).toBe(false);
    expect(may(c, create(CONS, K.privateNotes, "pn", { text: "pour moi" })).ok).toBe(true);
  });

  it("I2: during the regroup anyone names any regroupement (not before, not the observer), in at most 80 characters", () => {
    const g1 = icGroupNameId(1);
    expect(g1).toBe("g1");
    const c = onStep(IC_STEP.clustering);
    for (const who of [PORTEUR, CONS, SCRIBE]) expect(may(c, create(who, K.groupNames, g1, { name: "Partenaires" })), who).toEqual({ ok: true });
    expect(may(c, update(SCRIBE, K.groupNames, g1, CONS, "name", "Les partenaires"))).toEqual({ ok: true });
    expect(may(c, create(CONS, K.groupNames, g1, { name: "x".repeat(IC_GROUP_NAME_MAX) }))).toEqual({ ok: true });
    expect(may(c, create(CONS, K.groupNames, g1, { name: "x".repeat(IC_GROUP_NAME_MAX + 1) }))).toMatchObject({ ok: false, code: "bad_value" });
    expect(may(c, update(CONS, K.groupNames, g1, PORTEUR, "name", "x".repeat(IC_GROUP_NAME_MAX + 1)))).toMatchObject({ ok: false, code: "bad_value" });
    expect(may(c, create(CONS, K.groupNames, g1, { name: "Partenaires", color: "red" })).ok).toBe(false);
    expect(may(c, create(OBS, K.groupNames, g1, { name: "x" })).ok).toBe(false);
    const s = onStep(IC_STEP.ideas);
    expect(may(s, create(CONS, K.groupNames, g1, { name: "Partenaires" })).ok).toBe(false);
    expect(may(s, update(PORTEUR, K.groupNames, g1, CONS, "name", "x")).ok).toBe(false);
    const a = onStep(IC_STEP.answer);
    expect(may(a, update(CONS, K.groupNames, g1, CONS, "name", "trop tard")).ok).toBe(false);
  });

  it("I2, I5: the short answer is the porteur's (or the scribe's), at most 600 characters", () => {
    const s = onStep(IC_STEP.answer);
    expect(may(s, create(PORTEUR, K.answer, "answer", { text: "Prendre contact avec le CMP avant la reprise." }))).toEqual({ ok: true });
    expect(may(s, create(SCRIBE, K.answer, "answer", { text: "Sous la dictée." }))).toEqual({ ok: true });
    expect(may(s, create(CONS, K.answer, "answer", { text: "x" })).ok).toBe(false);
    expect(may(s, create(PORTEUR, K.answer, "answer", { text: "x".repeat(IC_ANSWER_MAX + 1) }))).toMatchObject({ ok: false, code: "bad_value" });
    expect(may(s, create(PORTEUR, K.answer, "other-id", { text: "x" })).ok).toBe(false);
  });

  it("I3: from the problem statement on, every step needs a porteur", () => {
    let s = must(apply(ic, lobby(false), { type: "prepare", preparation: { steps: { subject: { enabled: true } } } }, { id: FAC }, T0));
    s = must(apply(ic, s, { type: "start" }, { id: FAC }, T0 + MINUTE_MS));
    expect(s.plan[s.stepIndex].stepId).toBe(IC_STEP.subject);
    for (const step of ic.steps.slice(1)) expect(apply(ic, s, { type: "goTo", stepId: step.id }, { id: FAC }, T0 + 2 * MINUTE_MS), step.id).toMatchObject({ ok: false, code: "requirement_unmet" });
    expect(apply(ic, lobby(false), { type: "start" }, { id: FAC }, T0)).toMatchObject({ ok: false, code: "requirement_unmet" });
    // choosing a proposed difficulty makes its proposer the porteur
    s = must(apply(ic, s, { type: "proposeSubject", title: "Un conflit avec un salarié" }, { id: CONS }, T0 + 2 * MINUTE_MS));
    s = must(apply(ic, s, { type: "pickSubject", subjectId: s.subjects[0].id }, { id: FAC }, T0 + 3 * MINUTE_MS));
    expect(must(apply(ic, s, { type: "next" }, { id: FAC }, T0 + 4 * MINUTE_MS)).plan[1].stepId).toBe(IC_STEP.problem);
  });

  it("I5: after the end the porteur may still edit the problem and the answer, nobody else writes", () => {
    const s = must(apply(ic, onStep(IC_STEP.answer), { type: "end" }, { id: FAC }, T0 + 60 * MINUTE_MS));
    expect(may(s, update(PORTEUR, K.problem, "problem", PORTEUR, "statement", "Sans le prénom."))).toEqual({ ok: true });
    expect(may(s, update(PORTEUR, K.answer, "answer", PORTEUR, "text", "Réponse relue."))).toEqual({ ok: true });
    expect(may(s, update(CONS, K.answer, "answer", PORTEUR, "text", "x")).ok).toBe(false);
    expect(may(s, update(SCRIBE, K.answer, "answer", PORTEUR, "text", "x")).ok).toBe(false);
  });
});

describe("the plenary wall", () => {
  it("I4: one entry per group in room order, unanswered groups marked, numbers read as numbers, the last answer kept", () => {
    const wall = plenaryWall(
      [
        { roomId: "room-10", roomName: "Groupe 10", problem: "Logement d'urgence", answer: "Appeler le 115 tôt le matin." },
        { roomId: "room-2", roomName: "Groupe 2", problem: "Addiction", answer: "" },
        { roomId: "room-1", roomName: "Groupe 1", problem: "", answer: "Première version" },
        { roomId: "extra-b", roomName: "Salle 10", problem: "", answer: "b" },
        { roomId: "extra-a", roomName: "Salle 9", problem: "", answer: "a" },
        { roomId: "room-1", roomName: "Groupe 1", problem: "Conflit", answer: "  Version finale\r\n\r\n\r\n\r\nsur deux paragraphes \u200b " },
      ],
      ["room-1", "room-2", "room-10"],
    );
    expect(wall.map((w) => [w.roomId, w.answered])).toEqual([["room-1", true], ["room-2", false], ["room-10", true], ["extra-a", true], ["extra-b", true]]);
    expect(wall[0]).toEqual({ roomId: "room-1", roomName: "Groupe 1", problem: "Conflit", answer: "Version finale\n\nsur deux paragraphes", answered: true });
    expect(plenaryWall([])).toEqual([]);
    expect(plenaryWall([{ roomId: "b", roomName: "Groupe 10", problem: "", answer: "" }, { roomId: "a", roomName: "Groupe 9", problem: "", answer: "" }]).map((w) => w.roomId)).toEqual(["a", "b"]);
  });
});
