// The séance step machine: apply(template, state, command, actor, now, facts) is pure and
// total. The server is the only caller that matters (clients never write these fields): it
// applies a command, stores the new state and publishes the events. Rule ids: SPEC.md.
import { ALLOWED, type Decision, FacilitationError as E, type Refusal, refuse } from "./errors.ts";
import {
  type AssignableRole,
  MAX_STEP_MINUTES,
  MINUTE_MS,
  type MethodRole,
  type MethodTemplate,
  type Plan,
  type Preparation,
  type StepTemplate,
  defaultPlan,
  findStep,
  isMethodRole,
  prepare,
} from "./templates.ts";

// ---- state ---------------------------------------------------------------------------

export type SeanceStatus = "lobby" | "running" | "ended";

/** Absolute times only: every screen derives the same countdown from `endsAt` (T1). */
export type Timer =
  | { status: "stopped" }
  | { status: "running"; endsAt: number; durationMs: number }
  | { status: "paused"; pausedRemainingMs: number; durationMs: number };

export interface StepVisit {
  stepId: string;
  startedAt: number;
  endedAt: number | null;
  plannedMs: number;
}

export interface RoleAssignment {
  participantId: string;
  role: AssignableRole;
}

export interface SubjectProposal {
  id: string;
  title: string;
  proposerId: string;
  proposedAt: number;
}

export interface Vote {
  voterId: string;
  subjectId: string;
}

// Participant-keyed data are arrays, not records: ids come from outside and "__proto__"
// must not be able to reach a prototype.
export interface SeanceState {
  templateId: string;
  facilitatorId: string;
  plan: Plan;
  status: SeanceStatus;
  /** Index into `plan`; -1 in the lobby. */
  stepIndex: number;
  /** One entry per entry into a step (a step visited twice has two). */
  history: readonly StepVisit[];
  timer: Timer;
  boardLocked: boolean;
  spotlight: { itemId: string; at: number } | null;
  /** "Bring everyone to my view": clients that have not followed this summon yet go there. */
  summon: { viewId: string; at: number; by: string } | null;
  roles: readonly RoleAssignment[];
  volunteers: readonly string[];
  subjects: readonly SubjectProposal[];
  votes: readonly Vote[];
  chosenSubjectId: string | null;
  nextSubjectNumber: number;
  /** Latest time seen (M9): an earlier `now` is read as this one. */
  clock: number;
  log: readonly SeanceEvent[];
}

export function createSeance(template: MethodTemplate, opts: { facilitatorId: string; now: number; plan?: Plan }): SeanceState {
  return {
    templateId: template.id,
    facilitatorId: opts.facilitatorId,
    plan: opts.plan ?? defaultPlan(template),
    status: "lobby",
    stepIndex: -1,
    history: [],
    timer: { status: "stopped" },
    boardLocked: false,
    spotlight: null,
    summon: null,
    roles: [],
    volunteers: [],
    subjects: [],
    votes: [],
    chosenSubjectId: null,
    nextSubjectNumber: 1,
    clock: opts.now,
    log: [],
  };
}

// ---- commands ------------------------------------------------------------------------

export type FacilitatorCommand =
  | { type: "prepare"; preparation: Preparation }
  | { type: "start" }
  | { type: "next" }
  | { type: "previous" }
  | { type: "goTo"; stepId: string }
  | { type: "timerStart"; durationMs?: number }
  | { type: "timerPause" }
  | { type: "timerResume" }
  | { type: "timerExtend"; ms: number }
  | { type: "lockBoard" }
  | { type: "unlockBoard" }
  | { type: "spotlight"; itemId: string | null }
  | { type: "summon"; viewId: string | null }
  | { type: "assignRole"; participantId: string; role: AssignableRole }
  | { type: "unassignRole"; participantId: string }
  | { type: "pickSubject"; subjectId: string }
  | { type: "end" };

export type ParticipantCommand =
  | { type: "volunteer" }
  | { type: "withdrawVolunteer" }
  | { type: "proposeSubject"; title: string }
  | { type: "withdrawSubject" }
  | { type: "vote"; subjectId: string | null };

export type Command = FacilitatorCommand | ParticipantCommand;

const FACILITATOR_COMMANDS: ReadonlySet<string> = new Set<FacilitatorCommand["type"]>([
  "prepare", "start", "next", "previous", "goTo", "timerStart", "timerPause", "timerResume", "timerExtend",
  "lockBoard", "unlockBoard", "spotlight", "summon", "assignRole", "unassignRole", "pickSubject", "end",
]);
const PARTICIPANT_COMMANDS: ReadonlySet<string> = new Set<ParticipantCommand["type"]>([
  "volunteer", "withdrawVolunteer", "proposeSubject", "withdrawSubject", "vote",
]);

export interface Actor {
  id: string;
}

/** The +1 and +5 minute buttons; any other amount within T5's bounds is accepted too. */
export const EXTEND_PRESETS_MS = [1 * MINUTE_MS, 5 * MINUTE_MS] as const;
export const MIN_TIMER_MS = 1_000;
export const MAX_EXTEND_MS = 60 * MINUTE_MS;
export const MAX_TIMER_MS = MAX_STEP_MINUTES * MINUTE_MS;
export const MAX_ID_LENGTH = 128;
export const MAX_SUBJECT_TITLE = 200;

// ---- events --------------------------------------------------------------------------

export type StepVia = "start" | "next" | "previous" | "goTo" | "auto";

export type SeanceEventBody =
  | { type: "prepared"; plan: Plan }
  | { type: "started" }
  | { type: "stepEntered"; stepId: string; fromStepId: string | null; via: StepVia }
  | { type: "timerStarted"; endsAt: number; durationMs: number }
  | { type: "timerPaused"; remainingMs: number }
  | { type: "timerResumed"; endsAt: number }
  | { type: "timerExtended"; byMs: number }
  | { type: "boardLocked" }
  | { type: "boardUnlocked" }
  | { type: "spotlighted"; itemId: string | null }
  | { type: "summoned"; viewId: string | null }
  | { type: "roleAssigned"; participantId: string; role: AssignableRole }
  | { type: "roleUnassigned"; participantId: string; role: AssignableRole }
  | { type: "volunteered"; participantId: string }
  | { type: "volunteerWithdrawn"; participantId: string }
  | { type: "subjectProposed"; subjectId: string; title: string }
  | { type: "subjectWithdrawn"; subjectId: string }
  | { type: "voted"; subjectId: string | null }
  | { type: "subjectPicked"; subjectId: string; caseHolderId: string }
  | { type: "ended" };

/** A log entry: what happened, when, and who did it (null: the machine itself, via `tick`). */
export type SeanceEvent = SeanceEventBody & { at: number; actorId: string | null };

export type Facts = Readonly<Record<string, boolean>>;

export type ApplyResult = { ok: true; state: SeanceState; events: readonly SeanceEvent[] } | Refusal;

// ---- queries -------------------------------------------------------------------------

export function roleOf(template: MethodTemplate, state: SeanceState, participantId: string): MethodRole {
  if (participantId === state.facilitatorId) return "facilitator";
  return state.roles.find((r) => r.participantId === participantId)?.role ?? template.defaultRole;
}

export function holdersOf(state: SeanceState, role: AssignableRole): string[] {
  return state.roles.filter((r) => r.role === role).map((r) => r.participantId);
}

export function currentStep(template: MethodTemplate, state: SeanceState): StepTemplate | null {
  if (state.status !== "running") return null;
  const planned = state.plan[state.stepIndex];
  return planned ? (findStep(template, planned.stepId) ?? null) : null;
}

/** T2: never negative; null when no timer runs (lobby, end). */
export function timeLeft(state: SeanceState, now: number): number | null {
  const t = state.timer;
  if (t.status === "stopped") return null;
  if (t.status === "paused") return t.pausedRemainingMs;
  const left = t.endsAt - now;
  return Number.isFinite(left) ? Math.min(Math.max(0, left), t.durationMs) : 0;
}

/** T3: the facilitator's screen prompts to move on; nothing moves unless the step auto-advances. */
export function isTimeUp(state: SeanceState, now: number): boolean {
  return state.status === "running" && timeLeft(state, now) === 0;
}

export interface StepTime {
  stepId: string;
  plannedMs: number;
  actualMs: number;
}

/** M6: planned vs actual time per planned step, for the report (an open visit counts up to now). */
export function stepTimes(state: SeanceState, now: number): StepTime[] {
  return state.plan.map((p) => ({
    stepId: p.stepId,
    plannedMs: p.durationMs,
    actualMs: state.history
      .filter((v) => v.stepId === p.stepId)
      .reduce((sum, v) => sum + Math.max(0, (v.endedAt ?? Math.max(now, v.startedAt)) - v.startedAt), 0),
  }));
}

export interface SubjectTally {
  subjectId: string;
  title: string;
  proposerId: string;
  votes: number;
  /** M17: every subject with the top count leads, so a tie is shown, not broken. */
  leading: boolean;
}

export function subjectTally(state: SeanceState): SubjectTally[] {
  const counts = state.subjects.map((s) => state.votes.filter((v) => v.subjectId === s.id).length);
  const top = Math.max(0, ...counts);
  return state.subjects
    .map((s, i) => ({ subjectId: s.id, title: s.title, proposerId: s.proposerId, votes: counts[i], leading: top > 0 && counts[i] === top, order: i }))
    .sort((a, b) => b.votes - a.votes || a.order - b.order)
    .map(({ order: _order, ...rest }) => rest);
}

// ---- apply ---------------------------------------------------------------------------

interface Ctx {
  template: MethodTemplate;
  state: SeanceState;
  actorId: string;
  at: number;
  facts: Facts;
}

type Outcome = { ok: true; state: SeanceState; events: SeanceEventBody[] } | Refusal;

export function apply(
  template: MethodTemplate,
  state: SeanceState,
  command: Command,
  actor: Actor,
  now: number,
  facts: Facts = {},
): ApplyResult {
  try {
    const inputs = checkInputs(template, state, actor, now, facts);
    if (!inputs.ok) return inputs;
    const parsed = parseCommand(command);
    if (!parsed.ok) return parsed;
    const ctx: Ctx = { template, state, actorId: actor.id, at: Math.max(now, state.clock), facts };
    const outcome = run(ctx, parsed.command);
    if (!outcome.ok) return outcome;
    return commit(state, outcome.state, outcome.events, ctx.at, ctx.actorId);
  } catch (e) {
    return refuse(E.internal, `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * M21: moves on by itself only from a step marked autoAdvance whose time is up, never past
 * the last step (ending stays the facilitator's decision). Facts default to none, so a step
 * that needs one is not entered blindly.
 */
export function tick(template: MethodTemplate, state: SeanceState, now: number, facts: Facts = {}): { state: SeanceState; events: readonly SeanceEvent[] } {
  const unchanged = { state, events: [] as const };
  try {
    if (!Number.isFinite(now) || state.templateId !== template.id) return unchanged;
    const step = currentStep(template, state);
    const at = Math.max(now, state.clock);
    if (!step?.autoAdvance || !isTimeUp(state, at) || state.stepIndex + 1 >= state.plan.length) return unchanged;
    const ctx: Ctx = { template, state, actorId: "", at, facts: isFacts(facts) ? facts : {} };
    const outcome = moveTo(ctx, state.stepIndex + 1, "auto");
    if (!outcome.ok) return unchanged;
    const done = commit(state, outcome.state, outcome.events, at, null);
    return { state: done.state, events: done.events };
  } catch {
    return unchanged;
  }
}

function commit(before: SeanceState, after: SeanceState, bodies: SeanceEventBody[], at: number, actorId: string | null) {
  // M7: a command that changes nothing leaves the state (and the log) as it was.
  if (bodies.length === 0) return { ok: true as const, state: before, events: [] as SeanceEvent[] };
  const events = bodies.map((b): SeanceEvent => ({ ...b, at, actorId }));
  return { ok: true as const, state: { ...after, clock: at, log: [...before.log, ...events] }, events };
}

function isFacts(v: unknown): v is Facts {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === "string" && v.length > 0 && v.length <= MAX_ID_LENGTH;
}

function checkInputs(template: MethodTemplate, state: SeanceState, actor: unknown, now: unknown, facts: unknown): Decision {
  if (typeof state !== "object" || state === null || state.templateId !== template.id)
    return refuse(E.badInput, "state does not belong to this template");
  if (typeof actor !== "object" || actor === null || !isId((actor as { id?: unknown }).id)) return refuse(E.badInput, "actor must have an id");
  if (typeof now !== "number" || !Number.isFinite(now) || now < 0) return refuse(E.badInput, "now must be a finite time in ms");
  if (!isFacts(facts)) return refuse(E.badInput, "facts must be an object");
  return ALLOWED;
}

function hasFact(facts: Facts, name: string): boolean {
  return Object.hasOwn(facts, name) && facts[name] === true;
}

/** Validates an untrusted command (the transport hands over whatever it received). */
export function parseCommand(raw: unknown): { ok: true; command: Command } | Refusal {
  if (typeof raw !== "object" || raw === null) return refuse(E.badInput, "command must be an object");
  const c = raw as Record<string, unknown>;
  const name = typeof c.type === "string" ? c.type.slice(0, 40) : typeof c.type;
  const bad = (why: string) => refuse(E.badInput, `${name}: ${why}`);
  switch (c.type) {
    case "start": case "next": case "previous": case "timerPause": case "timerResume":
    case "lockBoard": case "unlockBoard": case "end": case "volunteer": case "withdrawVolunteer": case "withdrawSubject":
      return { ok: true, command: { type: c.type } };
    case "prepare":
      return { ok: true, command: { type: "prepare", preparation: c.preparation as Preparation } };
    case "goTo":
      return isId(c.stepId) ? { ok: true, command: { type: "goTo", stepId: c.stepId } } : bad("stepId must be a step id");
    case "timerStart":
      if (c.durationMs !== undefined && !isIntIn(c.durationMs, MIN_TIMER_MS, MAX_TIMER_MS))
        return refuse(E.outOfBounds, `timerStart: durationMs must be a whole number from ${MIN_TIMER_MS} to ${MAX_TIMER_MS}`);
      return { ok: true, command: { type: "timerStart", durationMs: c.durationMs as number | undefined } };
    case "timerExtend":
      if (!isIntIn(c.ms, MIN_TIMER_MS, MAX_EXTEND_MS)) return refuse(E.outOfBounds, `timerExtend: ms must be a whole number from ${MIN_TIMER_MS} to ${MAX_EXTEND_MS}`);
      return { ok: true, command: { type: "timerExtend", ms: c.ms as number } };
    case "spotlight":
      return c.itemId === null || isId(c.itemId) ? { ok: true, command: { type: "spotlight", itemId: c.itemId } } : bad("itemId must be an id or null");
    case "summon":
      return c.viewId === null || isId(c.viewId) ? { ok: true, command: { type: "summon", viewId: c.viewId } } : bad("viewId must be an id or null");
    case "assignRole":
      if (!isId(c.participantId)) return bad("participantId must be an id");
      if (!isMethodRole(c.role)) return bad("unknown role");
      if (c.role === "facilitator") return refuse(E.facilitatorRoleFixed, "the facilitator is set when the séance is created");
      return { ok: true, command: { type: "assignRole", participantId: c.participantId, role: c.role } };
    case "unassignRole":
      return isId(c.participantId) ? { ok: true, command: { type: "unassignRole", participantId: c.participantId } } : bad("participantId must be an id");
    case "pickSubject":
      return isId(c.subjectId) ? { ok: true, command: { type: "pickSubject", subjectId: c.subjectId } } : bad("subjectId must be an id");
    case "proposeSubject": {
      const title = typeof c.title === "string" ? c.title.trim() : "";
      if (title.length === 0 || title.length > MAX_SUBJECT_TITLE) return bad(`title must be 1 to ${MAX_SUBJECT_TITLE} characters`);
      return { ok: true, command: { type: "proposeSubject", title } };
    }
    case "vote":
      return c.subjectId === null || isId(c.subjectId) ? { ok: true, command: { type: "vote", subjectId: c.subjectId } } : bad("subjectId must be an id or null");
    default:
      return refuse(E.badInput, `unknown command ${JSON.stringify(name)}`);
  }
}

function isIntIn(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
}

function run(ctx: Ctx, cmd: Command): Outcome {
  const { state } = ctx;
  const isFacilitator = ctx.actorId === state.facilitatorId;
  // AUTH (M1), then the séance's status (M5), then each command's own validation.
  if (FACILITATOR_COMMANDS.has(cmd.type) && !isFacilitator) return refuse(E.notFacilitator, "only the facilitator can do this");
  if (PARTICIPANT_COMMANDS.has(cmd.type)) {
    const role = roleOf(ctx.template, state, ctx.actorId);
    if (role === "facilitator" || role === "observer") return refuse(E.notAllowedForRole, `a ${role} does not take part in the choice of the subject`);
  }
  if (state.status === "ended") return refuse(E.ended, "the séance has ended");
  switch (cmd.type) {
    case "prepare": return doPrepare(ctx, cmd.preparation);
    case "start": return doStart(ctx);
    case "next": return running(ctx) ?? moveTo(ctx, state.stepIndex + 1, "next");
    case "previous": return running(ctx) ?? moveTo(ctx, state.stepIndex - 1, "previous");
    case "goTo": return running(ctx) ?? goTo(ctx, cmd.stepId);
    case "timerStart": return running(ctx) ?? startTimer(ctx, cmd.durationMs ?? state.plan[state.stepIndex].durationMs);
    case "timerPause": return running(ctx) ?? pauseTimer(ctx);
    case "timerResume": return running(ctx) ?? resumeTimer(ctx);
    case "timerExtend": return running(ctx) ?? extendTimer(ctx, cmd.ms);
    case "lockBoard": return running(ctx) ?? setLock(ctx, true);
    case "unlockBoard": return running(ctx) ?? setLock(ctx, false);
    case "spotlight": return running(ctx) ?? ok({ ...state, spotlight: cmd.itemId === null ? null : { itemId: cmd.itemId, at: ctx.at } }, { type: "spotlighted", itemId: cmd.itemId });
    case "summon": return running(ctx) ?? ok({ ...state, summon: cmd.viewId === null ? null : { viewId: cmd.viewId, at: ctx.at, by: ctx.actorId } }, { type: "summoned", viewId: cmd.viewId });
    case "assignRole": return assignRole(ctx, cmd.participantId, cmd.role);
    case "unassignRole": return unassignRole(ctx, cmd.participantId);
    case "pickSubject": return subjectChoice(ctx) ?? pickSubject(ctx, cmd.subjectId);
    case "end": return doEnd(ctx);
    case "volunteer": return volunteering(ctx) ?? setVolunteer(ctx, true);
    case "withdrawVolunteer": return volunteering(ctx) ?? setVolunteer(ctx, false);
    case "proposeSubject": return subjectChoice(ctx) ?? proposeSubject(ctx, cmd.title);
    case "withdrawSubject": return subjectChoice(ctx) ?? withdrawSubject(ctx);
    case "vote": return subjectChoice(ctx) ?? vote(ctx, cmd.subjectId);
  }
}

function ok(state: SeanceState, ...events: SeanceEventBody[]): Outcome {
  return { ok: true, state, events };
}

function running(ctx: Ctx): Refusal | null {
  return ctx.state.status === "running" ? null : refuse(E.notStarted, "the séance has not started");
}

function subjectChoice(ctx: Ctx): Refusal | null {
  return currentStep(ctx.template, ctx.state)?.subjectChoice ? null : refuse(E.notInSubjectChoice, "subjects are proposed, voted and picked in the subject-choice step");
}

/** M14: one can volunteer before the séance starts or while the group chooses its subject. */
function volunteering(ctx: Ctx): Refusal | null {
  return ctx.state.status === "lobby" ? null : subjectChoice(ctx);
}

function doPrepare(ctx: Ctx, preparation: unknown): Outcome {
  if (ctx.state.status !== "lobby") return refuse(E.alreadyStarted, "a séance is prepared before it starts");
  const prepared = prepare(ctx.template, preparation);
  if (!prepared.ok) return prepared;
  return ok({ ...ctx.state, plan: prepared.plan }, { type: "prepared", plan: prepared.plan });
}

function doStart(ctx: Ctx): Outcome {
  if (ctx.state.status !== "lobby") return refuse(E.alreadyStarted, "the séance has already started");
  if (ctx.state.plan.length === 0) return refuse(E.unknownStep, "the plan has no step");
  const entered = moveTo({ ...ctx, state: { ...ctx.state, status: "running" } }, 0, "start");
  if (!entered.ok) return entered;
  return { ok: true, state: entered.state, events: [{ type: "started" }, ...entered.events] };
}

function goTo(ctx: Ctx, stepId: string): Outcome {
  const index = ctx.state.plan.findIndex((p) => p.stepId === stepId);
  if (index < 0) return refuse(E.unknownStep, `no step ${JSON.stringify(stepId)} in this séance's plan`);
  if (index === ctx.state.stepIndex) return refuse(E.sameStep, "the group is already on this step");
  return moveTo(ctx, index, "goTo");
}

/** Checks a step's requirements (M4) against roles and facts. */
export function requirementsOf(template: MethodTemplate, stepId: string, roles: readonly RoleAssignment[], facts: Facts): Decision {
  for (const r of findStep(template, stepId)?.requires ?? []) {
    const met = r.kind === "role" ? roles.some((a) => a.role === r.role) : hasFact(facts, r.fact);
    if (!met) return refuse(E.requirementUnmet, r.message);
  }
  return ALLOWED;
}

/** Entering a step: closes the open visit, opens a new one, restarts the timer (T1). */
function moveTo(ctx: Ctx, index: number, via: StepVia): Outcome {
  const { state, at } = ctx;
  if (index >= state.plan.length) return refuse(E.noNextStep, "this is the last step: end the séance instead");
  if (index < 0) return refuse(E.noPreviousStep, "this is the first step");
  const target = state.plan[index];
  const met = requirementsOf(ctx.template, target.stepId, state.roles, ctx.facts);
  if (!met.ok) return met;
  const from = state.plan[state.stepIndex]?.stepId ?? null;
  const history = [...closeVisits(state.history, at), { stepId: target.stepId, startedAt: at, endedAt: null, plannedMs: target.durationMs }];
  const timer: Timer = { status: "running", endsAt: at + target.durationMs, durationMs: target.durationMs };
  return ok(
    // M10: a spotlight or a summon belongs to the step where it was made.
    { ...state, stepIndex: index, history, timer, spotlight: null, summon: null },
    { type: "stepEntered", stepId: target.stepId, fromStepId: via === "start" ? null : from, via },
    { type: "timerStarted", endsAt: timer.endsAt, durationMs: timer.durationMs },
  );
}

function closeVisits(history: readonly StepVisit[], at: number): StepVisit[] {
  return history.map((v) => (v.endedAt === null ? { ...v, endedAt: at } : v));
}

function doEnd(ctx: Ctx): Outcome {
  const { state, at } = ctx;
  return ok(
    // The lock is a tool for running the séance; afterwards only the method's after-end grants apply.
    { ...state, status: "ended", history: closeVisits(state.history, at), timer: { status: "stopped" }, boardLocked: false, spotlight: null, summon: null },
    { type: "ended" },
  );
}

// ---- timer (T…) ----------------------------------------------------------------------

function startTimer(ctx: Ctx, durationMs: number): Outcome {
  const timer: Timer = { status: "running", endsAt: ctx.at + durationMs, durationMs };
  return ok({ ...ctx.state, timer }, { type: "timerStarted", endsAt: timer.endsAt, durationMs });
}

function pauseTimer(ctx: Ctx): Outcome {
  const t = ctx.state.timer;
  if (t.status !== "running") return refuse(E.timerNotRunning, "the timer is not running");
  const remainingMs = Math.max(0, Math.min(t.endsAt - ctx.at, t.durationMs));
  return ok({ ...ctx.state, timer: { status: "paused", pausedRemainingMs: remainingMs, durationMs: t.durationMs } }, { type: "timerPaused", remainingMs });
}

function resumeTimer(ctx: Ctx): Outcome {
  const t = ctx.state.timer;
  if (t.status !== "paused") return refuse(E.timerNotPaused, "the timer is not paused");
  const endsAt = ctx.at + t.pausedRemainingMs;
  return ok({ ...ctx.state, timer: { status: "running", endsAt, durationMs: t.durationMs } }, { type: "timerResumed", endsAt });
}

/** T5: extending an overrun timer counts from now, so "+5 min" always means five more minutes. */
function extendTimer(ctx: Ctx, ms: number): Outcome {
  const t = ctx.state.timer;
  if (t.status === "stopped") return refuse(E.timerNotRunning, "no timer to extend");
  const remaining = (t.status === "running" ? Math.max(0, t.endsAt - ctx.at) : t.pausedRemainingMs) + ms;
  if (remaining > MAX_TIMER_MS) return refuse(E.outOfBounds, `a step's timer cannot show more than ${MAX_STEP_MINUTES} minutes`);
  const durationMs = t.durationMs + ms;
  const timer: Timer =
    t.status === "running" ? { status: "running", endsAt: ctx.at + remaining, durationMs } : { status: "paused", pausedRemainingMs: remaining, durationMs };
  return ok({ ...ctx.state, timer }, { type: "timerExtended", byMs: ms });
}

function setLock(ctx: Ctx, locked: boolean): Outcome {
  if (ctx.state.boardLocked === locked) return ok(ctx.state);
  return ok({ ...ctx.state, boardLocked: locked }, { type: locked ? "boardLocked" : "boardUnlocked" });
}

// ---- roles (M11-M13) -----------------------------------------------------------------

function assignRole(ctx: Ctx, participantId: string, role: AssignableRole): Outcome {
  const { template, state } = ctx;
  if (participantId === state.facilitatorId) return refuse(E.facilitatorRoleFixed, "the facilitator keeps the facilitator's role");
  if (!template.roles.includes(role)) return refuse(E.roleNotInMethod, `this method has no ${role} role`);
  const current = state.roles.find((r) => r.participantId === participantId);
  if (current?.role === role) return ok(state);
  const limit = template.roleLimits[role] ?? Infinity;
  const others = state.roles.filter((r) => r.role === role && r.participantId !== participantId);
  let roles = state.roles.filter((r) => r.participantId !== participantId);
  const events: SeanceEventBody[] = [];
  if (current) events.push({ type: "roleUnassigned", participantId, role: current.role });
  if (others.length >= limit) {
    if (limit !== 1) return refuse(E.roleFull, `at most ${limit} ${role}s`);
    // M12: a one-seat role is handed over; the previous holder goes back to the default role.
    roles = roles.filter((r) => r.participantId !== others[0].participantId);
    events.push({ type: "roleUnassigned", participantId: others[0].participantId, role });
  }
  roles = [...roles, { participantId, role }];
  events.push({ type: "roleAssigned", participantId, role });
  const kept = keepsCurrentStepRequirements(ctx, roles);
  if (!kept.ok) return kept;
  return { ok: true, state: { ...state, roles }, events };
}

function unassignRole(ctx: Ctx, participantId: string): Outcome {
  const current = ctx.state.roles.find((r) => r.participantId === participantId);
  if (!current) return ok(ctx.state);
  const roles = ctx.state.roles.filter((r) => r.participantId !== participantId);
  const kept = keepsCurrentStepRequirements(ctx, roles);
  if (!kept.ok) return kept;
  return ok({ ...ctx.state, roles }, { type: "roleUnassigned", participantId, role: current.role });
}

/** M13: role changes cannot take away a role the running step requires (facts are not re-checked). */
function keepsCurrentStepRequirements(ctx: Ctx, roles: readonly RoleAssignment[]): Decision {
  const step = currentStep(ctx.template, ctx.state);
  for (const r of step?.requires ?? []) {
    if (r.kind === "role" && !roles.some((a) => a.role === r.role))
      return refuse(E.requirementUnmet, `the current step needs a ${r.role}: assign another one instead`);
  }
  return ALLOWED;
}

// ---- volunteers and subjects (M14-M18) -----------------------------------------------

function setVolunteer(ctx: Ctx, on: boolean): Outcome {
  const { state, actorId } = ctx;
  const already = state.volunteers.includes(actorId);
  if (on === already) return ok(state);
  const volunteers = on ? [...state.volunteers, actorId] : state.volunteers.filter((v) => v !== actorId);
  return ok({ ...state, volunteers }, { type: on ? "volunteered" : "volunteerWithdrawn", participantId: actorId });
}

function proposeSubject(ctx: Ctx, title: string): Outcome {
  const { state, actorId, at } = ctx;
  const mine = state.subjects.find((s) => s.proposerId === actorId);
  if (mine) {
    if (mine.title === title) return ok(state);
    const subjects = state.subjects.map((s) => (s === mine ? { ...s, title } : s));
    return ok({ ...state, subjects }, { type: "subjectProposed", subjectId: mine.id, title });
  }
  const id = `subject-${state.nextSubjectNumber}`;
  return ok(
    { ...state, subjects: [...state.subjects, { id, title, proposerId: actorId, proposedAt: at }], nextSubjectNumber: state.nextSubjectNumber + 1 },
    { type: "subjectProposed", subjectId: id, title },
  );
}

function withdrawSubject(ctx: Ctx): Outcome {
  const { state, actorId } = ctx;
  const mine = state.subjects.find((s) => s.proposerId === actorId);
  if (!mine) return refuse(E.unknownSubject, "you have not proposed a subject");
  return ok(
    {
      ...state,
      subjects: state.subjects.filter((s) => s !== mine),
      votes: state.votes.filter((v) => v.subjectId !== mine.id),
      chosenSubjectId: state.chosenSubjectId === mine.id ? null : state.chosenSubjectId,
    },
    { type: "subjectWithdrawn", subjectId: mine.id },
  );
}

function vote(ctx: Ctx, subjectId: string | null): Outcome {
  const { state, actorId } = ctx;
  if (subjectId !== null && !state.subjects.some((s) => s.id === subjectId)) return refuse(E.unknownSubject, "no such subject");
  const previous = state.votes.find((v) => v.voterId === actorId);
  if ((previous?.subjectId ?? null) === subjectId) return ok(state);
  const votes = state.votes.filter((v) => v.voterId !== actorId);
  return ok({ ...state, votes: subjectId === null ? votes : [...votes, { voterId: actorId, subjectId }] }, { type: "voted", subjectId });
}

/** M18: the facilitator decides (the vote informs, it does not bind); the proposer holds the case. */
function pickSubject(ctx: Ctx, subjectId: string): Outcome {
  const subject = ctx.state.subjects.find((s) => s.id === subjectId);
  if (!subject) return refuse(E.unknownSubject, "no such subject");
  const assigned = assignRole(ctx, subject.proposerId, "caseHolder");
  if (!assigned.ok) return assigned;
  return {
    ok: true,
    state: { ...assigned.state, chosenSubjectId: subjectId },
    events: [{ type: "subjectPicked", subjectId, caseHolderId: subject.proposerId }, ...assigned.events],
  };
}

// ---- invariants ----------------------------------------------------------------------

/** What must hold after any sequence of commands; the fuzz test checks it after each one. */
export function invariantViolations(template: MethodTemplate, state: SeanceState): string[] {
  const v: string[] = [];
  const open = state.history.filter((h) => h.endedAt === null);
  if (state.status === "lobby") {
    if (state.stepIndex !== -1 || state.history.length > 0 || state.timer.status !== "stopped") v.push("lobby: no step, no history, no timer");
  } else if (state.status === "running") {
    if (!(state.stepIndex >= 0 && state.stepIndex < state.plan.length)) v.push("running: step index out of the plan");
    if (open.length !== 1 || open[0] !== state.history.at(-1) || open[0].stepId !== state.plan[state.stepIndex]?.stepId)
      v.push("running: exactly one open visit, the last, on the current step");
    if (state.timer.status === "stopped") v.push("running: the timer runs or is paused");
    const met = requirementsOf(template, state.plan[state.stepIndex]?.stepId ?? "", state.roles, { ...allFactsTrue(template) });
    if (!met.ok) v.push(`running: current step lacks a required role (${met.message})`);
  } else {
    if (open.length > 0 || state.timer.status !== "stopped" || state.boardLocked) v.push("ended: visits closed, timer stopped, board unlocked");
  }
  for (const h of state.history) if (h.endedAt !== null && h.endedAt < h.startedAt) v.push("a visit ends before it starts");
  const t = state.timer;
  if (t.status === "paused" && !(t.pausedRemainingMs >= 0 && t.pausedRemainingMs <= MAX_TIMER_MS)) v.push("paused timer out of bounds");
  if (t.status === "running" && !(Number.isFinite(t.endsAt) && t.endsAt - state.clock <= MAX_TIMER_MS)) v.push("running timer out of bounds");
  if (t.status !== "stopped" && !(t.durationMs > 0)) v.push("timer duration must be positive");
  const ids = state.roles.map((r) => r.participantId);
  if (new Set(ids).size !== ids.length) v.push("a participant has two roles");
  if (ids.includes(state.facilitatorId)) v.push("the facilitator has an assigned role");
  for (const [role, limit] of Object.entries(template.roleLimits))
    if (state.roles.filter((r) => r.role === role).length > (limit ?? Infinity)) v.push(`too many ${role}s`);
  if (new Set(state.volunteers).size !== state.volunteers.length || state.volunteers.includes(state.facilitatorId)) v.push("volunteers: unique, not the facilitator");
  const subjectIds = new Set(state.subjects.map((s) => s.id));
  if (subjectIds.size !== state.subjects.length || new Set(state.subjects.map((s) => s.proposerId)).size !== state.subjects.length)
    v.push("subjects: unique ids, one per proposer");
  if (new Set(state.votes.map((x) => x.voterId)).size !== state.votes.length) v.push("one vote per participant");
  if (state.votes.some((x) => !subjectIds.has(x.subjectId))) v.push("a vote for a subject that does not exist");
  for (let i = 1; i < state.log.length; i++) if (state.log[i].at < state.log[i - 1].at) v.push("log times go backwards");
  return v;
}

function allFactsTrue(template: MethodTemplate): Record<string, boolean> {
  const facts: Record<string, boolean> = {};
  for (const s of template.steps) for (const r of s.requires ?? []) if (r.kind === "fact") facts[r.fact] = true;
  return facts;
}
