import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { DEFAULT_FANOUT, Fanout, type FanoutSink } from "./fanout";
import { BoardRoom } from "./room";

const info = { boardId: "b1", sessionId: "s1", name: "main" };

function roomWith(sockets: number): BoardRoom {
  const room = new BoardRoom(info, [], 0);
  for (let i = 0; i < sockets; i++) room.sockets.add(`s${i}`);
  return room;
}

function edit(doc: Y.Doc, key: string, value: number): Uint8Array {
  let out: Uint8Array = new Uint8Array(0);
  const grab = (u: Uint8Array) => (out = u);
  doc.on("update", grab);
  doc.getMap("notes").set(key, value);
  doc.off("update", grab);
  return out;
}

function recorder() {
  const sent: { kind: string; payload: unknown; except?: string }[] = [];
  const sink: FanoutSink = {
    update: (_room, update, except) => sent.push({ kind: "update", payload: update, except }),
    awareness: (_room, entries, except) => sent.push({ kind: "awareness", payload: entries, except }),
  };
  return { sent, sink };
}

afterEach(() => vi.useRealTimers());

describe("fanout to this process's sockets", () => {
  it("a small room gets each update at once, without its sender", () => {
    const { sent, sink } = recorder();
    const f = new Fanout(sink, DEFAULT_FANOUT);
    f.update(roomWith(15), edit(new Y.Doc(), "a", 1), "s3");
    expect(sent).toMatchObject([{ kind: "update", except: "s3" }]);
  });

  it("a large room gets one merged update per window, holding every edit of the window", () => {
    vi.useFakeTimers();
    const { sent, sink } = recorder();
    const f = new Fanout(sink, DEFAULT_FANOUT);
    const room = roomWith(300);
    const docs = Array.from({ length: 10 }, () => new Y.Doc());
    docs.forEach((d, i) => f.update(room, edit(d, `n${i}`, i), `s${i}`));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(25);
    expect(sent).toHaveLength(1);
    expect(sent[0].except).toBeUndefined();
    const check = new Y.Doc();
    Y.applyUpdate(check, sent[0].payload as Uint8Array);
    expect(check.getMap("notes").size).toBe(10);
  });

  it("a large room gets the latest awareness of each client, a few times a second", () => {
    vi.useFakeTimers();
    const { sent, sink } = recorder();
    const f = new Fanout(sink, DEFAULT_FANOUT);
    const room = roomWith(100);
    for (let clock = 1; clock <= 20; clock++) f.awareness(room, [{ clientId: 7, clock, state: { x: clock } }], "s1");
    f.awareness(room, [{ clientId: 8, clock: 1, state: null }], "s2");
    vi.advanceTimersByTime(200);
    expect(sent).toEqual([{ kind: "awareness", payload: [{ clientId: 7, clock: 20, state: { x: 20 } }, { clientId: 8, clock: 1, state: null }], except: undefined }]);
  });

  it("a window holding one update sends it without its sender", () => {
    vi.useFakeTimers();
    const { sent, sink } = recorder();
    const f = new Fanout(sink, DEFAULT_FANOUT);
    f.update(roomWith(100), edit(new Y.Doc(), "a", 1), "s9");
    vi.advanceTimersByTime(25);
    expect(sent).toMatchObject([{ kind: "update", except: "s9" }]);
  });
});
