import { describe, expect, it } from "vitest";
import { CODEV_STEP } from "./codev.ts";
import { type Command, type SeanceState, apply, createSeance, roleOf, stepTimes, subjectTally, tick } from "./machine.ts";
import type { MethodTemplate } from "./templates.ts";
import { CONS, CONS2, CONTRACT, FAC, HOLDER, MIN, OBS, SCRIBE, T0, byFacilitator, codev, lobby, must, onStep } from "./testkit.ts";

const as = (id: string, state: SeanceState, command: Command, now = state.clock + MIN, facts = CONTRACT) =>
  apply(codev, state, command, { id }, now, facts);
const stepOf = (s: SeanceState) => s.plan[s.stepIndex]?.stepId;
const withSubjectStep = { steps: { subject: { enabled: true } } };

describe("the step machine", () => {
  it("M1: only the facilitator runs facilitation commands", () => {
    const s = onStep(CODEV_STEP.clarification);
    const commands: Command[] = [
      { type: "prepare", preparation: {} }, { type: "start" }, { type: "next" }, { type: "previous" },
      { type: "goTo", stepId: CODEV_STEP.expose }, { type: "timerStart" }, { type: "timerPause" }, { type: "timerResume" },
      { type: "timerExtend", ms: MIN }, { type: "lockBoard" }, { type: "unlockBoard" }, { type: "spotlight", itemId: "q1" },
      { type: "summon", viewId: "board" }, { type: "assignRole", participantId: CONS, role: "scribe" },
      { type: "unassignRole", participantId: SCRIBE }, { type: "pickSubject", subjectId: "subject-1" }, { type: "end" },
    ];
    for (const who of [HOLDER, CONS, SCRIBE, OBS, "stranger"])
      for (const c of commands) expect(as(who, s, c)).toMatchObject({ ok: false, code: "not_facilitator" });
    expect(as(FAC, s, { type: "next" }).ok).toBe(true);
  });

  it("M2: start works only from the lobby and enters the first planned step", () => {
    const s = must(as(FAC, lobby(), { type: "start" }));
    expect(s.status).toBe("running");
    expect(stepOf(s)).toBe(CODEV_STEP.expose);
    expect(as(FAC, s, { type: "start" })).toMatchObject({ ok: false, code: "already_started" });
    const withSubject = must(as(FAC, lobby(withSubjectStep), { type: "start" }));
    expect(stepOf(withSubject)).toBe(CODEV_STEP.subject);
  });

  it("M3: next, previous and goTo move between planned steps, within the plan", () => {
    let s = onStep(CODEV_STEP.expose);
    expect(as(FAC, s, { type: "previous" })).toMatchObject({ ok: false, code: "no_previous_step" });
    s = must(as(FAC, s, { type: "next" }));
    expect(stepOf(s)).toBe(CODEV_STEP.clarification);
    s = must(as(FAC, s, { type: "previous" }));
    expect(stepOf(s)).toBe(CODEV_STEP.expose);
    s = must(as(FAC, s, { type: "goTo", stepId: CODEV_STEP.learnings }));
    expect(as(FAC, s, { type: "next" })).toMatchObject({ ok: false, code: "no_next_step" });
    expect(as(FAC, s, { type: "goTo", stepId: CODEV_STEP.learnings })).toMatchObject({ ok: false, code: "same_step" });
    expect(as(FAC, s, { type: "goTo", stepId: "nowhere" })).toMatchObject({ ok: false, code: "unknown_step" });
    // The subject step exists in the template but is not in this plan.
    expect(as(FAC, s, { type: "goTo", stepId: CODEV_STEP.subject })).toMatchObject({ ok: false, code: "unknown_step" });
    expect(as(FAC, lobby(), { type: "next" })).toMatchObject({ ok: false, code: "not_started" });
  });

  it("M4: entering a step checks its requirements, on every path in", () => {
    const noHolder = lobby(undefined, false);
    expect(as(FAC, noHolder, { type: "start" })).toMatchObject({ ok: false, code: "requirement_unmet" });
    const s = onStep(CODEV_STEP.contract);
    const noContract = {};
    expect(as(FAC, s, { type: "next" }, s.clock + MIN, noContract)).toMatchObject({ ok: false, code: "requirement_unmet" });
    const later = byFacilitator(s, CONTRACT, { type: "goTo", stepId: CODEV_STEP.synthesis });
    expect(as(FAC, later, { type: "previous" }, later.clock + MIN, noContract)).toMatchObject({ ok: false, code: "requirement_unmet" });
    expect(as(FAC, later, { type: "goTo", stepId: CODEV_STEP.reactions }, later.clock + MIN, noContract).ok).toBe(false);
  });

  it("M5: after the end every command is refused", () => {
    const s = byFacilitator(onStep(CODEV_STEP.clarification), CONTRACT, { type: "end" });
    for (const c of [{ type: "next" }, { type: "previous" }, { type: "start" }, { type: "goTo", stepId: "expose" }, { type: "timerResume" }, { type: "assignRole", participantId: CONS, role: "scribe" }] as Command[])
      expect(as(FAC, s, c)).toMatchObject({ ok: false, code: "ended" });
    expect(as(CONS, s, { type: "volunteer" })).toMatchObject({ ok: false, code: "ended" });
  });

  it("M6: every visit is recorded and stepTimes gives planned vs actual time", () => {
    let s = must(as(FAC, lobby(), { type: "start" }, T0));
    s = must(as(FAC, s, { type: "next" }, T0 + 12 * MIN));
    s = must(as(FAC, s, { type: "previous" }, T0 + 20 * MIN));
    s = must(as(FAC, s, { type: "next" }, T0 + 23 * MIN));
    expect(s.history.map((v) => [v.stepId, v.startedAt - T0, v.endedAt === null ? null : v.endedAt - T0, v.plannedMs])).toEqual([
      ["expose", 0, 12 * MIN, 10 * MIN],
      ["clarification", 12 * MIN, 20 * MIN, 15 * MIN],
      ["expose", 20 * MIN, 23 * MIN, 10 * MIN],
      ["clarification", 23 * MIN, null, 15 * MIN],
    ]);
    const times = stepTimes(s, T0 + 30 * MIN);
    expect(times.slice(0, 3)).toEqual([
      { stepId: "expose", plannedMs: 10 * MIN, actualMs: 15 * MIN },
      { stepId: "clarification", plannedMs: 15 * MIN, actualMs: 15 * MIN },
      { stepId: "contract", plannedMs: 5 * MIN, actualMs: 0 },
    ]);
  });

  it("M7: accepted commands are logged with time and actor; refusals and no-ops change nothing", () => {
    const s0 = lobby();
    const s1 = must(as(FAC, s0, { type: "start" }, T0 + 5));
    expect(s1.log.slice(s0.log.length)).toEqual([
      { type: "started", at: T0 + 5, actorId: FAC },
      { type: "stepEntered", stepId: "expose", fromStepId: null, via: "start", at: T0 + 5, actorId: FAC },
      { type: "timerStarted", endsAt: T0 + 5 + 10 * MIN, durationMs: 10 * MIN, at: T0 + 5, actorId: FAC },
    ]);
    expect(as(CONS, s1, { type: "next" }).ok).toBe(false);
    const noop = as(FAC, s1, { type: "unlockBoard" });
    expect(noop).toMatchObject({ ok: true, events: [] });
    expect(noop.ok && noop.state).toBe(s1);
  });

  it("M8: apply never throws on garbage", () => {
    const s = onStep(CODEV_STEP.clarification);
    const garbage: unknown[] = [null, undefined, 42, "next", [], {}, { type: 3 }, { type: "goTo" }, { type: "goTo", stepId: {} },
      { type: "timerExtend", ms: -5 }, { type: "timerExtend", ms: 1e308 }, { type: "timerExtend", ms: Number.NaN },
      { type: "timerStart", durationMs: "10" }, { type: "assignRole", participantId: "x", role: "king" },
      { type: "assignRole", participantId: "", role: "scribe" }, { type: "proposeSubject", title: 7 }, { type: "toString" },
      { type: "__proto__" }, { type: "prepare", preparation: { steps: { expose: { durationMin: -1 } } } }];
    for (const g of garbage) expect(apply(codev, s, g as Command, { id: FAC }, T0 + 100 * MIN, CONTRACT).ok).toBe(false);
    for (const actor of [null, {}, { id: 4 }, { id: "" }, "fac"]) expect(apply(codev, s, { type: "next" }, actor as never, T0 + 100 * MIN).ok).toBe(false);
    for (const now of [Number.NaN, Infinity, -1, "soon"]) expect(apply(codev, s, { type: "next" }, { id: FAC }, now as never).ok).toBe(false);
    for (const facts of [null, 3, []]) expect(apply(codev, s, { type: "next" }, { id: FAC }, T0 + 100 * MIN, facts as never).ok).toBe(false);
    expect(apply({ ...codev, id: "other" } as MethodTemplate, s, { type: "next" }, { id: FAC }, T0 + 100 * MIN).ok).toBe(false);
    expect(apply(codev, null as never, { type: "next" }, { id: FAC }, T0).ok).toBe(false);
  });

  it("M9: time never goes backwards", () => {
    const s = onStep(CODEV_STEP.expose);
    const back = must(as(FAC, s, { type: "next" }, s.clock - 30 * MIN));
    expect(back.clock).toBe(s.clock);
    expect(back.history[0].endedAt).toBe(s.clock);
    expect(back.log.at(-1)!.at).toBe(s.clock);
  });

  it("M10: lock, spotlight and summon; spotlight and summon end with the step, the lock stays", () => {
    let s = byFacilitator(onStep(CODEV_STEP.clarification), CONTRACT, { type: "lockBoard" }, { type: "spotlight", itemId: "q-7" }, { type: "summon", viewId: "board:questions" });
    expect(s.boardLocked).toBe(true);
    expect(s.spotlight).toEqual({ itemId: "q-7", at: s.clock - MIN });
    expect(s.summon).toEqual({ viewId: "board:questions", at: s.clock, by: FAC });
    s = byFacilitator(s, CONTRACT, { type: "next" });
    expect([s.boardLocked, s.spotlight, s.summon]).toEqual([true, null, null]);
    s = byFacilitator(s, CONTRACT, { type: "unlockBoard" }, { type: "spotlight", itemId: "x" }, { type: "spotlight", itemId: null }, { type: "summon", viewId: "v" }, { type: "summon", viewId: null });
    expect([s.boardLocked, s.spotlight, s.summon]).toEqual([false, null, null]);
    expect(as(FAC, lobby(), { type: "lockBoard" })).toMatchObject({ ok: false, code: "not_started" });
  });

  it("M11: the facilitator keeps their role and is never the case holder", () => {
    const s = lobby();
    expect(as(FAC, s, { type: "assignRole", participantId: FAC, role: "caseHolder" })).toMatchObject({ ok: false, code: "facilitator_role_fixed" });
    expect(as(FAC, s, { type: "assignRole", participantId: CONS, role: "facilitator" as never })).toMatchObject({ ok: false, code: "facilitator_role_fixed" });
    expect(as(FAC, s, { type: "unassignRole", participantId: FAC })).toMatchObject({ ok: true, events: [] });
    expect(roleOf(codev, s, FAC)).toBe("facilitator");
    const small: MethodTemplate = { ...codev, roles: ["facilitator", "caseHolder", "consultant"] };
    const s2 = createSeance(small, { facilitatorId: FAC, now: T0 });
    expect(apply(small, s2, { type: "assignRole", participantId: CONS, role: "observer" }, { id: FAC }, T0)).toMatchObject({ ok: false, code: "role_not_in_method" });
  });

  it("M12: one case holder, one scribe; a one-seat role is handed over", () => {
    let s = lobby();
    s = must(as(FAC, s, { type: "assignRole", participantId: CONS, role: "caseHolder" }));
    expect(s.roles.filter((r) => r.role === "caseHolder")).toEqual([{ participantId: CONS, role: "caseHolder" }]);
    expect(roleOf(codev, s, HOLDER)).toBe("consultant");
    expect(s.log.slice(-2).map((e) => e.type)).toEqual(["roleUnassigned", "roleAssigned"]);
    s = must(as(FAC, s, { type: "assignRole", participantId: CONS2, role: "scribe" }));
    expect(s.roles.filter((r) => r.role === "scribe").map((r) => r.participantId)).toEqual([CONS2]);
    const limited: MethodTemplate = { ...codev, roleLimits: { ...codev.roleLimits, observer: 2 } };
    let t = createSeance(limited, { facilitatorId: FAC, now: T0 });
    for (const p of ["a", "b"]) t = must(apply(limited, t, { type: "assignRole", participantId: p, role: "observer" }, { id: FAC }, T0));
    expect(apply(limited, t, { type: "assignRole", participantId: "c", role: "observer" }, { id: FAC }, T0)).toMatchObject({ ok: false, code: "role_full" });
  });

  it("M13: a role change cannot leave the step without its case holder", () => {
    const s = onStep(CODEV_STEP.clarification);
    expect(as(FAC, s, { type: "unassignRole", participantId: HOLDER })).toMatchObject({ ok: false, code: "requirement_unmet" });
    expect(as(FAC, s, { type: "assignRole", participantId: HOLDER, role: "consultant" })).toMatchObject({ ok: false, code: "requirement_unmet" });
    expect(as(FAC, s, { type: "assignRole", participantId: CONS, role: "caseHolder" }).ok).toBe(true);
    expect(as(FAC, lobby(), { type: "unassignRole", participantId: HOLDER }).ok).toBe(true);
  });

  it("M14: participants volunteer as case holder in the lobby or the subject step", () => {
    let s = lobby(withSubjectStep, false);
    s = must(as(CONS, s, { type: "volunteer" }));
    s = must(as(CONS, s, { type: "volunteer" }));
    s = must(as(CONS2, s, { type: "volunteer" }));
    expect(s.volunteers).toEqual([CONS, CONS2]);
    expect(as(FAC, s, { type: "volunteer" })).toMatchObject({ ok: false, code: "not_allowed_for_role" });
    expect(as(OBS, s, { type: "volunteer" })).toMatchObject({ ok: false, code: "not_allowed_for_role" });
    s = byFacilitator(s, {}, { type: "start" });
    s = must(as(CONS, s, { type: "withdrawVolunteer" }));
    expect(s.volunteers).toEqual([CONS2]);
    expect(as(CONS, onStep(CODEV_STEP.expose), { type: "volunteer" })).toMatchObject({ ok: false, code: "not_in_subject_choice" });
  });

  it("M15: one subject per participant, renamed by proposing again, withdrawn with its votes", () => {
    let s = onStep(CODEV_STEP.subject, withSubjectStep);
    s = must(as(CONS, s, { type: "proposeSubject", title: "  Un salarié qui ne vient plus  " }));
    s = must(as(CONS2, s, { type: "vote", subjectId: "subject-1" }));
    s = must(as(CONS, s, { type: "proposeSubject", title: "Un salarié absent depuis deux semaines" }));
    expect(s.subjects).toMatchObject([{ id: "subject-1", title: "Un salarié absent depuis deux semaines", proposerId: CONS }]);
    expect(as(CONS, s, { type: "proposeSubject", title: "   " })).toMatchObject({ ok: false, code: "bad_input" });
    expect(as(CONS, s, { type: "proposeSubject", title: "x".repeat(201) })).toMatchObject({ ok: false, code: "bad_input" });
    expect(as(FAC, s, { type: "proposeSubject", title: "Mon sujet" })).toMatchObject({ ok: false, code: "not_allowed_for_role" });
    expect(as(OBS, s, { type: "proposeSubject", title: "Mon sujet" })).toMatchObject({ ok: false, code: "not_allowed_for_role" });
    s = must(as(CONS, s, { type: "withdrawSubject" }));
    expect([s.subjects, s.votes]).toEqual([[], []]);
    s = must(as(CONS, s, { type: "proposeSubject", title: "Autre chose" }));
    expect(s.subjects[0].id).toBe("subject-2");
    expect(as(CONS, onStep(CODEV_STEP.expose), { type: "proposeSubject", title: "Trop tard" })).toMatchObject({ ok: false, code: "not_in_subject_choice" });
  });

  it("M16: one vote per participant, changeable, withdrawn with null", () => {
    let s = onStep(CODEV_STEP.subject, withSubjectStep);
    s = must(as(CONS, s, { type: "proposeSubject", title: "A" }));
    s = must(as(CONS2, s, { type: "proposeSubject", title: "B" }));
    s = must(as(HOLDER, s, { type: "vote", subjectId: "subject-1" }));
    s = must(as(HOLDER, s, { type: "vote", subjectId: "subject-2" }));
    expect(s.votes).toEqual([{ voterId: HOLDER, subjectId: "subject-2" }]);
    s = must(as(HOLDER, s, { type: "vote", subjectId: null }));
    expect(s.votes).toEqual([]);
    expect(as(HOLDER, s, { type: "vote", subjectId: "subject-9" })).toMatchObject({ ok: false, code: "unknown_subject" });
    expect(as(FAC, s, { type: "vote", subjectId: "subject-1" })).toMatchObject({ ok: false, code: "not_allowed_for_role" });
    expect(as(OBS, s, { type: "vote", subjectId: "subject-1" })).toMatchObject({ ok: false, code: "not_allowed_for_role" });
  });

  it("M17: the tally shows ties instead of breaking them", () => {
    let s = onStep(CODEV_STEP.subject, withSubjectStep);
    for (const [who, title] of [[CONS, "A"], [CONS2, "B"], [SCRIBE, "C"]]) s = must(as(who, s, { type: "proposeSubject", title }));
    for (const [who, subjectId] of [[CONS, "subject-2"], [CONS2, "subject-3"], [HOLDER, "subject-2"], [SCRIBE, "subject-3"]])
      s = must(as(who, s, { type: "vote", subjectId }));
    expect(subjectTally(s).map((t) => [t.subjectId, t.votes, t.leading])).toEqual([
      ["subject-2", 2, true],
      ["subject-3", 2, true],
      ["subject-1", 0, false],
    ]);
    expect(subjectTally(onStep(CODEV_STEP.subject, withSubjectStep))).toEqual([]);
  });

  it("M18: the facilitator picks a subject, leading or not; its proposer holds the case", () => {
    let s = onStep(CODEV_STEP.subject, withSubjectStep);
    s = must(as(CONS, s, { type: "proposeSubject", title: "A" }));
    s = must(as(CONS2, s, { type: "proposeSubject", title: "B" }));
    s = must(as(HOLDER, s, { type: "vote", subjectId: "subject-1" }));
    s = must(as(FAC, s, { type: "pickSubject", subjectId: "subject-2" }));
    expect(s.chosenSubjectId).toBe("subject-2");
    expect(roleOf(codev, s, CONS2)).toBe("caseHolder");
    expect(roleOf(codev, s, HOLDER)).toBe("consultant");
    expect(as(FAC, s, { type: "pickSubject", subjectId: "subject-7" })).toMatchObject({ ok: false, code: "unknown_subject" });
    s = must(as(FAC, s, { type: "next" }));
    expect(as(FAC, s, { type: "pickSubject", subjectId: "subject-1" })).toMatchObject({ ok: false, code: "not_in_subject_choice" });
  });

  it("M19: a séance is prepared in the lobby only", () => {
    const s = must(as(FAC, lobby(), { type: "prepare", preparation: { steps: { reactions: { durationMin: 30 } } } }));
    expect(s.plan.find((p) => p.stepId === "reactions")!.durationMs).toBe(30 * MIN);
    expect(as(FAC, onStep(CODEV_STEP.expose), { type: "prepare", preparation: {} })).toMatchObject({ ok: false, code: "already_started" });
  });

  it("M20: end closes the open visit and clears spotlight, summon and lock, from running or lobby", () => {
    let s = byFacilitator(onStep(CODEV_STEP.clarification), CONTRACT, { type: "lockBoard" }, { type: "spotlight", itemId: "q" }, { type: "summon", viewId: "v" }, { type: "end" });
    expect(s.status).toBe("ended");
    expect(s.history.every((v) => v.endedAt !== null)).toBe(true);
    expect([s.spotlight, s.summon, s.boardLocked]).toEqual([null, null, false]);
    s = must(as(FAC, lobby(), { type: "end" }));
    expect([s.status, s.history]).toEqual(["ended", []]);
  });

  it("M21: tick moves on only from an autoAdvance step whose time is up", () => {
    const auto: MethodTemplate = { ...codev, steps: codev.steps.map((st) => ({ ...st, autoAdvance: true })) };
    let s = must(apply(auto, lobby(), { type: "start" }, { id: FAC }, T0));
    expect(tick(auto, s, T0 + 9 * MIN).events).toEqual([]);
    expect(tick(codev, s, T0 + 10 * MIN).events).toEqual([]); // codev steps wait for the facilitator
    const moved = tick(auto, s, T0 + 10 * MIN);
    expect(moved.state.plan[moved.state.stepIndex].stepId).toBe("clarification");
    expect(moved.events[0]).toMatchObject({ type: "stepEntered", via: "auto", actorId: null });
    s = must(apply(auto, moved.state, { type: "goTo", stepId: "contract" }, { id: FAC }, T0 + 11 * MIN));
    expect(tick(auto, s, T0 + 60 * MIN).events).toEqual([]); // no contract reported: reactions wait
    expect(tick(auto, s, T0 + 60 * MIN, CONTRACT).events).not.toEqual([]);
    s = must(apply(auto, s, { type: "goTo", stepId: "learnings" }, { id: FAC }, T0 + 61 * MIN, CONTRACT));
    const last = tick(auto, s, T0 + 200 * MIN, CONTRACT);
    expect([last.state.status, last.events]).toEqual(["running", []]);
    expect(tick(auto, s, Number.NaN).state).toBe(s);
  });
});
