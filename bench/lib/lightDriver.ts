// Marguerite's protocol without the client library (--receivers=light): clients that send
// real Yjs edits and recognise each arrival by its update's header, like the bare clients.
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { io, type Socket } from "socket.io-client";
import { encodeSyncStep2, encodeUpdate } from "../../src/protocol/framing.ts";
import { now } from "./clock.ts";
import { createContentNote, createNote, editNote } from "./notes.ts";
import { waitUntil, type Recorder } from "./stats.ts";
import { RoomDriver, WAVE, type ClientSpec, type Driver } from "./drivers.ts";

/**
 * Marguerite's protocol without the client library: each client holds a Y.Doc with only its
 * own note and sends real edits (acknowledged once stored), but does not apply what it
 * receives. It recognises an edit by the header of the update (client id and first clock),
 * which the server forwards unchanged: the same client work as the bare clients.
 */
export class MargueriteLightDriver extends RoomDriver implements Driver {
  /**
   * notesPerClient: 1 (default) creates the note each client edits; more adds that many - 1
   * notes of content per client (bench/memory.ts); 0 leaves the client silent (an idle
   * connection: joined and synced, never writes).
   */
  constructor(
    url: string,
    specs: ClientSpec[],
    rec: () => Recorder,
    private readonly notesPerClient = 1,
    /** Edits per client built before the run (each client's next edits, in order); 0: built as sent. */
    private readonly pregenerate = 0,
  ) {
    super(url, specs, rec);
  }

  private sockets = new Map<number, Socket>();
  private docs = new Map<number, Y.Doc>();
  private notes = new Map<number, Y.Map<unknown>>();
  private pendingAcks = 0;
  private refused = 0;
  /**
   * stampKey(yClientId, clock) -> [sender, seq, sentAt, receivers still to come]: rooms live in
   * one thread, so does this map. An entry goes once every peer of the sender has had it
   * (kept for the whole run, the map grew by 150 entries a second).
   */
  private sent = new Map<number, [number, number, number, number]>();
  /** The edit send() is making: its update is stamped when emitted. */
  private sending: { key: number; client: number; seq: number } | null = null;
  /** Each client's edits built ahead: [stamp key, framed update], oldest first. */
  private ahead = new Map<number, [number, Uint8Array][]>();
  /** While edits are built ahead: the framed update of the edit just made, kept instead of sent. */
  private built: Uint8Array | null | undefined = undefined;

  async setup(): Promise<void> {
    let wave: Promise<void>[] = [];
    for (const spec of this.specs) {
      const doc = new Y.Doc();
      const socket = io(spec.url ?? this.url, { path: "/socket.io", transports: ["websocket"], auth: { v: 1, code: spec.code, token: spec.token }, reconnection: false });
      const receiver = spec.index;
      this.docs.set(receiver, doc);
      this.sockets.set(receiver, socket);
      socket.on("y", (_board: string, payload: ArrayBuffer | Uint8Array) => {
        const arrivalAt = now();
        const d = decoding.createDecoder(payload instanceof Uint8Array ? payload : new Uint8Array(payload));
        if (decoding.readVarUint(d) !== 0) return;
        const sub = decoding.readVarUint(d);
        const body = decoding.readVarUint8Array(d);
        if (sub === 0) {
          // The server's sync step 1: answer with our own note (our half of the handshake).
          this.ackedEmit(socket, encodeSyncStep2(Y.encodeStateAsUpdate(doc, body)));
          return;
        }
        if (sub !== 2) return; // step 2: the board so far, not needed here
        // One edit, or (large rooms) the edits of a window merged by the server: each one's
        // first struct names it. One edit's header is read off its first bytes (as the bare
        // clients read theirs); only a merged update is decoded whole.
        const ids = firstStructIds(body);
        for (let i = 0; i < ids.length; i += 2) {
          const key = stampKey(ids[i], ids[i + 1]);
          const stamp = this.sent.get(key);
          if (!stamp || stamp[0] === receiver) continue;
          this.rec().noteReceive(receiver, stamp[0], stamp[1], stamp[2], arrivalAt);
          if (--stamp[3] === 0) this.sent.delete(key);
        }
      });
      socket.on("disconnect", () => this.disconnects++);
      wave.push(
        new Promise<void>((resolve, reject) => {
          socket.once("connect_error", reject);
          socket.once("connect", () => socket.emit("board:join", "main", () => resolve()));
        }),
      );
      if (wave.length === WAVE || spec === this.specs[this.specs.length - 1]) {
        await Promise.race([Promise.all(wave), new Promise((_, reject) => setTimeout(() => reject(new Error("light clients did not join in 30 s")), 30_000))]);
        wave = [];
      }
    }
    if (this.notesPerClient === 0) return;
    for (const spec of this.specs) {
      const doc = this.docs.get(spec.index)!;
      doc.on("update", (update: Uint8Array) => {
        const bytes = encodeUpdate(update);
        if (this.built !== undefined) this.built = bytes;
        else if (this.sending) this.emitEdit(this.sending.client, this.sending.seq, this.sending.key, bytes);
        else this.ackedEmit(this.sockets.get(spec.index)!, bytes);
      });
      this.notes.set(spec.index, createNote(doc, spec.index, spec.participantId!));
      for (let k = 1; k < this.notesPerClient; k++) createContentNote(doc, spec.index, k, spec.participantId!);
      // Waves again: thousands of clients writing at once would trip the server's per-client
      // limits no more than people would, but would queue behind each other for seconds.
      if (this.pendingAcks > 2000) await waitUntil(() => this.pendingAcks < 500, 60_000, "notes stored");
    }
    await waitUntil(() => this.pendingAcks === 0, 60_000, "initial notes stored");
    // The run's edits, made now by each client's Y.Doc in the order they will be sent: the
    // same bytes the server would get from edits made as sent, without the sending threads'
    // Yjs work and garbage inside the window (bare clients send ready-made bytes too).
    for (const spec of this.pregenerate > 0 && this.notesPerClient > 0 ? this.specs : []) {
      const doc = this.docs.get(spec.index)!;
      const edits: [number, Uint8Array][] = [];
      for (let seq = 1; seq <= this.pregenerate; seq++) {
        const key = stampKey(doc.clientID, Y.getState(doc.store, doc.clientID));
        this.built = null;
        editNote(doc, this.notes.get(spec.index)!, spec.index, seq, 0);
        edits.push([key, this.built!]);
      }
      this.built = undefined;
      this.ahead.set(spec.index, edits);
    }
  }

  send(client: number, seq: number): number {
    const ready = this.ahead.get(client)?.shift();
    if (ready) return this.emitEdit(client, seq, ready[0], ready[1]);
    const doc = this.docs.get(client)!;
    const key = stampKey(doc.clientID, Y.getState(doc.store, doc.clientID));
    this.sending = { key, client, seq };
    // The note's own stamp is for full receivers; light ones go by the update's header.
    editNote(doc, this.notes.get(client)!, client, seq, now());
    this.sending = null;
    return this.sent.get(key)![2];
  }

  /**
   * Stamped as it leaves, as the bare clients stamp theirs: the latency is the trip through
   * the server, not the client's own Yjs transaction before it. Returns the send time.
   */
  private emitEdit(client: number, seq: number, key: number, bytes: Uint8Array): number {
    const sentAt = now();
    this.sent.set(key, [client, seq, sentAt, this.peers(client)]);
    this.ackedEmit(this.sockets.get(client)!, bytes);
    return sentAt;
  }

  private ackedEmit(socket: Socket, bytes: Uint8Array): void {
    this.pendingAcks++;
    socket.emit("y", "main", bytes, (res: { ok: boolean }) => {
      this.pendingAcks--;
      if (!res?.ok) this.refused++;
    });
  }

  async health(): Promise<Record<string, number>> {
    await waitUntil(() => this.pendingAcks === 0, 10_000, "saves").catch(() => {});
    return { disconnects: this.disconnects, unsaved: this.pendingAcks, refused: this.refused };
  }

  async teardown(): Promise<void> {
    for (const s of this.sockets.values()) s.disconnect();
    for (const d of this.docs.values()) d.destroy();
    this.sockets.clear();
    this.sent.clear();
  }
}

/** A number, not a string: Yjs client ids are 32-bit and a bench client's clock stays far below 2^21. */
function stampKey(client: number, clock: number): number {
  return client * 2 ** 21 + clock;
}

/** How many structs one editNote makes (a group of more holds several edits of one client). */
const STRUCTS_PER_EDIT = (() => {
  const doc = new Y.Doc();
  const note = createNote(doc, 1, "p");
  let structs = 0;
  doc.on("update", (u: Uint8Array) => (structs = Y.decodeUpdate(u).structs.length));
  editNote(doc, note, 1, 1, 0);
  doc.destroy();
  return structs;
})();

/**
 * [client, clock, client, clock, ...] of the structs of a Yjs (v1) update that may start an
 * edit. The update starts with the number of clients, then for each: its number of structs, its
 * id and its first clock; for one client's one edit that is all there is to read. Several edits
 * (merged by the server in large rooms) are decoded whole.
 */
export function firstStructIds(update: Uint8Array): number[] {
  const d = decoding.createDecoder(update);
  if (decoding.readVarUint(d) === 1 && decoding.readVarUint(d) <= STRUCTS_PER_EDIT) return [decoding.readVarUint(d), decoding.readVarUint(d)];
  return Y.decodeUpdate(update).structs.flatMap((s) => [s.id.client, s.id.clock]);
}
