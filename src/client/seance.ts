// The séance seen from a browser (docs/protocol.md §6): follows `seance:state` on a board
// connection's socket, keeps the newest version, corrects the server's clock skew, and sends
// commands with their acknowledgement. No React here: the UI subscribes.
import type { Socket } from "socket.io-client";
import { Events, type RefusalCode, type SeanceCommand, type SeanceStateEvent } from "../protocol/index.ts";
import type { SeanceState } from "../domain/facilitation/index.ts";

export type CommandResult = { ok: true } | { ok: false; code: RefusalCode | "network" | "timeout"; message: string };

const COMMAND_TIMEOUT_MS = 10_000;

export class SeanceClient {
  private _state: SeanceStateEvent | null = null;
  /** serverNow - localNow, measured when a state arrives. */
  private _skew = 0;
  private listeners = new Set<() => void>();

  constructor(private readonly socket: Socket) {
    socket.on(Events.seanceState, this.onState);
  }

  get state(): SeanceStateEvent | null {
    return this._state;
  }

  /** The server's clock now, as best we know it. */
  serverNow(): number {
    return Date.now() + this._skew;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): SeanceStateEvent | null => this._state;

  send(command: SeanceCommand): Promise<CommandResult> {
    return new Promise((resolve) => {
      if (!this.socket.connected) {
        resolve({ ok: false, code: "network", message: "offline" });
        return;
      }
      this.socket.timeout(COMMAND_TIMEOUT_MS).emit(Events.seanceCommand, command, (err: Error | null, res: CommandResult | undefined) => {
        if (err) resolve({ ok: false, code: "timeout", message: err.message });
        else resolve(res && typeof res === "object" ? res : { ok: false, code: "internal", message: "no answer" });
      });
    });
  }

  destroy(): void {
    this.socket.off(Events.seanceState, this.onState);
    this.listeners.clear();
  }

  private onState = (s: SeanceStateEvent): void => {
    if (!s || typeof s !== "object" || typeof s.version !== "number") return;
    // A reconnection may bring the same version again (fresh skew); never an older one.
    if (this._state && s.version < this._state.version && s.sessionId === this._state.sessionId) return;
    if (typeof s.now === "number") this._skew = s.now - Date.now();
    this._state = s;
    for (const fn of this.listeners) fn();
  };
}

/** Milliseconds left on the timer, as every screen shows it (T2), or null without a timer. */
export function timeLeftMs(s: SeanceStateEvent, serverNow: number): number | null {
  const t = s.timer;
  if (t.status === "running") return Math.max(0, Math.min(t.durationMs, t.endsAt - serverNow));
  if (t.status === "paused") return Math.max(0, t.pausedRemainingMs);
  return null;
}

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/**
 * The engine's state rebuilt from what the server publishes, enough for the domain's
 * read-only questions (visibleCollections, canChange) that guide the UI. The server decides.
 */
export function toEngineState(s: SeanceStateEvent): SeanceState {
  return {
    templateId: s.templateId,
    facilitatorId: s.facilitatorId,
    plan: s.plan,
    status: s.status,
    stepIndex: s.stepIndex,
    history: s.history,
    timer: s.timer,
    boardLocked: s.boardLocked,
    spotlight: s.spotlight,
    summon: s.summon,
    roles: s.roles,
    volunteers: s.volunteers,
    subjects: [],
    votes: [],
    chosenSubjectId: s.chosenSubjectId,
    nextSubjectNumber: 1,
    clock: s.now,
    log: [],
  };
}
