import { describe, expect, it } from "vitest";
import { CODEV_TEMPLATE, type Command, type SeanceState, apply, createSeance } from "../../domain/facilitation/index.ts";
import { effectiveRole, seedObservers, sessionRoleFor } from "./roles.ts";
import { seanceView } from "./view.ts";

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const MIN = 60_000;

function run(state: SeanceState, ...steps: Array<[string, Command]>): SeanceState {
  let s = state;
  for (const [actor, command] of steps) {
    const r = apply(CODEV_TEMPLATE, s, command, { id: actor }, s.clock + 1000, { contractWritten: true });
    if (!r.ok) throw new Error(`${command.type}: ${r.code}`);
    s = r.state;
  }
  return s;
}

const base = () => createSeance(CODEV_TEMPLATE, { facilitatorId: "fac", now: T0 });
const subjectStep = () =>
  run(
    base(),
    ["fac", { type: "prepare", preparation: { steps: { subject: { enabled: true } } } }],
    ["fac", { type: "start" }],
    ["ana", { type: "proposeSubject", title: "Un entretien difficile" }],
    ["ben", { type: "proposeSubject", title: "Une équipe épuisée" }],
    ["ana", { type: "vote", subjectId: "subject-2" }],
    ["ben", { type: "vote", subjectId: "subject-2" }],
    ["cleo", { type: "vote", subjectId: "subject-1" }],
  );

describe("seanceView", () => {
  it("publishes vote counts, never who voted for what, and each person's own vote only to them", () => {
    const s = subjectStep();
    const view = seanceView({ sessionId: "s", template: CODEV_TEMPLATE, state: s, version: 9 }, { participantId: "cleo", sessionRole: "participant" }, s.clock);
    expect(view.subjects).toEqual([
      { subjectId: "subject-2", title: "Une équipe épuisée", proposerId: "ben", votes: 2, leading: true },
      { subjectId: "subject-1", title: "Un entretien difficile", proposerId: "ana", votes: 1, leading: false },
    ]);
    expect(view.you).toEqual({ participantId: "cleo", role: "consultant", vote: "subject-1" });
    const json = JSON.stringify(view);
    expect(json).not.toContain("voterId");
    expect(json).not.toContain('"voted"');
    expect(json).not.toContain('"log"');
    const facView = seanceView({ sessionId: "s", template: CODEV_TEMPLATE, state: s, version: 9 }, { participantId: "fac", sessionRole: "facilitator" }, s.clock);
    expect(facView.you).toEqual({ participantId: "fac", role: "facilitator", vote: null });
  });

  it("carries the step, absolute timer, time-up flag, history and the server's clock", () => {
    const s = run(base(), ["fac", { type: "assignRole", participantId: "ana", role: "caseHolder" }], ["fac", { type: "start" }], ["fac", { type: "next" }]);
    const later = s.clock + 16 * MIN;
    const view = seanceView({ sessionId: "s", template: CODEV_TEMPLATE, state: s, version: 4 }, { participantId: "ana", sessionRole: "participant" }, later);
    expect(view).toMatchObject({
      sessionId: "s",
      templateId: "codev",
      version: 4,
      now: later,
      status: "running",
      stepIndex: 1,
      stepId: "clarification",
      timer: { status: "running", endsAt: s.clock + 15 * MIN, durationMs: 15 * MIN },
      timeUp: true,
      facilitatorId: "fac",
      defaultRole: "consultant",
      roles: [{ participantId: "ana", role: "caseHolder" }],
      you: { role: "caseHolder", vote: null },
    });
    expect(view.history.map((h) => [h.stepId, h.endedAt === null])).toEqual([["expose", false], ["clarification", true]]);
    expect(view.plan.map((p) => p.stepId)).toEqual(["expose", "clarification", "contract", "reactions", "synthesis", "learnings"]);
    expect(seanceView({ sessionId: "s", template: CODEV_TEMPLATE, state: base(), version: 1 }, { participantId: "x", sessionRole: "participant" }, T0)).toMatchObject({
      status: "lobby",
      stepId: null,
      stepIndex: -1,
      timeUp: false,
    });
  });
});

describe("roles: the séance decides, the participant row follows", () => {
  it("maps method roles to what a connection may do", () => {
    expect(sessionRoleFor("facilitator")).toBe("facilitator");
    expect(sessionRoleFor("observer")).toBe("observer");
    for (const r of ["caseHolder", "consultant", "scribe"] as const) expect(sessionRoleFor(r)).toBe("participant");
  });

  it("an assignment wins over the row; an unassigned observer row stays an observer; the default is the method's", () => {
    const s = run(base(), ["fac", { type: "assignRole", participantId: "ana", role: "observer" }], ["fac", { type: "assignRole", participantId: "ben", role: "scribe" }]);
    expect(effectiveRole(CODEV_TEMPLATE, s, "ana", "participant")).toBe("observer");
    expect(effectiveRole(CODEV_TEMPLATE, s, "ben", "observer")).toBe("scribe");
    expect(effectiveRole(CODEV_TEMPLATE, s, "cleo", "observer")).toBe("observer");
    expect(effectiveRole(CODEV_TEMPLATE, s, "cleo", "participant")).toBe("consultant");
    expect(effectiveRole(CODEV_TEMPLATE, s, "fac", "participant")).toBe("facilitator");
  });

  it("a new séance knows the session's observers, never the facilitator as one", () => {
    const s = seedObservers(base(), [
      { id: "fac", role: "observer" },
      { id: "ana", role: "observer" },
      { id: "ben", role: "participant" },
    ]);
    expect(s.roles).toEqual([{ participantId: "ana", role: "observer" }]);
    expect(seedObservers(base(), [{ id: "ben", role: "participant" }])).toEqual(base());
  });
});
