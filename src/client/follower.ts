// What the séance, the quiz and the national day have in common in a browser: a state the
// server publishes on a socket (newest version only, a reconnection may send the same one
// again), the server's clock read off each state to correct the skew of this machine's, and
// commands sent with an acknowledgement that always resolves (offline, timeout, no answer are
// answers too). No React here: the UI subscribes.
import type { Socket } from "socket.io-client";

const COMMAND_TIMEOUT_MS = 10_000;

/** What every refusal looks like once it reaches the UI; `network` and `timeout` are the browser's own. */
export type Refused<Code extends string = string> = { ok: false; code: Code | "network" | "timeout" | "internal"; message: string };

export interface FollowedState {
  sessionId: string;
  version: number;
}

export class StateFollower<S extends FollowedState, C, R extends { ok: boolean }> {
  private _state: S | null = null;
  /** serverNow - localNow, measured when a state arrives. */
  private _skew = 0;
  private listeners = new Set<() => void>();

  constructor(
    protected readonly socket: Socket,
    private readonly events: { state: string; command: string },
    /** The server's clock in a state, if it carries one. */
    private readonly clockOf: (s: S) => number | undefined,
  ) {
    socket.on(events.state, this.onState);
  }

  get state(): S | null {
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

  getSnapshot = (): S | null => this._state;

  send(command: C): Promise<R | Refused> {
    return new Promise((resolve) => {
      if (!this.socket.connected) return resolve({ ok: false, code: "network", message: "offline" });
      this.socket.timeout(COMMAND_TIMEOUT_MS).emit(this.events.command, command, (err: Error | null, res: R | undefined) => {
        if (err) resolve({ ok: false, code: "timeout", message: err.message });
        else resolve(res && typeof res === "object" ? res : { ok: false, code: "internal", message: "no answer" });
      });
    });
  }

  destroy(): void {
    this.socket.off(this.events.state, this.onState);
    this.listeners.clear();
  }

  private onState = (s: S): void => {
    if (!s || typeof s !== "object" || typeof s.version !== "number") return;
    if (this._state && s.version < this._state.version && s.sessionId === this._state.sessionId) return;
    const clock = this.clockOf(s);
    if (typeof clock === "number") this._skew = clock - Date.now();
    this._state = s;
    for (const fn of this.listeners) fn();
  };
}
