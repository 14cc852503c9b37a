// socket.io edge: authenticates connections, routes y-protocols messages to rooms, and
// publishes. Every handler follows the same order: auth, validation, resolution, publish.
import type { Server, Socket } from "socket.io";
import {
  BoardNameSchema,
  ErrorCode,
  Events,
  HandshakeAuthSchema,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  type ErrorEvent,
  type PresenceEvent,
  type Role,
} from "../../protocol/index.ts";
import type { SessionRepository } from "../persistence/sessions.ts";
import { Strikes, TokenBucket } from "./guard.ts";
import {
  decodeAwareness,
  decodeMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from "./messages.ts";
import type { RoomRegistry } from "./registry.ts";
import { publishToCluster } from "./cluster.ts";
import type { BoardRoom } from "./room.ts";
import type { UpdateWriter } from "./writer.ts";

export interface SocketData {
  sessionId: string;
  code: string;
  participantId: string;
  displayName: string;
  role: Role;
  boards: Set<string>;
  bucket: TokenBucket;
  strikes: Strikes;
}

type Ack = (res: { ok: true } | { ok: false; code: ErrorCode; message: string }) => void;

export interface SyncDeps {
  io: Server;
  sessions: SessionRepository;
  registry: RoomRegistry;
  writer: UpdateWriter;
  log: (msg: string) => void;
  /** true when other processes share the rooms (Redis adapter) */
  cluster: boolean;
  now?: () => number;
}

/** Limits; generous for people typing, tight enough to cut off a flooding program. */
export const LIMITS = {
  messagesPerSecond: 200,
  burst: 400,
  strikesBeforeCutOff: 20,
  strikeWindowMs: 60_000,
};

const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export function attachSync(deps: SyncDeps): { broadcastPresence(sessionId: string): void } {
  const { io, sessions, registry, writer, log } = deps;
  const now = deps.now ?? Date.now;

  io.use(async (socket, next) => {
    const parsed = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) {
      const v = (socket.handshake.auth as { v?: unknown } | undefined)?.v;
      const code = v !== undefined && v !== PROTOCOL_VERSION ? ErrorCode.protocolVersion : ErrorCode.unauthorized;
      return next(connectError(code, code === ErrorCode.protocolVersion ? `protocol version ${PROTOCOL_VERSION} expected` : "join code and token required"));
    }
    try {
      const identity = await sessions.authenticate(parsed.data.code, parsed.data.token);
      if (!identity) return next(connectError(ErrorCode.unauthorized, "unknown token for this session"));
      if (identity.session.status !== "open") return next(connectError(ErrorCode.sessionClosed, "this session is closed"));
      const data: SocketData = {
        sessionId: identity.session.id,
        code: identity.session.joinCode,
        participantId: identity.participant.id,
        displayName: identity.participant.displayName,
        role: identity.participant.role,
        boards: new Set(),
        bucket: new TokenBucket(LIMITS.messagesPerSecond, LIMITS.burst, now()),
        strikes: new Strikes(LIMITS.strikesBeforeCutOff, LIMITS.strikeWindowMs),
      };
      socket.data = data;
      next();
    } catch (err) {
      log(`auth failed: ${(err as Error).message}`);
      next(connectError(ErrorCode.storageUnavailable, "try again in a moment"));
    }
  });

  // Presence is computed from the sockets in the session's room (across processes when the
  // Redis adapter is on) and coalesced, so that 300 arrivals do not mean 300 broadcasts.
  const presenceTimers = new Map<string, NodeJS.Timeout>();
  function broadcastPresence(sessionId: string): void {
    if (presenceTimers.has(sessionId)) return;
    const t = setTimeout(async () => {
      presenceTimers.delete(sessionId);
      try {
        const [people, sockets] = await Promise.all([sessions.listParticipants(sessionId), io.in(sessionRoom(sessionId)).fetchSockets()]);
        const online = new Set(sockets.map((s) => (s.data as SocketData).participantId));
        const event: PresenceEvent = {
          sessionId,
          participants: people.map((p) => ({ id: p.id, displayName: p.displayName, role: p.role, online: online.has(p.id) })),
        };
        io.to(sessionRoom(sessionId)).emit(Events.presence, event);
      } catch (err) {
        log(`presence of ${sessionId} failed: ${(err as Error).message}`);
      }
    }, 150);
    presenceTimers.set(sessionId, t);
  }

  io.on("connection", (socket: Socket) => {
    const data = socket.data as SocketData;
    void socket.join(sessionRoom(data.sessionId));
    broadcastPresence(data.sessionId);
    sessions.markSeen(data.participantId, new Date(), false).catch(() => {});

    const reject = (event: string, code: ErrorCode, message: string, ack?: Ack) => {
      const payload: ErrorEvent = { code, message, event };
      socket.emit(Events.error, payload);
      if (ack) ack({ ok: false, code, message });
      if (data.strikes.add(now())) {
        socket.emit(Events.error, { code: ErrorCode.abuse, message: "too many rejected messages, disconnected" } satisfies ErrorEvent);
        socket.disconnect(true);
      }
    };

    const guarded =
      (event: string, handler: (...args: unknown[]) => Promise<void> | void) =>
      async (...args: unknown[]) => {
        const last = args[args.length - 1];
        const ack = typeof last === "function" ? (last as Ack) : undefined;
        if (!data.bucket.take(now())) return reject(event, ErrorCode.rateLimited, "slow down: too many messages", ack);
        try {
          await handler(...args);
        } catch (err) {
          log(`handler ${event} failed: ${(err as Error).stack ?? err}`);
          if (ack) ack({ ok: false, code: ErrorCode.internal, message: "internal error" });
        }
      };

    socket.on(
      Events.boardJoin,
      guarded(Events.boardJoin, async (boardArg, maybeAck) => {
        const ack = typeof maybeAck === "function" ? (maybeAck as Ack) : undefined;
        const board = BoardNameSchema.safeParse(boardArg);
        if (!board.success) return reject(Events.boardJoin, ErrorCode.badRequest, board.error.issues[0].message, ack);
        const room = await registry.get(data.sessionId, board.data);
        if (!socket.connected) return;
        room.sockets.add(socket.id);
        data.boards.add(board.data);
        await socket.join(room.key);
        socket.emit(Events.y, board.data, encodeSyncStep1(room.stateVector()));
        const aw = room.awarenessSnapshot();
        if (aw.length > 0) socket.emit(Events.y, board.data, encodeAwareness(encodeAwarenessEntries(aw)));
        ack?.({ ok: true });
      }),
    );

    socket.on(
      Events.boardLeave,
      guarded(Events.boardLeave, async (boardArg) => {
        const board = BoardNameSchema.safeParse(boardArg);
        if (!board.success || !data.boards.has(board.data)) return;
        leaveBoard(board.data);
      }),
    );

    socket.on(
      Events.y,
      guarded(Events.y, async (boardArg, payload, maybeAck) => {
        const ack = typeof maybeAck === "function" ? (maybeAck as Ack) : undefined;
        // VALIDATION
        const board = BoardNameSchema.safeParse(boardArg);
        if (!board.success) return reject(Events.y, ErrorCode.badRequest, board.error.issues[0].message, ack);
        if (!(payload instanceof Uint8Array)) return reject(Events.y, ErrorCode.badRequest, "binary payload expected", ack);
        if (payload.byteLength > MAX_MESSAGE_BYTES) return reject(Events.y, ErrorCode.tooLarge, "message over 1 MB", ack);
        // AUTH: membership of the room
        const room = data.boards.has(board.data) ? registry.peek(data.sessionId, board.data) : undefined;
        if (!room) return reject(Events.y, ErrorCode.notInRoom, `join board "${board.data}" first`, ack);
        const msg = decodeMessage(payload);
        if (!msg) return reject(Events.y, ErrorCode.badRequest, "not a y-protocols message", ack);

        switch (msg.kind) {
          case "sync-step1": {
            socket.emit(Events.y, board.data, encodeSyncStep2(room.diffFrom(msg.stateVector)));
            ack?.({ ok: true });
            return;
          }
          case "sync-step2":
          case "update": {
            if (data.role === "observer") return reject(Events.y, ErrorCode.forbidden, "observers cannot write", ack);
            // RESOLUTION
            const result = room.applyClientUpdate(msg.update, socket.id);
            if (!result.ok) return reject(Events.y, result.code, result.message, ack);
            if (result.effective) {
              // PUBLISH first (others see it at once), acknowledge once stored.
              socket.to(room.key).emit(Events.y, board.data, encodeUpdate(result.effective));
              publishToCluster(io, deps.cluster, data.sessionId, board.data, result.effective);
              await writer.enqueue({ boardId: room.info.boardId, data: result.effective, participantId: data.participantId });
              registry.noteAppended(room);
            } else {
              // Nothing new, but what we have may still be on its way to the database.
              await writer.barrier();
            }
            ack?.({ ok: true });
            return;
          }
          case "awareness": {
            const entries = decodeAwareness(msg.update);
            if (!entries) return reject(Events.y, ErrorCode.badRequest, "malformed awareness update", ack);
            const accepted = room.acceptAwareness(socket.id, entries, { id: data.participantId, name: data.displayName, role: data.role });
            if (accepted.length > 0) socket.to(room.key).emit(Events.y, board.data, encodeAwareness(encodeAwarenessEntries(accepted)));
            ack?.({ ok: true });
            return;
          }
        }
      }),
    );

    function leaveBoard(name: string): void {
      data.boards.delete(name);
      const room = registry.peek(data.sessionId, name);
      if (!room) return;
      const removed = room.dropSocket(socket.id);
      void socket.leave(room.key);
      if (removed.length > 0) io.to(room.key).emit(Events.y, name, encodeAwareness(encodeAwarenessEntries(removed)));
      registry.scheduleUnload(room);
    }

    socket.on("disconnect", () => {
      for (const name of [...data.boards]) leaveBoard(name);
      broadcastPresence(data.sessionId);
      sessions.markSeen(data.participantId, new Date(), true).catch(() => {});
    });
  });

  return { broadcastPresence };
}

function connectError(code: ErrorCode, message: string): Error {
  const err = new Error(message) as Error & { data: { code: ErrorCode } };
  err.data = { code };
  return err;
}

export type { BoardRoom };
