// `npm run bench`: the same traffic through a bare socket.io broadcast server and through
// Marguerite, measured from one client process with one clock. See bench/README.md.
//
// Flags (or environment): --seconds=30 (BENCH_SECONDS), --warmup=5 (BENCH_WARMUP),
// --clients=300 (BENCH_CLIENTS), --rooms=20 (BENCH_ROOMS), --rate=1 (BENCH_RATE, messages
// per second per client), --drain=3 (BENCH_DRAIN, seconds to wait for late arrivals),
// --threads=2 (BENCH_THREADS, client worker threads; whole rooms per thread),
// --only=bare,marguerite,bare-ydoc,marguerite-full,board (BENCH_ONLY: the phases to run,
// default all five. The goal compares bare and marguerite, whose clients do the same work:
// they send real Yjs edits and do not apply what they receive (--receivers=light, the
// default). bare-ydoc and marguerite-full compare again with clients that apply every update:
// bare-ydoc is the bare server with clients holding Y.Docs and exchanging the real updates,
// marguerite-full's clients are BoardConnections, the browser's code. board is
// bench/boardSpeed.ts, 500 notes in 40 clusters in headless chromium), --profile (BENCH_PROFILE=1: CPU profiles of each
// server and of one client thread over the measured window, summarized at the end),
// --no-probe (BENCH_PROBE=0: no event-loop/GC probe preloaded into the servers),
// --wait-quiet=60 (BENCH_WAIT_QUIET: before measuring, wait up to this many seconds for the
// other processes of the machine to use less than 10% of a core), --retries=1
// (BENCH_RETRIES: measure a phase again when other processes used over 15% of a core
// during its window), --nice=N (BENCH_NICE: run the bench and its servers at this
// niceness, e.g. -10 as root, to shield them from other work on a shared machine),
// --database-url=postgres://... (BENCH_DATABASE_URL: Marguerite on that PostgreSQL server
// instead of its embedded PGlite; the database's own CPU then counts as other processes),
// --server-env=K=V,K2=V2 (BENCH_SERVER_ENV: extra environment for the Marguerite server,
// e.g. WRITE_WINDOW_MS=100), --processes=N (BENCH_PROCESSES: N server processes sharing
// rooms through a throwaway redis-server, Marguerite's on a throwaway PostgreSQL server;
// the k-th member of each room talks to process k mod N), --database=postgres
// (BENCH_DATABASE: one process on a throwaway PostgreSQL server instead of PGlite),
// --repeat=N (BENCH_REPEAT: the phases N times, interleaved, then medians),
// --goal-p99=MS (BENCH_GOAL_P99: also judge Marguerite's p99 against this absolute limit),
// --only=memory (bench/memory.ts: memory per idle connection and per active room; not part
// of the default run), --only=day (bench/day.ts: a national day, 130 clients in 12 group rooms
// then 3 angle rooms, beside bare socket.io; not part of the default run).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { BUILD_DIR, ROOT, installExitGuards, machineBusySeconds, onCleanup, treeCpuSeconds, treeMemoryMB, startChild, waitForBuild, type ChildHandle } from "./lib/children.ts";
import { margueriteClients } from "./lib/api.ts";
import { startPostgres, startRedis, type PostgresService, type RedisService } from "./lib/services.ts";
import { ClientPool } from "./lib/clientPool.ts";
import type { PhaseName, WorkerCollected } from "./lib/clientWorker.ts";
import { now } from "./lib/clock.ts";
import type { ClientSpec } from "./lib/drivers.ts";
import { typicalFramedSize } from "./lib/notes.ts";
import { fmt, gitCommit, medianOf, ratio, saveLog } from "./lib/common.ts";
import { printProfile, summarizeProfile, type ProfileSummary } from "./lib/profile.ts";
import { sleep, summarize, timeline, type LatencySummary } from "./lib/stats.ts";

// ---- configuration ---------------------------------------------------------------------

function option(name: string, env: string, fallback: string): string {
  const flag = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (flag) return flag.includes("=") ? flag.slice(flag.indexOf("=") + 1) : "1";
  return process.env[env] ?? fallback;
}
function num(name: string, env: string, fallback: number): number {
  const v = Number(option(name, env, String(fallback)));
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} / ${env} must be a number`);
  return v;
}

const cfg = {
  clients: num("clients", "BENCH_CLIENTS", 300),
  rooms: num("rooms", "BENCH_ROOMS", 20),
  rate: num("rate", "BENCH_RATE", 1),
  seconds: num("seconds", "BENCH_SECONDS", 30),
  warmup: num("warmup", "BENCH_WARMUP", 5),
  drain: num("drain", "BENCH_DRAIN", 3),
  threads: num("threads", "BENCH_THREADS", 2),
  only: option("only", "BENCH_ONLY", ""),
  profile: ["1", "true", "yes"].includes(option("profile", "BENCH_PROFILE", "")),
  probe: !process.argv.includes("--no-probe") && option("probe", "BENCH_PROBE", "1") !== "0",
  waitQuiet: num("wait-quiet", "BENCH_WAIT_QUIET", 60),
  retries: num("retries", "BENCH_RETRIES", 1),
  nice: Number(option("nice", "BENCH_NICE", "0")) || 0,
  /**
   * V8 young generation of each client thread in MB (0: V8's default). A thread stands for 150
   * browsers, and an edit's Yjs content lives about a second in its sender's Y.Doc (the next
   * edit replaces it): with the default it outlives the thread's young collections. 64 halves
   * the collection time of Marguerite's client threads (bench/README.md).
   */
  clientYoungMb: num("client-young-mb", "BENCH_CLIENT_YOUNG_MB", 0),
  databaseUrl: option("database-url", "BENCH_DATABASE_URL", ""),
  serverEnv: option("server-env", "BENCH_SERVER_ENV", ""),
  /** Node flags for Marguerite's servers, space-separated (e.g. "--trace-gc-nvp", refused in NODE_OPTIONS). */
  serverNodeArgs: option("server-node-args", "BENCH_SERVER_NODE_ARGS", ""),
  /**
   * The `marguerite` phase's clients. "light" (default): they send real Yjs edits but do not
   * apply what they receive (they read who sent it from the update's header), like the bare
   * clients, so that the comparison measures the servers and not the clients' Yjs work.
   * "full": BoardConnections (what the `marguerite-full` phase always uses).
   */
  receivers: option("receivers", "BENCH_RECEIVERS", "light") === "full" ? ("full" as const) : ("light" as const),
  /** Light clients' edits: built before the run ("ahead", as bare clients' payloads are) or as each is sent ("live"). */
  lightEdits: option("light-edits", "BENCH_LIGHT_EDITS", "ahead") === "live" ? ("live" as const) : ("ahead" as const),
  processes: num("processes", "BENCH_PROCESSES", 1),
  database: option("database", "BENCH_DATABASE", "pglite"),
  repeat: num("repeat", "BENCH_REPEAT", 1),
  goalP99: num("goal-p99", "BENCH_GOAL_P99", 0),
};
/** Other processes' CPU (% of one core) above which a window counts as noisy. */
const NOISY_PCT = 15;
if (cfg.clients < 2 || cfg.rooms < 1 || cfg.rooms > cfg.clients || cfg.rate <= 0 || cfg.seconds <= 0 || cfg.threads < 1) {
  throw new Error("need clients >= 2, 1 <= rooms <= clients, rate > 0, seconds > 0, threads >= 1");
}
if (!Number.isInteger(cfg.processes) || cfg.processes < 1 || cfg.repeat < 1 || !["pglite", "postgres"].includes(cfg.database)) {
  throw new Error("need --processes >= 1, --repeat >= 1, --database=pglite|postgres");
}
const threads = Math.min(cfg.threads, cfg.rooms);
const roomOf = (client: number) => client % cfg.rooms;
/** The k-th member of a room talks to process k mod N: every room spans every process. */
const serverOf = (client: number) => Math.floor(client / cfg.rooms) % cfg.processes;
const threadOf = (room: number) => room % threads;
const log = (msg: string) => console.log(msg);
/** Phases served by Marguerite (the others by bench/bareServer.ts). */
const isMarguerite = (name: PhaseName) => name === "marguerite" || name === "marguerite-full";
/** Whether a phase's Marguerite clients are light ones (see `receivers`). */
const lightPhase = (name: PhaseName) => name === "marguerite" && cfg.receivers === "light";

// ---- one phase -------------------------------------------------------------------------

interface ServerProbe {
  windowMs: number;
  loopDelayMs: { p50: number; p99: number; max: number };
  elu: number;
  stallsPerSecondMs: number[];
  gc: Record<string, { count: number; totalMs: number; maxMs: number }>;
}

interface PhaseResult {
  name: PhaseName;
  arrival: LatencySummary | null;
  /** --processes=N: deliveries whose sender and receiver were on the same / different processes */
  sameProcess: LatencySummary | null;
  crossProcess: LatencySummary | null;
  applied: LatencySummary | null;
  sent: number;
  expected: number;
  received: number;
  deliveredPct: number;
  late: number;
  outOfOrder: number;
  serverCpuSec: number;
  serverCpuPct: number;
  /** sum of the processes' VmHWM */
  serverPeakMB: number;
  /** the busiest server process, % of one core */
  serverCpuMaxPct: number;
  /** the throwaway redis-server and PostgreSQL (all its backends), % of one core */
  redisCpuPct: number | null;
  postgresCpuPct: number | null;
  clientCpuPct: number;
  /** CPU used by everything else on the machine during the window (noise) */
  otherCpuPct: number;
  /** busiest client thread */
  clientEventLoopUtilization: number;
  clientLoopDelayP99Ms: number;
  clientLoopDelayMaxMs: number;
  clientGcTotalMs: number;
  clientGcMaxMs: number;
  /** of clientGcTotalMs, young-generation collections */
  clientGcMinorMs: number;
  /** the worst seconds of the window by p99 (second counted from the window's start) */
  worstSeconds: Array<{ second: number; p99: number; max: number; count: number; serverStallMs: number | null; clientStallMs: number }>;
  clientHeapMB: number;
  /** p99 of the window without its worst second: the steady state apart from one event */
  p99WithoutWorstSecond: number | null;
  health: Record<string, number>;
  /** all processes together: worst loop delay and utilization, summed GC, worst stall per second */
  probe?: ServerProbe;
  probes?: ServerProbe[];
  profile?: ProfileSummary;
  clientProfile?: ProfileSummary;
}

interface Sample {
  machine: number;
  servers: number[];
  redis: number;
  postgres: number;
  client: NodeJS.CpuUsage;
  at: number;
}

/** The throwaway services of --processes=N / --database=postgres, started once per bench. */
const services: { redis: RedisService | null; postgres: PostgresService | null } = { redis: null, postgres: null };
let databases = 0;

/** CPU seconds of the services (redis-server, PostgreSQL and its backends) so far. */
function servicesCpu(): { redis: number; postgres: number } {
  const safe = (f: () => number) => {
    try {
      return f();
    } catch {
      return 0;
    }
  };
  return {
    redis: services.redis ? safe(() => treeCpuSeconds(services.redis!.pid)) : 0,
    postgres: services.postgres ? safe(() => treeCpuSeconds(services.postgres!.pid())) : 0,
  };
}

/** Waits until the rest of the machine is quiet (the bench, its idle servers and services excluded). */
async function waitQuiet(serverPids: number[]): Promise<void> {
  if (cfg.waitQuiet <= 0) return;
  const deadline = now() + cfg.waitQuiet * 1000;
  const ours = () => serverPids.reduce((acc, pid) => acc + treeCpuSeconds(pid), 0) + servicesCpu().redis + servicesCpu().postgres;
  for (;;) {
    const a = machineBusySeconds();
    const self0 = process.cpuUsage();
    const server0 = ours();
    await sleep(3000);
    const self = process.cpuUsage(self0);
    const other = (100 * (machineBusySeconds() - a - (self.user + self.system) / 1e6 - (ours() - server0))) / 3;
    if (other < 10) return;
    if (now() > deadline) {
      log(`  the machine is still busy (other processes: ${other.toFixed(0)}% of a core); measuring anyway`);
      return;
    }
    log(`  waiting for a quiet machine (other processes: ${other.toFixed(0)}% of a core)`);
  }
}

/** Starts the phase's server processes (one after the other: the first applies migrations). */
async function startServers(name: PhaseName, nodeArgsFor: (i: number) => string[] | undefined, preload: string[], dirs: string[]): Promise<ChildHandle[]> {
  const servers: ChildHandle[] = [];
  const redisUrl = cfg.processes > 1 ? services.redis!.url : undefined;
  let databaseUrl = cfg.databaseUrl || undefined;
  if (isMarguerite(name) && !databaseUrl && services.postgres) databaseUrl = await services.postgres.createDatabase(`bench_${process.pid}_${++databases}`);
  if (isMarguerite(name)) await waitForBuild(log);
  for (let i = 0; i < cfg.processes; i++) {
    const label = cfg.processes > 1 ? `${name}#${i + 1}` : name;
    if (!isMarguerite(name)) {
      servers.push(await startChild({ name: label, script: path.join(ROOT, "bench/bareServer.ts"), ready: /BARE_READY port=(\d+)/, env: { PORT: "0", REDIS_URL: redisUrl }, nodeArgs: nodeArgsFor(i), preload }));
      continue;
    }
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "marguerite-bench-"));
    onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
    dirs.push(dataDir);
    servers.push(
      await startChild({
        name: label,
        script: path.join(ROOT, "src/server/main.ts"),
        ready: /MARGUERITE_READY port=(\d+)/,
        env: {
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          PORT: "0",
          HOST: "127.0.0.1",
          DATA_DIR: dataDir,
          DATABASE_URL: databaseUrl,
          REDIS_URL: redisUrl,
          // Every participant of the bench joins from 127.0.0.1: the per-address join throttle
          // would hold back the 1,001st right code of the minute. No effect on the traffic.
          JOIN_BURST: "100000",
          JOIN_ATTEMPTS_PER_MINUTE: "100000",
          ...serverEnv(),
        },
        nodeArgs: nodeArgsFor(i),
        preload,
      }),
    );
  }
  return servers;
}

/** All processes' probes as one: the worst loop delay, utilization and stall, GC summed. */
function mergeProbes(probes: ServerProbe[]): ServerProbe | undefined {
  if (probes.length === 0) return undefined;
  if (probes.length === 1) return probes[0];
  const gc: ServerProbe["gc"] = {};
  for (const p of probes) {
    for (const [k, g] of Object.entries(p.gc)) {
      const t = (gc[k] ??= { count: 0, totalMs: 0, maxMs: 0 });
      t.count += g.count;
      t.totalMs += g.totalMs;
      t.maxMs = Math.max(t.maxMs, g.maxMs);
    }
  }
  const max = (f: (p: ServerProbe) => number) => Math.max(...probes.map(f));
  return {
    windowMs: max((p) => p.windowMs),
    loopDelayMs: { p50: max((p) => p.loopDelayMs.p50), p99: max((p) => p.loopDelayMs.p99), max: max((p) => p.loopDelayMs.max) },
    elu: max((p) => p.elu),
    stallsPerSecondMs: Array.from({ length: max((p) => p.stallsPerSecondMs.length) }, (_, i) => max((p) => p.stallsPerSecondMs[i] ?? 0)),
    gc,
  };
}

async function runPhase(name: PhaseName, payloadBytes: number): Promise<PhaseResult> {
  log(`\n[${name}] starting ${cfg.processes > 1 ? `${cfg.processes} server processes` : "the server"}`);
  let profileDir: string | null = null;
  if (cfg.profile) {
    profileDir = path.join(ROOT, ".tmp/bench-profiles", `${new Date().toISOString().replace(/[:.]/g, "-")}-${name}`);
    mkdirSync(profileDir, { recursive: true });
  }
  // With several processes, the first one is profiled.
  const extra = isMarguerite(name) ? cfg.serverNodeArgs.split(" ").filter(Boolean) : [];
  const nodeArgsFor = (i: number) => [...extra, ...(profileDir && i === 0 ? ["--cpu-prof", "--cpu-prof-interval=500", `--cpu-prof-dir=${profileDir}`] : [])];
  const preload = cfg.probe ? [path.join(ROOT, "bench/lib/serverProbe.mjs")] : [];
  const dirs: string[] = [];
  const servers = await startServers(name, nodeArgsFor, preload, dirs);
  const urls = servers.map((s) => `http://127.0.0.1:${s.port}`);
  const url = urls[0];
  const pids = servers.map((s) => s.pid);
  log(
    `[${name}] server pid${pids.length > 1 ? "s" : ""} ${pids.join(", ")} on ${urls.join(", ")}${services.redis && cfg.processes > 1 ? " (rooms shared through Redis)" : ""}; ` +
      `${cfg.clients} clients in ${cfg.rooms} rooms on ${threads} client thread(s)`,
  );

  const pool = new ClientPool(threads, cfg.clientYoungMb || undefined);
  try {
    let specs: ClientSpec[];
    if (isMarguerite(name)) {
      specs = await margueriteClients(urls, cfg.rooms, cfg.clients, roomOf, serverOf);
      log(`  ${cfg.rooms} sessions created, ${cfg.clients} participants joined through the API`);
    } else {
      specs = Array.from({ length: cfg.clients }, (_, i) => ({ index: i, room: roomOf(i), url: urls[serverOf(i)], server: serverOf(i) }));
    }
    await pool.all((t) => ({ op: "setup", kind: name, url, clients: specs.filter((s) => threadOf(s.room) === t), totalClients: cfg.clients, payloadBytes, light: lightPhase(name), pregenerate: lightPhase(name) && cfg.lightEdits === "ahead" ? Math.ceil((cfg.warmup + cfg.seconds) * cfg.rate) + 2 : 0 }));
    log(
      isMarguerite(name)
        ? `  ${cfg.clients} ${lightPhase(name) ? "light clients" : "BoardConnections"} synced; every note created${lightPhase(name) ? "" : ", seen by its board"} and saved`
        : name === "bare-ydoc"
          ? `  ${cfg.clients} bare socket.io clients with Y.Docs connected; every note seen by its room`
          : `  ${cfg.clients} bare socket.io clients connected`,
    );
    let stopping = false;
    for (const s of servers) {
      s.proc.once("exit", (code, sig) => {
        if (!stopping) log(`[${s.name}] pid ${s.pid} exited during the phase (${code ?? sig}); its last output:\n${s.output().slice(-3000)}`);
      });
    }
    await waitQuiet(pids);

    const startAt = now() + 300;
    const windowStart = startAt + cfg.warmup * 1000;
    const windowEnd = windowStart + cfg.seconds * 1000;
    let before: Sample | null = null;
    let after: Sample | null = null;
    const sample = (): Sample => {
      const svc = servicesCpu();
      // A server that died mid-phase must not kill the bench from a timer: its exit is logged below.
      const cpuOf = (pid: number) => {
        try {
          return treeCpuSeconds(pid);
        } catch {
          return Number.NaN;
        }
      };
      return { machine: machineBusySeconds(), servers: pids.map(cpuOf), redis: svc.redis, postgres: svc.postgres, client: process.cpuUsage(), at: now() };
    };
    const hr = () => Number(process.hrtime.bigint() / 1000n);
    let hrStart = 0;
    let hrEnd = 0;
    setTimeout(() => {
      before = sample();
      hrStart = hr();
      if (cfg.probe) for (const s of servers) s.proc.kill("SIGUSR2");
    }, windowStart - now());
    setTimeout(() => {
      after = sample();
      hrEnd = hr();
      if (cfg.probe) for (const s of servers) s.proc.kill("SIGUSR2");
    }, windowEnd - now());

    log(`[${name}] sending: ${cfg.warmup} s warm-up, then ${cfg.seconds} s measured`);
    await pool.all((t) => ({
      op: "run",
      startAt,
      windowStart,
      windowEnd,
      rate: cfg.rate,
      totalClients: cfg.clients,
      profileFile: profileDir && t === 0 ? path.join(profileDir, "client-thread-0.cpuprofile") : undefined,
    }));
    while (!after) await sleep(20);
    await sleep(cfg.drain * 1000);
    const parts = await pool.all<WorkerCollected>({ op: "collect" });
    const b = before as unknown as Sample;
    const a = after as unknown as Sample;
    const dead = servers.filter((s) => s.proc.exitCode !== null || s.proc.signalCode !== null);
    if (dead.length > 0) throw new Error(`${dead.map((s) => s.name).join(", ")} died during the phase (last output above)`);
    const peak = pids.reduce((acc, pid) => acc + treeMemoryMB(pid).hwm, 0);
    // An overloaded server answers the probe's signal late: give it a few more seconds.
    if (cfg.probe) {
      const deadline = now() + 15_000;
      while (servers.some((s) => !/^BENCH_PROBE /m.test(s.output())) && now() < deadline) await sleep(100);
    }
    const probes = servers.flatMap((s) => {
      const line = s.output().match(/^BENCH_PROBE (.*)$/m);
      return line ? [JSON.parse(line[1]) as ServerProbe] : [];
    });
    const probe = mergeProbes(probes);
    const healths = await pool.all<Record<string, number>>({ op: "health" });
    const health: Record<string, number> = {};
    for (const h of healths) for (const [k, v] of Object.entries(h)) health[k] = (health[k] ?? 0) + v;

    const wall = (a.at - b.at) / 1000;
    const perServer = a.servers.map((v, i) => v - b.servers[i]);
    const serverCpuSec = perServer.reduce((acc, v) => acc + v, 0);
    const redisCpu = a.redis - b.redis;
    const postgresCpu = a.postgres - b.postgres;
    const clientCpu = (a.client.user - b.client.user + a.client.system - b.client.system) / 1e6;
    const sum = (f: (p: WorkerCollected) => number) => parts.reduce((acc, p) => acc + f(p), 0);
    const concat = (f: (p: WorkerCollected) => ArrayLike<number>) => parts.flatMap((p) => Array.from(f(p)));
    const expected = sum((p) => p.expected);
    const received = sum((p) => p.received);
    const arrivals = concat((p) => p.arrival);
    const cross = concat((p) => p.cross);
    const result: PhaseResult = {
      name,
      arrival: summarize(arrivals),
      sameProcess: cfg.processes > 1 ? summarize(arrivals.filter((_, i) => cross[i] === 0)) : null,
      crossProcess: cfg.processes > 1 ? summarize(arrivals.filter((_, i) => cross[i] === 1)) : null,
      applied: name !== "bare" ? summarize(concat((p) => p.applied)) : null,
      sent: sum((p) => p.sent),
      expected,
      received,
      deliveredPct: expected ? (100 * received) / expected : 0,
      late: sum((p) => p.late),
      outOfOrder: sum((p) => p.outOfOrder),
      serverCpuSec,
      serverCpuPct: (100 * serverCpuSec) / wall,
      serverCpuMaxPct: (100 * Math.max(...perServer)) / wall,
      serverPeakMB: peak,
      redisCpuPct: services.redis && cfg.processes > 1 ? (100 * redisCpu) / wall : null,
      postgresCpuPct: services.postgres && isMarguerite(name) ? (100 * postgresCpu) / wall : null,
      clientCpuPct: (100 * clientCpu) / wall,
      otherCpuPct: Math.max(0, (100 * (a.machine - b.machine - serverCpuSec - clientCpu - redisCpu - postgresCpu)) / wall),
      clientEventLoopUtilization: Math.max(...parts.map((p) => p.elu)),
      clientLoopDelayP99Ms: Math.max(...parts.map((p) => p.loopDelayP99Ms)),
      clientLoopDelayMaxMs: Math.max(...parts.map((p) => p.loopDelayMaxMs)),
      clientGcTotalMs: sum((p) => p.gcTotalMs),
      clientGcMaxMs: Math.max(...parts.map((p) => p.gcMaxMs)),
      clientGcMinorMs: sum((p) => p.gcMinorMs),
      worstSeconds: timeline(concat((p) => p.sentAt), arrivals, windowStart, cfg.seconds)
        .sort((x, y) => y.p99 - x.p99)
        .slice(0, 3)
        .map((w) => ({
          ...w,
          serverStallMs: probe ? (probe.stallsPerSecondMs[w.second] ?? 0) : null,
          clientStallMs: Math.max(...parts.map((p) => p.stallsPerSecondMs[w.second] ?? 0)),
        })),
      clientHeapMB: sum((p) => p.heapUsedMB),
      p99WithoutWorstSecond: null,
      health,
      probe,
      probes: probes.length > 1 ? probes : undefined,
    };
    if (result.worstSeconds.length > 0) {
      const worst = result.worstSeconds[0].second;
      const sent = concat((p) => p.sentAt);
      result.p99WithoutWorstSecond = summarize(arrivals.filter((_, i) => Math.floor((sent[i] - windowStart) / 1000) !== worst))?.p99 ?? null;
    }
    await pool.all({ op: "teardown" });
    stopping = true;
    for (const s of servers) {
      const exit = await s.stop();
      if (exit !== "0") log(`[${s.name}] server exited with ${exit}:\n${s.output().slice(-2000)}`);
    }
    if (profileDir) {
      // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (tsx
      // adds a loader thread).
      const files = readdirSync(profileDir).filter((f) => new RegExp(`\\.${pids[0]}\\.0\\.\\d+\\.cpuprofile$`).test(f));
      if (files.length > 0) result.profile = summarizeProfile(path.join(profileDir, files[0]), hrStart, hrEnd);
      else log(`[${name}] no CPU profile was written in ${profileDir}`);
      const clientFile = parts[0].profileFile;
      if (clientFile) result.clientProfile = summarizeProfile(clientFile, 0, 0);
    }
    log(`[${name}] done: ${result.received}/${result.expected} delivered, p99 ${fmt(result.arrival?.p99)} ms`);
    return result;
  } catch (err) {
    for (const s of servers) console.error(`[${s.name}] failed; last server output:\n${s.output().slice(-3000)}`);
    throw err;
  } finally {
    await pool.close().catch(() => {});
    for (const s of servers) {
      await s.stop(5000).catch(() => {});
      saveLog(s.name, s);
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

function serverEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of cfg.serverEnv.split(",").filter(Boolean)) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new Error(`--server-env: expected K=V, got ${pair}`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

// ---- report ----------------------------------------------------------------------------

function medianResult(runs: PhaseResult[]): PhaseResult {
  const m = medianOf(runs, "drop") as PhaseResult;
  m.name = runs[0].name;
  m.profile = undefined;
  m.clientProfile = undefined;
  m.probes = undefined;
  m.worstSeconds = [];
  // Anomalies: the total over the runs (one disconnect anywhere matters).
  m.health = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.health)) m.health[k] = (m.health[k] ?? 0) + v;
  // Counts: the total over the runs (the goal "everything delivered" holds in every run).
  for (const k of ["sent", "expected", "received"] as const) m[k] = runs.reduce((acc, r) => acc + r[k], 0);
  m.deliveredPct = m.expected ? (100 * m.received) / m.expected : 0;
  m.late = runs.reduce((acc, r) => acc + r.late, 0);
  m.outOfOrder = runs.reduce((acc, r) => acc + r.outOfOrder, 0);
  return m;
}

function report(results: PhaseResult[], payloadBytes: number, run: { index: number | "median"; of: number }): void {
  const bare = results.find((r) => r.name === "bare");
  const bareY = results.find((r) => r.name === "bare-ydoc");
  const mg = results.find((r) => r.name === "marguerite");
  // The goal's comparison has light clients; the other one, clients that apply every update:
  // marguerite-full, or marguerite itself when its clients are full ones (--receivers=full).
  const light = cfg.receivers === "light" ? mg : undefined;
  const mgFull = results.find((r) => r.name === "marguerite-full") ?? (light ? undefined : mg);
  const median = run.index === "median";
  const several = cfg.processes > 1;
  const gcTotal = (r: PhaseResult) => (r.probe ? Object.values(r.probe.gc).reduce((acc, g) => acc + g.totalMs, 0) : null);
  const gcMax = (r: PhaseResult) => (r.probe ? Math.max(0, ...Object.values(r.probe.gc).map((g) => g.maxMs)) : null);
  type Row = [string, (r: PhaseResult) => number | null | undefined, number, boolean];
  const rows: Row[] = [
    ["latency p50 (arrival) ms", (r) => r.arrival?.p50, 2, true],
    ["latency p90 (arrival) ms", (r) => r.arrival?.p90, 2, true],
    ["latency p99 (arrival) ms", (r) => r.arrival?.p99, 2, true],
    ["  p99 without the window's worst second", (r) => r.p99WithoutWorstSecond, 2, true],
    ...(several
      ? ([
          ["  p99, sender and receiver on one process", (r) => r.sameProcess?.p99, 2, true],
          ["  p99, on different processes", (r) => r.crossProcess?.p99, 2, true],
        ] as Row[])
      : []),
    ["latency p99.9 (arrival) ms", (r) => r.arrival?.p999, 2, true],
    ["latency max (arrival) ms", (r) => r.arrival?.max, 1, true],
    ["latency p50 (applied to Y.Doc) ms", (r) => r.applied?.p50, 2, false],
    ["latency p99 (applied to Y.Doc) ms", (r) => r.applied?.p99, 2, false],
    [median ? "messages sent (windows of all runs)" : "messages sent (window)", (r) => r.sent, 0, false],
    [median ? "deliveries expected (all runs)" : "deliveries expected", (r) => r.expected, 0, false],
    [median ? "deliveries received (all runs)" : "deliveries received", (r) => r.received, 0, false],
    ["delivered %", (r) => r.deliveredPct, 3, true],
    [several ? "server CPU s (user+sys, all processes)" : "server CPU s (user+sys)", (r) => r.serverCpuSec, 2, true],
    [several ? "server CPU % of one core (all processes)" : "server CPU % of one core", (r) => r.serverCpuPct, 1, true],
    ...(several
      ? ([
          ["  busiest process, % of one core", (r) => r.serverCpuMaxPct, 1, true],
          ["redis-server CPU % of one core", (r) => r.redisCpuPct, 1, true],
          ["PostgreSQL CPU % of one core", (r) => r.postgresCpuPct, 1, false],
        ] as Row[])
      : cfg.database === "postgres" && !cfg.databaseUrl
        ? ([["PostgreSQL CPU % of one core", (r) => r.postgresCpuPct, 1, false]] as Row[])
        : []),
    [several ? "server peak memory MB (VmHWM, sum)" : "server peak memory MB (VmHWM)", (r) => r.serverPeakMB, 1, true],
    [several ? "server event-loop utilization % (max)" : "server event-loop utilization %", (r) => (r.probe ? r.probe.elu * 100 : null), 1, false],
    [several ? "server event-loop delay p99 ms (max)" : "server event-loop delay p99 ms", (r) => r.probe?.loopDelayMs.p99, 2, false],
    [several ? "server event-loop delay max ms (max)" : "server event-loop delay max ms", (r) => r.probe?.loopDelayMs.max, 1, false],
    [several ? "server GC pauses total ms (sum)" : "server GC pauses total ms", gcTotal, 1, false],
    ["server GC pause max ms", gcMax, 1, false],
    ["client process CPU % of one core", (r) => r.clientCpuPct, 1, false],
    ["client thread event-loop util. % (max)", (r) => r.clientEventLoopUtilization * 100, 1, false],
    ["client thread loop delay p99 ms (max)", (r) => r.clientLoopDelayP99Ms, 2, false],
    ["client thread loop delay max ms (max)", (r) => r.clientLoopDelayMaxMs, 1, false],
    ["client GC pauses total ms (all threads)", (r) => r.clientGcTotalMs, 1, false],
    ["client GC pause max ms", (r) => r.clientGcMaxMs, 1, false],
    ["client GC young-generation ms (all threads)", (r) => r.clientGcMinorMs, 1, false],
    ["client heap used MB (all threads, end)", (r) => r.clientHeapMB, 1, false],
    ["other processes CPU % of one core", (r) => r.otherCpuPct, 1, false],
  ];
  const where = several ? `${cfg.processes} server processes sharing rooms through Redis${mg ? ", Marguerite on PostgreSQL" : ""}` : cfg.databaseUrl || cfg.database === "postgres" ? "one process, Marguerite on PostgreSQL" : "one process";
  console.log(
    `\n${median ? `MEDIAN OF ${run.of} RUNS: ` : run.of > 1 ? `Run ${run.index} of ${run.of}: ` : ""}Marguerite vs bare socket.io: ${cfg.clients} clients in ${cfg.rooms} rooms, ${cfg.rate} edit/s each, ${where}, ` +
      `${cfg.seconds} s measured after ${cfg.warmup} s warm-up, ~${payloadBytes} B per message, ${threads} client thread(s) (commit ${gitCommit()})`,
  );
  // Two comparisons, each between clients doing the same work. Left, the goal: clients that
  // send real edits and do not apply what they receive (light), Marguerite / bare. Right:
  // clients that apply every update, Marguerite's BoardConnections / bare server with Y.Docs.
  console.log(
    `clients: ${[light && "light (bare, marguerite)", (mgFull || bareY) && "applying every update (bare-ydoc, marguerite full)"].filter(Boolean).join("; ")}`,
  );
  const w = [42, 10, 11, 8, 11, 12, 8];
  console.log(["", "bare", "marguerite", "ratio", "bare-ydoc", "mg full", "ratio"].map((h, i) => (i === 0 ? h.padEnd(w[i]) : h.padStart(w[i]))).join(""));
  for (const [label, get, digits, withRatio] of rows) {
    const b = bare ? get(bare) : null;
    const m = light ? get(light) : null;
    const y = bareY ? get(bareY) : null;
    const f = mgFull ? get(mgFull) : null;
    const r = withRatio ? ratio(m, b) : null;
    const rf = withRatio ? ratio(f, y) : null;
    console.log(
      label.padEnd(w[0]) +
        fmt(b, digits).padStart(w[1]) +
        fmt(m, digits).padStart(w[2]) +
        (r === null ? "" : `${r.toFixed(2)}x`).padStart(w[3]) +
        fmt(y, digits).padStart(w[4]) +
        fmt(f, digits).padStart(w[5]) +
        (rf === null ? "" : `${rf.toFixed(2)}x`).padStart(w[6]),
    );
  }
  for (const r of results) {
    const anomalies = { ...r.health, ...(r.late ? { late: r.late } : {}), ...(r.outOfOrder ? { outOfOrder: r.outOfOrder } : {}) };
    const shown = Object.entries(anomalies).filter(([, v]) => v !== 0);
    console.log(`${r.name} anomalies${median ? " (all runs)" : ""}: ${shown.length ? shown.map(([k, v]) => `${k}=${v}`).join(", ") : "none"}`);
    if (median) continue;
    console.log(
      `${r.name} worst seconds (by send time, from the window's start): ` +
        r.worstSeconds
          .map((w) => `t=${w.second}s p99 ${fmt(w.p99, 1)} max ${fmt(w.max, 1)} (longest stall: server ${fmt(w.serverStallMs, 0)}, clients ${fmt(w.clientStallMs, 0)})`)
          .join("; "),
    );
  }

  const goal = {
    // In every Marguerite phase.
    allDelivered: mg || mgFull ? [mg, mgFull].every((r) => !r || (r.received === r.expected && r.expected > 0)) : null,
    p99WithinTwiceBare: mg?.arrival && bare?.arrival ? mg.arrival.p99 <= 2 * bare.arrival.p99 : null,
    p99WithinGoal: cfg.goalP99 > 0 && mg?.arrival ? mg.arrival.p99 <= cfg.goalP99 : null,
  };
  const mark = (v: boolean | null) => (v === null ? "n/a" : v ? "PASS" : "FAIL");
  console.log(
    `Goal${median ? " (on the medians; everything delivered: in every run)" : ""}: everything delivered ${mark(goal.allDelivered)}; p99 no more than 2x bare ${mark(goal.p99WithinTwiceBare)}` +
      (mg?.arrival && bare?.arrival ? ` (${fmt(mg.arrival.p99)} ms vs limit ${fmt(2 * bare.arrival.p99)} ms)` : "") +
      (cfg.goalP99 > 0 ? `; p99 <= ${cfg.goalP99} ms ${mark(goal.p99WithinGoal)}${mg?.arrival ? ` (${fmt(mg.arrival.p99)} ms${bare?.arrival ? `; bare ${fmt(bare.arrival.p99)} ms` : ""})` : ""}` : ""),
  );
  if (light && mgFull?.arrival && bareY?.arrival) {
    console.log(
      `With clients that apply every update (${Math.round(cfg.clients / threads)} simulated browsers per client thread): Marguerite p99 ${fmt(mgFull.arrival.p99)} ms, ` +
        `bare-ydoc ${fmt(bareY.arrival.p99)} ms (${ratio(mgFull.arrival.p99, bareY.arrival.p99)?.toFixed(2)}x); not part of the goal (bench/README.md).`,
    );
  }
  const noisiest = Math.max(...results.map((r) => r.otherCpuPct));
  if (noisiest > NOISY_PCT) console.log(`Warning: other processes used up to ${noisiest.toFixed(0)}% of a core during a measured window: figures are noisy.`);
  const busiest = Math.max(...results.map((r) => r.clientEventLoopUtilization));
  if (busiest > 0.6) console.log(`Warning: a client thread was busy ${(busiest * 100).toFixed(0)}% of the time; client-side queueing may inflate latencies.`);
  const laggy = Math.max(...results.map((r) => r.clientLoopDelayP99Ms));
  if (laggy > 20) console.log(`Warning: a client thread's event loop was delayed ${laggy.toFixed(0)} ms at p99: part of the tail is the clients', not the server's.`);

  for (const r of results) {
    if (r.profile) printProfile(r.profile, `${r.name} server`);
    if (r.clientProfile) printProfile(r.clientProfile, `${r.name} client thread 0`);
  }

  const round = (v: number | null | undefined, d = 3) => (v == null ? null : Math.round(v * 10 ** d) / 10 ** d);
  const slim = (r: PhaseResult | undefined) =>
    r && {
      p50: round(r.arrival?.p50),
      p90: round(r.arrival?.p90),
      p99: round(r.arrival?.p99),
      p99WithoutWorstSecond: round(r.p99WithoutWorstSecond),
      p99SameProcess: round(r.sameProcess?.p99),
      p99CrossProcess: round(r.crossProcess?.p99),
      p999: round(r.arrival?.p999),
      max: round(r.arrival?.max),
      appliedP50: round(r.applied?.p50),
      appliedP99: round(r.applied?.p99),
      sent: r.sent,
      expected: r.expected,
      received: r.received,
      deliveredPct: round(r.deliveredPct, 4),
      serverCpuSec: round(r.serverCpuSec, 2),
      serverCpuPct: round(r.serverCpuPct, 1),
      serverCpuMaxPct: round(r.serverCpuMaxPct, 1),
      redisCpuPct: round(r.redisCpuPct, 1),
      postgresCpuPct: round(r.postgresCpuPct, 1),
      serverPeakMB: round(r.serverPeakMB, 1),
      clientCpuPct: round(r.clientCpuPct, 1),
      clientEluMax: round(r.clientEventLoopUtilization),
      clientLoopDelayP99Ms: round(r.clientLoopDelayP99Ms, 2),
      clientLoopDelayMaxMs: round(r.clientLoopDelayMaxMs, 2),
      clientGcTotalMs: round(r.clientGcTotalMs, 1),
      clientGcMaxMs: round(r.clientGcMaxMs, 1),
      clientGcMinorMs: round(r.clientGcMinorMs, 1),
      otherCpuPct: round(r.otherCpuPct, 1),
      worstSeconds: r.worstSeconds.map((w) => ({ second: w.second, p99: round(w.p99, 2), max: round(w.max, 2), serverStallMs: round(w.serverStallMs, 1), clientStallMs: round(w.clientStallMs, 1) })),
      clientHeapMB: round(r.clientHeapMB, 1),
      health: r.health,
      serverProbe: median ? null : (r.probe ?? null),
      serverProbes: r.probes ?? undefined,
    };
  const json = {
    bench: "marguerite-vs-bare",
    run: run.index,
    runs: run.of,
    date: new Date().toISOString(),
    commit: gitCommit(),
    host: { cpus: os.cpus().length, node: process.version },
    config: { ...cfg, databaseUrl: cfg.databaseUrl ? "postgres" : "", threads, payloadBytes },
    bare: slim(bare),
    bareYdoc: slim(bareY),
    marguerite: slim(mg),
    margueriteFull: light ? slim(mgFull) : undefined,
    ratio: {
      p50: round(ratio(mg?.arrival?.p50, bare?.arrival?.p50), 2),
      p99: round(ratio(mg?.arrival?.p99, bare?.arrival?.p99), 2),
      cpu: round(ratio(mg?.serverCpuSec, bare?.serverCpuSec), 2),
      memory: round(ratio(mg?.serverPeakMB, bare?.serverPeakMB), 2),
      p99FullVsYdoc: round(ratio(mgFull?.arrival?.p99, bareY?.arrival?.p99), 2),
    },
    goal,
  };
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}

// ---- main ------------------------------------------------------------------------------

async function main(): Promise<void> {
  installExitGuards();
  if (cfg.nice) {
    // Threads and processes started from now on (client threads, servers) inherit it.
    os.setPriority(0, cfg.nice);
    log(`niceness ${os.getPriority(0)} for the bench, its client threads and its servers`);
  }
  const all: PhaseName[] = ["bare", "marguerite", "bare-ydoc", "marguerite-full"];
  const only = cfg.only ? cfg.only.split(",") : [];
  const board = !cfg.only || only.includes("board");
  const memory = only.includes("memory");
  const day = only.includes("day");
  const phases = cfg.only ? all.filter((p) => only.includes(p)) : all;
  if (phases.length === 0 && !board && !memory && !day) throw new Error(`--only: expected some of ${all.join(", ")}, board, memory, day`);
  if ((phases.some(isMarguerite) || board || memory || day) && !existsSync(path.join(ROOT, BUILD_DIR, "BUILD_ID"))) {
    console.error("No Next.js build found: run `npx next build` first (the bench starts the production server).");
    process.exit(2);
  }
  // Several processes share rooms through Redis and one database (a PostgreSQL server).
  if (cfg.processes > 1 && phases.length > 0) {
    services.redis = await startRedis();
    log(`redis-server pid ${services.redis.pid} on ${services.redis.url} (throwaway)`);
  }
  if (!cfg.databaseUrl && ((cfg.processes > 1 && phases.some(isMarguerite)) || (cfg.database === "postgres" && (phases.some(isMarguerite) || memory || day)))) {
    services.postgres = await startPostgres();
    log(`PostgreSQL pid ${services.postgres.pid()} on 127.0.0.1:${services.postgres.port} (throwaway cluster; a fresh database per phase)`);
  }
  try {
    const payloadBytes = typicalFramedSize();
    const runs: PhaseResult[][] = [];
    for (let i = 0; i < cfg.repeat && phases.length > 0; i++) {
      if (cfg.repeat > 1) log(`\n==== run ${i + 1} of ${cfg.repeat}`);
      const results: PhaseResult[] = [];
      for (const p of phases) {
        let result = await runPhase(p, payloadBytes);
        for (let retry = 1; retry <= cfg.retries && result.otherCpuPct > NOISY_PCT; retry++) {
          log(`[${p}] other processes used ${result.otherCpuPct.toFixed(0)}% of a core during the window: measuring again (${retry}/${cfg.retries})`);
          await sleep(1000);
          result = await runPhase(p, payloadBytes);
        }
        results.push(result);
        await sleep(1000);
      }
      runs.push(results);
      report(results, payloadBytes, { index: i + 1, of: cfg.repeat });
    }
    if (runs.length > 1) {
      report(
        phases.map((p) => medianResult(runs.map((r) => r.find((x) => x.name === p)!))),
        payloadBytes,
        { index: "median", of: runs.length },
      );
    }
    if (memory) {
      const { runMemory, reportMemory } = await import("./memory.ts");
      const results = [];
      for (let i = 0; i < cfg.repeat; i++) {
        if (cfg.repeat > 1) log(`\n==== memory, run ${i + 1} of ${cfg.repeat}`);
        results.push(await runMemory({ log, nice: cfg.nice, databaseUrl: cfg.databaseUrl || (services.postgres ? () => services.postgres!.createDatabase(`bench_${process.pid}_${++databases}`) : undefined), serverEnv: serverEnv() }));
      }
      reportMemory(results);
    }
    if (day) {
      const { runDayBench } = await import("./day.ts");
      await runDayBench({
        log,
        seconds: cfg.seconds,
        warmup: cfg.warmup,
        drain: cfg.drain,
        rate: cfg.rate,
        waitQuiet: cfg.waitQuiet,
        probe: cfg.probe,
        profile: cfg.profile,
        repeat: cfg.repeat,
        databaseUrl: cfg.databaseUrl || (services.postgres ? () => services.postgres!.createDatabase(`bench_${process.pid}_${++databases}`) : undefined),
        serverEnv: serverEnv(),
      });
    }
    if (board) {
      const { runBoardSpeed, reportBoard } = await import("./boardSpeed.ts");
      reportBoard(await runBoardSpeed({ log }));
    }
  } finally {
    await services.redis?.stop().catch(() => {});
    await services.postgres?.stop().catch(() => {});
  }
  process.exit(0);
}

void main();
