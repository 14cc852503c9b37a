// One board in memory: its Y.Doc, a scratch twin used to try untrusted updates first, and
// the awareness states (cursors, focus) of the sockets that joined it.
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

export class BoardRoom {
  readonly doc = new Y.Doc();
  private shadow = new Y.Doc();
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
    for (const c of chunks) {
      Y.applyUpdate(this.doc, c);
      Y.applyUpdate(this.shadow, c);
    }
  }

  /**
   * Tries an untrusted update on the scratch twin, then on the real document. Returns the
   * part that was new (null when the document already had all of it).
   */
  applyClientUpdate(update: Uint8Array, origin: unknown, guard?: WriteGuard): ApplyResult {
    const shape = checkUpdateShape(update, guard?.allowedRoots ?? ALLOWED_ROOTS, (client) => Y.getState(this.shadow.store, client));
    if (!shape.ok) return { ok: false, code: shape.missing ? ErrorCode.missingDependency : ErrorCode.invalidUpdate, message: shape.reason };
    // The twin sees the update first: if it throws, or the method's rules refuse one of the
    // changes it makes, the real document never sees it.
    let verdict: Verdict = { ok: true };
    const judge = guard?.judge;
    const inspect = guard?.inspect;
    const onAfter =
      judge || inspect
        ? (tr: Y.Transaction) => {
            if (!verdict.ok) return;
            if (inspect) verdict = inspect(this.shadow, tr);
            if (!verdict.ok || !judge) return;
            const found = extractChanges(this.shadow, tr, guard.actorId);
            verdict = found.ok ? judge(found.changes) : { ok: false, code: ErrorCode.invalidUpdate, message: found.reason };
          }
        : null;
    if (onAfter) this.shadow.on("afterTransaction", onAfter);
    try {
      Y.applyUpdate(this.shadow, update);
    } catch (err) {
      this.rebuildShadow();
      return { ok: false, code: ErrorCode.invalidUpdate, message: `update rejected: ${(err as Error).message}` };
    } finally {
      if (onAfter) this.shadow.off("afterTransaction", onAfter);
    }
    if (!verdict.ok) {
      this.rebuildShadow();
      return verdict;
    }
    // An update that needs structs the room never accepted (it builds on an edit that was
    // refused) would wait in the document forever, and its ack would say "stored" for
    // something nobody will see: refuse it, so the client learns it must reload the board.
    if (this.shadow.store.pendingStructs !== null || this.shadow.store.pendingDs !== null) {
      this.rebuildShadow();
      return { ok: false, code: ErrorCode.missingDependency, message: "this update builds on changes the board does not have: reload the board" };
    }
    return { ok: true, effective: this.applyCollecting(update, origin) };
  }

  /** The twin may be half-modified or hold a refused change: copy it again from the document. */
  private rebuildShadow(): void {
    this.shadow.destroy();
    this.shadow = new Y.Doc();
    Y.applyUpdate(this.shadow, Y.encodeStateAsUpdate(this.doc));
  }

  /**
   * Applies an update that another process already validated (and stores itself). Returns
   * the part that was new here, null if nothing was.
   */
  mergeTrusted(update: Uint8Array): Uint8Array | null {
    Y.applyUpdate(this.shadow, update);
    return this.applyCollecting(update, "cluster");
  }

  private applyCollecting(update: Uint8Array, origin: unknown): Uint8Array | null {
    const parts: Uint8Array[] = [];
    const collect = (u: Uint8Array) => parts.push(u);
    this.doc.on("update", collect);
    try {
      Y.applyUpdate(this.doc, update, origin);
    } finally {
      this.doc.off("update", collect);
    }
    return parts.length === 0 ? null : parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
  }

  /**
   * A change the server itself makes (moderation's reveal, anonymity's author removal): run on
   * the document and its twin alike. Returns the update to broadcast and store, null if nothing changed.
   */
  applyServerChange(change: (doc: Y.Doc) => void): Uint8Array | null {
    const parts: Uint8Array[] = [];
    const collect = (u: Uint8Array) => parts.push(u);
    this.doc.on("update", collect);
    try {
      this.doc.transact(() => change(this.doc), "server");
    } finally {
      this.doc.off("update", collect);
    }
    if (parts.length === 0) return null;
    const update = parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
    Y.applyUpdate(this.shadow, update);
    return update;
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
    this.doc.destroy();
    this.shadow.destroy();
  }
}
