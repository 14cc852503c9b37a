// The latest séance of each session this process serves, so that every board write is judged
// against the current step and roles without a database read per keystroke. An entry lives
// while the session has connections here: once the last one leaves, it is dropped after the
// idle delay (the rooms' own), and a later write reads the séance again. Without this, every
// séance ever served would stay in memory for the life of the process.
import type { SeanceSnapshot } from "./view.ts";

export interface SeanceCacheOptions {
  /** How long an entry outlives the session's last connection here. */
  idleMs: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export class SeanceCache {
  private snaps = new Map<string, SeanceSnapshot>();
  private connections = new Map<string, number>();
  private evictions = new Map<string, unknown>();
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (t: unknown) => void;

  constructor(private readonly opts: SeanceCacheOptions) {
    this.setTimer =
      opts.setTimer ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref();
        return t;
      });
    this.clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout));
  }

  get(sessionId: string): SeanceSnapshot | undefined {
    return this.snaps.get(sessionId);
  }

  /** Keeps the newest version seen (states may arrive out of order). */
  remember(snap: SeanceSnapshot | null): void {
    if (!snap) return;
    const known = this.snaps.get(snap.sessionId);
    if (!known || known.version <= snap.version) this.snaps.set(snap.sessionId, snap);
    // A séance published for a session with nobody here (a timer, another process's command)
    // is not kept beyond the idle delay either.
    if (!this.connections.get(snap.sessionId)) this.scheduleEviction(snap.sessionId);
  }

  connected(sessionId: string): void {
    this.connections.set(sessionId, (this.connections.get(sessionId) ?? 0) + 1);
    this.cancelEviction(sessionId);
  }

  disconnected(sessionId: string): void {
    const left = (this.connections.get(sessionId) ?? 1) - 1;
    if (left > 0) return void this.connections.set(sessionId, left);
    this.connections.delete(sessionId);
    this.scheduleEviction(sessionId);
  }

  /** Drops a session at once (deleted or closed): its next write reads the séance again. */
  forget(sessionId: string): void {
    this.cancelEviction(sessionId);
    this.snaps.delete(sessionId);
  }

  get size(): number {
    return this.snaps.size;
  }

  close(): void {
    for (const t of this.evictions.values()) this.clearTimer(t);
    this.evictions.clear();
    this.snaps.clear();
  }

  private scheduleEviction(sessionId: string): void {
    if (this.evictions.has(sessionId) || !this.snaps.has(sessionId)) return;
    this.evictions.set(
      sessionId,
      this.setTimer(() => {
        this.evictions.delete(sessionId);
        if (!this.connections.get(sessionId)) this.snaps.delete(sessionId);
      }, this.opts.idleMs),
    );
  }

  private cancelEviction(sessionId: string): void {
    const t = this.evictions.get(sessionId);
    if (t === undefined) return;
    this.clearTimer(t);
    this.evictions.delete(sessionId);
  }
}
