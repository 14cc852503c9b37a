// The national days of this process's sessions. Each `event:command` goes through the pure
// domain (src/domain/event, applyEvent) and is stored at the version it was read at (a JSON row
// of `board_tools` under `@event`, a name no board can take) before it is acknowledged; the
// stored row is the truth, so several processes may serve one event.
//
// 130 people join, choose a room or call for help within seconds of each other, so, as for the
// quiz, the commands of an event are applied in batches: while one write is under way the next
// ones queue, then they are applied in arrival order and stored in one write, each with its
// own verdict.
import { ErrorCode } from "../../protocol/index.ts";
import { BatchQueue } from "../batchQueue.ts";
import type { EventWireCommand } from "../../protocol/index.ts";
import { applyEvent, type EventCommand, type EventFacts, type EventNotice, type EventState, type RoomCommand } from "../../domain/event/index.ts";
import type { ToolsStore } from "../boardTools/registry.ts";
import { refusal } from "./messages.ts";
import { ANGLE_COMMANDS, applyAngles, emptyAngles, type AnglesCommand, type AnglesState } from "./angles.ts";

/** The event's row in the activities table (board_tools). */
export const EVENT_KEY = "@event";

export interface EventSnapshot {
  sessionId: string;
  state: EventState;
  /** Angles d'écoute (phase 2), kept in the same row: the regroup changes both at once. */
  angles: AnglesState;
  /** When the coordination closed the event (POST …/close): it then takes no command. */
  closedAt: number | null;
  version: number;
}

export type EventOutcome =
  | { ok: true; changed: boolean; notices: readonly EventNotice[]; roomCommands: readonly RoomCommand[]; perceptionId?: string }
  | { ok: false; code: string; message: string };

/** A participant's own commands: a crowd's are published together, a beat later. */
const CROWD_COMMANDS: ReadonlySet<string> = new Set(["join", "joinAsNew", "findMe", "chooseRoom", "callFacilitator", "cancelHelp", "perceive"]);

/** Refusals a screen following the rules never causes: they count as strikes against the connection. */
export const CRAFTED_EVENT_REFUSALS: ReadonlySet<string> = new Set([ErrorCode.badRequest, "bad_input", "not_coordinator", "not_addressee", "coordinator_does_not_join", "not_an_event"]);

export interface EventRegistryOptions {
  store: ToolsStore;
  /** The event as it starts: its title and coordinator come from the event's session. */
  initial(sessionId: string): Promise<EventState>;
  /** Called once a batch is stored; `urgent`: a coordinator's command (a crowd's can wait a little). */
  published(snap: EventSnapshot, urgent: boolean): void;
  now?: () => number;
  log?: (msg: string) => void;
  maxAttempts?: number;
}

/** The server's own: the event's session was closed. Not a wire command (EventCommandSchema has no such type). */
type CloseCommand = { type: "@close" };

interface Pending {
  actorId: string;
  command: EventCommand | AnglesCommand | CloseCommand;
  facts: EventFacts;
  resolve(outcome: EventOutcome): void;
}

function readRow(raw: unknown): { event: EventState; angles: AnglesState; closedAt: number | null } | null {
  const r = raw as { event?: unknown; angles?: unknown; closedAt?: unknown } | null;
  if (!r || typeof r !== "object" || !r.event || typeof r.event !== "object") return null;
  return {
    event: r.event as EventState,
    angles: r.angles && typeof r.angles === "object" ? (r.angles as AnglesState) : emptyAngles(),
    closedAt: typeof r.closedAt === "number" ? r.closedAt : null,
  };
}

export class EventRegistry {
  private latest = new Map<string, EventSnapshot>();
  private readonly batches = new BatchQueue<Pending>(
    (sessionId, batch) => this.applyBatch(sessionId, batch),
    (sessionId, batch, err) => {
      this.opts.log?.(`event ${sessionId}: ${err.message}`);
      for (const p of batch) p.resolve({ ok: false, code: ErrorCode.storageUnavailable, message: refusal(ErrorCode.storageUnavailable, "the event could not be saved, try again") });
    },
  );
  private readonly now: () => number;

  constructor(private readonly opts: EventRegistryOptions) {
    this.now = opts.now ?? Date.now;
  }

  cached(sessionId: string): EventSnapshot | undefined {
    return this.latest.get(sessionId);
  }

  /** The event as stored now (read again: another process may have changed it), created on first use. */
  async current(sessionId: string): Promise<EventSnapshot> {
    let stored = await this.opts.store.find(sessionId, EVENT_KEY);
    if (!stored || !readRow(stored.state)) {
      const initial = await this.opts.initial(sessionId);
      stored = await this.opts.store.loadOrCreate(sessionId, EVENT_KEY, () => ({ event: initial }));
    }
    const row = readRow(stored.state);
    if (!row) throw new Error(`the event row of ${sessionId} holds no event`);
    const snap = { sessionId, state: row.event, angles: row.angles, closedAt: row.closedAt, version: stored.version };
    const known = this.latest.get(sessionId);
    if (!known || known.version <= snap.version) this.latest.set(sessionId, snap);
    return this.latest.get(sessionId)!;
  }

  forget(sessionId: string): void {
    this.latest.delete(sessionId);
  }

  command(sessionId: string, actorId: string, command: EventWireCommand | EventCommand | AnglesCommand, facts: EventFacts = {}): Promise<EventOutcome> {
    return this.enqueue(sessionId, actorId, command as EventCommand, facts);
  }

  /** Marks the event closed (its session was): every later command is refused `session_closed`. */
  async closeEvent(sessionId: string): Promise<void> {
    const outcome = await this.enqueue(sessionId, "@server", { type: "@close" }, {});
    if (!outcome.ok) throw new Error(`the event ${sessionId} could not be closed: ${outcome.message}`);
  }

  private enqueue(sessionId: string, actorId: string, command: Pending["command"], facts: EventFacts): Promise<EventOutcome> {
    return new Promise((resolve) => {
      this.batches.push(sessionId, { actorId, command, facts, resolve });
    });
  }

  /** Waits for the batches under way (shutdown). */
  close(): Promise<void> {
    return this.batches.close();
  }

  private async applyBatch(sessionId: string, batch: Pending[]): Promise<void> {
    const attempts = this.opts.maxAttempts ?? 5;
    for (let attempt = 0; attempt < attempts; attempt++) {
      // The cached snapshot is the stored one unless another process wrote since: then the
      // conditional write fails and we read again.
      const snap = attempt === 0 && this.latest.has(sessionId) ? this.latest.get(sessionId)! : await this.current(sessionId);
      const at = this.now();
      let state = snap.state;
      let angles = snap.angles;
      let closedAt = snap.closedAt;
      let changed = false;
      let urgent = false;
      const outcomes: EventOutcome[] = [];
      for (const p of batch) {
        if (p.command.type === "@close") {
          outcomes.push({ ok: true, changed: closedAt === null, notices: [], roomCommands: [] });
          if (closedAt === null) {
            closedAt = at;
            changed = true;
            urgent = true;
          }
          continue;
        }
        // A closed event is kept as it ended: its views, its rooms, its synthesis.
        if (closedAt !== null) {
          outcomes.push({ ok: false, code: ErrorCode.sessionClosed, message: refusal(ErrorCode.sessionClosed, "the event is closed") });
          continue;
        }
        if (ANGLE_COMMANDS.has(p.command.type)) {
          const a = applyAngles(state, angles, p.command as AnglesCommand, p.actorId, at);
          if (!a.ok) {
            outcomes.push({ ok: false, code: a.code, message: refusal(a.code, a.message) });
            continue;
          }
          outcomes.push({ ok: true, changed: true, notices: [], roomCommands: [], ...(a.perceptionId ? { perceptionId: a.perceptionId } : {}) });
          state = a.event;
          angles = a.angles;
          changed = true;
          if (!CROWD_COMMANDS.has(p.command.type)) urgent = true;
          continue;
        }
        // RESOLUTION: AUTH (E14) is the domain's first check, with the server's actor id.
        const r = applyEvent(state, p.command as EventCommand, { id: p.actorId }, at, p.facts);
        if (!r.ok) {
          outcomes.push({ ok: false, code: r.code, message: refusal(r.code, r.message) });
          continue;
        }
        // advanceAll leaves the state as it was (E22), and so does a look-up that found homonyms
        // (E26): only the clock moved, nothing to store.
        const moved = r.state !== state && p.command.type !== "advanceAll" && !r.notices.some((n) => n.type === "homonyms");
        outcomes.push({ ok: true, changed: moved, notices: r.notices, roomCommands: r.roomCommands });
        if (moved) {
          state = r.state;
          changed = true;
          if (!CROWD_COMMANDS.has(p.command.type)) urgent = true;
        }
      }
      if (!changed) {
        batch.forEach((p, i) => p.resolve(outcomes[i]));
        return;
      }
      const write = await this.opts.store.update(sessionId, EVENT_KEY, snap.version, { event: state, angles, ...(closedAt !== null ? { closedAt } : {}) });
      if (!write.ok) {
        this.latest.delete(sessionId);
        continue;
      }
      const stored: EventSnapshot = { sessionId, state, angles, closedAt, version: write.version };
      this.latest.set(sessionId, stored);
      batch.forEach((p, i) => p.resolve(outcomes[i]));
      try {
        this.opts.published(stored, urgent);
      } catch (err) {
        this.opts.log?.(`publishing the event ${sessionId} failed: ${(err as Error).message}`);
      }
      return;
    }
    for (const p of batch) p.resolve({ ok: false, code: ErrorCode.storageUnavailable, message: refusal(ErrorCode.storageUnavailable, "the event is busy, try again") });
  }
}
