// The fold itself, shared by the fold worker and its fallback on the event loop (foldThread.ts).
// Plain JavaScript so that the worker needs no TypeScript loader.
import * as Y from "yjs";

/** The state of `snapshot` with every update applied, replayed in a fresh Y.Doc in one transaction. */
export function foldUpdates(snapshot, updates) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  // One transaction: one cleanup pass for the whole log (and no Y.mergeUpdates, which keeps
  // deleted content: stack-notes.md).
  doc.transact(() => {
    for (const u of updates) Y.applyUpdate(doc, u);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
