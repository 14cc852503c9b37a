// The national day's clients in a client thread (bench/day.ts): each participant follows
// their ticket into a room's board (docs/protocol.md §2 with the ticket's code and token)
// through BoardConnection, the same full receivers as MargueriteDriver, but one at a time as
// tickets arrive, and again into another room when the ticket changes (the regroup). The
// main thread holds the event sockets and sends each ticket to the thread of its room, so
// that a room's members share one thread (its peers' edits are counted where they are sent).
import * as Y from "yjs";
import { BoardConnection } from "../../src/client/boardConnection.ts";
import { NOTES_ROOT } from "../../src/domain/board.ts";
import { now } from "./clock.ts";
import type { ClientSpec, Driver } from "./drivers.ts";
import { BENCH_KEY, createNote, editNote, noteId } from "./notes.ts";
import { waitUntil, type Recorder } from "./stats.ts";

const SYNC_TIMEOUT_MS = 30_000;

interface Member {
  spec: ClientSpec;
  conn: BoardConnection;
  note: Y.Map<unknown> | null;
  arrivalAt: number;
  /** set before we close it: destroy() disconnects, and that is no disconnect to count */
  left: boolean;
}

export class DayDriver implements Driver {
  private members = new Map<number, Member>();
  /** Room sizes over every thread (a room lives in one thread; the main thread counts them). */
  private sizes = new Map<number, number>();
  private disconnects = 0;
  private errors = new Map<string, number>();

  constructor(private readonly rec: () => Recorder) {}

  /** Nothing to open up front: clients arrive one by one with their tickets (follow). */
  async setup(): Promise<void> {}

  /** Opens `spec`'s room (leaving the one this thread held for them); resolves once synced, with when the socket connected and when the board was synced. */
  async follow(spec: ClientSpec): Promise<{ connectedAt: number; syncedAt: number }> {
    this.leave(spec.index);
    const conn = new BoardConnection({ url: spec.url!, code: spec.code!, token: spec.token! });
    const m: Member = { spec, conn, note: null, arrivalAt: 0, left: false };
    this.members.set(spec.index, m);
    // Arrival: the socket event, before BoardConnection decodes and applies it (as MargueriteDriver).
    conn.socket.onAny((event: string) => {
      if (event === "y") m.arrivalAt = now();
    });
    let connectedAt = 0;
    conn.socket.once("connect", () => (connectedAt = now()));
    const notes = conn.doc.getMap<Y.Map<unknown>>(NOTES_ROOT);
    notes.observeDeep((events, txn) => {
      if (txn.local) return;
      const appliedAt = now();
      for (const e of events) {
        if (e.target === notes || !(e.target instanceof Y.Map) || !(e as Y.YMapEvent<unknown>).keysChanged.has(BENCH_KEY)) continue;
        const stamp = e.target.get(BENCH_KEY) as [number, number, number] | undefined;
        if (stamp) this.rec().noteReceive(spec.index, stamp[0], stamp[1], stamp[2], m.arrivalAt, appliedAt);
      }
    });
    conn.on("status", (s) => {
      if (!m.left && (s === "offline" || s === "refused")) this.disconnects++;
    });
    conn.on("error", (e) => this.errors.set(e.code, (this.errors.get(e.code) ?? 0) + 1));
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        conn.whenSynced(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`client ${spec.index}: room ${spec.code} not synced in 30 s`)), SYNC_TIMEOUT_MS))),
      ]);
    } finally {
      clearTimeout(timer);
    }
    return { connectedAt, syncedAt: now() };
  }

  /** Closes this thread's connection for a client (their ticket now points elsewhere). */
  leave(index: number): void {
    const m = this.members.get(index);
    if (!m) return;
    this.members.delete(index);
    m.left = true;
    m.conn.destroy();
    m.conn.doc.destroy();
  }

  /**
   * Before a measured window: each member creates its note in its current room; resolves
   * once every member sees every member's note of its room and the notes are stored.
   */
  async ready(sizes: Record<number, number>): Promise<void> {
    this.sizes = new Map(Object.entries(sizes).map(([k, v]) => [Number(k), v]));
    for (const m of this.members.values()) m.note = createNote(m.conn.doc, m.spec.index, m.spec.participantId!);
    const benchNotes = (m: Member) => {
      let n = 0;
      for (const k of m.conn.doc.getMap(NOTES_ROOT).keys()) if (k.startsWith("bench-note-")) n++;
      return n;
    };
    await waitUntil(() => [...this.members.values()].every((m) => benchNotes(m) >= this.sizes.get(m.spec.room)!), 120_000, "every client to see every note of its room");
    await Promise.race([
      Promise.all([...this.members.values()].map((m) => m.conn.whenSaved())),
      new Promise((_, reject) => setTimeout(() => reject(new Error("initial notes not saved in 120 s")), 120_000)),
    ]);
  }

  send(client: number, seq: number): number {
    const m = this.members.get(client)!;
    const sentAt = now();
    editNote(m.conn.doc, m.note!, client, seq, sentAt);
    return sentAt;
  }

  peers(client: number): number {
    return this.sizes.get(this.members.get(client)!.spec.room)! - 1;
  }

  /** The clients this thread holds now, in their current rooms. */
  specs(): ClientSpec[] {
    return [...this.members.values()].map((m) => m.spec).sort((a, b) => a.index - b.index);
  }

  async health(): Promise<Record<string, number>> {
    const all = [...this.members.values()];
    await waitUntil(() => all.every((m) => m.conn.status === "saved"), 10_000, "saves").catch(() => {});
    const out: Record<string, number> = {
      disconnects: this.disconnects,
      unsaved: all.filter((m) => m.conn.status !== "saved").length,
      notConverged: all.filter((m) => !this.converged(m)).length,
    };
    for (const [code, n] of this.errors) out[`error:${code}`] = n;
    return out;
  }

  /** This member's doc holds the last edit of every peer of its room held by this thread. */
  private converged(m: Member): boolean {
    const notes = m.conn.doc.getMap<Y.Map<unknown>>(NOTES_ROOT);
    for (const peer of this.members.values()) {
      if (peer.spec.room !== m.spec.room || !peer.note) continue;
      const theirs = peer.note.get(BENCH_KEY) as number[] | undefined;
      const seen = notes.get(noteId(peer.spec.index))?.get(BENCH_KEY) as number[] | undefined;
      if (theirs?.[1] !== seen?.[1]) return false;
    }
    return true;
  }

  async teardown(): Promise<void> {
    for (const i of [...this.members.keys()]) this.leave(i);
  }
}
