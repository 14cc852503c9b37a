// A client thread of the bench: holds whole rooms of clients (so that a message's sender
// and receivers share one event loop and one clock), sends on schedule, records arrivals.
// Driven by the main thread through ClientPool (clientPool.ts).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { constants as perfConstants, monitorEventLoopDelay, performance, PerformanceObserver } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { now } from "./clock.ts";
import { BareDriver, BareYjsDriver, MargueriteDriver, type ClientSpec, type Driver } from "./drivers.ts";
import { MargueriteLightDriver } from "./lightDriver.ts";
import { DayDriver } from "./dayDriver.ts";
import { Recorder, runSchedule } from "./stats.ts";

/** bare: bytes only; bare-ydoc: bare server, clients with Y.Docs; marguerite(-full): the app (light or BoardConnection clients). */
export type PhaseName = "bare" | "bare-ydoc" | "marguerite" | "marguerite-full";

export type WorkerRequest =
  | { op: "setup"; kind: PhaseName; url: string; clients: ClientSpec[]; totalClients: number; payloadBytes: number; light?: boolean; notesPerClient?: number; pregenerate?: number }
  | { op: "run"; startAt: number; windowStart: number; windowEnd: number; rate: number; totalClients: number; profileFile?: string }
  | { op: "collect" }
  | { op: "health" }
  | { op: "teardown" }
  // bench/day.ts: one client follows its ticket into a room (answers the time it was synced),
  // leaves the room this thread held for it, or (all of this thread's clients) creates its
  // note and waits for its room's notes; `sizes`: every room's size, by room number.
  | { op: "day:follow"; client: ClientSpec; totalClients: number }
  | { op: "day:leave"; index: number }
  | { op: "day:ready"; sizes: Record<number, number> };

export interface WorkerCollected {
  arrival: Float64Array;
  sentAt: Float64Array;
  applied: Float64Array;
  /** per arrival: 1 when sender and receiver were on different server processes (empty with one) */
  cross: Uint8Array;
  sent: number;
  expected: number;
  received: number;
  late: number;
  outOfOrder: number;
  elu: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  gcTotalMs: number;
  gcMaxMs: number;
  /** of gcTotalMs, the young generation's collections (scavenges) */
  gcMinorMs: number;
  /** longest event-loop stall of each second of the window, ms */
  stallsPerSecondMs: number[];
  heapUsedMB: number;
  profileFile: string | null;
}

const LOOP_RESOLUTION_MS = 5;

let driver: Driver | null = null;
let rec = new Recorder(1);
let clients: ClientSpec[] = [];
let serverOf: Int32Array | null = null;
let eluStart: ReturnType<typeof performance.eventLoopUtilization> | null = null;
let eluWindow = 0;
let loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
let profile: Promise<string | null> = Promise.resolve(null);
// Garbage collection of this thread during the window (Y.Docs allocate; a pause delays
// every arrival queued behind it).
let gcOn = false;
const TICK_MS = 5;
let stalls: number[] = [];
let stallTimer: NodeJS.Timeout | null = null;
let gcTotal = 0;
let gcMax = 0;
let gcMinor = 0;
new PerformanceObserver((list) => {
  if (!gcOn) return;
  for (const e of list.getEntries()) {
    gcTotal += e.duration;
    if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) gcMinor += e.duration;
    gcMax = Math.max(gcMax, e.duration);
  }
}).observe({ entryTypes: ["gc"] });

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.op) {
    case "setup": {
      clients = req.clients;
      serverOf = null;
      if (clients.some((c) => (c.server ?? 0) > 0)) {
        serverOf = new Int32Array(req.totalClients).fill(-1);
        for (const c of clients) serverOf[c.index] = c.server ?? 0;
      }
      rec = new Recorder(req.totalClients, serverOf);
      driver =
        req.kind === "bare"
          ? new BareDriver(req.url, clients, req.payloadBytes, () => rec)
          : req.kind === "bare-ydoc"
            ? new BareYjsDriver(req.url, clients, () => rec)
            : req.light
              ? new MargueriteLightDriver(req.url, clients, () => rec, req.notesPerClient, req.pregenerate)
              : new MargueriteDriver(req.url, clients, () => rec);
      await driver.setup();
      return null;
    }
    case "run": {
      const d = driver!;
      rec = new Recorder(req.totalClients, serverOf);
      rec.windowStart = req.windowStart;
      rec.windowEnd = req.windowEnd;
      loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
      const inspector = req.profileFile ? new Session() : null;
      if (inspector) {
        inspector.connect();
        await inspector.post("Profiler.enable");
      }
      setTimeout(() => {
        eluStart = performance.eventLoopUtilization();
        loopDelay.enable();
        gcOn = true;
        const t0 = now();
        let last = t0;
        stalls = [];
        stallTimer = setInterval(() => {
          const t = now();
          const second = Math.floor((t - t0) / 1000);
          stalls[second] = Math.max(stalls[second] ?? 0, t - last - TICK_MS);
          last = t;
        }, TICK_MS);
        if (inspector) void inspector.post("Profiler.start");
      }, req.windowStart - now());
      setTimeout(() => {
        eluWindow = performance.eventLoopUtilization(eluStart!).utilization;
        loopDelay.disable();
        gcOn = false;
        if (stallTimer) clearInterval(stallTimer);
        if (inspector && req.profileFile) {
          const file = req.profileFile;
          profile = inspector.post("Profiler.stop").then(({ profile: p }) => {
            writeFileSync(file, JSON.stringify(p));
            inspector.disconnect();
            return file;
          });
        }
      }, req.windowEnd - now());
      await runSchedule(
        clients.map((c) => c.index),
        req.totalClients,
        req.rate,
        req.startAt,
        req.windowEnd,
        (client, seq) => rec.noteSend(d.send(client, seq), d.peers(client)),
      );
      return null;
    }
    case "collect": {
      rec.open = false;
      // The histogram holds whole timer periods: take the resolution off to get the delay.
      const out: WorkerCollected = {
        arrival: Float64Array.from(rec.arrival),
        sentAt: Float64Array.from(rec.sentAt),
        applied: Float64Array.from(rec.applied),
        cross: Uint8Array.from(rec.cross),
        sent: rec.sent,
        expected: rec.expected,
        received: rec.received,
        late: rec.late,
        outOfOrder: rec.outOfOrder,
        elu: eluWindow,
        loopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
        loopDelayMaxMs: Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION_MS),
        gcTotalMs: gcTotal,
        gcMaxMs: gcMax,
        gcMinorMs: gcMinor,
        stallsPerSecondMs: Array.from(stalls, (v) => Math.max(0, v ?? 0)),
        heapUsedMB: getHeapStatistics().used_heap_size / 1048576,
        profileFile: await profile,
      };
      return out;
    }
    case "day:follow": {
      if (!(driver instanceof DayDriver)) {
        await driver?.teardown();
        serverOf = null;
        rec = new Recorder(req.totalClients);
        driver = new DayDriver(() => rec);
      }
      return (driver as DayDriver).follow(req.client);
    }
    case "day:leave":
      if (driver instanceof DayDriver) driver.leave(req.index);
      return null;
    case "day:ready": {
      const d = driver as DayDriver;
      await d.ready(req.sizes);
      clients = d.specs();
      return clients.length;
    }
    case "health":
      return driver ? driver.health() : {};
    case "teardown":
      await driver?.teardown();
      driver = null;
      return null;
  }
}

parentPort!.on("message", (msg: { id: number; req: WorkerRequest }) => {
  handle(msg.req).then(
    (value) => {
      const c = value as WorkerCollected;
      const transfer = value && typeof value === "object" && "arrival" in value ? [c.arrival.buffer, c.sentAt.buffer, c.applied.buffer, c.cross.buffer] : [];
      parentPort!.postMessage({ id: msg.id, ok: true, value }, transfer as ArrayBuffer[]);
    },
    (err: Error) => parentPort!.postMessage({ id: msg.id, ok: false, error: err.stack ?? String(err) }),
  );
});
