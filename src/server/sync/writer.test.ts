// UpdateWriter against an in-memory UpdateSink (its only boundary): batching, order,
// acknowledgements, barriers, retries and close. Fake timers make the window and the
// backoff exact.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { UpdateRow } from "../persistence/boards.ts";
import { UpdateWriter, type UpdateSink } from "./writer.ts";

interface Call {
  rows: UpdateRow[];
  /** The append succeeds and stores its rows. */
  ok(): void;
  /** The append fails; nothing of it is stored. */
  fail(message?: string): void;
}

/** Stores rows in memory. Appends either settle at once (failing `failNext` times first) or wait to be settled by the test (`manual`). */
class MemorySink implements UpdateSink {
  stored: UpdateRow[] = [];
  calls: Call[] = [];
  failNext = 0;
  manual = false;

  append(rows: UpdateRow[]): Promise<void> {
    const copy = [...rows];
    return new Promise<void>((resolve, reject) => {
      const call: Call = {
        rows: copy,
        ok: () => {
          this.stored.push(...copy);
          resolve();
        },
        fail: (message = "connection refused") => reject(new Error(message)),
      };
      this.calls.push(call);
      if (this.manual) return;
      if (this.failNext > 0) {
        this.failNext--;
        call.fail();
      } else call.ok();
    });
  }

  get storedIds(): number[] {
    return this.stored.map(id);
  }
}

const row = (i: number): UpdateRow => ({ boardId: `board-${i % 3}`, data: new Uint8Array([i & 0xff, i >> 8]), participantId: i % 2 ? `p${i}` : null });
const id = (r: UpdateRow) => r.data[0] + (r.data[1] << 8);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const tick = () => vi.advanceTimersByTimeAsync(0);

/** Enqueues rows and records which ones were acknowledged. */
function enqueueAll(writer: UpdateWriter, ids: number[], acked: Set<number>): Promise<void>[] {
  return ids.map((i) => writer.enqueue(row(i)).then(() => void acked.add(i)));
}

function state(p: Promise<unknown>) {
  let s = "pending";
  p.then(
    () => (s = "resolved"),
    () => (s = "rejected"),
  );
  return () => s;
}

describe("UpdateWriter", () => {
  let sink: MemorySink;
  let logs: string[];
  beforeEach(() => {
    vi.useFakeTimers();
    sink = new MemorySink();
    logs = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gathers the rows enqueued within the window into one append, in order", async () => {
    const writer = new UpdateWriter(sink, 20);
    const acked = new Set<number>();
    enqueueAll(writer, range(0, 5), acked);
    await vi.advanceTimersByTimeAsync(19);
    expect(sink.calls).toHaveLength(0);
    expect(acked.size).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(sink.calls).toHaveLength(1);
    expect(sink.calls[0].rows).toEqual(range(0, 5).map(row));
    expect([...acked]).toEqual(range(0, 5));
    expect(writer.getStats()).toMatchObject({ batches: 1, rows: 5, failures: 0, queued: 0, healthy: true });
  });

  it("the window starts at the first row of a batch: later rows do not push it back", async () => {
    const writer = new UpdateWriter(sink, 20);
    const acked = new Set<number>();
    enqueueAll(writer, [0], acked);
    await vi.advanceTimersByTimeAsync(15);
    enqueueAll(writer, [1], acked);
    await vi.advanceTimersByTimeAsync(5);
    expect(sink.calls.map((c) => c.rows.map(id))).toEqual([[0, 1]]);
    await vi.advanceTimersByTimeAsync(100);
    expect(sink.calls).toHaveLength(1);
  });

  it("rows enqueued while a batch is being written go into the next one, order kept", async () => {
    sink.manual = true;
    const writer = new UpdateWriter(sink, 10);
    const acked = new Set<number>();
    enqueueAll(writer, range(0, 3), acked);
    await vi.advanceTimersByTimeAsync(10);
    expect(sink.calls).toHaveLength(1);
    enqueueAll(writer, range(3, 7), acked);
    await vi.advanceTimersByTimeAsync(50);
    expect(sink.calls).toHaveLength(1); // one append at a time
    sink.calls[0].ok();
    await tick();
    expect([...acked]).toEqual(range(0, 3));
    expect(sink.calls).toHaveLength(2);
    expect(sink.calls[1].rows.map(id)).toEqual(range(3, 7));
    sink.calls[1].ok();
    await tick();
    expect(sink.storedIds).toEqual(range(0, 7));
    expect([...acked].sort((a, b) => a - b)).toEqual(range(0, 7));
  });

  it("splits a backlog into batches of at most maxBatch rows, in order", async () => {
    const writer = new UpdateWriter(sink, 10, () => {}, 4);
    const acked = new Set<number>();
    const all = enqueueAll(writer, range(0, 10), acked);
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all(all);
    expect(sink.calls.map((c) => c.rows.length)).toEqual([4, 4, 2]);
    expect(sink.storedIds).toEqual(range(0, 10));
    expect(writer.getStats()).toMatchObject({ batches: 3, rows: 10 });
  });

  it("acknowledges a row only once the append that stores it has succeeded", async () => {
    sink.manual = true;
    const writer = new UpdateWriter(sink, 5);
    const acked = new Set<number>();
    enqueueAll(writer, [1, 2], acked);
    await vi.advanceTimersByTimeAsync(5);
    expect(sink.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(acked.size).toBe(0);
    expect(writer.getStats().queued).toBe(2);
    sink.calls[0].fail();
    await vi.advanceTimersByTimeAsync(49);
    expect(acked.size).toBe(0);
    await vi.advanceTimersByTimeAsync(1); // first retry after 50 ms
    expect(sink.calls).toHaveLength(2);
    expect(acked.size).toBe(0);
    sink.calls[1].ok();
    await tick();
    expect([...acked]).toEqual([1, 2]);
    expect(writer.getStats().queued).toBe(0);
  });

  it("retries a failing sink with growing backoff until it succeeds: nothing lost, nothing stored twice", async () => {
    sink.failNext = 6;
    const writer = new UpdateWriter(sink, 10, (m) => logs.push(m));
    const acked = new Set<number>();
    const first = enqueueAll(writer, range(0, 3), acked);
    await vi.advanceTimersByTimeAsync(10);
    expect(sink.calls).toHaveLength(1);
    expect(writer.getStats()).toMatchObject({ healthy: false, failures: 1 });

    // Backoff 50, 100, 200, 400, 800 ms between attempts.
    const times: number[] = [];
    const start = Date.now();
    for (let n = 2; n <= 6; n++) {
      while (sink.calls.length < n) await vi.advanceTimersByTimeAsync(1);
      times.push(Date.now() - start);
    }
    expect(times).toEqual([50, 150, 350, 750, 1550]);

    // Rows that arrive during the outage join the rows waiting before them.
    enqueueAll(writer, range(3, 5), acked);
    expect(acked.size).toBe(0);
    await vi.advanceTimersByTimeAsync(1600); // 7th attempt, at 1550 + 1600 = 3150 ms, succeeds
    await Promise.all(first);
    await vi.advanceTimersByTimeAsync(100);
    expect(sink.storedIds).toEqual(range(0, 5));
    expect([...acked].sort()).toEqual(range(0, 5));
    expect(writer.getStats()).toMatchObject({ healthy: true, failures: 6, rows: 5, queued: 0 });
    expect(sink.calls.slice(0, 6).map((c) => c.rows.map(id))).toEqual(Array(6).fill(range(0, 3)));
    expect(sink.calls[6].rows.map(id)).toEqual(range(0, 5));
    expect(sink.calls).toHaveLength(7);
    expect(logs).toEqual(["storage unavailable, retrying: connection refused", "storage back, writes resumed"]);
  });

  it("caps the backoff at 2 s during a long outage and resets it after a success", async () => {
    sink.failNext = 10;
    const writer = new UpdateWriter(sink, 0);
    void writer.enqueue(row(0));
    await vi.advanceTimersByTimeAsync(0);
    const at: number[] = [Date.now()];
    while (sink.calls.length < 11) {
      const n = sink.calls.length;
      await vi.advanceTimersByTimeAsync(1);
      if (sink.calls.length > n) at.push(Date.now());
    }
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    expect(gaps).toEqual([50, 100, 200, 400, 800, 1600, 2000, 2000, 2000, 2000]);
    expect(sink.storedIds).toEqual([0]);

    sink.failNext = 1;
    void writer.enqueue(row(1));
    await vi.advanceTimersByTimeAsync(0);
    const failedAt = Date.now();
    while (sink.stored.length < 2) await vi.advanceTimersByTimeAsync(1);
    expect(Date.now() - failedAt).toBe(50);
  });

  it("barrier() resolves at once when everything is stored", async () => {
    const writer = new UpdateWriter(sink, 10);
    await expect(writer.barrier()).resolves.toBeUndefined();
    const done = writer.enqueue(row(0));
    await vi.advanceTimersByTimeAsync(10);
    await done;
    const barrier = state(writer.barrier());
    await Promise.resolve();
    expect(barrier()).toBe("resolved");
  });

  it("barrier() waits for every row enqueued before it, and not for rows enqueued after", async () => {
    sink.manual = true;
    const writer = new UpdateWriter(sink, 10);
    const acked = new Set<number>();
    enqueueAll(writer, [0, 1], acked);
    const b1 = state(writer.barrier());
    await vi.advanceTimersByTimeAsync(10);
    enqueueAll(writer, [2], acked);
    const b2 = state(writer.barrier());
    await tick();
    expect([b1(), b2()]).toEqual(["pending", "pending"]);

    sink.calls[0].ok();
    await tick();
    expect([b1(), b2()]).toEqual(["resolved", "pending"]);
    expect(sink.calls[1].rows.map(id)).toEqual([2]);
    sink.calls[1].fail();
    await vi.advanceTimersByTimeAsync(50);
    expect(b2()).toBe("pending"); // a failed append does not count
    sink.calls[2].ok();
    await tick();
    expect(b2()).toBe("resolved");
    expect(sink.storedIds).toEqual([0, 1, 2]);
    expect([...acked]).toEqual([0, 1, 2]);
  });

  it("close() writes what is queued without waiting for the window, then refuses new rows", async () => {
    const writer = new UpdateWriter(sink, 60_000);
    const acked = new Set<number>();
    enqueueAll(writer, range(0, 4), acked);
    const closed = writer.close();
    await tick();
    await expect(closed).resolves.toBe(true);
    expect(sink.storedIds).toEqual(range(0, 4));
    expect(acked.size).toBe(4);
    await expect(writer.enqueue(row(9))).rejects.toThrow("writer closed");
    expect(sink.calls).toHaveLength(1);
  });

  it("close() waits for an append in flight and for retries, and resolves true once all is stored", async () => {
    sink.failNext = 2;
    const writer = new UpdateWriter(sink, 10);
    const acked = new Set<number>();
    enqueueAll(writer, [0, 1], acked);
    await vi.advanceTimersByTimeAsync(10);
    enqueueAll(writer, [2], acked);
    const closed = state(writer.close(10_000));
    await vi.advanceTimersByTimeAsync(149);
    expect(closed()).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(closed()).toBe("resolved");
    expect(sink.storedIds).toEqual([0, 1, 2]);
    expect(acked.size).toBe(3);
  });

  it("close() gives up after its deadline when storage stays down, reports false, and acknowledges nothing", async () => {
    sink.failNext = Number.POSITIVE_INFINITY;
    const writer = new UpdateWriter(sink, 10);
    const acked = new Set<number>();
    enqueueAll(writer, [0, 1], acked);
    const closed = writer.close(3_000);
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(closed).resolves.toBe(false);
    expect(acked.size).toBe(0);
    expect(sink.stored).toEqual([]);
    expect(writer.getStats()).toMatchObject({ healthy: false, queued: 2 });
  });
});
