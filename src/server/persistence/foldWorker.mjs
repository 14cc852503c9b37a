// Folds a board's snapshot and log into one Yjs state, off the event loop (see foldThread.ts).
// Plain JavaScript so that the worker needs no TypeScript loader.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";

parentPort.on("message", ({ id, snapshot, updates }) => {
  try {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshot);
    // One transaction: one cleanup pass for the whole log (and no Y.mergeUpdates, which
    // keeps deleted content: stack-notes.md).
    doc.transact(() => {
      for (const u of updates) Y.applyUpdate(doc, u);
    });
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    parentPort.postMessage({ id, ok: true, state }, [state.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, ok: false, message: String(err?.message ?? err) });
  }
});
