// Several processes: with REDIS_URL, socket.io rooms span processes through the Redis
// adapter (presence, séance, awareness broadcasts reach every process's sockets), and this module
// keeps every process's in-memory copy of a board and of a séance in step:
// - each accepted update is sent to the other processes, which apply it to their copy and
//   only then send it to their own sockets of the board;
// - a process that loads a board asks the others for what they hold beyond its state vector,
//   so a late joiner anywhere gets updates accepted elsewhere but not yet stored;
// - when Redis comes back after an outage, every loaded board is exchanged both ways with
//   the other processes (pull their diff, push ours), and what is new goes to local sockets;
// - a séance change tells the others to read the séance again and to apply role changes to
//   their own sockets; an activity change (board tools, quiz) tells them to read it again and
//   send each of their sockets its view.
// Binary arguments of serverSideEmit arrive as plain objects, hence base64.
import * as Y from "yjs";
import type { Server } from "socket.io";
import type { Role } from "../../protocol/index.ts";
import { decodeAwareness, encodeAwarenessEntries, type AwarenessEntry } from "./messages.ts";
import type { Fanout } from "./fanout.ts";
import type { RoomRegistry } from "./registry.ts";
import type { BoardRoom } from "./room.ts";

const CLUSTER_UPDATE = "marguerite:update";
const CLUSTER_REPAIR = "marguerite:repair";
const CLUSTER_SYNC = "marguerite:sync";
const CLUSTER_SEANCE = "marguerite:seance";
const CLUSTER_AWARENESS = "marguerite:awareness";
const CLUSTER_ACTIVITY = "marguerite:activity";
/** How long a loading board waits for the other processes' answers. */
const SYNC_TIMEOUT_MS = 1_500;

type SeanceListener = (sessionId: string, version: number, roleChanges: ReadonlyMap<string, Role>) => void;
/** `kind`: which stored activity of the session changed ("tools", "quiz"). */
type ActivityListener = (sessionId: string, kind: string, version: number) => void;

export interface Cluster {
  readonly enabled: boolean;
  /** An update this process accepted: the other processes apply it to their copy. */
  publishUpdate(sessionId: string, board: string, update: Uint8Array): void;
  /** Pulls what the other processes hold of this board (and, with push, sends them ours). */
  catchUp(room: BoardRoom, opts?: { push?: boolean }): Promise<void>;
  /** Awareness accepted here: the others send it to their own sockets of the board. */
  publishAwareness(sessionId: string, board: string, entries: AwarenessEntry[]): void;
  /** A séance changed here: the others read it again and follow role changes. */
  publishSeance(sessionId: string, version: number, roleChanges: ReadonlyMap<string, Role>): void;
  onSeance(listener: SeanceListener): void;
  /** A stored activity (board tools, quiz) changed here: the others read it again and publish it. */
  publishActivity(sessionId: string, kind: string, version: number): void;
  onActivity(listener: ActivityListener): void;
  close(): Promise<void>;
}

const single: Cluster = {
  enabled: false,
  publishUpdate() {},
  async catchUp() {},
  publishAwareness() {},
  publishSeance() {},
  onSeance() {},
  publishActivity() {},
  onActivity() {},
  async close() {},
};

const b64 = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString("base64");
const bytes = (s: string) => new Uint8Array(Buffer.from(s, "base64"));
const isStr = (v: unknown): v is string => typeof v === "string" && v.length > 0;

interface SyncAnswer {
  diff: string;
  sv: string;
}

/**
 * The adapter's two Redis connections, not yet connected. No command timeout (node-redis gives
 * a command 5 s to be written by default): the adapter never handles a publish's rejection, so
 * when the connection to Redis was backed up for over 5 s (3,000 clients on two cores) updates
 * meant for the other processes were dropped, each with an unhandled rejection. A publish now
 * waits its turn. While Redis is away board updates are not published at all (see publishUpdate).
 */
export async function redisClients(redisUrl: string) {
  const { createClient } = await import("redis");
  const pub = createClient({ url: redisUrl, commandOptions: { timeout: 0 } });
  return { pub, sub: pub.duplicate() };
}

export async function attachCluster(
  io: Server,
  registry: RoomRegistry,
  redisUrl: string | undefined,
  log: (msg: string) => void,
  fanout: Fanout,
): Promise<Cluster> {
  if (!redisUrl) return single;
  const { createAdapter } = await import("@socket.io/redis-adapter");
  const { pub, sub } = await redisClients(redisUrl);
  let down = false;
  for (const c of [pub, sub]) {
    c.on("error", (err: Error) => {
      if (!down) log(`redis: ${err.message}`);
      down = true;
    });
  }
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { requestsTimeout: SYNC_TIMEOUT_MS }));
  const seanceListeners: SeanceListener[] = [];
  const activityListeners: ActivityListener[] = [];

  /** Applies what another process sent; what was new here goes to this process's sockets. */
  const merge = (room: BoardRoom, update: Uint8Array) => {
    const effective = room.mergeTrusted(update);
    if (effective) fanout.update(room, effective);
  };

  const roomOf = (sessionId: unknown, board: unknown) => (isStr(sessionId) && isStr(board) ? registry.peek(sessionId, board) : undefined);

  // An update accepted elsewhere, or a repair after an outage: the same for this process.
  for (const event of [CLUSTER_UPDATE, CLUSTER_REPAIR]) {
    io.on(event, (sessionId: unknown, board: unknown, data: unknown) => {
      const room = roomOf(sessionId, board);
      if (!room || !isStr(data)) return;
      try {
        merge(room, bytes(data));
      } catch (err) {
        log(`${event} for ${room.key} failed: ${(err as Error).message}`);
      }
    });
  }

  io.on(CLUSTER_SYNC, (sessionId: unknown, board: unknown, sv: unknown, reply: unknown) => {
    if (typeof reply !== "function") return;
    const room = roomOf(sessionId, board);
    if (!room || !isStr(sv)) return reply(null);
    try {
      reply({ diff: b64(room.diffFrom(bytes(sv))), sv: b64(room.stateVector()) } satisfies SyncAnswer);
    } catch (err) {
      log(`cluster sync for ${room.key} failed: ${(err as Error).message}`);
      reply(null);
    }
  });

  io.on(CLUSTER_AWARENESS, (sessionId: unknown, board: unknown, data: unknown) => {
    const room = roomOf(sessionId, board);
    const entries = room && isStr(data) ? decodeAwareness(bytes(data)) : null;
    if (room && entries) fanout.awareness(room, entries);
  });

  io.on(CLUSTER_SEANCE, (sessionId: unknown, version: unknown, roles: unknown) => {
    if (!isStr(sessionId) || typeof version !== "number" || !Array.isArray(roles)) return;
    const changes = new Map<string, Role>();
    for (const r of roles) if (Array.isArray(r) && isStr(r[0]) && isStr(r[1])) changes.set(r[0], r[1] as Role);
    for (const l of seanceListeners) l(sessionId, version, changes);
  });

  io.on(CLUSTER_ACTIVITY, (sessionId: unknown, kind: unknown, version: unknown) => {
    if (!isStr(sessionId) || !isStr(kind) || typeof version !== "number") return;
    for (const l of activityListeners) l(sessionId, kind, version);
  });

  const catchUp = async (room: BoardRoom, opts: { push?: boolean } = {}) => {
    // A process that does not answer in time (or Redis away) only costs the wait: what did
    // arrive is used.
    // (While Redis is away the adapter's request waits for it: our own timer stops the wait.)
    const answers = await new Promise<unknown[]>((resolve) => {
      const timer = setTimeout(() => resolve([]), SYNC_TIMEOUT_MS + 500);
      io.serverSideEmit(CLUSTER_SYNC, room.info.sessionId, room.info.name, b64(room.stateVector()), (_err: unknown, responses: unknown) => {
        clearTimeout(timer);
        resolve(Array.isArray(responses) ? responses : []);
      });
    });
    for (const a of answers) {
      if (!a || typeof a !== "object" || !isStr((a as SyncAnswer).diff)) continue;
      try {
        merge(room, bytes((a as SyncAnswer).diff));
        if (opts.push && isStr((a as SyncAnswer).sv)) {
          // Deletions do not show in state vectors: send the whole diff, delete set included.
          const ours = Y.encodeStateAsUpdate(room.doc, bytes((a as SyncAnswer).sv));
          io.serverSideEmit(CLUSTER_REPAIR, room.info.sessionId, room.info.name, b64(ours));
        }
      } catch (err) {
        log(`cluster catch-up of ${room.key} failed: ${(err as Error).message}`);
      }
    }
  };

  // Redis back after an outage: what was published meanwhile may be lost, so every loaded
  // board is exchanged with the other processes, both ways.
  sub.on("ready", () => {
    if (!down) return;
    down = false;
    log("redis: back, resynchronising the boards with the other processes");
    // Give the other processes a moment to resubscribe too; each of them does the same.
    setTimeout(() => {
      for (const room of registry.all()) void catchUp(room, { push: true });
    }, 250).unref();
  });

  return {
    enabled: true,
    // Not while Redis is away: with no command timeout they would queue without bound during a
    // long outage, and the exchange of every board on its return carries them anyway (awareness
    // is ephemeral: the next cursor move says it again).
    publishUpdate(sessionId, board, update) {
      if (pub.isReady) io.serverSideEmit(CLUSTER_UPDATE, sessionId, board, b64(update));
    },
    catchUp,
    publishAwareness(sessionId, board, entries) {
      if (pub.isReady) io.serverSideEmit(CLUSTER_AWARENESS, sessionId, board, b64(encodeAwarenessEntries(entries)));
    },
    publishSeance(sessionId, version, roleChanges) {
      io.serverSideEmit(CLUSTER_SEANCE, sessionId, version, [...roleChanges]);
    },
    onSeance(listener) {
      seanceListeners.push(listener);
    },
    publishActivity(sessionId, kind, version) {
      io.serverSideEmit(CLUSTER_ACTIVITY, sessionId, kind, version);
    },
    onActivity(listener) {
      activityListeners.push(listener);
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
