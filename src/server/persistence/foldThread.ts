// Compaction's Yjs work (replaying a board's snapshot and hundreds of logged updates into a
// Y.Doc, then encoding it) in a worker thread: on the event loop it was a 10-20 ms stall per
// compaction, and a busy day compacts a board every few seconds. One worker per process,
// started on first use, never holding the process open. Should the worker fail, the fold
// runs here instead: a compaction is never lost to it.
import { Worker } from "node:worker_threads";
import { foldUpdates } from "./fold.mjs";

type Reply = { id: number; ok: true; state: Uint8Array } | { id: number; ok: false; message: string };

let worker: Worker | null = null;
let broken = false;
let nextId = 1;
const pending = new Map<number, { resolve: (s: Uint8Array) => void; reject: (e: Error) => void }>();

function start(): Worker {
  const w = new Worker(new URL("./foldWorker.mjs", import.meta.url), { execArgv: [] });
  w.unref();
  w.on("message", (m: Reply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.state);
    else p.reject(new Error(m.message));
  });
  const fail = (err: Error) => {
    if (worker !== w) return; // stopped on purpose
    broken = true;
    worker = null;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`fold worker exited (${code})`)));
  return w;
}

/** The state of `snapshot` with every update of `updates` applied, built in a Y.Doc. */
export async function foldState(snapshot: Uint8Array, updates: Uint8Array[]): Promise<Uint8Array> {
  if (!broken) {
    try {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return await new Promise<Uint8Array>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, snapshot, updates });
      });
    } catch {
      // fall through: fold here
    }
  }
  return foldInline(snapshot, updates);
}

/** The same fold on the event loop (the worker's fallback). */
export const foldInline = foldUpdates;

/** Whether folds go to the worker (false before the first fold, or once it failed). */
export function foldWorkerRunning(): boolean {
  return worker !== null && !broken;
}

/** Stops the worker (tests, shutdown); the next fold starts another. */
export async function stopFoldThread(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
