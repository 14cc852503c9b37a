// `npm run bench -- --only=memory`: what one Marguerite process holds per idle connection and
// per active room. One production server (embedded PGlite, or PostgreSQL with
// --database=postgres / --database-url), started with --expose-gc and bench/lib/memProbe.mjs,
// which reports process.memoryUsage() after forced full collections. Stages, each measured
// after a pause (settle) and full GCs:
//
//   base    sessions created, participants joined through the API (their rows stored), a
//           warm-up room of 10 clients that made a few edits (code paths loaded), silent;
//   rooms   one idle connection in each of the idle rooms (the rooms loaded, boards empty);
//   idle    N more idle connections in those rooms: joined, synced, silent.
//           per idle connection = (idle - rooms) / N;
//   active  M active rooms, each with K clients who wrote C notes of content, then each
//           edits its own note once a second; measured after S seconds, traffic still on.
//           per active room = (active - idle) / M, with and without its K connections
//           (at the per-idle-connection figure).
//
// Clients are light (bench/lib/drivers.ts, MargueriteLightDriver) in worker threads of the
// bench: they speak the real protocol and send real Yjs updates, but do not apply what they
// receive. Flags: --memory-idle=1000, --memory-idle-rooms=20, --memory-rooms=50,
// --memory-room-clients=10, --memory-notes=100 (per active room), --memory-seconds=30,
// --memory-settle=3 (seconds before each measurement).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { flag, median } from "./lib/common.ts";
import { margueriteClients } from "./lib/api.ts";
import { ROOT, onCleanup, treeMemoryMB, startChild, waitForBuild, type ChildHandle } from "./lib/children.ts";
import { ClientPool } from "./lib/clientPool.ts";
import type { ClientSpec } from "./lib/drivers.ts";
import { now } from "./lib/clock.ts";
import { sleep, waitUntil } from "./lib/stats.ts";

const DRAIN_MS = 2000;

export interface MemoryOptions {
  log: (msg: string) => void;
  nice: number;
  /** A PostgreSQL database for this run (or a function that creates one); PGlite when absent. */
  databaseUrl?: string | (() => Promise<string>);
  serverEnv: Record<string, string>;
}

interface MemSample {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  gc: boolean;
}

type Stage = "base" | "rooms" | "idle" | "active";

export interface MemoryResult {
  database: "pglite" | "postgres";
  config: { idleConnections: number; idleRooms: number; activeRooms: number; clientsPerRoom: number; notesPerRoom: number; seconds: number };
  stages: Record<Stage, MemSample>;
  /** bytes */
  perIdleConnection: { heapUsed: number; rss: number; external: number };
  perActiveRoom: { heapUsed: number; rss: number; external: number };
  /** per active room without its K connections (counted at the per-idle-connection figure) */
  perActiveRoomNet: { heapUsed: number; rss: number; external: number };
  peakRssMB: number;
  edits: { sent: number; received: number; expected: number };
  health: Record<string, number>;
}

async function measure(server: ChildHandle, tag: string, settleMs: number): Promise<MemSample> {
  await sleep(settleMs);
  server.proc.stdin!.write(`measure ${tag}\n`);
  const re = new RegExp(`^BENCH_MEM ${tag} (.*)$`, "m");
  let m: RegExpMatchArray | null = null;
  await waitUntil(() => (m = server.output().match(re)) !== null, 30_000, `memory report ${tag}`);
  const sample = JSON.parse(m![1]) as MemSample;
  if (!sample.gc) throw new Error("the server was started without --expose-gc: heap figures would include garbage");
  return sample;
}

export async function runMemory(opts: MemoryOptions): Promise<MemoryResult> {
  const { log } = opts;
  const config = {
    idleConnections: flag("memory-idle", 1000),
    idleRooms: flag("memory-idle-rooms", 20),
    activeRooms: flag("memory-rooms", 50),
    clientsPerRoom: flag("memory-room-clients", 10),
    notesPerRoom: flag("memory-notes", 100),
    seconds: flag("memory-seconds", 30),
  };
  const settleMs = flag("memory-settle", 3) * 1000;
  const WARM = 10;
  const databaseUrl = typeof opts.databaseUrl === "function" ? await opts.databaseUrl() : opts.databaseUrl;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "marguerite-bench-mem-"));
  const forget = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  await waitForBuild(log);
  log(`\n[memory] starting the server (${databaseUrl ? "PostgreSQL" : "embedded PGlite"}, --expose-gc)`);
  const server = await startChild({
    name: "memory",
    script: path.join(ROOT, "src/server/main.ts"),
    ready: /MARGUERITE_READY port=(\d+)/,
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      REDIS_URL: undefined,
      JOIN_BURST: "100000",
      JOIN_ATTEMPTS_PER_MINUTE: "100000",
      ...opts.serverEnv,
    },
    nodeArgs: ["--expose-gc"],
    preload: [path.join(ROOT, "bench/lib/memProbe.mjs")],
  });
  const url = `http://127.0.0.1:${server.port}`;
  const pools: ClientPool[] = [];
  try {
    // Everyone joins through the API first: the database rows exist before the base line.
    const idleTotal = config.idleRooms + config.idleConnections;
    const activeTotal = config.activeRooms * config.clientsPerRoom;
    const warm = await margueriteClients([url], 1, WARM, () => 0, () => 0, "Échauffement");
    const idle = await margueriteClients([url], config.idleRooms, idleTotal, (i) => i % config.idleRooms, () => 0, "Salle calme");
    const active = await margueriteClients([url], config.activeRooms, activeTotal, (i) => i % config.activeRooms, () => 0, "Salle active");
    log(`[memory] ${1 + config.idleRooms + config.activeRooms} sessions, ${WARM + idleTotal + activeTotal} participants joined through the API`);

    const pool = (threads: number) => {
      const p = new ClientPool(threads);
      pools.push(p);
      return p;
    };
    const setup = (p: ClientPool, specs: ClientSpec[], notesPerClient: number) =>
      p.all((t) => ({
        op: "setup",
        kind: "marguerite",
        url,
        clients: specs.filter((s) => s.room % p.size === t),
        totalClients: specs.length,
        payloadBytes: 0,
        light: true,
        notesPerClient,
      }));
    const traffic = (p: ClientPool, clients: number, seconds: number) => {
      const startAt = now() + 200;
      return p.all({ op: "run", startAt, windowStart: startAt, windowEnd: startAt + seconds * 1000, rate: 1, totalClients: clients });
    };

    // Warm-up: the code paths of joining, syncing, editing and storing are loaded once.
    const warmPool = pool(1);
    await setup(warmPool, warm, 1);
    await traffic(warmPool, WARM, 3);
    const stages = {} as Record<Stage, MemSample>;
    stages.base = await measure(server, "base", settleMs);
    log(`[memory] base: heap ${mb(stages.base.heapUsed)} MB, RSS ${mb(stages.base.rss)} MB`);

    const firsts = idle.slice(0, config.idleRooms);
    const rest = idle.slice(config.idleRooms);
    await setup(pool(1), firsts, 0);
    stages.rooms = await measure(server, "rooms", settleMs);
    log(`[memory] ${config.idleRooms} idle rooms loaded (one connection each): heap ${mb(stages.rooms.heapUsed)} MB, RSS ${mb(stages.rooms.rss)} MB`);

    await setup(pool(2), rest, 0);
    stages.idle = await measure(server, "idle", settleMs);
    log(`[memory] ${config.idleConnections} more idle connections: heap ${mb(stages.idle.heapUsed)} MB, RSS ${mb(stages.idle.rss)} MB`);

    const activePool = pool(2);
    await setup(activePool, active, Math.max(1, Math.round(config.notesPerRoom / config.clientsPerRoom)));
    log(`[memory] ${config.activeRooms} active rooms: ${activeTotal} clients wrote ${config.notesPerRoom} notes per room; editing for ${config.seconds} s`);
    const running = traffic(activePool, activeTotal, config.seconds);
    // Measured near the end of the traffic, while it still runs.
    await sleep(Math.max(0, config.seconds * 1000 - settleMs - 2000));
    stages.active = await measure(server, "active", settleMs);
    await running;
    // The last edits are still on their way when the schedule ends: let them land (as the
    // speed bench's drain does) before counting deliveries.
    await sleep(DRAIN_MS);
    log(`[memory] active: heap ${mb(stages.active.heapUsed)} MB, RSS ${mb(stages.active.rss)} MB`);
    const collected = await activePool.all<{ sent: number; received: number; expected: number }>({ op: "collect" });
    const healths = await activePool.all<Record<string, number>>({ op: "health" });
    const health: Record<string, number> = {};
    for (const h of healths) for (const [k, v] of Object.entries(h)) health[k] = (health[k] ?? 0) + v;

    const diff = (a: MemSample, b: MemSample, n: number) => ({
      heapUsed: (a.heapUsed - b.heapUsed) / n,
      rss: (a.rss - b.rss) / n,
      external: (a.external + a.arrayBuffers - b.external - b.arrayBuffers) / n,
    });
    const perIdleConnection = diff(stages.idle, stages.rooms, config.idleConnections);
    const perActiveRoom = diff(stages.active, stages.idle, config.activeRooms);
    const k = config.clientsPerRoom;
    const result: MemoryResult = {
      database: databaseUrl ? "postgres" : "pglite",
      config,
      stages,
      perIdleConnection,
      perActiveRoom,
      perActiveRoomNet: {
        heapUsed: perActiveRoom.heapUsed - k * perIdleConnection.heapUsed,
        rss: perActiveRoom.rss - k * perIdleConnection.rss,
        external: perActiveRoom.external - k * perIdleConnection.external,
      },
      peakRssMB: treeMemoryMB(server.pid).hwm,
      edits: {
        sent: collected.reduce((a, c) => a + c.sent, 0),
        received: collected.reduce((a, c) => a + c.received, 0),
        expected: collected.reduce((a, c) => a + c.expected, 0),
      },
      health,
    };
    for (const p of pools) await p.all({ op: "teardown" }).catch(() => {});
    return result;
  } catch (err) {
    console.error(`[memory] failed; last server output:\n${server.output().slice(-3000)}`);
    throw err;
  } finally {
    for (const p of pools) await p.close().catch(() => {});
    await server.stop(20_000).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    forget();
  }
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);


export function reportMemory(results: MemoryResult[]): void {
  if (results.length === 0) return;
  const c = results[0].config;
  const runs = results.length;
  console.log(
    `\nMemory of one Marguerite process (${results[0].database === "pglite" ? "embedded PGlite" : "PostgreSQL"}), ${runs > 1 ? `median of ${runs} runs` : "one run"}: ` +
      `${c.idleConnections} idle connections in ${c.idleRooms} rooms; ${c.activeRooms} active rooms of ${c.clientsPerRoom} clients, ${c.notesPerRoom} notes each, 1 edit/s per client for ${c.seconds} s`,
  );
  const w = [46, 12, 12, 14];
  console.log(["", "heap used", "RSS", "ext.+buffers"].map((h, i) => (i === 0 ? h.padEnd(w[i]) : h.padStart(w[i]))).join(""));
  const stageRow = (label: string, s: Stage) =>
    console.log(
      label.padEnd(w[0]) +
        `${mb(median(results.map((r) => r.stages[s].heapUsed)))} MB`.padStart(w[1]) +
        `${mb(median(results.map((r) => r.stages[s].rss)))} MB`.padStart(w[2]) +
        `${mb(median(results.map((r) => r.stages[s].external + r.stages[s].arrayBuffers)))} MB`.padStart(w[3]),
    );
  stageRow("base (after start, sessions, warm-up)", "base");
  stageRow(`+ ${c.idleRooms} idle rooms, one connection each`, "rooms");
  stageRow(`+ ${c.idleConnections} idle connections`, "idle");
  stageRow(`+ ${c.activeRooms} active rooms`, "active");
  const perRow = (label: string, f: (r: MemoryResult) => { heapUsed: number; rss: number; external: number }, unit: "kB" | "MB") => {
    const fmt = unit === "kB" ? kb : mb;
    console.log(
      label.padEnd(w[0]) +
        `${fmt(median(results.map((r) => f(r).heapUsed)))} ${unit}`.padStart(w[1]) +
        `${fmt(median(results.map((r) => f(r).rss)))} ${unit}`.padStart(w[2]) +
        `${fmt(median(results.map((r) => f(r).external)))} ${unit}`.padStart(w[3]),
    );
  };
  perRow("per idle connection", (r) => r.perIdleConnection, "kB");
  perRow(`per active room (with its ${c.clientsPerRoom} connections)`, (r) => r.perActiveRoom, "MB");
  perRow("per active room, connections taken off", (r) => r.perActiveRoomNet, "MB");
  if (runs > 1) {
    console.log(
      `runs: per idle connection heap ${results.map((r) => kb(r.perIdleConnection.heapUsed)).join(" / ")} kB, RSS ${results.map((r) => kb(r.perIdleConnection.rss)).join(" / ")} kB; ` +
        `per active room heap ${results.map((r) => mb(r.perActiveRoom.heapUsed)).join(" / ")} MB, RSS ${results.map((r) => mb(r.perActiveRoom.rss)).join(" / ")} MB`,
    );
  }
  const edits = results.map((r) => r.edits);
  const anomalies: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.health)) if (v) anomalies[k] = (anomalies[k] ?? 0) + v;
  console.log(
    `active traffic: ${edits.map((e) => `${e.received}/${e.expected} delivered`).join(", ")}; anomalies: ${Object.keys(anomalies).length ? Object.entries(anomalies).map(([k, v]) => `${k}=${v}`).join(", ") : "none"}; ` +
      `peak RSS ${results.map((r) => r.peakRssMB.toFixed(0)).join(" / ")} MB`,
  );
  const conn = median(results.map((r) => Math.max(r.perIdleConnection.heapUsed, r.perIdleConnection.rss)));
  const room = median(results.map((r) => Math.max(r.perActiveRoom.heapUsed, r.perActiveRoom.rss)));
  console.log(
    `Goal: per idle connection <= 50 kB ${conn <= 50 * 1024 ? "PASS" : "FAIL"} (${kb(conn)} kB, the larger of heap and RSS); ` +
      `per active room <= 5 MB ${room <= 5 * 1048576 ? "PASS" : "FAIL"} (${mb(room)} MB, the larger of heap and RSS, its connections included)`,
  );
  console.log(`BENCH_MEMORY_JSON ${JSON.stringify({ bench: "marguerite-memory", date: new Date().toISOString(), host: { cpus: os.cpus().length, node: process.version }, runs: results })}`);
}
