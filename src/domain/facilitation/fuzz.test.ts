// Seeded fuzz of the step machine and the permission check: random commands from every role
// (garbage included) with random time moves, checking the SPEC invariants after each one.
// A failing seed is reported by number; pin it below as a named regression test. Seeds replay
// only with this exact generator: when the generator changes, turn pinned seeds into explicit
// scenarios first.
import { describe, expect, it } from "vitest";
import { CODEV_COLLECTION, CODEV_STEP } from "./codev.ts";
import { FacilitationError } from "./errors.ts";
import { type Command, type Facts, type SeanceState, apply, createSeance, holdersOf, invariantViolations, roleOf, tick, timeLeft } from "./machine.ts";
import { type ContentChange, canChange } from "./permissions.ts";
import { type FieldSpec, METHOD_ROLES, type MethodTemplate, prepare } from "./templates.ts";
import { mulberry32 } from "../seededRandom.ts";
import { CONS, CONS2, CONTRACT, FAC, HOLDER, MIN, OBS, SCRIBE, T0, byFacilitator, codev, may, onStep, update } from "./testkit.ts";


class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

// Same id as codev, so states move between the two: half the seeds exercise `tick`.
const autoCodev: MethodTemplate = { ...codev, steps: codev.steps.map((s) => ({ ...s, autoAdvance: true })) };

const PEOPLE = [FAC, FAC, FAC, FAC, FAC, HOLDER, CONS, CONS2, SCRIBE, OBS, "p7", "__proto__", "constructor"];
const STEP_IDS = [...Object.values(CODEV_STEP), "nowhere", "", "toString"];
const NUMBERS = [MIN, 5 * MIN, 999, 1000, 0, -1, -MIN, 1.5, 60 * MIN, 61 * MIN, 180 * MIN, 1e308, Number.NaN, Number.POSITIVE_INFINITY];
const GARBAGE: unknown[] = [null, undefined, 0, "next", [], {}, { type: 7 }, { type: "toString" }, { type: "__proto__" }, { type: "NEXT" }, [{ type: "next" }]];

function randomCommand(r: Rng): unknown {
  if (r.chance(0.08)) return r.pick(GARBAGE);
  const subjectId = r.pick<unknown>([`subject-${r.int(4)}`, `subject-${r.int(4)}`, null, 3, ""]);
  const weighted: (() => unknown)[] = [
    () => ({ type: "start" }),
    () => ({ type: "next" }),
    () => ({ type: "next" }),
    () => ({ type: "next" }),
    () => ({ type: "previous" }),
    () => ({ type: "goTo", stepId: r.pick(STEP_IDS) }),
    () => ({ type: "timerStart", durationMs: r.chance(0.5) ? undefined : r.pick(NUMBERS) }),
    () => ({ type: "timerPause" }),
    () => ({ type: "timerResume" }),
    () => ({ type: "timerExtend", ms: r.pick(NUMBERS) }),
    () => ({ type: r.pick(["lockBoard", "unlockBoard"]) }),
    () => ({ type: "spotlight", itemId: r.pick([null, "q1", "", 5]) }),
    () => ({ type: "summon", viewId: r.pick([null, "board", "x".repeat(200)]) }),
    () => ({ type: "assignRole", participantId: r.pick(PEOPLE), role: r.pick([...METHOD_ROLES, "caseHolder", "caseHolder", "king"]) }),
    () => ({ type: "assignRole", participantId: r.pick(PEOPLE), role: "caseHolder" }),
    () => ({ type: "unassignRole", participantId: r.pick(PEOPLE) }),
    () => ({ type: "pickSubject", subjectId }),
    () => ({ type: "prepare", preparation: r.pick<unknown>([{}, { steps: { subject: { enabled: r.chance(0.7) }, reactions: { durationMin: r.pick(NUMBERS) } } }, null]) }),
    () => ({ type: "volunteer" }),
    () => ({ type: "withdrawVolunteer" }),
    () => ({ type: "proposeSubject", title: r.pick<unknown>(["Un salarié absent", "  ", "x".repeat(201), 12, "Relation avec un partenaire"]) }),
    () => ({ type: "withdrawSubject" }),
    () => ({ type: "vote", subjectId }),
    () => ({ type: "vote", subjectId }),
  ];
  if (r.chance(0.004)) return { type: "end" };
  return r.pick(weighted)();
}

function validValue(r: Rng, spec: FieldSpec): unknown {
  switch (spec.kind) {
    case "text": return r.pick(["", "Il ne vient plus depuis deux semaines", "…"]);
    case "enum": return r.pick(spec.values);
    case "boolean": return r.chance(0.5);
    case "integer": return spec.min + r.int(spec.max - spec.min + 1);
    case "number": return r.int(4000);
  }
}

const BAD_VALUES: unknown[] = [undefined, Number.NaN, "x".repeat(5000), 9, 0, {}, [], "Idea"];

/** Mostly plausible changes (real collections, fields and values), so the rules are really reached. */
function randomChange(r: Rng, template: MethodTemplate, actorId: string): ContentChange {
  const spec = r.chance(0.95) ? r.pick(template.collections) : undefined;
  const collection = spec?.id ?? r.pick(["gossip", "__proto__"]);
  const names = spec ? Object.keys(spec.fields) : ["text"];
  const field = r.chance(0.95) ? r.pick(names) : r.pick(["__proto__", "toString", "authorId"]);
  const valueOf = (f: string) => (spec && Object.hasOwn(spec.fields, f) && r.chance(0.85) ? validValue(r, spec.fields[f]) : r.pick([null, ...BAD_VALUES]));
  const authorId = r.chance(0.6) ? actorId : r.pick(PEOPLE);
  const itemId = spec?.singletonId && r.chance(0.8) ? spec.singletonId : spec?.keyedByAuthor && r.chance(0.8) ? authorId : r.pick(["item-1", "item-2", actorId, ""]);
  const base = { collection, itemId, authorId, actorId: r.chance(0.97) ? actorId : "someone-else" };
  const op = r.pick(["create", "update", "update", "delete", "rename"]);
  if (op === "create") return { ...base, op, values: Object.fromEntries(names.filter(() => r.chance(0.5)).map((f) => [f, valueOf(f)])) };
  if (op === "update") return { ...base, op, field, value: valueOf(field) };
  return { ...base, op } as ContentChange;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

const stepOf = (s: SeanceState) => (s.status === "running" ? s.plan[s.stepIndex].stepId : null);
const enteredReactions = (before: SeanceState, after: SeanceState) =>
  after.history.length > before.history.length && after.history.at(-1)!.stepId === CODEV_STEP.reactions;

export interface FuzzStats {
  accepted: number;
  stepsReached: Set<string>;
  ended: boolean;
  changesAllowed: number;
}

/** Plain checks in the hot loop: vitest's expect costs more than the machine itself. */
function check(ok: boolean, seed: number, i: number, what: () => string): void {
  if (!ok) throw new Error(`seed ${seed}, command ${i}: ${what()}`);
}

/** Runs one seed; returns what it covered, throws on the first broken rule. */
export function runSeed(seed: number, commands: number): FuzzStats {
  const r = new Rng(seed);
  const template = seed % 2 === 0 ? codev : autoCodev;
  // A third of the séances open with the subject-choice step.
  const plan = seed % 3 === 0 ? prepare(template, { steps: { subject: { enabled: true } } }) : null;
  let state = createSeance(template, { facilitatorId: FAC, now: T0, plan: plan?.ok ? plan.plan : undefined });
  let now = T0;
  const stats: FuzzStats = { accepted: 0, stepsReached: new Set(), ended: false, changesAllowed: 0 };

  for (let i = 0; i < commands; i++) {
    const ensure = (ok: boolean, what: () => string) => check(ok, seed, i, what);
    now = r.chance(0.05) ? now - r.int(10 * MIN) : now + r.pick([0, 1000, r.int(20 * MIN), 30 * MIN]);
    const facts: Facts = r.chance(0.02) ? (r.pick([null, 3, []]) as never) : { contractWritten: r.chance(0.5) };
    const actorId = r.pick(PEOPLE);
    const command = randomCommand(r);
    const when = r.chance(0.01) ? (r.pick([Number.NaN, -1, Infinity]) as number) : now;
    const before = deepFreeze(state);

    const result = apply(template, before, command as Command, { id: actorId }, when, facts);
    if (!result.ok) {
      ensure(result.code !== FacilitationError.internal, () => `${JSON.stringify(command)} → ${result.message}`);
    } else {
      const after = result.state;
      const broken = invariantViolations(template, after);
      ensure(broken.length === 0, () => `${JSON.stringify(command)} broke: ${broken.join("; ")}`);
      if (before.status === "ended") ensure(after === before, () => "M5: nothing changes after the end");
      if (after.stepIndex !== before.stepIndex || after.status !== before.status)
        ensure(actorId === FAC, () => `M1: ${actorId} moved the step`);
      if (enteredReactions(before, after)) ensure(facts?.contractWritten === true, () => "C3: reactions entered without a contract");
      ensure(after.log.length === before.log.length + result.events.length, () => "M7: every event is logged");
      const c = command as { type: string; ms: number };
      if (c.type === "timerExtend" && after !== before) {
        const at = Math.max(when, before.clock);
        ensure(timeLeft(after, at) === timeLeft(before, at)! + c.ms, () => `T5: +${c.ms} ms gives ${timeLeft(after, at)} from ${timeLeft(before, at)}`);
      }
      stats.accepted++;
      state = after;
    }

    if (r.chance(0.3)) {
      const ticked = tick(template, deepFreeze(state), now, facts);
      const broken = invariantViolations(template, ticked.state);
      ensure(broken.length === 0, () => `tick broke: ${broken.join("; ")}`);
      if (enteredReactions(state, ticked.state)) ensure(facts?.contractWritten === true, () => "C3: tick entered reactions without a contract");
      if (template === codev) ensure(ticked.state === state, () => "T3: codev steps never move by themselves");
      state = ticked.state;
    }

    const left = timeLeft(state, now);
    ensure(left === null || left >= 0, () => `T2: negative time left ${left}`);
    const step = stepOf(state);
    if (step) stats.stepsReached.add(step);
    stats.ended ||= state.status === "ended";

    const changer = r.pick([...PEOPLE.slice(4), ...holdersOf(state, "caseHolder")]);
    const change = randomChange(r, template, changer);
    const decision = canChange(template, state, { id: changer }, change);
    if (!decision.ok) {
      ensure(decision.code !== FacilitationError.internal, () => `canChange: ${decision.message}`);
      continue;
    }
    stats.changesAllowed++;
    const role = roleOf(template, state, changer);
    const what = () => `${role} allowed ${JSON.stringify(change)} in ${state.status}/${step}`;
    ensure(role !== "observer", () => `P2: ${what()}`);
    ensure(change.actorId === changer, () => `P1: ${what()}`);
    if (role !== "facilitator") {
      const afterEnd = state.status === "ended" && role === "caseHolder" && change.collection === CODEV_COLLECTION.case && change.op === "update";
      ensure(state.status === "running" || afterEnd, () => `P7, C14: ${what()}`);
      if (state.boardLocked) ensure(change.collection === CODEV_COLLECTION.privateNotes, () => `P8: ${what()}`);
      if (role === "caseHolder" && step === CODEV_STEP.reactions && change.collection === CODEV_COLLECTION.suggestions)
        ensure(change.op === "update" && change.field === "kept", () => `C4: ${what()}`);
    }
  }
  return stats;
}

describe("fuzz: random séances from every role", () => {
  it("M8, P10 and the SPEC invariants hold for 300 seeds × 300 commands", () => {
    const reached = new Set<string>();
    let accepted = 0;
    let ended = 0;
    let allowed = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const stats = runSeed(seed, 300);
      stats.stepsReached.forEach((s) => reached.add(s));
      accepted += stats.accepted;
      allowed += stats.changesAllowed;
      if (stats.ended) ended++;
    }
    // The fuzz is only worth something if it gets everywhere.
    expect([...reached].sort()).toEqual([...Object.values(CODEV_STEP)].sort());
    // Most random commands are refused (wrong actor, garbage); thousands must still go through.
    expect(accepted).toBeGreaterThan(6000);
    expect(allowed).toBeGreaterThan(3000);
    expect(ended).toBeGreaterThan(60);
  });
});


describe("fuzz regressions", () => {
  it("seed 66: a board locked at the end does not block the case holder's pseudonymising (M20, C14)", () => {
    expect(() => runSeed(66, 300)).not.toThrow();
  });

  // Seed 141 of the first generator (since replaced, so the seed alone no longer replays it):
  // after the end, the case holder's update of the case under another item id was accepted.
  it("seed 141: after the end the case holder edits only the case's one item (P3, C14)", () => {
    const ended = byFacilitator(onStep(CODEV_STEP.learnings), CONTRACT, { type: "end" });
    expect(may(ended, HOLDER, update(CODEV_COLLECTION.case, "scribe", SCRIBE, "situation", "…"))).toMatchObject({ ok: false, code: "wrong_item_id" });
    expect(may(ended, HOLDER, update(CODEV_COLLECTION.case, "case", HOLDER, "situation", "…"))).toEqual({ ok: true });
  });
});
