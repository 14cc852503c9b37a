// Commands for one session applied in batches: whatever arrived while a batch was being
// stored is applied next, together, in arrival order; one batch at a time per session, so
// each reads the state the previous one stored. Used by the quiz and the national day, whose
// state is one JSON row written once per batch rather than once per command.
export class BatchQueue<P> {
  private readonly queues = new Map<string, P[]>();
  private readonly draining = new Map<string, Promise<void>>();

  constructor(
    private readonly apply: (key: string, batch: P[]) => Promise<void>,
    /** A batch whose apply threw: each of its items must still be answered. */
    private readonly failed: (key: string, batch: P[], err: Error) => void,
  ) {}

  push(key: string, item: P): void {
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = []));
    queue.push(item);
    if (!this.draining.has(key)) {
      const run = this.drain(key).finally(() => this.draining.delete(key));
      this.draining.set(key, run);
    }
  }

  /** Waits for the batches under way (shutdown). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.draining.values()]);
  }

  private async drain(key: string): Promise<void> {
    for (;;) {
      const batch = this.queues.get(key) ?? [];
      this.queues.delete(key);
      if (batch.length === 0) return;
      try {
        await this.apply(key, batch);
      } catch (err) {
        this.failed(key, batch, err as Error);
      }
    }
  }
}
