// One board in memory: its Y.Doc, the last good state to fall back on when an untrusted update
// is refused, and the awareness states (cursors, focus) of the sockets that joined it.
import * as Y from "yjs";
import { ErrorCode, type RefusalCode } from "../../protocol/index.ts";
import { checkUpdateShape } from "./validateUpdate.ts";
import { extractChanges } from "./contentChanges.ts";
import type { ContentChange } from "../../domain/facilitation/index.ts";
import { ALLOWED_ROOTS } from "../../domain/board.ts";
import type { AwarenessEntry } from "./messages.ts";

export interface RoomInfo {
  boardId: string;
  sessionId: string;
  name: string;
}

export type ApplyResult =
  | { ok: true; effective: Uint8Array | null }
  | { ok: false; code: RefusalCode; message: string };

export type Verdict = { ok: true } | { ok: false; code: RefusalCode; message: string };

/** What a sender may do to this board: which root types exist, and the method's rules. */
export interface WriteGuard {
  allowedRoots: readonly string[];
  actorId: string;
  /** Judges the changes an update makes; absent for a free board (anyone writes anything). */
  judge?: (changes: ContentChange[]) => Verdict;
  /** Board tools' check of the raw transaction (anonymity, moderation: src/server/boardTools). */
  inspect?: (doc: Y.Doc, tr: Y.Transaction) => Verdict;
}

export interface AwarenessIdentity {
  id: string;
  name: string;
  role: string;
}

const MAX_AWARENESS_STATE_BYTES = 2048;

export function roomKey(sessionId: string, board: string): string {
  return `board:${sessionId}:${board}`;
}

/** Accepted updates kept after the last checkpoint before the state is encoded again. */
const CHECKPOINT_EVERY = 256;

export class BoardRoom {
  private current = new Y.Doc();
  /**
   * The last good state: an encoded checkpoint and the updates accepted since. Yjs cannot undo
   * an applied update, so a refused one is undone by rebuilding the document from these. Cheaper
   * than trying every update on a twin document first: that doubled the Yjs work (and the
   * garbage) of every edit, for refusals that only crafted or broken clients cause.
   */
  private checkpoint: Uint8Array | null = null;
  private since: Uint8Array[] = [];
  readonly key: string;
  /** socket ids currently joined here */
  readonly sockets = new Set<string>();
  private awareness = new Map<number, { clock: number; state: Record<string, unknown> | null; socketId: string }>();
  /** rows appended to the log since the last compaction (this process's count) */
  logLength: number;
  unloadTimer: NodeJS.Timeout | null = null;
  compacting: Promise<void> | null = null;

  constructor(
    readonly info: RoomInfo,
    chunks: Uint8Array[],
    logLength: number,
  ) {
    this.key = roomKey(info.sessionId, info.name);
    this.logLength = logLength;
    for (const c of chunks) Y.applyUpdate(this.current, c);
    this.checkpoint = Y.encodeStateAsUpdate(this.current);
  }

  /** The board's document. Read it afresh each time: a refused update replaces it. */
  get doc(): Y.Doc {
    return this.current;
  }

  /**
   * Tries an untrusted update on the document, judging the transaction it makes before anyone
   * sees it; a refused one is rolled back. Returns the part that was new (null when the
   * document already had all of it).
   */
  applyClientUpdate(update: Uint8Array, origin: unknown, guard?: WriteGuard): ApplyResult {
    const doc = this.current;
    const shape = checkUpdateShape(update, guard?.allowedRoots ?? ALLOWED_ROOTS, (client) => Y.getState(doc.store, client));
    if (!shape.ok) return { ok: false, code: shape.missing ? ErrorCode.missingDependency : ErrorCode.invalidUpdate, message: shape.reason };
    let verdict: Verdict = { ok: true };
    const judge = guard?.judge;
    const inspect = guard?.inspect;
    const onAfter =
      judge || inspect
        ? (tr: Y.Transaction) => {
            if (!verdict.ok) return;
            if (inspect) verdict = inspect(doc, tr);
            if (!verdict.ok || !judge) return;
            const found = extractChanges(doc, tr, guard.actorId);
            verdict = found.ok ? judge(found.changes) : { ok: false, code: ErrorCode.invalidUpdate, message: found.reason };
          }
        : null;
    const parts: Uint8Array[] = [];
    const collect = (u: Uint8Array) => parts.push(u);
    // afterTransaction (the judge) runs before the update event: a refused update's bytes are
    // collected but never leave this function.
    if (onAfter) doc.on("afterTransaction", onAfter);
    doc.on("update", collect);
    try {
      Y.applyUpdate(doc, update, origin);
    } catch (err) {
      this.rollBack();
      return { ok: false, code: ErrorCode.invalidUpdate, message: `update rejected: ${(err as Error).message}` };
    } finally {
      if (onAfter) doc.off("afterTransaction", onAfter);
      doc.off("update", collect);
    }
    if (!verdict.ok) {
      this.rollBack();
      return verdict;
    }
    // An update that needs structs the room never accepted (it builds on an edit that was
    // refused) would wait in the document forever, and its ack would say "stored" for
    // something nobody will see: refuse it, so the client learns it must reload the board.
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      this.rollBack();
      return { ok: false, code: ErrorCode.missingDependency, message: "this update builds on changes the board does not have: reload the board" };
    }
    const effective = merged(parts);
    if (effective) this.accepted(effective);
    return { ok: true, effective };
  }

  /** The document may be half-modified or hold a refused change: rebuild it from the last good state. */
  private rollBack(): void {
    const doc = new Y.Doc();
    if (this.checkpoint) Y.applyUpdate(doc, this.checkpoint);
    for (const u of this.since) Y.applyUpdate(doc, u);
    this.current.destroy();
    this.current = doc;
    this.checkpoint = Y.encodeStateAsUpdate(doc);
    this.since = [];
  }

  private accepted(update: Uint8Array): void {
    this.since.push(update);
    if (this.since.length < CHECKPOINT_EVERY) return;
    this.checkpoint = Y.encodeStateAsUpdate(this.current);
    this.since = [];
  }

  /**
   * Applies an update that another process already validated (and stores itself). Returns
   * the part that was new here, null if nothing was.
   */
  mergeTrusted(update: Uint8Array): Uint8Array | null {
    const effective = this.collecting(() => Y.applyUpdate(this.current, update, "cluster"));
    // Kept whole, not only its effective part: structs still waiting for an update from another
    // process are not in it, and a rollback must keep them waiting.
    if (this.current.store.pendingStructs || this.current.store.pendingDs) this.accepted(update);
    return effective;
  }

  /** Runs `change` on the document; returns what it changed (null if nothing), kept as accepted. */
  private collecting(change: () => void): Uint8Array | null {
    const parts: Uint8Array[] = [];
    const collect = (u: Uint8Array) => parts.push(u);
    const doc = this.current;
    doc.on("update", collect);
    try {
      change();
    } finally {
      doc.off("update", collect);
    }
    const effective = merged(parts);
    if (effective) this.accepted(effective);
    return effective;
  }

  /**
   * A change the server itself makes (moderation's reveal, anonymity's author removal).
   * Returns the update to broadcast and store, null if nothing changed.
   */
  applyServerChange(change: (doc: Y.Doc) => void): Uint8Array | null {
    const doc = this.current;
    return this.collecting(() => doc.transact(() => change(doc), "server"));
  }

  /**
   * Rewrites the awareness states held (anonymity switched on); returns the entries to send to
   * everyone but their owner (who would otherwise take the rewritten state as its own).
   */
  redactAwareness(redact: (state: Record<string, unknown> | null) => Record<string, unknown> | null): { socketId: string; entry: AwarenessEntry }[] {
    const out: { socketId: string; entry: AwarenessEntry }[] = [];
    for (const [clientId, a] of this.awareness) {
      if (a.state === null) continue;
      a.clock += 1;
      a.state = redact(a.state);
      if (a.state === null) this.awareness.delete(clientId);
      out.push({ socketId: a.socketId, entry: { clientId, clock: a.clock, state: a.state } });
    }
    return out;
  }

  diffFrom(stateVector: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /**
   * Accepts awareness entries from one socket: a socket may only speak for client ids it
   * owns, and the `user` field is replaced by the identity the server knows, so nobody can
   * appear under someone else's name. Returns the entries to broadcast.
   */
  acceptAwareness(socketId: string, entries: AwarenessEntry[], user: AwarenessIdentity): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const e of entries) {
      const known = this.awareness.get(e.clientId);
      if (known && known.socketId !== socketId) continue;
      if (known && e.clock < known.clock) continue;
      let state = e.state;
      if (state !== null) {
        state = { ...state, user };
        if (JSON.stringify(state).length > MAX_AWARENESS_STATE_BYTES) continue;
      }
      this.awareness.set(e.clientId, { clock: e.clock, state, socketId });
      out.push({ clientId: e.clientId, clock: e.clock, state });
    }
    return out;
  }

  awarenessSnapshot(): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const [clientId, a] of this.awareness) if (a.state !== null) out.push({ clientId, clock: a.clock, state: a.state });
    return out;
  }

  /** Forgets a socket's awareness; returns the removal entries to broadcast. */
  dropSocket(socketId: string): AwarenessEntry[] {
    this.sockets.delete(socketId);
    const out: AwarenessEntry[] = [];
    for (const [clientId, a] of this.awareness) {
      if (a.socketId !== socketId) continue;
      this.awareness.delete(clientId);
      out.push({ clientId, clock: a.clock + 1, state: null });
    }
    return out;
  }

  destroy(): void {
    this.current.destroy();
    this.since = [];
    this.checkpoint = null;
  }
}

function merged(parts: Uint8Array[]): Uint8Array | null {
  return parts.length === 0 ? null : parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
}
