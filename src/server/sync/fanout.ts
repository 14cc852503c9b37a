// Sending a board's updates and awareness to this process's sockets of the board. A small
// room gets each update at once (lowest latency). A large room (a plenary of 300) would turn
// every keystroke into 300 socket writes: there, the updates of a short window are merged
// into one message for everyone (the sender gets its own edit back, which Yjs ignores), and
// awareness (cursors, focus) is merged per client and sent a few times a second. A window
// holding one update goes without its sender, as in a small room.
import * as Y from "yjs";
import type { Server } from "socket.io";
import { Events } from "../../protocol/index.ts";
import { encodeAwareness, encodeAwarenessEntries, encodeUpdate, type AwarenessEntry } from "./messages.ts";
import type { BoardRoom } from "./room.ts";
import { emitBinaryToRoom } from "./preEncoded.ts";

export interface FanoutOptions {
  /** From this many sockets in the room on, updates are merged per window. */
  largeRoom: number;
  updateWindowMs: number;
  awarenessWindowMs: number;
}

export interface FanoutSink {
  /** Sends an update to this process's sockets of the room, but `except` (the sender). */
  update(room: BoardRoom, update: Uint8Array, except?: string): void;
  awareness(room: BoardRoom, entries: AwarenessEntry[], except?: string): void;
}

interface Pending {
  updates: Uint8Array[];
  /** The sender of the first update, which is sent without it when alone in its window. */
  firstFrom: string | undefined;
  awareness: Map<number, AwarenessEntry>;
  updateTimer: NodeJS.Timeout | null;
  awarenessTimer: NodeJS.Timeout | null;
}

export const DEFAULT_FANOUT: FanoutOptions = { largeRoom: 60, updateWindowMs: 25, awarenessWindowMs: 200 };

export class Fanout {
  private pending = new WeakMap<BoardRoom, Pending>();

  constructor(
    private readonly sink: FanoutSink,
    private readonly opts: FanoutOptions = DEFAULT_FANOUT,
  ) {}

  update(room: BoardRoom, update: Uint8Array, from?: string): void {
    const p = this.pending.get(room);
    // An open window keeps taking updates (a room that just shrank), so that they leave in order.
    if (room.sockets.size < this.opts.largeRoom && !p?.updateTimer) return this.sink.update(room, update, from);
    const q = p ?? this.of(room);
    if (q.updates.length === 0) q.firstFrom = from;
    q.updates.push(update);
    q.updateTimer ??= setTimeout(() => this.flushUpdates(room), this.opts.updateWindowMs);
  }

  awareness(room: BoardRoom, entries: AwarenessEntry[], from?: string): void {
    if (room.sockets.size < this.opts.largeRoom) return this.sink.awareness(room, entries, from);
    const p = this.of(room);
    // Only the latest state of each client matters (a removal included).
    for (const e of entries) p.awareness.set(e.clientId, e);
    p.awarenessTimer ??= setTimeout(() => this.flushAwareness(room), this.opts.awarenessWindowMs);
  }

  /** Sends what is waiting now (a room being unloaded, a shutdown). */
  flush(room: BoardRoom): void {
    this.flushUpdates(room);
    this.flushAwareness(room);
  }

  private of(room: BoardRoom): Pending {
    let p = this.pending.get(room);
    if (!p) this.pending.set(room, (p = { updates: [], firstFrom: undefined, awareness: new Map(), updateTimer: null, awarenessTimer: null }));
    return p;
  }

  private flushUpdates(room: BoardRoom): void {
    const p = this.pending.get(room);
    if (!p) return;
    if (p.updateTimer) clearTimeout(p.updateTimer);
    p.updateTimer = null;
    const parts = p.updates;
    p.updates = [];
    if (parts.length === 1) this.sink.update(room, parts[0], p.firstFrom);
    else if (parts.length > 1) this.sink.update(room, Y.mergeUpdates(parts));
  }

  private flushAwareness(room: BoardRoom): void {
    const p = this.pending.get(room);
    if (!p) return;
    if (p.awarenessTimer) clearTimeout(p.awarenessTimer);
    p.awarenessTimer = null;
    const entries = [...p.awareness.values()];
    p.awareness.clear();
    if (entries.length > 0) this.sink.awareness(room, entries);
  }
}

/** The sink of a socket.io server: this process's sockets of the board's room. */
export function socketSink(io: Server): FanoutSink {
  const nsp = io.of("/");
  return {
    update: (room, update, except) => emitBinaryToRoom(nsp, room.key, except, Events.y, [room.info.name], encodeUpdate(update)),
    awareness: (room, entries, except) => emitBinaryToRoom(nsp, room.key, except, Events.y, [room.info.name], encodeAwareness(encodeAwarenessEntries(entries))),
  };
}
