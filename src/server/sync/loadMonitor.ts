// Is this process overloaded? A timer that should fire every `sampleMs` is late by more than
// `lateMs` when the event loop is saturated: queued socket reads, not one GC pause, make it
// late again and again. Busy means "late in at least `lateSamples` of the last second's
// samples": an isolated pause (a 30 ms GC) does not count, a backlog does. Cheap: one timer.
export interface LoadMonitor {
  busy(): boolean;
  stop(): void;
}

export interface LoadMonitorOptions {
  sampleMs: number;
  lateMs: number;
  /** out of the samples of the last second */
  lateSamples: number;
}

export const DEFAULT_LOAD_MONITOR: LoadMonitorOptions = { sampleMs: 50, lateMs: 25, lateSamples: 4 };

/** The pure part: a sliding window of late/on-time samples. */
export class LatenessWindow {
  private readonly late: boolean[] = [];
  private lateCount = 0;

  constructor(
    private readonly size: number,
    private readonly threshold: number,
  ) {}

  record(isLate: boolean): void {
    this.late.push(isLate);
    if (isLate) this.lateCount++;
    if (this.late.length > this.size && this.late.shift()) this.lateCount--;
  }

  get busy(): boolean {
    return this.lateCount >= this.threshold;
  }
}

export function startLoadMonitor(opts: LoadMonitorOptions = DEFAULT_LOAD_MONITOR): LoadMonitor {
  const window = new LatenessWindow(Math.max(1, Math.round(1000 / opts.sampleMs)), opts.lateSamples);
  let expected = performance.now() + opts.sampleMs;
  const timer = setInterval(() => {
    const now = performance.now();
    window.record(now - expected > opts.lateMs);
    expected = now + opts.sampleMs;
  }, opts.sampleMs);
  timer.unref();
  return { busy: () => window.busy, stop: () => clearInterval(timer) };
}
