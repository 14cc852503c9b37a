// Batches accepted updates of every room into one INSERT per window. A write that fails
// (database down) is retried with backoff and never dropped: the promises of its rows
// resolve only once they are stored, and that is when clients get their acknowledgement.
import type { UpdateRow } from "../persistence/boards.ts";

export interface UpdateSink {
  /** Returns how many rows were stored (fewer when their board no longer exists). */
  append(rows: UpdateRow[]): Promise<number | void>;
}

interface Pending {
  row: UpdateRow;
  resolve: () => void;
}

export interface WriterStats {
  batches: number;
  rows: number;
  failures: number;
  queued: number;
  healthy: boolean;
}

export class UpdateWriter {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly stats: WriterStats = { batches: 0, rows: 0, failures: 0, queued: 0, healthy: true };
  private barrierWaiters: Array<{ upTo: number; resolve: () => void }> = [];
  private enqueued = 0;
  private stored = 0;

  constructor(
    private readonly sink: UpdateSink,
    private readonly windowMs: number,
    private readonly log: (msg: string) => void = () => {},
    private readonly maxBatch = 500,
  ) {}

  /** Resolves once the row is stored. */
  enqueue(row: UpdateRow): Promise<void> {
    if (this.closed) return Promise.reject(new Error("writer closed"));
    this.enqueued++;
    const p = new Promise<void>((resolve) => this.queue.push({ row, resolve }));
    this.schedule();
    return p;
  }

  /** Resolves once everything enqueued before this call is stored. */
  barrier(): Promise<void> {
    const upTo = this.enqueued;
    if (this.stored >= upTo) return Promise.resolve();
    return new Promise((resolve) => this.barrierWaiters.push({ upTo, resolve }));
  }

  getStats(): WriterStats {
    return { ...this.stats, queued: this.queue.length };
  }

  /** Stores everything still queued, retrying until it succeeds or `deadlineMs` passes. */
  async close(deadlineMs = 10_000): Promise<boolean> {
    const done = this.barrier().then(() => true);
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    void this.run();
    const ok = await Promise.race([done, new Promise<boolean>((r) => setTimeout(() => r(false), deadlineMs).unref())]);
    this.closed = true;
    return ok;
  }

  private schedule(): void {
    if (this.flushing) return; // run() picks up what is queued when it finishes
    if (this.queue.length >= this.maxBatch) {
      // A full batch goes now rather than waiting for the window.
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      void this.run();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.windowMs);
  }

  private async run(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      let delay = 50;
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, this.maxBatch);
        try {
          const stored = await this.sink.append(batch.map((p) => p.row));
          // Only a deleted session's boards are meant to lose rows here: say so, never silently.
          if (typeof stored === "number" && stored < batch.length) this.log(`${batch.length - stored} updates dropped: their board no longer exists`);
        } catch (err) {
          this.stats.failures++;
          if (this.stats.healthy) this.log(`storage unavailable, retrying: ${(err as Error).message}`);
          this.stats.healthy = false;
          await new Promise((r) => setTimeout(r, delay));
          delay = Math.min(delay * 2, 2000);
          continue;
        }
        if (!this.stats.healthy) this.log("storage back, writes resumed");
        this.stats.healthy = true;
        delay = 50;
        this.queue.splice(0, batch.length);
        this.stats.batches++;
        this.stats.rows += batch.length;
        this.stored += batch.length;
        for (const p of batch) p.resolve();
        this.releaseBarriers();
      }
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
      if (this.queue.length > 0) this.schedule();
    }
  }

  private releaseBarriers(): void {
    if (this.barrierWaiters.length === 0) return;
    const still: typeof this.barrierWaiters = [];
    for (const w of this.barrierWaiters) (this.stored >= w.upTo ? w.resolve() : still.push(w));
    this.barrierWaiters = still;
  }
}
