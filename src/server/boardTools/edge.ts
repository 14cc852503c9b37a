// Board tools at the socket.io edge: `tools:command` (auth → validation → resolution →
// publish), each connection's own `tools:state`, the check of board updates against
// anonymity and moderation, awareness without focus in an anonymous board, and the
// server-origin writes (moderation's reveal, anonymity's author removal).
import type { Server, Socket } from "socket.io";
import { ErrorCode, Events, MAIN_BOARD, ToolsCommandSchema } from "../../protocol/index.ts";
import type { PendingNote } from "../../domain/moderation/index.ts";
import type { SessionRepository } from "../persistence/sessions.ts";
import type { RoomRegistry } from "../sync/registry.ts";
import type { UpdateWriter } from "../sync/writer.ts";
import type { Cluster } from "../sync/cluster.ts";
import type { BoardRoom, Verdict } from "../sync/room.ts";
import { encodeAwareness, encodeAwarenessEntries, encodeUpdate } from "../sync/messages.ts";
import type * as Y from "yjs";
import { BoardToolsRegistry, CRAFTED_TOOL_REFUSALS, type ToolsStore } from "./registry.ts";
import { clusterIds, judgeNoteWrites, noteIds, stripNoteAuthors, writeRevealedNotes } from "./boardDoc.ts";
import { toolsView, type ToolsSnapshot } from "./state.ts";
import type { Role } from "../../protocol/index.ts";
import { type Ack, type ConnectionHelpers, sessionRoom } from "../sync/connection.ts";

/** What the edge needs to know of a connection (a subset of SocketData). */
export interface ToolsConnection {
  sessionId: string;
  participantId: string;
  role: Role;
}

export interface ToolsEdgeDeps {
  io: Server;
  rooms: RoomRegistry;
  writer: UpdateWriter;
  cluster: Cluster;
  sessions: SessionRepository;
  store: ToolsStore;
  log: (msg: string) => void;
  now?: () => number;
}

/** A crowd voting or answering a poll: their changes are published together, at most this often. */
const CROWD_PUBLISH_MS = 100;

export class BoardToolsEdge {
  readonly registry: BoardToolsRegistry;
  /** Set by the socket edge: is the séance's current step anonymous? */
  anonymousStep: (sessionId: string) => boolean = () => false;
  /** Set by the socket edge: the séance's current step id (null for a free board). */
  currentStepId: (sessionId: string) => string | null = () => null;
  /** A publication waiting to gather a crowd's dots or answers into one. */
  private pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly now: () => number;

  constructor(private readonly deps: ToolsEdgeDeps) {
    this.now = deps.now ?? Date.now;
    this.registry = new BoardToolsRegistry({
      store: deps.store,
      withBoard: async (sessionId, read) => {
        const room = await deps.rooms.get(sessionId, MAIN_BOARD);
        try {
          return read({ items: (targets) => (targets === "notes" ? noteIds(room.doc) : clusterIds(room.doc)) });
        } finally {
          deps.rooms.scheduleUnload(room);
        }
      },
      reveal: (sessionId, notes, anonymous) => this.reveal(sessionId, notes, anonymous),
      anonymityOn: (sessionId) => this.anonymityOn(sessionId),
      anonymousStep: (sessionId) => this.anonymousStep(sessionId),
      currentStepId: (sessionId) => this.currentStepId(sessionId),
      published: async (snap, urgent) => {
        // The other processes read the stored row again and send their own sockets their view.
        deps.cluster.publishActivity(snap.sessionId, "tools", snap.version);
        this.schedule(snap.sessionId, urgent);
      },
      now: this.now,
      log: deps.log,
    });
    deps.cluster.onActivity((sessionId, kind, version) => {
      if (kind !== "tools" || (this.registry.cached(sessionId)?.version ?? -1) >= version) return;
      if (!deps.io.sockets.adapter.rooms.get(sessionRoom(sessionId))?.size) return; // nobody here to tell
      this.registry
        .current(sessionId)
        .then((snap) => this.publish(snap))
        .catch((err) => deps.log(`tools of ${sessionId} from another process: ${(err as Error).message}`));
    });
  }

  /** Registers `tools:command` on a new connection and sends it the tools as it may see them. */
  attach(socket: Socket, data: ToolsConnection, h: ConnectionHelpers): void {
    this.registry
      .current(data.sessionId)
      .then(async (snap) => {
        if (socket.connected) socket.emit(Events.toolsState, toolsView(snap, { id: data.participantId, role: data.role }, this.registry.anonymousNow(data.sessionId), await this.names(snap, data.role)));
      })
      .catch((err) => this.deps.log(`tools of ${data.sessionId} not sent: ${(err as Error).message}`));

    socket.on(
      Events.toolsCommand,
      h.guarded(Events.toolsCommand, async (raw, maybeAck) => {
        const ack = typeof maybeAck === "function" ? (maybeAck as Ack) : undefined;
        // AUTH: the connection is authenticated; who may run which command is the domain's
        // rule (V1, V10, Q1), checked in the resolution with the role the server holds.
        // VALIDATION
        const parsed = ToolsCommandSchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return h.reject(Events.toolsCommand, ErrorCode.badRequest, `command${issue.path.length ? "." + issue.path.join(".") : ""}: ${issue.message}`, ack);
        }
        // RESOLUTION, stored at the version read, then PUBLISH (in the session's line)
        const outcome = await this.registry.command(data.sessionId, { id: data.participantId, role: data.role }, parsed.data);
        if (!outcome.ok) return h.reject(Events.toolsCommand, outcome.code, outcome.message, ack, CRAFTED_TOOL_REFUSALS.has(outcome.code));
        ack?.({ ok: true });
      }),
    );
  }

  /**
   * The check a board update from this connection must pass (A5, Q5), or undefined when none
   * applies. Synchronous once the session's tools are known (the connection loads them).
   */
  async inspector(data: ToolsConnection, board: string): Promise<((doc: Y.Doc, tr: Y.Transaction) => Verdict) | undefined> {
    if (board !== MAIN_BOARD) return undefined;
    const snap = this.registry.cached(data.sessionId) ?? (await this.registry.current(data.sessionId));
    const anonymous = this.registry.anonymousNow(data.sessionId, snap);
    const noCreate = snap.state.moderation.enabled && data.role !== "facilitator";
    if (!anonymous && !noCreate) return undefined;
    return (doc, tr) => judgeNoteWrites(doc, tr, { anonymous, noCreate });
  }

  /** A6: in an anonymous board nothing of awareness is relayed. */
  relaysAwareness(sessionId: string, board: string): boolean {
    return board !== MAIN_BOARD || !this.registry.anonymousNow(sessionId);
  }

  /** The séance moved (perhaps into or out of an anonymous step): views and awareness follow. */
  async seanceChanged(sessionId: string, wasAnonymous: boolean): Promise<void> {
    const now = this.registry.anonymousNow(sessionId);
    if (now === wasAnonymous) return;
    if (now) await this.anonymityOn(sessionId);
    const snap = this.registry.cached(sessionId);
    if (snap) await this.publish(snap);
  }

  forget(sessionId: string): void {
    this.registry.forget(sessionId);
    const t = this.pending.get(sessionId);
    if (t) clearTimeout(t);
    this.pending.delete(sessionId);
  }

  /** The facilitator's changes go out at once; participants' ones at most every CROWD_PUBLISH_MS. */
  private schedule(sessionId: string, urgent: boolean): void {
    const waiting = this.pending.get(sessionId);
    if (urgent || !waiting) {
      if (waiting) clearTimeout(waiting);
      this.pending.delete(sessionId);
    }
    const go = () => {
      this.pending.delete(sessionId);
      const snap = this.registry.cached(sessionId);
      if (snap) void this.publish(snap).catch((err) => this.deps.log(`publishing the tools of ${sessionId} failed: ${(err as Error).message}`));
    };
    if (urgent) return go();
    if (!waiting) this.pending.set(sessionId, setTimeout(go, CROWD_PUBLISH_MS));
  }

  // ---- internals ------------------------------------------------------------------------

  private async names(snap: ToolsSnapshot, role: Role): Promise<Map<string, string>> {
    if (role !== "facilitator" || this.registry.anonymousNow(snap.sessionId, snap) || snap.state.moderation.notes.length === 0) return new Map();
    const people = await this.deps.sessions.listParticipants(snap.sessionId);
    return new Map(people.map((p) => [p.id, p.displayName]));
  }

  /** Each of this process's connections of the session gets its own view. */
  private async publish(snap: ToolsSnapshot): Promise<void> {
    const sockets = await this.deps.io.local.in(sessionRoom(snap.sessionId)).fetchSockets();
    const anonymous = this.registry.anonymousNow(snap.sessionId, snap);
    const names = await this.names(snap, "facilitator");
    for (const s of sockets) {
      const d = s.data as ToolsConnection;
      s.emit(Events.toolsState, toolsView(snap, { id: d.participantId, role: d.role }, anonymous, d.role === "facilitator" ? names : new Map()));
    }
  }

  /** Q6: one server-origin update per note, logged under its author's id (the server keeps authorship). */
  private async reveal(sessionId: string, notes: PendingNote[], anonymous: boolean): Promise<void> {
    const room = await this.deps.rooms.get(sessionId, MAIN_BOARD);
    try {
      for (const note of notes) {
        const update = room.applyServerChange((doc) => writeRevealedNotes(doc, [note], anonymous, this.now()));
        if (update) await this.publishServerUpdate(room, update, note.authorId);
      }
    } finally {
      this.deps.rooms.scheduleUnload(room);
    }
  }

  /** A5, A6 when anonymity starts: authors leave the shared notes, focus leaves awareness. */
  private async anonymityOn(sessionId: string): Promise<void> {
    const room = await this.deps.rooms.get(sessionId, MAIN_BOARD);
    try {
      const update = room.applyServerChange((doc) => stripNoteAuthors(doc));
      if (update) await this.publishServerUpdate(room, update, null);
      for (const { socketId, entry } of room.redactAwareness(() => null))
        this.deps.io.to(room.key).except(socketId).emit(Events.y, room.info.name, encodeAwareness(encodeAwarenessEntries([entry])));
    } finally {
      this.deps.rooms.scheduleUnload(room);
    }
  }

  /** Like an accepted client update: broadcast, sent to the other processes, stored. */
  private async publishServerUpdate(room: BoardRoom, update: Uint8Array, participantId: string | null): Promise<void> {
    // This process's sockets; the others' get it from their own process (cluster.ts).
    this.deps.io.local.to(room.key).emit(Events.y, room.info.name, encodeUpdate(update));
    this.deps.cluster.publishUpdate(room.info.sessionId, room.info.name, update);
    await this.deps.writer.enqueue({ boardId: room.info.boardId, data: update, participantId });
    this.deps.rooms.noteAppended(room);
  }
}
