// Compaction's Yjs work (replaying a board's snapshot and hundreds of logged updates into a
// Y.Doc, then encoding it) in a worker thread: on the event loop it was a 10-20 ms stall per
// compaction, and a busy day compacts a board every few seconds. One worker per process,
// started on first use, never holding the process open. Should the worker die (or never
// start), the folds it held run here instead and the next fold starts another: a compaction
// is never lost to it.
import { Worker } from "node:worker_threads";
import { foldUpdates } from "./fold.mjs";

type Reply = { id: number; ok: true; state: Uint8Array } | { id: number; ok: false; message: string };
interface Job {
  snapshot: Uint8Array;
  updates: Uint8Array[];
  resolve: (s: Uint8Array) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Job>();

function foldHere(job: Job): void {
  try {
    job.resolve(foldUpdates(job.snapshot, job.updates));
  } catch (err) {
    job.reject(err as Error);
  }
}

function start(): Worker {
  const w = new Worker(new URL("./foldWorker.mjs", import.meta.url), { execArgv: [] });
  w.unref();
  w.on("message", (m: Reply) => {
    const job = pending.get(m.id);
    if (!job) return;
    pending.delete(m.id);
    if (m.ok) job.resolve(m.state);
    else job.reject(new Error(m.message));
  });
  const died = () => {
    if (worker !== w) return; // stopped on purpose
    worker = null;
    const jobs = [...pending.values()];
    pending.clear();
    jobs.forEach(foldHere);
  };
  w.on("error", died);
  w.on("exit", died);
  return w;
}

/** The state of `snapshot` with every update of `updates` applied, built in a Y.Doc. */
export function foldState(snapshot: Uint8Array, updates: Uint8Array[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const job: Job = { snapshot, updates, resolve, reject };
    try {
      worker ??= start();
    } catch {
      return foldHere(job); // no worker threads here
    }
    const id = nextId++;
    pending.set(id, job);
    worker.postMessage({ id, snapshot, updates });
  });
}

/** Whether a fold worker is running. */
export function foldWorkerRunning(): boolean {
  return worker !== null;
}

/** Stops the worker (tests); folds it held run here, the next fold starts another. */
export async function stopFoldThread(): Promise<void> {
  const w = worker;
  worker = null;
  const jobs = [...pending.values()];
  pending.clear();
  jobs.forEach(foldHere);
  if (w) await w.terminate();
}
