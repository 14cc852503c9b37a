// Composition root: database, rooms, socket.io and Next on one HTTP server.
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { Server as SocketServer } from "socket.io";
import type { Config } from "./config.ts";
import { openDatabase, type Database } from "./persistence/database.ts";
import { BoardRepository } from "./persistence/boards.ts";
import { SessionRepository } from "./persistence/sessions.ts";
import { SeanceRepository } from "./persistence/seances.ts";
import { SeanceRegistry } from "./facilitation/registry.ts";
import { BoardToolsRepository } from "./persistence/boardTools.ts";
import { BoardToolsEdge } from "./boardTools/edge.ts";
import { QuizEdge } from "./quiz/edge.ts";
import { quizReportSection } from "../domain/quiz/index.ts";
import { EventEdge } from "./event/edge.ts";
import { EventService } from "./event/service.ts";
import { EventRepository } from "./persistence/events.ts";
import { FeedbackService } from "./feedback/service.ts";
import { QuizImageService } from "./quiz/images.ts";
import { QuizImageRepository } from "./persistence/quizImages.ts";
import { boardFacts } from "./facilitation/boardFacts.ts";
import { UpdateWriter } from "./sync/writer.ts";
import { RoomRegistry } from "./sync/registry.ts";
import { attachSync, type SyncEdge } from "./sync/socketServer.ts";
import { attachCluster } from "./sync/cluster.ts";
import { Fanout, socketSink } from "./sync/fanout.ts";
import { SessionService } from "./sessionService.ts";
import { publishServices } from "./services.ts";
import { ReportService, boardReader } from "./report/service.ts";
import { GroupService } from "./groupService.ts";
import { securityHeaders } from "./http/securityHeaders.ts";
import { throttleCodeRoute } from "./http/joinThrottle.ts";
import { AddressThrottle, clientAddress } from "./security/addressThrottle.ts";
import { sessionRoom } from "./sync/connection.ts";
import { Events, MAIN_BOARD, MAX_MESSAGE_BYTES } from "../protocol/index.ts";

export interface Marguerite {
  port: number;
  url: string;
  db: Database;
  registry: RoomRegistry;
  writer: UpdateWriter;
  seances: SeanceRegistry;
  io: SocketServer;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Serve the Next.js pages and routes (true in the app; tests of the sync layer may skip). */
  next?: boolean;
  log?: (msg: string) => void;
}

export async function startMarguerite(config: Config, opts: StartOptions = {}): Promise<Marguerite> {
  const log = opts.log ?? ((m: string) => console.log(`[marguerite] ${m}`));
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const sessions = new SessionRepository(db.prisma, db.driver);
  const boards = new BoardRepository(db.prisma, db.driver);
  const writer = new UpdateWriter(boards, config.writeWindowMs, log);
  const registry = new RoomRegistry(boards, writer, { idleMs: config.roomIdleMs, compactEvery: 500, log });

  let handleNext: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null = null;
  let upgradeNext: ((req: http.IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) => void) | null = null;
  let closeNext: (() => Promise<void>) | null = null;
  if (opts.next !== false) {
    const { default: next } = await import("next");
    const app = next({ dev: config.dev, dir: path.resolve(import.meta.dirname, "../.."), hostname: "localhost", port: config.port });
    await app.prepare();
    const handler = app.getRequestHandler();
    handleNext = (req, res) => handler(req, res);
    const upgrade = app.getUpgradeHandler();
    upgradeNext = (req, socket, head) => void upgrade(req, socket, head);
    closeNext = async () => {
      await app.close?.();
    };
  }

  // One budget per client address for everything that takes a join code: HTTP and handshakes.
  const throttle = new AddressThrottle({ perMinute: config.joinAttemptsPerMinute, burst: config.joinBurst });
  const server = http.createServer((req, res) => {
    securityHeaders(req, res, { dev: config.dev, publicUrl: config.publicUrl });
    const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], config.trustProxy);
    if (throttleCodeRoute(req, res, throttle, address, Date.now())) return;
    if (!handleNext) {
      res.statusCode = 404;
      res.end();
      return;
    }
    handleNext(req, res).catch((err) => {
      log(`request ${req.url} failed: ${(err as Error).message}`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });

  const io = new SocketServer(server, {
    path: "/socket.io",
    maxHttpBufferSize: MAX_MESSAGE_BYTES + 64 * 1024,
    // Small frequent messages: compression made p99 latency 8 times worse (stack-notes.md).
    perMessageDeflate: false,
    httpCompression: false,
    destroyUpgrade: false,
    connectionStateRecovery: undefined,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  server.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/socket.io")) return; // socket.io's own listener handles it
    if (upgradeNext) upgradeNext(req, socket, head);
    else socket.destroy();
  });

  const fanout = new Fanout(socketSink(io));
  const cluster = await attachCluster(io, registry, config.redisUrl, log, fanout);
  if (cluster.enabled) registry.onLoad = (room) => cluster.catchUp(room);
  let edge: SyncEdge | null = null;
  let eventEdge: EventEdge | null = null;
  const seanceRepository = new SeanceRepository(db.prisma);
  const seances = new SeanceRegistry({
    store: seanceRepository,
    participants: sessions,
    // The session board as this process holds it (accepted updates are applied in memory first).
    facts: async (sessionId, template) => {
      const room = await registry.get(sessionId, MAIN_BOARD);
      try {
        return boardFacts(template, room.doc);
      } finally {
        registry.scheduleUnload(room);
      }
    },
    published: async (snap, roleChanges) => {
      // The séance's end closes the session: its code admits nobody new from then on.
      if (snap.state.status === "ended") await sessions.close(snap.sessionId, new Date()).catch((err) => log(`closing ${snap.sessionId} failed: ${(err as Error).message}`));
      await edge?.publishSeance(snap, roleChanges);
      // A national day's group room: the coordination's dashboard follows its séance.
      eventEdge?.roomChanged(snap.sessionId);
    },
    log,
  });
  // Board tools and the quiz: JSON rows at a version in one table, keyed by board (or "@quiz").
  const activities = new BoardToolsRepository(db.prisma);
  const tools = new BoardToolsEdge({ io, rooms: registry, writer, cluster, sessions, store: activities, log });
  const quizImages = new QuizImageRepository(db.prisma);
  const quiz = new QuizEdge({ io, cluster, store: activities, log, imagesOf: (sessionId, ids) => quizImages.existing(sessionId, ids) });
  // National days: the event's row sits beside them (`@event`); its rooms are sessions.
  eventEdge = new EventEdge({
    io,
    cluster,
    store: activities,
    events: new EventRepository(db.prisma),
    seances,
    rooms: registry,
    // Defined below with the reports' reader; called only once the server runs.
    readBoard: (sessionId) => readBoard(sessionId),
    writer,
    log,
    // A removed room's session is deleted like a session (forget is defined below, called later).
    eraseRoom: (sessionId) => forget(sessionId),
  });
  const events = eventEdge;
  edge = attachSync({ io, sessions, registry, writer, log, cluster, fanout, seances, tools, quiz, events, throttle, trustProxy: config.trustProxy, seanceIdleMs: config.roomIdleMs });
  const { broadcastPresence, eraseSession } = edge;

  /** What memory holds of a deleted session: its connections, rooms, séance timer. */
  const forget = async (sessionId: string) => {
    // An event's rooms went with it (ON DELETE CASCADE): those this process knows go from memory too.
    const rooms = events.knownRooms(sessionId);
    for (const id of [sessionId, ...rooms]) {
      await eraseSession(id);
      seances.forget(id);
      registry.dropSession(id);
    }
  };
  const sessionService = new SessionService(sessions, {
    onJoin: broadcastPresence,
    onErase: forget,
    // Closing a national day closes its rooms, and every screen of the day is told.
    onClose: async (sessionId, method, at) => {
      if (method === "event") await events.closeEvent(sessionId, at);
    },
  });

  // Closed sessions are deleted PURGE_AFTER_DAYS after closing, at start and every hour.
  const purge = async () => {
    const cutoff = new Date(Date.now() - config.purgeAfterDays * 86_400_000);
    try {
      const ids = await sessions.purgeClosedBefore(cutoff);
      for (const id of ids) await forget(id);
      if (ids.length > 0) log(`purged ${ids.length} session(s) closed before ${cutoff.toISOString()}`);
    } catch (err) {
      log(`purge failed, will retry in an hour: ${(err as Error).message}`);
    }
  };
  await purge();
  const purgeTimer = setInterval(() => void purge(), 3_600_000);
  purgeTimer.unref();
  const readBoard = boardReader(registry, boards);
  const groups = new GroupService({
    sessions,
    seances: seanceRepository,
    board: readBoard,
    // The previous meeting's screens learn where the group meets next (every process, with Redis).
    onNext: (previousSessionId, next) => void io.to(sessionRoom(previousSessionId)).emit(Events.groupNext, next),
  });
  const feedback = new FeedbackService({ sessions, store: activities });
  publishServices({
    config,
    sessions: sessionService,
    reports: new ReportService({ sessions, seances: seanceRepository, board: readBoard, previousPlan: (s) => groups.previousPlan(s), moreSections: (id, locale) => feedback.reportSections(id, locale) }),
    groups,
    feedback,
    quizImages: new QuizImageService({ sessions, images: quizImages }),
    events: new EventService({
      sessions,
      edge: events,
      board: readBoard,
      tools: activities,
      // A national day's plenary quiz (its session runs one) and its questionnaire close the synthesis.
      moreSections: async (id, locale) => {
        const snap = await quiz.registry.current(id);
        return [...(snap.state ? quizReportSection(snap.state, locale) : []), ...(await feedback.reportSections(id, locale))];
      },
    }),
    baseUrl: (requestUrl, headers) => {
      if (config.publicUrl) return config.publicUrl;
      // Forwarded headers only from a proxy we trust: anyone else could pick our links' host.
      const trusted = config.trustProxy > 0;
      const host = (trusted ? headers.get("x-forwarded-host") : null) ?? headers.get("host");
      const proto = (trusted ? headers.get("x-forwarded-proto") : null) ?? new URL(requestUrl).protocol.replace(":", "");
      return host ? `${proto}://${host}` : new URL(requestUrl).origin;
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      // Stop accepting, disconnect clients (they reconnect elsewhere or later), then make
      // sure every accepted update is stored and compacted before the database closes.
      clearInterval(purgeTimer);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      server.closeAllConnections?.();
      await seances.close();
      await tools.registry.close();
      await quiz.close();
      await events.close();
      const stored = await writer.close(15_000);
      if (!stored) log("some updates could not be stored before shutdown (database unavailable)");
      await registry.flushAll().catch((err) => log(`final compaction failed: ${(err as Error).message}`));
      await cluster.close();
      await closeNext?.().catch(() => {});
      await db.close();
    })();
    return closing;
  };

  return { port, url: `http://localhost:${port}`, db, registry, writer, seances, io, close };
}
