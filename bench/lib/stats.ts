import { now } from "./clock.ts";

// What the clients saw: one clock (CLOCK_MONOTONIC, see clock.ts) for sends and
// arrivals. Only messages sent inside the measured window count, and only arrivals before
// the drain deadline.

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export function summarize(values: number[]): LatencySummary | null {
  if (values.length === 0) return null;
  const a = Float64Array.from(values).sort();
  const q = (p: number) => a[Math.min(a.length - 1, Math.max(0, Math.ceil(p * a.length) - 1))];
  let sum = 0;
  for (const v of a) sum += v;
  return { count: a.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), p999: q(0.999), max: a[a.length - 1], mean: sum / a.length };
}

export class Recorder {
  windowStart = Infinity;
  windowEnd = -Infinity;
  /** false once the drain deadline passed: later arrivals count as lost */
  open = true;
  sent = 0;
  expected = 0;
  received = 0;
  /** arrivals of measured messages after the drain deadline */
  late = 0;
  /** the same (receiver, sender) pair delivering a sequence number not above the last one */
  outOfOrder = 0;
  readonly arrival: number[] = [];
  /** send time of each arrival, for the timeline */
  readonly sentAt: number[] = [];
  readonly applied: number[] = [];
  /** per arrival, 1 when sender and receiver were on different server processes (serverOf given) */
  readonly cross: number[] = [];
  private lastSeq: Int32Array;

  /** serverOf: each client's server process (--processes=N), to tell cross-process deliveries. */
  constructor(
    private readonly clients: number,
    private readonly serverOf: Int32Array | null = null,
  ) {
    this.lastSeq = new Int32Array(clients * clients).fill(-1);
  }

  private inWindow(sentAt: number): boolean {
    return sentAt >= this.windowStart && sentAt < this.windowEnd;
  }

  noteSend(sentAt: number, peers: number): void {
    if (!this.inWindow(sentAt)) return;
    this.sent++;
    this.expected += peers;
  }

  /** appliedAt: when the receiving Y.Doc had applied it (Marguerite only). */
  noteReceive(receiver: number, sender: number, seq: number, sentAt: number, arrivalAt: number, appliedAt?: number): void {
    const k = receiver * this.clients + sender;
    if (seq <= this.lastSeq[k]) this.outOfOrder++;
    else this.lastSeq[k] = seq;
    if (!this.inWindow(sentAt)) return;
    if (!this.open) {
      this.late++;
      return;
    }
    this.received++;
    this.arrival.push(arrivalAt - sentAt);
    this.sentAt.push(sentAt);
    if (appliedAt !== undefined) this.applied.push(appliedAt - sentAt);
    if (this.serverOf) this.cross.push(this.serverOf[receiver] !== this.serverOf[sender] ? 1 : 0);
  }
}

/**
 * Each of `clients` sends `ratePerSec` messages per second from `startAt` until `stopAt`
 * (clock.ts times), client i offset by i/n of a period (n clients in all threads) so that
 * sends are spread evenly across the second. Timers target absolute times: no drift.
 */
export function runSchedule(
  clients: number[],
  n: number,
  ratePerSec: number,
  startAt: number,
  stopAt: number,
  send: (client: number, seq: number) => void,
): Promise<void> {
  const period = 1000 / ratePerSec;
  return new Promise((resolve) => {
    let running = clients.length;
    if (running === 0) resolve();
    for (const i of clients) {
      const offset = (i / n) * period;
      let seq = 0;
      const tick = () => {
        const target = startAt + offset + seq * period;
        if (target >= stopAt) {
          if (--running === 0) resolve();
          return;
        }
        const wait = target - now();
        if (wait > 0) {
          setTimeout(fire, wait);
        } else {
          fire();
        }
      };
      const fire = () => {
        send(i, ++seq);
        tick();
      };
      tick();
    }
  });
}

export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function waitUntil(cond: () => boolean, timeoutMs: number, what: string, pollMs = 50): Promise<void> {
  const deadline = now() + timeoutMs;
  while (!cond()) {
    if (now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** p99 and max latency per second of the window (by send time): shows when tails happen. */
export function timeline(sentAt: ArrayLike<number>, latency: ArrayLike<number>, windowStart: number, seconds: number): Array<{ second: number; p99: number; max: number; count: number }> {
  const buckets: number[][] = Array.from({ length: Math.ceil(seconds) }, () => []);
  for (let i = 0; i < latency.length; i++) {
    const b = Math.floor((sentAt[i] - windowStart) / 1000);
    if (b >= 0 && b < buckets.length) buckets[b].push(latency[i]);
  }
  return buckets.map((v, second) => {
    const s = summarize(v);
    return { second, p99: s?.p99 ?? 0, max: s?.max ?? 0, count: v.length };
  });
}
