// `npm run bench -- --only=day`: a national day's shape (docs/protocol.md §10) through one
// Marguerite process, beside bare socket.io with the same room shapes. Marguerite:
//
//   1. a coordination creates an event (POST /api/sessions {method: "event"}), adds 12 rooms
//      (free boards), imports the list of 130 people (POST .../event/roster, CSV);
//   2. 130 participants join the event's code (POST .../participants), open the event socket
//      and say who they are (`join`); the coordination places everyone (`placeBalanced`), each
//      follows the ticket of their `event:state` into their room's board (BoardConnection with
//      the ticket's code and token), creates a note and edits it once a second: phase "groups";
//   3. angles d'écoute: 3 angles, 12 stories (one per room, told by one of its people),
//      `assignAngles`, each writes a few perceptions (`perceive`), `regroup`: each follows the
//      new ticket into their angle's room (rooms of ~43) and edits there: phase "angles".
//
// The event sockets live in the bench's main thread; each ticket goes to the client thread of
// its room (rooms are numbered as they first appear, room r to thread r mod threads), which
// opens the room, so that a room's members share one thread. Bare: bench/bareServer.ts, 130
// bare clients in 12 rooms (client k in room k mod 12: 11 or 10 each, the balanced shape),
// then in 3 rooms (k mod 3: 44, 43, 43). Figures per phase, over its measured window: arrival
// latency, delivered %, server CPU, the server's peak memory during the phase (VmHWM, reset
// through /proc/PID/clear_refs when a phase starts), and for Marguerite the placement and
// the regroup: from the command to the last ticket received, and to the last client synced
// in its new room.
//
// Flags: --day-clients=130, --day-groups=12, --day-angles=3, --day-perceptions=3 (per
// person), --day-threads=3 (client threads: 4 group rooms, then one angle room, each);
// the run's --seconds, --warmup, --drain, --rate, --wait-quiet, --no-probe, --repeat.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { Events, PROTOCOL_VERSION, type CreateSessionResponse, type EventAck, type EventStateEvent, type JoinSessionResponse, type RoomTicket } from "../src/protocol/index.ts";
import { postJson } from "./lib/api.ts";
import { ROOT, machineBusySeconds, onCleanup, processTree, treeCpuSeconds, treeMemoryMB, startChild, waitForBuild, type ChildHandle } from "./lib/children.ts";
import { ClientPool } from "./lib/clientPool.ts";
import type { WorkerCollected } from "./lib/clientWorker.ts";
import { now } from "./lib/clock.ts";
import type { ClientSpec } from "./lib/drivers.ts";
import { typicalFramedSize } from "./lib/notes.ts";
import { flag, fmt, gitCommit, median, medianOf, ratio, saveLog } from "./lib/common.ts";
import { printProfile, summarizeProfile } from "./lib/profile.ts";
import { mapLimit, sleep, summarize, timeline, waitUntil, type LatencySummary } from "./lib/stats.ts";

export interface DayOptions {
  log: (msg: string) => void;
  seconds: number;
  warmup: number;
  drain: number;
  rate: number;
  waitQuiet: number;
  probe: boolean;
  /** V8 CPU profile of the Marguerite server, summarized over each window */
  profile: boolean;
  repeat: number;
  /** A PostgreSQL database for each run (or a function that creates one); PGlite when absent. */
  databaseUrl?: string | (() => Promise<string>);
  serverEnv: Record<string, string>;
}

const NOISY_PCT = 15;

interface ServerProbe {
  windowMs: number;
  loopDelayMs: { p50: number; p99: number; max: number };
  elu: number;
  stallsPerSecondMs: number[];
  gc: Record<string, { count: number; totalMs: number; maxMs: number }>;
}

/** One measured window (a phase of one server). */
interface WindowResult {
  rooms: number[];
  arrival: LatencySummary | null;
  applied: LatencySummary | null;
  p99WithoutWorstSecond: number | null;
  sent: number;
  expected: number;
  received: number;
  deliveredPct: number;
  late: number;
  outOfOrder: number;
  serverCpuSec: number;
  serverCpuPct: number;
  /** VmHWM at the window's end, the peak since the phase started (clear_refs) */
  serverPeakMB: number;
  /** VmRSS at the window's end */
  serverRssMB: number;
  probe: ServerProbe | null;
  clientCpuPct: number;
  clientEventLoopUtilization: number;
  clientLoopDelayP99Ms: number;
  clientGcTotalMs: number;
  otherCpuPct: number;
  worstSeconds: Array<{ second: number; p99: number; max: number; serverStallMs: number | null; clientStallMs: number }>;
  health: Record<string, number>;
  /** the window in process.hrtime microseconds (the CPU profile's clock) */
  hrWindow: [number, number];
}

/** Everyone into new rooms: the placement, the regroup (Marguerite), or the bare clients' (re)connection. */
interface Move {
  /** the command's acknowledgement (Marguerite) */
  ackMs: number | null;
  /** the last ticket received on an event socket (Marguerite) */
  lastTicketMs: number | null;
  /** half the clients' sockets connected to their new rooms (Marguerite: the handshake with the ticket done) */
  medianSocketMs: number | null;
  /** half and all of the clients synced in their new rooms (bare: connected; no median, waves per thread) */
  medianConnectedMs: number | null;
  lastConnectedMs: number;
  /** server CPU from the command to the last client synced */
  serverCpuSec: number;
}

interface ServerRun {
  groups: WindowResult;
  angles: WindowResult;
  placement: Move;
  regroup: Move;
}

export interface DayRun {
  marguerite: ServerRun & {
    /** every participant joined: HTTP join, event socket, `join` acknowledged */
    joinMs: number;
    /** every perception acknowledged, and the coordination's state holding them all */
    perceptions: number;
    perceptionsMs: number;
    peakResetWorked: boolean;
  };
  bare: ServerRun;
}

// ---- the event's screens ---------------------------------------------------------------

/** An `event:state` screen on one socket (the main thread's, as tests/helpers/events.ts). */
class Screen {
  last: EventStateEvent | null = null;
  private seen: Array<(s: EventStateEvent) => void> = [];
  constructor(readonly socket: Socket) {
    socket.on(Events.eventState, (s: EventStateEvent) => {
      this.last = s;
      for (const f of this.seen) f(s);
    });
  }
  onState(f: (s: EventStateEvent) => void): void {
    this.seen.push(f);
  }
  command(cmd: unknown): Promise<EventAck> {
    return new Promise<EventAck>((resolve, reject) => {
      // Long: a server starved of CPU (a shared machine) answers late rather than never.
      const timer = setTimeout(() => reject(new Error(`no ack in 120 s for ${JSON.stringify(cmd).slice(0, 80)}`)), 120_000);
      this.socket.emit(Events.eventCommand, cmd, (ack: EventAck) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
  }
  async ok(cmd: unknown): Promise<EventAck> {
    const ack = await this.command(cmd);
    if (!ack.ok) throw new Error(`${JSON.stringify(cmd).slice(0, 80)} refused: ${ack.code} ${ack.message}`);
    return ack;
  }
  get ticket(): RoomTicket | null {
    return this.last?.role === "participant" ? this.last.ticket : null;
  }
  close(): void {
    this.socket.disconnect();
  }
}

async function openScreen(url: string, code: string, token: string): Promise<Screen> {
  const socket = io(url, { path: "/socket.io", auth: { v: PROTOCOL_VERSION, code, token }, transports: ["websocket"], reconnection: false, autoConnect: false });
  const sc = new Screen(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
    socket.connect();
  });
  await waitUntil(() => sc.last !== null, 15_000, "the first event state");
  return sc;
}

const TERRITORIES = ["Bretagne", "Normandie", "Occitanie", "Grand Est", "Hauts-de-France", "Auvergne", "Île-de-France", "Provence"];
const personId = (k: number) => `p${String(k).padStart(3, "0")}`;

function rosterCsv(n: number): string {
  const lines = ["id;Nom;Structure;Territoire"];
  for (let k = 0; k < n; k++) lines.push(`${personId(k)};Personne ${k};Structure ${k % 26};${TERRITORIES[k % TERRITORIES.length]}`);
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

const ANGLES = [
  { id: "collaboration", label: "Collaboration autour du salarié" },
  { id: "partenariat", label: "Pratique partenariale" },
  { id: "evolution", label: "Évolution des pratiques professionnelles" },
  { id: "territoire", label: "Ancrage territorial" },
  { id: "parcours", label: "Parcours des personnes" },
];

// ---- measurement -----------------------------------------------------------------------

/** Resets the VmHWM of the server and its database process to their current RSS (Linux 4.0+): the next reading is this phase's peak. */
function resetPeak(pid: number): boolean {
  try {
    for (const p of processTree(pid)) writeFileSync(`/proc/${p}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

async function waitQuiet(opts: DayOptions, pid: number): Promise<void> {
  if (opts.waitQuiet <= 0) return;
  const deadline = now() + opts.waitQuiet * 1000;
  for (;;) {
    const a = machineBusySeconds();
    const self0 = process.cpuUsage();
    const server0 = treeCpuSeconds(pid);
    await sleep(3000);
    const self = process.cpuUsage(self0);
    const other = (100 * (machineBusySeconds() - a - (self.user + self.system) / 1e6 - (treeCpuSeconds(pid) - server0))) / 3;
    if (other < 10) return;
    if (now() > deadline) {
      opts.log(`  the machine is still busy (other processes: ${other.toFixed(0)}% of a core); measuring anyway`);
      return;
    }
    opts.log(`  waiting for a quiet machine (other processes: ${other.toFixed(0)}% of a core)`);
  }
}

/** The clients of `pool` send for warm-up + window; what the window saw. */
async function measureWindow(opts: DayOptions, pool: ClientPool, server: ChildHandle, clients: number, rooms: number[], label: string): Promise<WindowResult> {
  await waitQuiet(opts, server.pid);
  const probesBefore = (server.output().match(/^BENCH_PROBE /gm) ?? []).length;
  const startAt = now() + 300;
  const windowStart = startAt + opts.warmup * 1000;
  const windowEnd = windowStart + opts.seconds * 1000;
  type Sample = { machine: number; server: number; client: NodeJS.CpuUsage; at: number };
  const sample = (): Sample => ({ machine: machineBusySeconds(), server: treeCpuSeconds(server.pid), client: process.cpuUsage(), at: now() });
  let before: Sample | null = null;
  let after: Sample | null = null;
  const hr = () => Number(process.hrtime.bigint() / 1000n);
  const hrWindow: [number, number] = [0, 0];
  setTimeout(() => {
    hrWindow[0] = hr();
    before = sample();
    if (opts.probe) server.proc.kill("SIGUSR2");
  }, windowStart - now());
  setTimeout(() => {
    hrWindow[1] = hr();
    after = sample();
    if (opts.probe) server.proc.kill("SIGUSR2");
  }, windowEnd - now());
  opts.log(`  ${label}: ${opts.warmup} s warm-up, then ${opts.seconds} s measured`);
  await pool.all({ op: "run", startAt, windowStart, windowEnd, rate: opts.rate, totalClients: clients });
  while (!after) await sleep(20);
  await sleep(opts.drain * 1000);
  const parts = await pool.all<WorkerCollected>({ op: "collect" });
  const mem = treeMemoryMB(server.pid);
  let probe: ServerProbe | null = null;
  if (opts.probe) {
    const count = () => (server.output().match(/^BENCH_PROBE /gm) ?? []).length;
    await waitUntil(() => count() > probesBefore, 15_000, "the server probe").catch(() => {});
    const lines = [...server.output().matchAll(/^BENCH_PROBE (.*)$/gm)];
    if (lines.length > probesBefore) probe = JSON.parse(lines[lines.length - 1][1]) as ServerProbe;
  }
  const healths = await pool.all<Record<string, number>>({ op: "health" });
  const health: Record<string, number> = {};
  for (const h of healths) for (const [k, v] of Object.entries(h)) health[k] = (health[k] ?? 0) + v;
  const b = before as unknown as Sample;
  const a = after as unknown as Sample;
  const wall = (a.at - b.at) / 1000;
  const serverCpuSec = a.server - b.server;
  const clientCpu = (a.client.user - b.client.user + a.client.system - b.client.system) / 1e6;
  const sum = (f: (p: WorkerCollected) => number) => parts.reduce((acc, p) => acc + f(p), 0);
  const concat = (f: (p: WorkerCollected) => ArrayLike<number>) => parts.flatMap((p) => Array.from(f(p)));
  const arrivals = concat((p) => p.arrival);
  const sentAt = concat((p) => p.sentAt);
  const expected = sum((p) => p.expected);
  const received = sum((p) => p.received);
  const worstSeconds = timeline(sentAt, arrivals, windowStart, opts.seconds)
    .sort((x, y) => y.p99 - x.p99)
    .slice(0, 3)
    .map((w) => ({
      second: w.second,
      p99: w.p99,
      max: w.max,
      serverStallMs: probe ? (probe.stallsPerSecondMs[w.second] ?? 0) : null,
      clientStallMs: Math.max(...parts.map((p) => p.stallsPerSecondMs[w.second] ?? 0)),
    }));
  const worst = worstSeconds[0]?.second;
  const applied = concat((p) => p.applied);
  return {
    rooms,
    arrival: summarize(arrivals),
    applied: applied.length ? summarize(applied) : null,
    p99WithoutWorstSecond: worst === undefined ? null : (summarize(arrivals.filter((_, i) => Math.floor((sentAt[i] - windowStart) / 1000) !== worst))?.p99 ?? null),
    sent: sum((p) => p.sent),
    expected,
    received,
    deliveredPct: expected ? (100 * received) / expected : 0,
    late: sum((p) => p.late),
    outOfOrder: sum((p) => p.outOfOrder),
    serverCpuSec,
    serverCpuPct: (100 * serverCpuSec) / wall,
    serverPeakMB: mem.hwm,
    serverRssMB: mem.rss,
    probe,
    clientCpuPct: (100 * clientCpu) / wall,
    clientEventLoopUtilization: Math.max(...parts.map((p) => p.elu)),
    clientLoopDelayP99Ms: Math.max(...parts.map((p) => p.loopDelayP99Ms)),
    clientGcTotalMs: sum((p) => p.gcTotalMs),
    otherCpuPct: Math.max(0, (100 * (a.machine - b.machine - serverCpuSec - clientCpu)) / wall),
    worstSeconds,
    health,
    hrWindow,
  };
}

function serverEnvOf(opts: DayOptions, dataDir: string, databaseUrl: string | undefined): Record<string, string | undefined> {
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: undefined,
    // Every participant joins from 127.0.0.1 (see bench/README.md).
    JOIN_BURST: "100000",
    JOIN_ATTEMPTS_PER_MINUTE: "100000",
    ...opts.serverEnv,
  };
}

// ---- Marguerite ------------------------------------------------------------------------

const cfgOf = () => ({
  clients: flag("day-clients", 130),
  groups: flag("day-groups", 12),
  angles: flag("day-angles", 3),
  perceptions: flag("day-perceptions", 3),
  threads: flag("day-threads", 3),
});

async function runMarguerite(opts: DayOptions): Promise<DayRun["marguerite"]> {
  const { log } = opts;
  const cfg = cfgOf();
  const N = cfg.clients;
  const databaseUrl = typeof opts.databaseUrl === "function" ? await opts.databaseUrl() : opts.databaseUrl;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "marguerite-bench-day-"));
  const forget = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  await waitForBuild(log);
  let profileDir: string | null = null;
  if (opts.profile) {
    profileDir = path.join(ROOT, ".tmp/bench-profiles", `${new Date().toISOString().replace(/[:.]/g, "-")}-day-marguerite`);
    mkdirSync(profileDir, { recursive: true });
  }
  const windows: Array<[string, [number, number]]> = [];
  log(`\n[day, marguerite] starting the server (${databaseUrl ? "PostgreSQL" : "embedded PGlite"})`);
  const server = await startChild({
    name: "day-marguerite",
    script: path.join(ROOT, "src/server/main.ts"),
    ready: /MARGUERITE_READY port=(\d+)/,
    env: serverEnvOf(opts, dataDir, databaseUrl),
    preload: opts.probe ? [path.join(ROOT, "bench/lib/serverProbe.mjs")] : [],
    nodeArgs: profileDir ? ["--cpu-prof", "--cpu-prof-interval=500", `--cpu-prof-dir=${profileDir}`] : undefined,
  });
  const url = `http://127.0.0.1:${server.port}`;
  const pool = new ClientPool(cfg.threads);
  const screens: Screen[] = [];
  try {
    // 1. The coordination: the event, its rooms, its list.
    const created = await postJson<CreateSessionResponse>(`${url}/api/sessions`, { title: "Journée nationale (banc d'essai)", method: "event" });
    const coord = await openScreen(url, created.code, created.facilitatorToken);
    screens.push(coord);
    const coordState = () => (coord.last?.role === "coordinator" ? coord.last : null);
    await coord.ok({ type: "addRooms", count: cfg.groups, templateId: "board", namePrefix: "Groupe" });
    await waitUntil(() => (coordState()?.rooms.length ?? 0) === cfg.groups && coordState()!.rooms.every((r) => r.code), 30_000, "the rooms' sessions");
    const res = await fetch(`${url}/api/sessions/${created.code}/event/roster`, {
      method: "POST",
      headers: { "content-type": "text/csv; charset=utf-8", authorization: `Bearer ${created.facilitatorToken}` },
      body: rosterCsv(N),
    });
    if (res.status !== 200) throw new Error(`roster import: ${res.status} ${await res.text()}`);
    log(`[day, marguerite] event ${created.code}: ${cfg.groups} rooms, ${N} people imported (CSV)`);

    // 2. Everyone joins the event's code and says who they are.
    const t0 = now();
    const people = await mapLimit(
      Array.from({ length: N }, (_, k) => k),
      8,
      async (k) => {
        const who = await postJson<JoinSessionResponse>(`${url}/api/sessions/${created.code}/participants`, { displayName: `Personne ${k}` });
        const sc = await openScreen(url, created.code, who.token);
        screens.push(sc);
        await sc.ok({ type: "join", personId: personId(k) });
        return sc;
      },
    );
    const joinMs = now() - t0;
    log(`[day, marguerite] ${N} participants joined the event in ${(joinMs / 1000).toFixed(1)} s`);

    // Each ticket goes to the thread of its room; the thread opens the room.
    const roomNumber = new Map<string, number>();
    const where: Array<{ roomId: string; room: number; thread: number; ticketAt: number; connectedAt: number; syncedAt: number | null } | null> = people.map(() => null);
    const failures: Error[] = [];
    people.forEach((sc, k) =>
      sc.onState(() => {
        const t = sc.ticket;
        const cur = where[k];
        if (!t || cur?.roomId === t.roomId) return;
        const ticketAt = now();
        if (!roomNumber.has(t.roomId)) roomNumber.set(t.roomId, roomNumber.size);
        const room = roomNumber.get(t.roomId)!;
        const thread = room % pool.size;
        if (cur && cur.thread !== thread) void pool.call(cur.thread, { op: "day:leave", index: k });
        const entry = { roomId: t.roomId, room, thread, ticketAt, connectedAt: 0, syncedAt: null as number | null };
        where[k] = entry;
        const spec: ClientSpec = { index: k, room, code: t.code, token: t.token, participantId: t.participantId, url };
        pool.call<{ connectedAt: number; syncedAt: number }>(thread, { op: "day:follow", client: spec, totalClients: N }).then(
          (at) => {
            entry.connectedAt = at.connectedAt;
            entry.syncedAt = at.syncedAt;
          },
          (err: Error) => failures.push(err),
        );
      }),
    );
    /** Sends the command, then waits for every client to be synced in a room whose id starts with `prefix`. */
    const moveEveryone = async (cmd: unknown, prefix: string, what: string): Promise<Move> => {
      const cpu0 = treeCpuSeconds(server.pid);
      const start = now();
      await coord.ok(cmd);
      const ackMs = now() - start;
      await waitUntil(
        () => {
          if (failures.length) throw failures[0];
          return where.every((w) => w?.roomId.startsWith(prefix) && w.syncedAt !== null);
        },
        120_000,
        what,
        5,
      );
      const cpu = treeCpuSeconds(server.pid) - cpu0;
      const move: Move = {
        ackMs,
        lastTicketMs: Math.max(...where.map((w) => w!.ticketAt)) - start,
        medianSocketMs: median(where.map((w) => w!.connectedAt)) - start,
        medianConnectedMs: median(where.map((w) => w!.syncedAt!)) - start,
        lastConnectedMs: Math.max(...where.map((w) => w!.syncedAt!)) - start,
        serverCpuSec: cpu,
      };
      log(
        `[day, marguerite] ${what}: ack ${fmt(move.ackMs, 0)} ms, last ticket ${fmt(move.lastTicketMs, 0)} ms, half the sockets connected ${fmt(move.medianSocketMs, 0)} ms, ` +
          `half the clients synced ${fmt(move.medianConnectedMs, 0)} ms, the last ${fmt(move.lastConnectedMs, 0)} ms`,
      );
      return move;
    };
    const sizes = () => {
      const out: Record<number, number> = {};
      for (const w of where) out[w!.room] = (out[w!.room] ?? 0) + 1;
      return out;
    };
    const ready = async () => {
      const s = sizes();
      await pool.all({ op: "day:ready", sizes: s });
      return Object.values(s).sort((a, b) => b - a);
    };

    // 3. Groups. Each phase's peak memory counts from its command (not the server's start).
    await waitQuiet(opts, server.pid);
    const peakResetWorked = resetPeak(server.pid);
    const placement = await moveEveryone({ type: "placeBalanced", seed: 42 }, "room-", "everyone placed in their group room");
    const groupRooms = await ready();
    log(`[day, marguerite] group rooms of ${groupRooms.join(", ")}; every note created, seen by its room and saved`);
    const groups = await measureWindow(opts, pool, server, N, groupRooms, "[day, marguerite] groups");
    windows.push(["groups", groups.hrWindow]);
    log(`[day, marguerite] groups: ${groups.received}/${groups.expected} delivered, p50 ${fmt(groups.arrival?.p50)} ms, p99 ${fmt(groups.arrival?.p99)} ms`);

    // 4. Angles d'écoute: set up, assigned, perceptions, regroup.
    resetPeak(server.pid);
    const firstOf = new Map<string, number>();
    where.forEach((w, k) => {
      if (!firstOf.has(w!.roomId)) firstOf.set(w!.roomId, k);
    });
    const roomIds = [...firstOf.keys()].sort((a, b) => roomNumber.get(a)! - roomNumber.get(b)!);
    const setup = {
      angles: ANGLES.slice(0, cfg.angles),
      stories: roomIds.map((roomId, i) => ({ id: `s${i + 1}`, title: `Histoire ${i + 1}`, narratorIds: [personId(firstOf.get(roomId)!)], roomId })),
    };
    await coord.ok({ type: "anglesSetup", setup });
    await coord.ok({ type: "assignAngles", seed: 7 });
    await waitUntil(() => people.every((sc) => sc.last?.role === "participant" && !!sc.last.angles?.angle), 30_000, "every listener's angle");
    // A few perceptions each, on stories of other rooms (never one's own story).
    const t1 = now();
    const writes = people.flatMap((sc, k) =>
      Array.from({ length: cfg.perceptions }, (_, j) => {
        const story = setup.stories[(where[k]!.room + 1 + j) % setup.stories.length];
        return { sc, storyId: story.id, text: `Ce que Personne ${k} a entendu dans « ${story.title} » (${j + 1})` };
      }),
    );
    await mapLimit(writes, 16, (w) => w.sc.ok({ type: "perceive", storyId: w.storyId, text: w.text }));
    await waitUntil(() => coordState()?.angles.perceptions.length === writes.length, 30_000, "every perception on the coordination's screen");
    const perceptionsMs = now() - t1;
    log(`[day, marguerite] ${cfg.angles} angles, ${setup.stories.length} stories, ${writes.length} perceptions stored in ${(perceptionsMs / 1000).toFixed(1)} s`);

    await waitQuiet(opts, server.pid);
    const regroup = await moveEveryone({ type: "regroup" }, "angle-", "everyone moved to their angle's room");
    const angleRooms = await ready();
    log(`[day, marguerite] angle rooms of ${angleRooms.join(", ")}; every note created, seen by its room and saved`);
    const angles = await measureWindow(opts, pool, server, N, angleRooms, "[day, marguerite] angles");
    windows.push(["angles", angles.hrWindow]);
    log(`[day, marguerite] angles: ${angles.received}/${angles.expected} delivered, p50 ${fmt(angles.arrival?.p50)} ms, p99 ${fmt(angles.arrival?.p99)} ms`);
    await pool.all({ op: "teardown" });
    return { groups, angles, placement, regroup, joinMs, perceptions: writes.length, perceptionsMs, peakResetWorked };
  } catch (err) {
    console.error(`[day, marguerite] failed; last server output:\n${server.output().slice(-3000)}`);
    throw err;
  } finally {
    for (const sc of screens) sc.close();
    await pool.close().catch(() => {});
    await server.stop(20_000).catch(() => {});
    saveLog("day-marguerite", server);
    if (profileDir) {
      // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread.
      const file = readdirSync(profileDir).find((f) => new RegExp(`\\.${server.pid}\\.0\\.\\d+\\.cpuprofile$`).test(f));
      if (!file) log(`[day, marguerite] no CPU profile was written in ${profileDir}`);
      else {
        for (const [phase, [a, b]] of windows) {
          try {
            printProfile(summarizeProfile(path.join(profileDir, file), a, b), `Marguerite server, ${phase}`);
          } catch (err) {
            log(`[day, marguerite] CPU profile ${file}: ${(err as Error).message}`);
          }
        }
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
    forget();
  }
}

// ---- bare socket.io --------------------------------------------------------------------

async function runBare(opts: DayOptions): Promise<ServerRun> {
  const { log } = opts;
  const cfg = cfgOf();
  const N = cfg.clients;
  log(`\n[day, bare] starting the server`);
  const server = await startChild({
    name: "day-bare",
    script: path.join(ROOT, "bench/bareServer.ts"),
    ready: /BARE_READY port=(\d+)/,
    env: { PORT: "0", REDIS_URL: undefined },
    preload: opts.probe ? [path.join(ROOT, "bench/lib/serverProbe.mjs")] : [],
  });
  const url = `http://127.0.0.1:${server.port}`;
  const pool = new ClientPool(cfg.threads);
  const payloadBytes = typicalFramedSize();
  try {
    // Room numbers as Marguerite's: groups 0..G-1, angles after them; room r on thread r mod threads.
    const connect = async (roomOf: (k: number) => number): Promise<{ move: Move; rooms: number[] }> => {
      const specs: ClientSpec[] = Array.from({ length: N }, (_, k) => ({ index: k, room: roomOf(k), url }));
      const cpu0 = treeCpuSeconds(server.pid);
      const start = now();
      const done: number[] = [];
      // Bare clients connect in waves of 25 per thread (drivers.ts): the time the last thread is done.
      await Promise.all(
        Array.from({ length: pool.size }, (_, t) =>
          pool
            .call(t, { op: "setup", kind: "bare", url, clients: specs.filter((s) => s.room % pool.size === t), totalClients: N, payloadBytes })
            .then(() => void done.push(now())),
        ),
      );
      const sizes: Record<number, number> = {};
      for (const s of specs) sizes[s.room] = (sizes[s.room] ?? 0) + 1;
      return {
        move: { ackMs: null, lastTicketMs: null, medianSocketMs: null, medianConnectedMs: null, lastConnectedMs: Math.max(...done) - start, serverCpuSec: treeCpuSeconds(server.pid) - cpu0 },
        rooms: Object.values(sizes).sort((a, b) => b - a),
      };
    };
    await waitQuiet(opts, server.pid);
    resetPeak(server.pid);
    const g = await connect((k) => k % cfg.groups);
    log(`[day, bare] ${N} clients in rooms of ${g.rooms.join(", ")}`);
    const groups = await measureWindow(opts, pool, server, N, g.rooms, "[day, bare] groups");
    log(`[day, bare] groups: ${groups.received}/${groups.expected} delivered, p50 ${fmt(groups.arrival?.p50)} ms, p99 ${fmt(groups.arrival?.p99)} ms`);
    resetPeak(server.pid);
    await pool.all({ op: "teardown" });
    await waitQuiet(opts, server.pid);
    const a = await connect((k) => cfg.groups + (k % cfg.angles));
    log(`[day, bare] ${N} clients reconnected in rooms of ${a.rooms.join(", ")}`);
    const angles = await measureWindow(opts, pool, server, N, a.rooms, "[day, bare] angles");
    log(`[day, bare] angles: ${angles.received}/${angles.expected} delivered, p50 ${fmt(angles.arrival?.p50)} ms, p99 ${fmt(angles.arrival?.p99)} ms`);
    await pool.all({ op: "teardown" });
    return { groups, angles, placement: g.move, regroup: a.move };
  } finally {
    await pool.close().catch(() => {});
    await server.stop(5000).catch(() => {});
    saveLog("day-bare", server);
  }
}

// ---- report ----------------------------------------------------------------------------

function medianRun(runs: DayRun[]): DayRun {
  const m = medianOf(runs) as DayRun;
  for (const server of ["marguerite", "bare"] as const) {
    for (const phase of ["groups", "angles"] as const) {
      const w = m[server][phase];
      const all = runs.map((r) => r[server][phase]);
      for (const k of ["sent", "expected", "received", "late", "outOfOrder"] as const) w[k] = all.reduce((acc, r) => acc + r[k], 0);
      w.deliveredPct = w.expected ? (100 * w.received) / w.expected : 0;
      w.worstSeconds = [];
      w.health = {};
      for (const r of all) for (const [k, v] of Object.entries(r.health)) w.health[k] = (w.health[k] ?? 0) + v;
    }
  }
  return m;
}

function reportDay(run: DayRun, label: string, opts: DayOptions, medianOfRuns: boolean): void {
  const cfg = cfgOf();
  const mg = run.marguerite;
  const bare = run.bare;
  console.log(
    `\n${label}National day: ${cfg.clients} clients, ${cfg.groups} group rooms then ${cfg.angles} angle rooms, ${opts.rate} edit/s each, full receivers, one process` +
      `${opts.databaseUrl ? " (PostgreSQL)" : " (embedded PGlite)"}, ${opts.seconds} s measured after ${opts.warmup} s warm-up per phase, ${cfg.threads} client threads (commit ${gitCommit()})`,
  );
  console.log(`  groups: rooms of ${mg.groups.rooms.join(", ")} (bare ${bare.groups.rooms.join(", ")}); angles: rooms of ${mg.angles.rooms.join(", ")} (bare ${bare.angles.rooms.join(", ")})`);
  type Row = [string, (w: WindowResult) => number | null | undefined, number, boolean];
  const gcTotal = (w: WindowResult) => (w.probe ? Object.values(w.probe.gc).reduce((acc, g) => acc + g.totalMs, 0) : null);
  const gcMax = (w: WindowResult) => (w.probe ? Math.max(0, ...Object.values(w.probe.gc).map((g) => g.maxMs)) : null);
  const rows: Row[] = [
    ["latency p50 (arrival) ms", (w) => w.arrival?.p50, 2, true],
    ["latency p90 (arrival) ms", (w) => w.arrival?.p90, 2, true],
    ["latency p99 (arrival) ms", (w) => w.arrival?.p99, 2, true],
    ["  p99 without the window's worst second", (w) => w.p99WithoutWorstSecond, 2, true],
    ["latency p99.9 (arrival) ms", (w) => w.arrival?.p999, 2, true],
    ["latency max (arrival) ms", (w) => w.arrival?.max, 1, true],
    ["latency p50 (applied to Y.Doc) ms", (w) => w.applied?.p50, 2, false],
    ["latency p99 (applied to Y.Doc) ms", (w) => w.applied?.p99, 2, false],
    [medianOfRuns ? "messages sent (windows of all runs)" : "messages sent (window)", (w) => w.sent, 0, false],
    [medianOfRuns ? "deliveries expected (all runs)" : "deliveries expected", (w) => w.expected, 0, false],
    [medianOfRuns ? "deliveries received (all runs)" : "deliveries received", (w) => w.received, 0, false],
    ["delivered %", (w) => w.deliveredPct, 3, true],
    ["server CPU s (user+sys)", (w) => w.serverCpuSec, 2, true],
    ["server CPU % of one core", (w) => w.serverCpuPct, 1, true],
    ["server peak memory MB (VmHWM, phase)", (w) => w.serverPeakMB, 1, true],
    ["server memory MB at the window's end (RSS)", (w) => w.serverRssMB, 1, true],
    ["server event-loop utilization %", (w) => (w.probe ? w.probe.elu * 100 : null), 1, false],
    ["server event-loop delay p99 ms", (w) => w.probe?.loopDelayMs.p99, 2, false],
    ["server event-loop delay max ms", (w) => w.probe?.loopDelayMs.max, 1, false],
    ["server GC pauses total ms", gcTotal, 1, false],
    ["server GC pause max ms", gcMax, 1, false],
    ["client process CPU % of one core", (w) => w.clientCpuPct, 1, false],
    ["client thread event-loop util. % (max)", (w) => w.clientEventLoopUtilization * 100, 1, false],
    ["client thread loop delay p99 ms (max)", (w) => w.clientLoopDelayP99Ms, 2, false],
    ["client GC pauses total ms (all threads)", (w) => w.clientGcTotalMs, 1, false],
    ["other processes CPU % of one core", (w) => w.otherCpuPct, 1, false],
  ];
  type MoveRow = [string, (m: Move) => number | null, number];
  const moveRows: MoveRow[] = [
    ["  command acknowledged ms", (m) => m.ackMs, 0],
    ["  last ticket received ms", (m) => m.lastTicketMs, 0],
    ["  half the sockets connected ms", (m) => m.medianSocketMs, 0],
    ["  half the clients synced ms", (m) => m.medianConnectedMs, 0],
    ["  last client synced ms", (m) => m.lastConnectedMs, 0],
    ["  server CPU s (command to last synced)", (m) => m.serverCpuSec, 2],
  ];
  const w = [42, 13, 12, 9, 13, 12, 9];
  console.log(["", "groups bare", "marguerite", "ratio", "angles bare", "marguerite", "ratio"].map((h, i) => (i === 0 ? h.padEnd(w[i]) : h.padStart(w[i]))).join(""));
  const line = (label: string, b1: number | null | undefined, m1: number | null | undefined, b2: number | null | undefined, m2: number | null | undefined, digits: number, withRatio: boolean) => {
    const r1 = withRatio ? ratio(m1, b1) : null;
    const r2 = withRatio ? ratio(m2, b2) : null;
    console.log(
      label.padEnd(w[0]) +
        fmt(b1, digits).padStart(w[1]) +
        fmt(m1, digits).padStart(w[2]) +
        (r1 === null ? "" : `${r1.toFixed(2)}x`).padStart(w[3]) +
        fmt(b2, digits).padStart(w[4]) +
        fmt(m2, digits).padStart(w[5]) +
        (r2 === null ? "" : `${r2.toFixed(2)}x`).padStart(w[6]),
    );
  };
  for (const [label, get, digits, withRatio] of rows) line(label, get(bare.groups), get(mg.groups), get(bare.angles), get(mg.angles), digits, withRatio);
  console.log("placement (groups), regroup (angles), from the command:");
  for (const [label, get, digits] of moveRows) line(label, get(bare.placement), get(mg.placement), get(bare.regroup), get(mg.regroup), digits, false);
  console.log(
    `marguerite: ${cfg.clients} joined the event in ${fmt(mg.joinMs / 1000, 1)} s (HTTP join, event socket, \`join\` acknowledged, 8 at a time); ` +
      `${mg.perceptions} perceptions stored in ${fmt(mg.perceptionsMs / 1000, 1)} s (16 at a time)` +
      (mg.peakResetWorked ? "" : "; VmHWM could not be reset (/proc/PID/clear_refs): the phases' peaks are the server's since its start"),
  );
  console.log("bare: placed / moved = (re)connecting every client into its room (waves of 25 per client thread), no event, no tickets");
  for (const [server, r] of [
    ["bare", bare],
    ["marguerite", mg],
  ] as const) {
    for (const phase of ["groups", "angles"] as const) {
      const x = r[phase];
      const anomalies = { ...x.health, ...(x.late ? { late: x.late } : {}), ...(x.outOfOrder ? { outOfOrder: x.outOfOrder } : {}) };
      const shown = Object.entries(anomalies).filter(([, v]) => v !== 0);
      const worst = x.worstSeconds.map((s) => `t=${s.second}s p99 ${fmt(s.p99, 1)} max ${fmt(s.max, 1)} (stall: server ${fmt(s.serverStallMs, 0)}, clients ${fmt(s.clientStallMs, 0)})`).join("; ");
      console.log(`${server} ${phase} anomalies${medianOfRuns ? " (all runs)" : ""}: ${shown.length ? shown.map(([k, v]) => `${k}=${v}`).join(", ") : "none"}${worst ? `; worst seconds: ${worst}` : ""}`);
    }
  }
  const noisiest = Math.max(mg.groups.otherCpuPct, mg.angles.otherCpuPct, bare.groups.otherCpuPct, bare.angles.otherCpuPct);
  if (noisiest > NOISY_PCT) console.log(`Warning: other processes used up to ${noisiest.toFixed(0)}% of a core during a measured window: figures are noisy.`);
  const busiest = Math.max(mg.groups.clientEventLoopUtilization, mg.angles.clientEventLoopUtilization);
  if (busiest > 0.6) console.log(`Warning: a client thread was busy ${(busiest * 100).toFixed(0)}% of the time; client-side queueing may inflate latencies.`);
}

function slim(r: DayRun): unknown {
  const round = (v: number | null | undefined, d = 3) => (v == null || !Number.isFinite(v) ? null : Math.round(v * 10 ** d) / 10 ** d);
  const win = (x: WindowResult) => ({
    rooms: x.rooms,
    p50: round(x.arrival?.p50),
    p90: round(x.arrival?.p90),
    p99: round(x.arrival?.p99),
    p99WithoutWorstSecond: round(x.p99WithoutWorstSecond),
    p999: round(x.arrival?.p999),
    max: round(x.arrival?.max),
    appliedP50: round(x.applied?.p50),
    appliedP99: round(x.applied?.p99),
    sent: x.sent,
    expected: x.expected,
    received: x.received,
    deliveredPct: round(x.deliveredPct, 4),
    serverCpuSec: round(x.serverCpuSec, 2),
    serverCpuPct: round(x.serverCpuPct, 1),
    serverPeakMB: round(x.serverPeakMB, 1),
    serverRssMB: round(x.serverRssMB, 1),
    serverElu: round(x.probe?.elu),
    serverLoopDelayP99Ms: round(x.probe?.loopDelayMs.p99, 2),
    serverLoopDelayMaxMs: round(x.probe?.loopDelayMs.max, 2),
    clientCpuPct: round(x.clientCpuPct, 1),
    clientEluMax: round(x.clientEventLoopUtilization),
    clientLoopDelayP99Ms: round(x.clientLoopDelayP99Ms, 2),
    clientGcTotalMs: round(x.clientGcTotalMs, 1),
    otherCpuPct: round(x.otherCpuPct, 1),
    worstSeconds: x.worstSeconds.map((s) => ({ second: s.second, p99: round(s.p99, 2), max: round(s.max, 2), serverStallMs: round(s.serverStallMs, 1), clientStallMs: round(s.clientStallMs, 1) })),
    health: x.health,
  });
  const move = (m: Move) => ({ ackMs: round(m.ackMs, 1), lastTicketMs: round(m.lastTicketMs, 1), medianSocketMs: round(m.medianSocketMs, 1), medianConnectedMs: round(m.medianConnectedMs, 1), lastConnectedMs: round(m.lastConnectedMs, 1), serverCpuSec: round(m.serverCpuSec, 2) });
  const server = (s: ServerRun) => ({ groups: win(s.groups), angles: win(s.angles), placement: move(s.placement), regroup: move(s.regroup) });
  return {
    marguerite: { ...server(r.marguerite), joinMs: round(r.marguerite.joinMs, 0), perceptions: r.marguerite.perceptions, perceptionsMs: round(r.marguerite.perceptionsMs, 0) },
    bare: server(r.bare),
    ratio: {
      groupsP50: round(ratio(r.marguerite.groups.arrival?.p50, r.bare.groups.arrival?.p50), 2),
      groupsP99: round(ratio(r.marguerite.groups.arrival?.p99, r.bare.groups.arrival?.p99), 2),
      anglesP50: round(ratio(r.marguerite.angles.arrival?.p50, r.bare.angles.arrival?.p50), 2),
      anglesP99: round(ratio(r.marguerite.angles.arrival?.p99, r.bare.angles.arrival?.p99), 2),
    },
  };
}

/** `--only=day`: Marguerite's day, then bare socket.io, `repeat` times; tables, medians, one BENCH_DAY_JSON line. */
export async function runDayBench(opts: DayOptions): Promise<void> {
  const cfg = cfgOf();
  if (cfg.clients < cfg.groups || cfg.groups < 1 || cfg.angles < 1 || cfg.angles > ANGLES.length || cfg.threads < 1) {
    throw new Error(`need --day-clients >= --day-groups >= 1, 1 <= --day-angles <= ${ANGLES.length}, --day-threads >= 1`);
  }
  const runs: DayRun[] = [];
  for (let i = 0; i < opts.repeat; i++) {
    if (opts.repeat > 1) opts.log(`\n==== day, run ${i + 1} of ${opts.repeat}`);
    const marguerite = await runMarguerite(opts);
    await sleep(1000);
    const bare = await runBare(opts);
    runs.push({ marguerite, bare });
    reportDay(runs[i], opts.repeat > 1 ? `Run ${i + 1} of ${opts.repeat}: ` : "", opts, false);
  }
  const med = runs.length > 1 ? medianRun(runs) : null;
  if (med) reportDay(med, `MEDIAN OF ${runs.length} RUNS: `, opts, true);
  const json = {
    bench: "marguerite-day",
    date: new Date().toISOString(),
    commit: gitCommit(),
    host: { cpus: os.cpus().length, node: process.version },
    config: { ...cfg, seconds: opts.seconds, warmup: opts.warmup, drain: opts.drain, rate: opts.rate, database: opts.databaseUrl ? "postgres" : "pglite" },
    runs: runs.map(slim),
    median: med ? slim(med) : null,
  };
  console.log(`BENCH_DAY_JSON ${JSON.stringify(json)}`);
}
