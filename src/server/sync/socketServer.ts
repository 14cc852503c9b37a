// socket.io edge: authenticates connections, routes y-protocols messages to rooms (and
// facilitation commands to the séance through seanceRelay.ts), and publishes. Every handler
// follows the same order: auth, validation, resolution, publish.
import type { Server, Socket } from "socket.io";
import { canJoinBoard } from "../../domain/facilitation/index.ts";
import { ALLOWED_ROOTS } from "../../domain/board.ts";
import {
  BoardNameSchema,
  ErrorCode,
  Events,
  HandshakeAuthSchema,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  type ErrorEvent,
  type Method,
  type PresenceEvent,
  type RefusalCode,
  type Role,
} from "../../protocol/index.ts";
import type { SessionRepository } from "../persistence/sessions.ts";
import { methodOf } from "../sessionService.ts";
import type { RoleChanges, SeanceRegistry } from "../facilitation/registry.ts";
import { effectiveRole, sessionRoleFor } from "../facilitation/roles.ts";
import type { SeanceSnapshot } from "../facilitation/view.ts";
import { Strikes, TokenBucket } from "./guard.ts";
import { type AddressThrottle, clientAddress } from "../security/addressThrottle.ts";
import {
  decodeAwareness,
  decodeMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
} from "./messages.ts";
import type { RoomRegistry } from "./registry.ts";
import { SessionLines } from "../sessionLines.ts";
import type { Cluster } from "./cluster.ts";
import { Fanout, socketSink } from "./fanout.ts";
import type { QuizEdge } from "../quiz/edge.ts";
import type { EventEdge } from "../event/edge.ts";
import type { BoardRoom, WriteGuard } from "./room.ts";
import type { UpdateWriter } from "./writer.ts";
import type { BoardToolsEdge } from "../boardTools/edge.ts";
import { SeanceRelay } from "./seanceRelay.ts";
import { type Ack, sessionRoom } from "./connection.ts";

export interface SocketData {
  sessionId: string;
  code: string;
  participantId: string;
  displayName: string;
  /** What the server lets this connection do (observers never write); follows séance role changes. */
  role: Role;
  method: Method;
  boards: Set<string>;
  bucket: TokenBucket;
  strikes: Strikes;
}

export interface SyncDeps {
  io: Server;
  sessions: SessionRepository;
  registry: RoomRegistry;
  writer: UpdateWriter;
  log: (msg: string) => void;
  /** true when other processes share the rooms (Redis adapter) */
  cluster: Cluster;
  /** How updates reach this process's sockets (shared with the cluster). */
  fanout?: Fanout;
  /** Séances of sessions whose method has steps; without it, `seance:command` is refused. */
  seances?: SeanceRegistry;
  /** Votes, anonymity and moderation on the session board (src/server/boardTools). */
  tools?: BoardToolsEdge;
  /** The quiz of a quiz session (src/server/quiz). */
  quiz?: QuizEdge;
  /** A national day's coordination of an event session (src/server/event). */
  events?: EventEdge;
  /** Handshakes with a wrong code or token cost like a wrong join code (per client address). */
  throttle?: AddressThrottle;
  /** Reverse proxies whose X-Forwarded-For is believed (config TRUST_PROXY). */
  trustProxy?: number;
  /** How long a session's séance stays cached after its last connection here left (the rooms' idle delay). */
  seanceIdleMs?: number;
  now?: () => number;
}

/** Limits; generous for people typing, tight enough to cut off a flooding program. */
export const LIMITS = {
  // A person typing or dragging sends well under 50 messages a second; a refused one is sent
  // again by the client a second later, merged with the rest (boardConnection.ts).
  messagesPerSecond: 50,
  burst: 100,
  strikesBeforeCutOff: 20,
  strikeWindowMs: 60_000,
};

export interface SyncEdge {
  broadcastPresence(sessionId: string): void;
  /** Sends a stored séance to every connection of its session, each with its own `you`. */
  publishSeance(snap: SeanceSnapshot, roleChanges: RoleChanges): Promise<void>;
  /** The session was deleted: its connections (on every process) are closed and forgotten. */
  eraseSession(sessionId: string): Promise<void>;
}

export function attachSync(deps: SyncDeps): SyncEdge {
  const { io, sessions, registry, writer, log, seances, cluster, tools, quiz, events } = deps;
  const fanout = deps.fanout ?? new Fanout(socketSink(io));
  const now = deps.now ?? Date.now;

  io.use(async (socket, next) => {
    const parsed = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) {
      const v = (socket.handshake.auth as { v?: unknown } | undefined)?.v;
      const code = v !== undefined && v !== PROTOCOL_VERSION ? ErrorCode.protocolVersion : ErrorCode.unauthorized;
      return next(connectError(code, code === ErrorCode.protocolVersion ? `protocol version ${PROTOCOL_VERSION} expected` : "join code and token required"));
    }
    const address = clientAddress(socket.handshake.address, socket.handshake.headers["x-forwarded-for"], deps.trustProxy ?? 0);
    // A handshake needs a participant token (256 random bits): the code cannot be guessed
    // through it, so a crowd reconnecting at once is never held back; failures still cost.
    const admission = deps.throttle?.check(address, now());
    if (admission && !admission.ok) return next(connectError(ErrorCode.rateLimited, `too many attempts, try again in ${admission.retryAfterSeconds} s`));
    try {
      const identity = await sessions.authenticate(parsed.data.code, parsed.data.token);
      if (!identity) deps.throttle?.fail(address, now());
      if (!identity) return next(connectError(ErrorCode.unauthorized, "unknown token for this session"));
      // A closed session admits nobody new (the join route refuses), but those already in keep
      // their access: the end screen, the case holder's last edits (C14), the report.
      const method = methodOf(identity.session.template);
      let role = identity.participant.role;
      // In a séance the séance decides (roles.ts); the row normally says the same already.
      const seance = seances?.hasSteps(method) ? await seances.peek(identity.session.id, method) : null;
      if (seance) role = sessionRoleFor(effectiveRole(seance.template, seance.state, identity.participant.id, role));
      const data: SocketData = {
        sessionId: identity.session.id,
        code: identity.session.joinCode,
        participantId: identity.participant.id,
        displayName: identity.participant.displayName,
        role,
        method,
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

  /** Every process's sockets of the session; only this process's if the others do not answer (Redis away). */
  async function sessionSockets(sessionId: string) {
    const all = io.in(sessionRoom(sessionId)).fetchSockets();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 2_000)));
    try {
      const found = await Promise.race([all, late]);
      if (found) return found;
    } catch {
      // fall through to the local sockets
    } finally {
      clearTimeout(timer);
    }
    all.catch(() => {});
    return io.local.in(sessionRoom(sessionId)).fetchSockets();
  }

  // Presence is computed from the sockets in the session's room (across processes when the
  // Redis adapter is on) and coalesced, so that 300 arrivals do not mean 300 broadcasts.
  const presenceTimers = new Map<string, NodeJS.Timeout>();
  function broadcastPresence(sessionId: string): void {
    if (presenceTimers.has(sessionId)) return;
    const t = setTimeout(async () => {
      presenceTimers.delete(sessionId);
      try {
        const [people, sockets] = await Promise.all([sessions.listParticipants(sessionId), sessionSockets(sessionId)]);
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

  const relay = new SeanceRelay({ io, cluster, log, now, seances, tools, idleMs: deps.seanceIdleMs ?? 60_000, broadcastPresence });

  io.on("connection", (socket: Socket) => {
    const data = socket.data as SocketData;
    void socket.join(sessionRoom(data.sessionId));
    broadcastPresence(data.sessionId);
    sessions.markSeen(data.participantId, new Date(), false).catch(() => {});

    /** This socket's board updates, applied in the order they arrived (see ORDER below). */
    const updateLines = new SessionLines();

    const reject = (event: string, code: RefusalCode, message: string, ack?: Ack, strike = true) => {
      const payload: ErrorEvent = { code, message, event };
      socket.emit(Events.error, payload);
      if (ack) ack({ ok: false, code, message });
      if (strike && data.strikes.add(now())) {
        socket.emit(Events.error, { code: ErrorCode.abuse, message: "too many rejected messages, disconnected" } satisfies ErrorEvent);
        socket.disconnect(true);
      }
    };

    let lastRateNotice = -Infinity;
    const guarded =
      (event: string, handler: (...args: unknown[]) => Promise<void> | void) =>
      async (...args: unknown[]) => {
        const last = args[args.length - 1];
        const ack = typeof last === "function" ? (last as Ack) : undefined;
        if (!data.bucket.take(now())) {
          // Throttled, not cut off (a runaway client may be a bug, not an attack): the message is
          // dropped and refused, and the sender is told at most once a second.
          ack?.({ ok: false, code: ErrorCode.rateLimited, message: "slow down: too many messages" });
          if (now() - lastRateNotice >= 1000) {
            lastRateNotice = now();
            socket.emit(Events.error, { code: ErrorCode.rateLimited, message: "slow down: too many messages", event } satisfies ErrorEvent);
          }
          return;
        }
        try {
          await handler(...args);
        } catch (err) {
          log(`handler ${event} failed: ${(err as Error).stack ?? err}`);
          if (ack) ack({ ok: false, code: ErrorCode.internal, message: "internal error" });
        }
      };

    relay.attach(socket, data, { guarded, reject });
    tools?.attach(socket, data, { guarded, reject });
    // A national day opens with a quiz in its plenary: the event's own session runs one too (issue 6).
    if (data.method === "quiz" || data.method === "event") quiz?.attach(socket, data, { guarded, reject });
    if (data.method === "event") events?.attach(socket, data, { guarded, reject });

    socket.on(
      Events.boardJoin,
      guarded(Events.boardJoin, async (boardArg, maybeAck) => {
        const ack = typeof maybeAck === "function" ? (maybeAck as Ack) : undefined;
        const board = BoardNameSchema.safeParse(boardArg);
        if (!board.success) return reject(Events.boardJoin, ErrorCode.badRequest, board.error.issues[0].message, ack);
        // AUTH: a private board is its owner's alone (P5)
        const allowed = canJoinBoard({ id: data.participantId }, board.data);
        if (!allowed.ok) return reject(Events.boardJoin, ErrorCode.forbidden, allowed.message, ack);
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
            // ORDER: finding the rules may wait (the séance or the board tools read on first
            // use), and a later update of this socket must not overtake an earlier one it builds
            // on (it would be refused as an orphan and the edit lost): one line per board.
            const result = await updateLines.run(board.data, async () => {
              // RESOLUTION: the method's rules judge what the update changes (C*, P* in SPEC.md)
              // A free board needs no séance: no séance read on the hot path.
              let guard: WriteGuard = seances?.hasSteps(data.method) ? await relay.writeGuard(data, board.data) : { allowedRoots: ALLOWED_ROOTS, actorId: data.participantId };
              // Anonymity (A5) and moderation (Q5) on the session board, whatever the method.
              const inspect = await tools?.inspector(data, board.data);
              if (inspect) guard = { ...guard, inspect };
              const applied = room.applyClientUpdate(msg.update, socket.id, guard);
              if (!applied.ok || !applied.effective) return { ...applied, stored: null };
              // PUBLISH first (others see it at once), acknowledge once stored (outside the
              // line: the next update need not wait for the database).
              // This process's sockets now; the other processes' sockets get it from their own
              // process once it has applied it (cluster.ts), so no client there ever holds an
              // update its process lacks, and edits built on it are never refused as orphans.
              fanout.update(room, applied.effective, socket.id);
              cluster.publishUpdate(data.sessionId, board.data, applied.effective);
              return { ...applied, stored: writer.enqueue({ boardId: room.info.boardId, data: applied.effective, participantId: data.participantId }) };
            });
            if (!result.ok) return reject(Events.y, result.code, result.message, ack, result.code === ErrorCode.invalidUpdate);
            if (result.stored) {
              await result.stored;
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
            // A6: an anonymous board relays no awareness at all.
            if (tools && !tools.relaysAwareness(data.sessionId, board.data)) return void ack?.({ ok: true });
            const accepted = room.acceptAwareness(socket.id, entries, { id: data.participantId, name: data.displayName, role: data.role });
            if (accepted.length > 0) {
              // Merged per window in large rooms; other processes send it to their own sockets.
              fanout.awareness(room, accepted, socket.id);
              cluster.publishAwareness(data.sessionId, board.data, accepted);
            }
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

  async function eraseSession(sessionId: string): Promise<void> {
    relay.forget(sessionId);
    tools?.forget(sessionId);
    quiz?.forget(sessionId);
    events?.forget(sessionId);
    const timer = presenceTimers.get(sessionId);
    if (timer) clearTimeout(timer);
    presenceTimers.delete(sessionId);
    const gone: ErrorEvent = { code: ErrorCode.sessionNotFound, message: "this session was deleted" };
    io.to(sessionRoom(sessionId)).emit(Events.error, gone);
    // Through the adapter: connections served by other processes are closed too.
    io.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  return { broadcastPresence, publishSeance: (snap, roleChanges) => relay.publish(snap, roleChanges), eraseSession };
}

function connectError(code: ErrorCode, message: string): Error {
  const err = new Error(message) as Error & { data: { code: ErrorCode } };
  err.data = { code };
  return err;
}

export type { BoardRoom };
