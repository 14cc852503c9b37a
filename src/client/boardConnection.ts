// The browser's (and any Node program's) side of a board: a Y.Doc kept in sync with the
// server over socket.io using the y-protocols messages, with an honest save status.
// See docs/protocol.md. No React here: the UI subscribes to events.
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import { io, type Socket } from "socket.io-client";
import { SyncType, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from "../protocol/framing.ts";
import { ErrorCode, Events, MessageType, PROTOCOL_VERSION, type ErrorEvent, type PresenceEvent } from "../protocol/index.ts";

/** Refusals that a later try may not meet; any other refusal of an update is final. */
const TRANSIENT: ReadonlySet<string> = new Set([ErrorCode.rateLimited, ErrorCode.storageUnavailable, ErrorCode.internal, ErrorCode.notInRoom]);

/** A rate-limit refusal waits a little longer than the server's bucket needs to refill. */
const RATE_LIMIT_RETRY_MS = 1_000;
const RETRY_MS = 2_000;
/** Well under the server's 50 messages a second, awareness included. */
const SEND_INTERVAL_MS = 40;
const AWARENESS_INTERVAL_MS = 100;

const { step1: SYNC_STEP1, step2: SYNC_STEP2, update: SYNC_UPDATE } = SyncType;

export type ConnectionStatus =
  /** first connection under way */
  | "connecting"
  /** connected, receiving the board */
  | "syncing"
  /** some of my edits are not yet acknowledged as stored */
  | "saving"
  /** everything I wrote is stored */
  | "saved"
  /** network lost: edits are kept and sent on return */
  | "offline"
  /** the server refused us (bad token, closed session): no retry */
  | "refused";

export interface ConnectionOptions {
  /** Server origin, e.g. http://localhost:3000 (the browser passes its own origin). */
  url: string;
  code: string;
  token: string;
  board?: string;
  doc?: Y.Doc;
  /** Reconnection delays, shorter in tests. */
  reconnectionDelay?: number;
  reconnectionDelayMax?: number;
  /** Engine.io transports; websocket only by default (no sticky sessions needed). */
  transports?: ("websocket" | "polling")[];
}

type Listener<T> = (value: T) => void;

interface Events_ {
  status: ConnectionStatus;
  presence: PresenceEvent;
  error: ErrorEvent;
  synced: void;
  /**
   * The server refused one of my edits (the method's rules, a locked board...). My document
   * now holds something the server never will, and my later edits build on it: the app must
   * drop this connection and open a fresh one (the room UI does, with a kind notice).
   */
  diverged: ErrorEvent;
}

export class BoardConnection {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly board: string;
  readonly socket: Socket;
  private listeners = new Map<keyof Events_, Set<Listener<never>>>();
  private _status: ConnectionStatus = "connecting";
  private synced = false;
  private joined = false;
  private pendingAcks = 0;
  /** local edits made while no acknowledgement could be expected (offline, joining) */
  private dirty = false;
  /** local updates waiting for the next send (SEND_INTERVAL_MS) */
  private outbox: Uint8Array[] = [];
  private outboxTimer: ReturnType<typeof setTimeout> | null = null;
  private lastSendAt = -Infinity;
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  private lastAwarenessAt = -Infinity;
  private awarenessChanged = new Set<number>();
  /** updates refused for now (rate limit, storage away), sent again together */
  private retryQueue: Uint8Array[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private epoch = 0;
  private destroyed = false;
  refusal: ErrorCode | null = null;

  constructor(opts: ConnectionOptions) {
    this.doc = opts.doc ?? new Y.Doc();
    this.board = opts.board ?? "main";
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // y-protocols starts every client with a `{}` state that it re-broadcasts every 15 s;
    // a program that never shows a cursor or focus has nothing to say: it sets a state when
    // it has one (the room UI does at once).
    this.awareness.setLocalState(null);
    this.socket = io(opts.url, {
      path: "/socket.io",
      auth: { v: PROTOCOL_VERSION, code: opts.code, token: opts.token },
      transports: opts.transports ?? ["websocket"],
      reconnectionDelay: opts.reconnectionDelay ?? 500,
      reconnectionDelayMax: opts.reconnectionDelayMax ?? 3000,
      randomizationFactor: 0.5,
    });

    this.socket.on("connect", () => this.onConnect());
    this.socket.on("disconnect", () => this.onDisconnect());
    this.socket.on("connect_error", (err: Error & { data?: { code?: ErrorCode } }) => {
      const code = err.data?.code;
      if (code === ErrorCode.unauthorized || code === ErrorCode.sessionClosed || code === ErrorCode.protocolVersion) {
        this.refusal = code;
        this.socket.disconnect();
        this.setStatus("refused");
      } else if (this._status !== "connecting") {
        this.setStatus("offline");
      }
    });
    this.socket.on(Events.y, (board: string, payload: ArrayBuffer | Uint8Array) => {
      if (board !== this.board) return;
      this.onMessage(payload instanceof Uint8Array ? payload : new Uint8Array(payload));
    });
    this.socket.on(Events.presence, (p: PresenceEvent) => this.emit("presence", p));
    this.socket.on(Events.error, (e: ErrorEvent) => this.emit("error", e));

    this.doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
  }

  get status(): ConnectionStatus {
    return this._status;
  }

  get clientId(): number {
    return this.doc.clientID;
  }

  on<K extends keyof Events_>(event: K, fn: Listener<Events_[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as Listener<never>);
    return () => set.delete(fn as Listener<never>);
  }

  /** Resolves once the board has been received from the server. */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.on("synced", () => {
        off();
        resolve();
      });
    });
  }

  /** Resolves once every local edit is acknowledged as stored. */
  whenSaved(): Promise<void> {
    if (this._status === "saved") return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.on("status", (s) => {
        if (s === "saved") {
          off();
          resolve();
        }
      });
    });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.outboxTimer) clearTimeout(this.outboxTimer);
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.awareness.clientID], "local");
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.socket.disconnect();
    this.listeners.clear();
  }

  // ---- internals ------------------------------------------------------------------

  private onConnect(): void {
    this.epoch++;
    const epoch = this.epoch;
    this.joined = false;
    this.synced = false;
    this.setStatus("syncing");
    this.socket.emit(Events.boardJoin, this.board, (res: { ok: boolean }) => {
      if (epoch !== this.epoch || !res?.ok) return;
      this.joined = true;
      // Our half of the handshake: the server answers with what we lack.
      this.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
      if (this.awareness.getLocalState() !== null) {
        this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.awareness.clientID])));
      }
    });
  }

  private onDisconnect(): void {
    this.epoch++;
    // The handshake after reconnecting sends everything the server lacks.
    if (this.outboxTimer) clearTimeout(this.outboxTimer);
    this.outboxTimer = null;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    if (this.outbox.length > 0) this.dirty = true;
    this.outbox = [];
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryQueue = [];
    this.joined = false;
    if (this.pendingAcks > 0) this.dirty = true;
    this.pendingAcks = 0;
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.awareness.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, "connection");
    if (this._status !== "refused") this.setStatus("offline");
  }

  private onMessage(bytes: Uint8Array): void {
    try {
      const d = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(d);
      if (type === MessageType.sync) {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (sub === SYNC_STEP1) {
          // The server asks for what it lacks, including edits made while offline.
          const missing = Y.encodeStateAsUpdate(this.doc, payload);
          this.sendTracked(encodeSyncStep2(missing), missing);
          this.dirty = false;
          this.refreshStatus();
        } else if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) {
          Y.applyUpdate(this.doc, payload, this);
          if (sub === SYNC_STEP2 && !this.synced) {
            this.synced = true;
            this.emit("synced", undefined);
            this.refreshStatus();
          }
        }
      } else if (type === MessageType.awareness) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), this);
      }
    } catch (err) {
      console.warn("[marguerite] ignored a malformed message from the server", err);
    }
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    if (this.socket.connected && this.joined) {
      // At most one message per SEND_INTERVAL_MS (a drag makes an update per frame): an edit
      // after a quiet moment goes at once, the ones that follow are merged into the next.
      this.outbox.push(update);
      const wait = this.lastSendAt + SEND_INTERVAL_MS - Date.now();
      if (wait <= 0) this.flushOutbox();
      else this.outboxTimer ??= setTimeout(() => this.flushOutbox(), wait);
    } else this.dirty = true;
    this.refreshStatus();
  };

  private flushOutbox(): void {
    if (this.outboxTimer) clearTimeout(this.outboxTimer);
    this.outboxTimer = null;
    const parts = this.outbox;
    this.outbox = [];
    if (parts.length === 0) return;
    if (!this.socket.connected || !this.joined) {
      this.dirty = true; // the next handshake sends it
      return;
    }
    this.lastSendAt = Date.now();
    const merged = parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
    this.sendTracked(encodeUpdate(merged), merged);
  }

  private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === this || !this.socket.connected || !this.joined) return;
    // The awareness keeps the id it was made with, even if the doc takes a fresh one (anonymity).
    const changed = [...added, ...updated, ...removed].filter((id) => id === this.awareness.clientID);
    if (changed.length === 0) return;
    // A pointer moving makes many states a second: the latest one goes, at most every 100 ms.
    for (const id of changed) this.awarenessChanged.add(id);
    const wait = this.lastAwarenessAt + AWARENESS_INTERVAL_MS - Date.now();
    if (wait <= 0) this.sendAwareness();
    else this.awarenessTimer ??= setTimeout(() => this.sendAwareness(), wait);
  };

  private sendAwareness(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    if (this.destroyed || !this.socket.connected || !this.joined) return;
    // Only ids the awareness still knows (the doc's client id may have been replaced meanwhile).
    const ids = [...this.awarenessChanged].filter((id) => this.awareness.meta.has(id));
    this.awarenessChanged.clear();
    if (ids.length === 0) return;
    this.lastAwarenessAt = Date.now();
    this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
  }

  private send(bytes: Uint8Array): void {
    this.socket.emit(Events.y, this.board, bytes);
  }

  /** `update` is the Yjs update inside `bytes`, kept to send it again after a passing refusal. */
  private sendTracked(bytes: Uint8Array, update: Uint8Array): void {
    const epoch = this.epoch;
    this.pendingAcks++;
    this.socket.emit(Events.y, this.board, bytes, (res: { ok: boolean; code?: ErrorCode; message?: string }) => {
      if (epoch !== this.epoch) return;
      this.pendingAcks = Math.max(0, this.pendingAcks - 1);
      if (!res?.ok) {
        // Refused for what it does: resending cannot help.
        if (res?.code && !TRANSIENT.has(res.code)) this.emit("diverged", { code: res.code, message: res.message ?? "", event: Events.y });
        // Refused for now (too fast, storage away): sent again shortly, merged with the others.
        else this.retryLater(update, res?.code === ErrorCode.rateLimited ? RATE_LIMIT_RETRY_MS : RETRY_MS);
      }
      this.refreshStatus();
    });
    this.refreshStatus();
  }

  private retryLater(update: Uint8Array, delayMs: number): void {
    this.retryQueue.push(update);
    this.dirty = true; // if the connection drops meanwhile, the next handshake resends it all
    if (this.retryTimer) return;
    const epoch = this.epoch;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      const parts = this.retryQueue;
      this.retryQueue = [];
      if (this.destroyed || epoch !== this.epoch || !this.socket.connected || !this.joined) return;
      this.dirty = false;
      const merged = parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
      this.sendTracked(encodeUpdate(merged), merged);
    }, delayMs);
  }

  private refreshStatus(): void {
    if (this._status === "refused") return;
    if (!this.socket.connected) return this.setStatus(this._status === "connecting" ? "connecting" : "offline");
    if (!this.synced) return this.setStatus("syncing");
    this.setStatus(this.pendingAcks > 0 || this.dirty || this.outbox.length > 0 ? "saving" : "saved");
  }

  private setStatus(s: ConnectionStatus): void {
    if (s === this._status) return;
    this._status = s;
    this.emit("status", s);
  }

  private emit<K extends keyof Events_>(event: K, value: Events_[K]): void {
    for (const fn of this.listeners.get(event) ?? []) (fn as Listener<Events_[K]>)(value);
  }
}
