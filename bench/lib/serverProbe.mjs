// Preloaded into the benchmark's server children (node --import) unless --no-probe: watches
// the server's own event loop from inside, without touching the application. The first
// SIGUSR2 starts a window, the second prints one line `BENCH_PROBE {json}` with what the
// window saw: event-loop delay (a stalled loop delays every message), the longest stall of
// each second (to tell which seconds the server was at fault), event-loop utilization, and
// garbage-collection pauses. Costs a 5 ms timer and a GC observer, in both servers alike.
import { monitorEventLoopDelay, performance, PerformanceObserver } from "node:perf_hooks";

const RESOLUTION_MS = 10;
let histogram = null;
let eluStart = null;
let gc = null;
let windowStart = 0;
let stalls = null;
let stallTimer = null;
let lastTick = 0;
const TICK_MS = 5;

const observer = new PerformanceObserver((list) => {
  if (!gc) return;
  for (const e of list.getEntries()) {
    const kind = e.detail?.kind ?? e.kind;
    const name = kind === 1 ? "minor" : kind === 2 ? "major" : kind === 4 ? "incremental" : kind === 8 ? "weakcb" : String(kind);
    const k = (gc[name] ??= { count: 0, totalMs: 0, maxMs: 0 });
    k.count++;
    k.totalMs += e.duration;
    k.maxMs = Math.max(k.maxMs, e.duration);
  }
});
observer.observe({ entryTypes: ["gc"] });

process.on("SIGUSR2", () => {
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    histogram.enable();
    eluStart = performance.eventLoopUtilization();
    gc = {};
    windowStart = performance.now();
    stalls = [];
    lastTick = windowStart;
    stallTimer = setInterval(() => {
      const t = performance.now();
      const second = Math.floor((t - windowStart) / 1000);
      stalls[second] = Math.max(stalls[second] ?? 0, t - lastTick - TICK_MS);
      lastTick = t;
    }, TICK_MS);
    stallTimer.unref();
    return;
  }
  histogram.disable();
  clearInterval(stallTimer);
  const ms = (ns) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  const round = (v) => Math.round(v * 100) / 100;
  for (const k of Object.values(gc)) {
    k.totalMs = round(k.totalMs);
    k.maxMs = round(k.maxMs);
  }
  const out = {
    windowMs: Math.round(performance.now() - windowStart),
    loopDelayMs: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
    elu: round(performance.eventLoopUtilization(eluStart).utilization),
    stallsPerSecondMs: Array.from(stalls, (v) => Math.max(0, Math.round(v ?? 0))),
    gc,
  };
  process.stdout.write(`BENCH_PROBE ${JSON.stringify(out)}\n`);
  histogram = null;
  gc = null;
});
