// The kinds of clients (run inside a client worker thread, whole rooms per thread):
// Marguerite participants, each holding a real Y.Doc through BoardConnection; bare
// socket.io clients sending the same number of bytes; and bare socket.io clients holding
// Y.Docs and exchanging the real updates (to tell client-side from server-side time). The
// light Marguerite clients (--receivers=light) are in lightDriver.ts.
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { io, type Socket } from "socket.io-client";
import { encodeUpdate } from "../../src/protocol/framing.ts";
import { BoardConnection } from "../../src/client/boardConnection.ts";
import { NOTES_ROOT } from "../../src/domain/board.ts";
import { now } from "./clock.ts";
import { BENCH_KEY, createNote, editNote, noteId } from "./notes.ts";
import { waitUntil, type Recorder } from "./stats.ts";

/** One client, as the main thread prepared it. */
export interface ClientSpec {
  /** global index, 0..clients-1 */
  index: number;
  room: number;
  /** Marguerite only: the session's join code and this participant's credentials */
  code?: string;
  token?: string;
  participantId?: string;
  /** The server process this client talks to (--processes=N); the driver's URL when absent. */
  url?: string;
  /** Index of that process (0 with one process). */
  server?: number;
}

export interface Driver {
  setup(): Promise<void>;
  /** Sends one message now; returns the send time stamped into it. */
  send(client: number, seq: number): number;
  peers(client: number): number;
  /** Anomalies worth printing: disconnects, errors, unsaved edits, divergence. */
  health(): Promise<Record<string, number>>;
  teardown(): Promise<void>;
}

export const WAVE = 25;

/** What every driver knows: its clients, their rooms, and where to record arrivals. */
export abstract class RoomDriver {
  protected arrivalAt = new Map<number, number>();
  protected disconnects = 0;
  private sizes = new Map<number, number>();
  private rooms = new Map<number, number>();

  constructor(
    protected readonly url: string,
    protected readonly specs: ClientSpec[],
    protected readonly rec: () => Recorder,
  ) {
    for (const s of specs) {
      this.sizes.set(s.room, (this.sizes.get(s.room) ?? 0) + 1);
      this.rooms.set(s.index, s.room);
    }
  }

  peers(client: number): number {
    return this.roomSize(this.rooms.get(client)!) - 1;
  }

  protected roomSize(room: number): number {
    return this.sizes.get(room)!;
  }
}

/** Calls `onStamp` for every remote edit's stamp once the receiving doc has applied it. */
function watchStamps(doc: Y.Doc, onStamp: (client: number, seq: number, sentAt: number, appliedAt: number) => void): void {
  const notes = doc.getMap<Y.Map<unknown>>(NOTES_ROOT);
  notes.observeDeep((events, txn) => {
    if (txn.local) return;
    const appliedAt = now();
    for (const e of events) {
      if (e.target === notes || !(e.target instanceof Y.Map) || !(e as Y.YMapEvent<unknown>).keysChanged.has(BENCH_KEY)) continue;
      const stamp = e.target.get(BENCH_KEY) as [number, number, number] | undefined;
      if (stamp) onStamp(stamp[0], stamp[1], stamp[2], appliedAt);
    }
  });
}

// ---- Marguerite ------------------------------------------------------------------------

export class MargueriteDriver extends RoomDriver implements Driver {
  private conns = new Map<number, BoardConnection>();
  private notes = new Map<number, Y.Map<unknown>>();
  private errors = new Map<string, number>();

  async setup(): Promise<void> {
    let wave: BoardConnection[] = [];
    for (const spec of this.specs) {
      const conn = new BoardConnection({ url: spec.url ?? this.url, code: spec.code!, token: spec.token! });
      this.conns.set(spec.index, conn);
      const receiver = spec.index;
      // Arrival: the socket event, before BoardConnection decodes and applies it (socket.io
      // calls catch-all listeners first, synchronously, then the event's own listeners).
      conn.socket.onAny((event: string) => {
        if (event === "y") this.arrivalAt.set(receiver, now());
      });
      watchStamps(conn.doc, (client, seq, sentAt, appliedAt) => this.rec().noteReceive(receiver, client, seq, sentAt, this.arrivalAt.get(receiver)!, appliedAt));
      conn.on("status", (s) => {
        if (s === "offline" || s === "refused") this.disconnects++;
      });
      conn.on("error", (e) => this.errors.set(e.code, (this.errors.get(e.code) ?? 0) + 1));
      // Connect in small waves, as people arriving would.
      wave.push(conn);
      if (wave.length === WAVE || spec === this.specs[this.specs.length - 1]) {
        await Promise.race([
          Promise.all(wave.map((c) => c.whenSynced())),
          new Promise((_, reject) => setTimeout(() => reject(new Error("board sync took over 30 s")), 30_000)),
        ]);
        wave = [];
      }
    }

    for (const spec of this.specs) this.notes.set(spec.index, createNote(this.conns.get(spec.index)!.doc, spec.index, spec.participantId!));
    await waitUntil(
      () => this.specs.every((s) => this.conns.get(s.index)!.doc.getMap(NOTES_ROOT).size >= this.roomSize(s.room)),
      30_000,
      "every client to see every note of its board",
    );
    await Promise.race([
      Promise.all([...this.conns.values()].map((c) => c.whenSaved())),
      new Promise((_, reject) => setTimeout(() => reject(new Error("initial notes not saved in 30 s")), 30_000)),
    ]);
  }

  send(client: number, seq: number): number {
    const sentAt = now();
    editNote(this.conns.get(client)!.doc, this.notes.get(client)!, client, seq, sentAt);
    return sentAt;
  }

  async health(): Promise<Record<string, number>> {
    // Acknowledgements come once stored: give them a moment, then count who still waits.
    const conns = [...this.conns.values()];
    await waitUntil(() => conns.every((c) => c.status === "saved"), 10_000, "saves").catch(() => {});
    const out: Record<string, number> = {
      disconnects: this.disconnects,
      unsaved: conns.filter((c) => c.status !== "saved").length,
      notConverged: this.specs.filter((s) => !this.converged(s)).length,
    };
    for (const [code, n] of this.errors) out[`error:${code}`] = n;
    return out;
  }

  /** This client's doc holds the last edit of every peer of its room. */
  private converged(spec: ClientSpec): boolean {
    const notes = this.conns.get(spec.index)!.doc.getMap<Y.Map<unknown>>(NOTES_ROOT);
    for (const peer of this.specs) {
      if (peer.room !== spec.room) continue;
      const theirs = this.notes.get(peer.index)!.get(BENCH_KEY) as number[] | undefined;
      const seen = notes.get(noteId(peer.index))?.get(BENCH_KEY) as number[] | undefined;
      if (theirs?.[1] !== seen?.[1]) return false;
    }
    return true;
  }

  async teardown(): Promise<void> {
    for (const c of this.conns.values()) {
      c.destroy();
      c.doc.destroy();
    }
    this.conns.clear();
  }
}

// ---- bare socket.io --------------------------------------------------------------------

export class BareDriver extends RoomDriver implements Driver {
  private sockets = new Map<number, Socket>();

  constructor(url: string, specs: ClientSpec[], private readonly payloadBytes: number, rec: () => Recorder) {
    super(url, specs, rec);
  }

  async setup(): Promise<void> {
    let wave: Socket[] = [];
    for (const spec of this.specs) {
      const socket = io(spec.url ?? this.url, {
        path: "/socket.io",
        transports: ["websocket"],
        auth: { room: `room-${spec.room}` },
        reconnectionDelay: 500,
      });
      const receiver = spec.index;
      socket.on("y", (_board: string, payload: ArrayBuffer | Uint8Array) => {
        const arrivalAt = now();
        const dv = payload instanceof Uint8Array ? new DataView(payload.buffer, payload.byteOffset, payload.byteLength) : new DataView(payload);
        this.rec().noteReceive(receiver, dv.getUint32(0), dv.getUint32(4), dv.getFloat64(8), arrivalAt);
      });
      socket.on("disconnect", () => this.disconnects++);
      this.sockets.set(spec.index, socket);
      wave.push(socket);
      if (wave.length === WAVE || spec === this.specs[this.specs.length - 1]) {
        const w = wave;
        await waitUntil(() => w.every((s) => s.connected), 30_000, "bare clients to connect", 10);
        wave = [];
      }
    }
  }

  send(client: number, seq: number): number {
    const buf = new Uint8Array(Math.max(16, this.payloadBytes));
    const dv = new DataView(buf.buffer);
    const sentAt = now();
    dv.setUint32(0, client);
    dv.setUint32(4, seq);
    dv.setFloat64(8, sentAt);
    this.sockets.get(client)!.emit("y", "main", buf);
    return sentAt;
  }

  async health(): Promise<Record<string, number>> {
    return { disconnects: this.disconnects };
  }

  async teardown(): Promise<void> {
    for (const s of this.sockets.values()) s.disconnect();
    this.sockets.clear();
  }
}

// ---- bare socket.io, clients with Y.Docs -----------------------------------------------

/**
 * The bare server again, but each client holds a Y.Doc and sends the real Yjs edit in the
 * same y-protocols framing as BoardConnection; receivers decode and apply it. Same client
 * work as with Marguerite, no application server: the difference to Marguerite is the
 * server's doing, the difference to plain bare is the clients'.
 */
export class BareYjsDriver extends RoomDriver implements Driver {
  private sockets = new Map<number, Socket>();
  private docs = new Map<number, Y.Doc>();
  private notes = new Map<number, Y.Map<unknown>>();

  async setup(): Promise<void> {
    let wave: Socket[] = [];
    for (const spec of this.specs) {
      const socket = io(spec.url ?? this.url, { path: "/socket.io", transports: ["websocket"], auth: { room: `room-${spec.room}` }, reconnectionDelay: 500 });
      const doc = new Y.Doc();
      const receiver = spec.index;
      this.docs.set(receiver, doc);
      socket.on("y", (_board: string, payload: ArrayBuffer | Uint8Array) => {
        this.arrivalAt.set(receiver, now());
        const bytes = payload instanceof Uint8Array ? payload : new Uint8Array(payload);
        // As BoardConnection.onMessage: [sync, update, varUint8Array]
        const d = decoding.createDecoder(bytes);
        decoding.readVarUint(d);
        decoding.readVarUint(d);
        Y.applyUpdate(doc, decoding.readVarUint8Array(d), socket);
      });
      watchStamps(doc, (client, seq, sentAt, appliedAt) => this.rec().noteReceive(receiver, client, seq, sentAt, this.arrivalAt.get(receiver)!, appliedAt));
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin === socket) return;
        socket.emit("y", "main", encodeUpdate(update));
      });
      socket.on("disconnect", () => this.disconnects++);
      this.sockets.set(spec.index, socket);
      wave.push(socket);
      if (wave.length === WAVE || spec === this.specs[this.specs.length - 1]) {
        const w = wave;
        await waitUntil(() => w.every((s) => s.connected), 30_000, "bare clients to connect", 10);
        wave = [];
      }
    }
    for (const spec of this.specs) this.notes.set(spec.index, createNote(this.docs.get(spec.index)!, spec.index, `participant-${spec.index}`));
    await waitUntil(
      () => this.specs.every((s) => this.docs.get(s.index)!.getMap(NOTES_ROOT).size >= this.roomSize(s.room)),
      30_000,
      "every client to see every note of its room",
    );
  }

  send(client: number, seq: number): number {
    const sentAt = now();
    editNote(this.docs.get(client)!, this.notes.get(client)!, client, seq, sentAt);
    return sentAt;
  }

  async health(): Promise<Record<string, number>> {
    return { disconnects: this.disconnects };
  }

  async teardown(): Promise<void> {
    for (const s of this.sockets.values()) s.disconnect();
    for (const d of this.docs.values()) d.destroy();
    this.sockets.clear();
    this.docs.clear();
  }
}
