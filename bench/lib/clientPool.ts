// The main thread's side of the client threads: rooms are dealt to threads (whole rooms
// per thread), requests go to every thread at once.
import { Worker } from "node:worker_threads";
import type { WorkerRequest } from "./clientWorker.ts";

export class ClientPool {
  private workers: Worker[] = [];
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor(threads: number, youngGenerationMb?: number) {
    for (let i = 0; i < threads; i++) {
      const w = new Worker(new URL("./clientWorker.mjs", import.meta.url), {
        resourceLimits: youngGenerationMb ? { maxYoungGenerationSizeMb: youngGenerationMb } : undefined,
      });
      w.on("message", (msg: { id: number; ok: boolean; value?: unknown; error?: string }) => {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.ok) p.resolve(msg.value);
        else p.reject(new Error(`client thread ${i}: ${msg.error}`));
      });
      w.on("error", (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sends one request to thread `i`. */
  call<T>(i: number, req: WorkerRequest): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.workers[i].postMessage({ id, req });
    });
  }

  /** The same request (or one built per thread) to every thread. */
  all<T>(req: WorkerRequest | ((i: number) => WorkerRequest)): Promise<T[]> {
    return Promise.all(this.workers.map((_, i) => this.call<T>(i, typeof req === "function" ? req(i) : req)));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}
