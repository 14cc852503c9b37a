// The séances of this process: each facilitation command is run through the engine's `apply`
// and stored at the version it was read at before anything is published. The stored row is
// the truth (it is read again for every command, so several processes may serve one
// session); this process only keeps, per session, a line that runs commands one at a time
// and the timer of an autoAdvance step, set at its absolute `endsAt` (M21).
import { SessionLines } from "../sessionLines.ts";
import {
  type Command,
  type Facts,
  type MethodTemplate,
  type SeanceState,
  apply,
  createSeance,
  currentStep,
  isTimeUp,
  parseCommand,
  roleOf,
  tick,
} from "../../domain/facilitation/index.ts";
import { ErrorCode, type Method, type RefusalCode, type Role, SeanceCommandSchema } from "../../protocol/index.ts";
import type { ParticipantRow } from "../persistence/sessions.ts";
import type { SeanceWrite, StoredSeance } from "../persistence/seances.ts";
import { templateFor as defaultTemplateFor } from "./methods.ts";
import { effectiveRole, seedObservers, sessionRoleFor } from "./roles.ts";
import type { SeanceSnapshot } from "./view.ts";

export interface SeanceStore {
  find(sessionId: string): Promise<StoredSeance | null>;
  loadOrCreate(sessionId: string, templateId: string, initial: () => unknown): Promise<StoredSeance>;
  update(sessionId: string, expectedVersion: number, state: unknown): Promise<SeanceWrite>;
}

export interface SeanceParticipants {
  listParticipants(sessionId: string): Promise<ParticipantRow[]>;
  setRole(participantId: string, role: Role): Promise<void>;
}

/** Session roles that a stored change gave to people (participant id -> new role). */
export type RoleChanges = ReadonlyMap<string, Role>;

export interface SeanceRegistryOptions {
  store: SeanceStore;
  participants: SeanceParticipants;
  /** Facts about the session's board, read just before `apply` and `tick`. */
  facts(sessionId: string, template: MethodTemplate): Promise<Facts>;
  /** Called once a change is stored, one change at a time per session, in order. */
  published(snap: SeanceSnapshot, roleChanges: RoleChanges): Promise<void>;
  now?: () => number;
  log?: (msg: string) => void;
  templateFor?: (method: Method) => MethodTemplate | null;
  /** Attempts when another writer moved the version in between (then the row is read again). */
  maxAttempts?: number;
}

export interface SeanceActor {
  sessionId: string;
  method: Method;
  participantId: string;
  /** The session role the server holds for this connection (SocketData.role). */
  sessionRole: Role;
}

export type Refused = { ok: false; code: RefusalCode; message: string };
export type CommandOutcome = { ok: true; changed: boolean } | Refused;

const PARTICIPANT_COMMANDS: ReadonlySet<string> = new Set(["volunteer", "withdrawVolunteer", "proposeSubject", "withdrawSubject", "vote"]);
/** Refusals a screen following the rules never causes: they count as strikes against the connection. */
export const CRAFTED_REFUSALS: ReadonlySet<string> = new Set([
  ErrorCode.badRequest, ErrorCode.noSeance, ErrorCode.unknownParticipant, "bad_input", "not_facilitator", "not_allowed_for_role",
]);
/** setTimeout's ceiling; step timers never come close (180 min). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** VALIDATION of an untrusted command: its shape (zod) then the engine's own parse (bounds, roles). */
export function parseSeanceCommand(raw: unknown): { ok: true; command: Command } | Refused {
  const shape = SeanceCommandSchema.safeParse(raw);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    return { ok: false, code: ErrorCode.badRequest, message: `command${issue.path.length ? "." + issue.path.join(".") : ""}: ${issue.message}` };
  }
  const parsed = parseCommand(shape.data);
  return parsed.ok ? parsed : { ok: false, code: parsed.code, message: parsed.message };
}

export class SeanceRegistry {
  private readonly lines = new SessionLines();
  private timers = new Map<string, NodeJS.Timeout>();
  private closed = false;
  private readonly now: () => number;
  private readonly templateFor: (method: Method) => MethodTemplate | null;

  constructor(private readonly opts: SeanceRegistryOptions) {
    this.now = opts.now ?? Date.now;
    this.templateFor = opts.templateFor ?? defaultTemplateFor;
  }

  hasSteps(method: Method): boolean {
    return this.templateFor(method) !== null;
  }

  /**
   * The séance as stored now, created on first use. Runs in the session's line, so a state
   * read here is never older than one a command already published.
   */
  async current(sessionId: string, method: Method): Promise<SeanceSnapshot | null> {
    const template = this.templateFor(method);
    if (!template) return null;
    return this.inLine(sessionId, async () => this.scheduled(await this.load(sessionId, template)));
  }

  /** The séance without waiting for the line (handshakes): possibly one command behind. */
  async peek(sessionId: string, method: Method): Promise<SeanceSnapshot | null> {
    const template = this.templateFor(method);
    return template ? this.scheduled(await this.load(sessionId, template)) : null;
  }

  async command(actor: SeanceActor, raw: unknown): Promise<CommandOutcome> {
    const template = this.templateFor(actor.method);
    if (!template) return { ok: false, code: ErrorCode.noSeance, message: "this session's method has no steps" };
    const parsed = parseSeanceCommand(raw);
    if (!parsed.ok) return parsed;
    const command = parsed.command;
    return this.inLine(actor.sessionId, async () => {
      const attempts = this.opts.maxAttempts ?? 5;
      for (let attempt = 0; attempt < attempts; attempt++) {
        const snap = await this.load(actor.sessionId, template);
        // AUTH beyond the engine's M1: an unassigned observer row takes no part in the choice.
        if (PARTICIPANT_COMMANDS.has(command.type) && effectiveRole(template, snap.state, actor.participantId, actor.sessionRole) === "observer")
          return { ok: false, code: "not_allowed_for_role", message: "an observer does not take part in the choice of the subject" };
        let people: ParticipantRow[] | null = null;
        if (command.type === "assignRole" || command.type === "unassignRole") {
          people = await this.opts.participants.listParticipants(actor.sessionId);
          if (!people.some((p) => p.id === command.participantId))
            return { ok: false, code: ErrorCode.unknownParticipant, message: "nobody with this id takes part in this session" };
        }
        // RESOLUTION
        const facts = await this.opts.facts(actor.sessionId, template);
        const result = apply(template, snap.state, command, { id: actor.participantId }, this.now(), facts);
        if (!result.ok) return { ok: false, code: result.code, message: result.message };
        if (result.events.length === 0) return { ok: true, changed: false };
        const stored = await this.store(snap, result.state, people);
        if (!stored) continue; // someone else wrote first: read again and decide again
        // PUBLISH
        await this.publish(stored.snap, stored.roleChanges);
        return { ok: true, changed: true };
      }
      return { ok: false, code: ErrorCode.storageUnavailable, message: "the séance is busy, try again" };
    });
  }

  /**
   * A command run with the séance's facilitator's authority by the server itself: a national
   * day's coordination moves every group room on at once (E22, src/server/event). The engine
   * judges it as it judges the facilitator's own (requirements, steps, status).
   */
  async commandAsFacilitator(sessionId: string, method: Method, raw: unknown): Promise<CommandOutcome> {
    const snap = await this.peek(sessionId, method);
    if (!snap) return { ok: false, code: ErrorCode.noSeance, message: "this session's method has no steps" };
    return this.command({ sessionId, method, participantId: snap.state.facilitatorId, sessionRole: "facilitator" }, raw);
  }

  /** The session was deleted: its step timer must not wake up a séance that is gone. */
  forget(sessionId: string): void {
    const t = this.timers.get(sessionId);
    if (t) clearTimeout(t);
    this.timers.delete(sessionId);
  }

  /** Stops the timers and waits for commands under way. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await this.lines.settled();
  }

  // ---- internals ------------------------------------------------------------------------

  private inLine<T>(sessionId: string, job: () => Promise<T>): Promise<T> {
    return this.lines.run(sessionId, job);
  }

  private async load(sessionId: string, template: MethodTemplate): Promise<SeanceSnapshot> {
    let stored = await this.opts.store.find(sessionId);
    if (!stored) {
      const people = await this.opts.participants.listParticipants(sessionId);
      const facilitator = people.find((p) => p.role === "facilitator");
      if (!facilitator) throw new Error(`session ${sessionId} has no facilitator`);
      const initial = seedObservers(createSeance(template, { facilitatorId: facilitator.id, now: this.now() }), people);
      stored = await this.opts.store.loadOrCreate(sessionId, template.id, () => initial);
    }
    const state = stored.state as SeanceState;
    if (stored.templateId !== template.id || typeof state !== "object" || state === null || state.templateId !== template.id)
      throw new Error(`séance of session ${sessionId} is not a ${template.id} séance`);
    return { sessionId, template, state, version: stored.version };
  }

  /** Stores at the version read; then brings the rows of people whose role changed in line (roles.ts). */
  private async store(
    before: SeanceSnapshot,
    state: SeanceState,
    people: ParticipantRow[] | null,
  ): Promise<{ snap: SeanceSnapshot; roleChanges: RoleChanges } | null> {
    const write = await this.opts.store.update(before.sessionId, before.version, state);
    if (!write.ok) return null;
    const snap: SeanceSnapshot = { ...before, state, version: write.version };
    const roleChanges = new Map<string, Role>();
    const touched = new Set<string>();
    for (const e of state.log.slice(before.state.log.length))
      if (e.type === "roleAssigned" || e.type === "roleUnassigned") touched.add(e.participantId);
    if (touched.size > 0) {
      const rows = people ?? (await this.opts.participants.listParticipants(before.sessionId));
      for (const id of touched) {
        const row = rows.find((p) => p.id === id);
        const role = sessionRoleFor(roleOf(snap.template, state, id));
        if (!row || row.role === role) continue;
        try {
          await this.opts.participants.setRole(id, role);
        } catch (err) {
          // The séance is stored and decides (effectiveRole): the row catches up at the next change.
          this.opts.log?.(`role of ${id} not stored: ${(err as Error).message}`);
        }
        roleChanges.set(id, role);
      }
    }
    this.scheduled(snap);
    return { snap, roleChanges };
  }

  private async publish(snap: SeanceSnapshot, roleChanges: RoleChanges): Promise<void> {
    try {
      await this.opts.published(snap, roleChanges);
    } catch (err) {
      this.opts.log?.(`publishing the séance of ${snap.sessionId} failed: ${(err as Error).message}`);
    }
  }

  /** M21: a timer at the step's absolute end, only where the template moves on by itself. */
  private scheduled(snap: SeanceSnapshot): SeanceSnapshot {
    this.schedule(snap);
    return snap;
  }

  private schedule(snap: SeanceSnapshot): void {
    const { sessionId, state, template } = snap;
    const previous = this.timers.get(sessionId);
    if (previous) clearTimeout(previous);
    this.timers.delete(sessionId);
    if (this.closed || state.timer.status !== "running" || !currentStep(template, state)?.autoAdvance) return;
    if (state.stepIndex + 1 >= state.plan.length) return;
    const delay = Math.min(Math.max(0, state.timer.endsAt - this.now()), MAX_DELAY_MS);
    const timer = setTimeout(() => {
      if (this.timers.get(sessionId) === timer) this.timers.delete(sessionId);
      this.inLine(sessionId, () => this.runTick(sessionId, template)).catch((err) =>
        this.opts.log?.(`timer of the séance of ${sessionId} failed: ${(err as Error).message}`),
      );
    }, delay);
    this.timers.set(sessionId, timer);
  }

  private async runTick(sessionId: string, template: MethodTemplate): Promise<void> {
    const attempts = this.opts.maxAttempts ?? 5;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const snap = await this.load(sessionId, template);
      // Early (another process extended the timer, or the clock): wait for the new end.
      if (!isTimeUp(snap.state, this.now())) return this.schedule(snap);
      const facts = await this.opts.facts(sessionId, template);
      const { state, events } = tick(template, snap.state, this.now(), facts);
      // Unmet requirements: nothing moves and the facilitator is prompted (T3); no retry loop.
      if (events.length === 0) return;
      const stored = await this.store(snap, state, null);
      if (!stored) continue;
      await this.publish(stored.snap, stored.roleChanges);
      return;
    }
  }
}
