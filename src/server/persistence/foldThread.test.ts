import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { foldState, foldWorkerRunning, stopFoldThread } from "./foldThread";
import { foldUpdates as foldInline } from "./fold.mjs";

function history(): { snapshot: Uint8Array; updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.getMap("notes").set("first", "kept");
  const snapshot = Y.encodeStateAsUpdate(doc);
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = new Y.Text();
  doc.getMap("notes").set("t", text);
  for (let i = 0; i < 50; i++) {
    text.delete(0, text.length);
    text.insert(0, `version ${i} `.repeat(20));
  }
  doc.getMap("notes").set("gone", "x".repeat(5000));
  doc.getMap("notes").delete("gone");
  return { snapshot, updates, doc };
}

afterAll(() => stopFoldThread());

describe("compaction's fold in a worker thread", () => {
  it("gives the same document as replaying everything, without the deleted content", async () => {
    const { snapshot, updates, doc } = history();
    const state = await foldState(snapshot, updates);
    expect(foldWorkerRunning()).toBe(true);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, state);
    expect(rebuilt.getMap("notes").toJSON()).toEqual(doc.getMap("notes").toJSON());
    expect(state).toEqual(foldInline(snapshot, updates));
    // 50 retypes of ~220 characters and a 5,000-character value, all deleted: gone from the state
    expect(state.byteLength).toBeLessThan(1000);
  });

  it("folds many boards at once, each its own, and starts again after a stop", async () => {
    const boards = Array.from({ length: 8 }, () => history());
    const states = await Promise.all(boards.map((b) => foldState(b.snapshot, b.updates)));
    states.forEach((s, i) => expect(s).toEqual(foldInline(boards[i].snapshot, boards[i].updates)));
    await stopFoldThread();
    expect(foldWorkerRunning()).toBe(false);
    const again = await foldState(boards[0].snapshot, boards[0].updates);
    expect(again).toEqual(states[0]);
    expect(foldWorkerRunning()).toBe(true);
  });

  it("a fold the worker still holds when it goes away is done here", async () => {
    const { snapshot, updates } = history();
    const folding = foldState(snapshot, updates);
    await stopFoldThread();
    expect(await folding).toEqual(foldInline(snapshot, updates));
  });

  it("a broken update is refused, not folded into a wrong state", async () => {
    const { snapshot } = history();
    await expect(foldState(snapshot, [new Uint8Array([1, 2, 3, 255, 255])])).rejects.toThrow();
  });
});
