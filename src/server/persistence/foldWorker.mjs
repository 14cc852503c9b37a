// Folds a board's snapshot and log into one Yjs state, off the event loop (see foldThread.ts).
import { parentPort } from "node:worker_threads";
import { foldUpdates } from "./fold.mjs";

parentPort.on("message", ({ id, snapshot, updates }) => {
  try {
    const state = foldUpdates(snapshot, updates);
    parentPort.postMessage({ id, ok: true, state }, [state.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, ok: false, message: String(err?.message ?? err) });
  }
});
