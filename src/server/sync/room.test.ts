import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BoardRoom } from "./room";
import { checkUpdateShape } from "./validateUpdate";
import { decodeAwareness, decodeMessage, encodeAwarenessEntries, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from "./messages";
import { Strikes, TokenBucket } from "./guard";

const info = { boardId: "b1", sessionId: "s1", name: "main" };

function noteUpdate(id: string, text: string, from?: Y.Doc): { doc: Y.Doc; update: Uint8Array } {
  const doc = from ?? new Y.Doc();
  const before = Y.encodeStateVector(doc);
  const n = new Y.Map<unknown>();
  n.set("text", new Y.Text(text));
  n.set("x", 10);
  doc.getMap("notes").set(id, n);
  return { doc, update: Y.encodeStateAsUpdate(doc, before) };
}

describe("BoardRoom.applyClientUpdate", () => {
  it("applies a valid update and returns what was new", () => {
    const room = new BoardRoom(info, [], 0);
    const { update } = noteUpdate("n1", "Mobilité");
    const r = room.applyClientUpdate(update, "a");
    expect(r.ok).toBe(true);
    expect(r.ok && r.effective).toBeInstanceOf(Uint8Array);
    expect(((room.doc.getMap("notes").get("n1") as Y.Map<unknown>).get("text") as Y.Text).toString()).toBe("Mobilité");
  });

  it("reports nothing new for an update it already has", () => {
    const room = new BoardRoom(info, [], 0);
    const { update } = noteUpdate("n1", "x");
    room.applyClientUpdate(update, "a");
    const again = room.applyClientUpdate(update, "b");
    expect(again).toEqual({ ok: true, effective: null });
  });

  it("rejects bytes that are not a Yjs update and leaves the document untouched", () => {
    const room = new BoardRoom(info, [], 0);
    room.applyClientUpdate(noteUpdate("n1", "garde").update, "a");
    const before = Y.encodeStateAsUpdate(room.doc);
    for (const junk of [new Uint8Array([1, 2, 3, 4, 5]), new Uint8Array([0xff, 0xff, 0xff, 0xff]), new Uint8Array(0)]) {
      const r = room.applyClientUpdate(junk, "evil");
      if (junk.length === 0) continue; // an empty buffer may decode as nothing; it must not change anything either
      expect(r.ok).toBe(false);
    }
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
  });

  it("rejects truncated updates", () => {
    const room = new BoardRoom(info, [], 0);
    const { update } = noteUpdate("n1", "un texte assez long pour être coupé");
    let rejected = 0;
    for (let cut = 1; cut < update.length - 1; cut += 3) {
      const r = room.applyClientUpdate(update.slice(0, cut), "evil");
      if (!r.ok) rejected++;
    }
    expect(rejected).toBeGreaterThan(0);
    // Whatever was refused or partially pending, a full valid update still applies cleanly.
    const ok = room.applyClientUpdate(update, "a");
    expect(ok.ok).toBe(true);
    expect(room.doc.getMap("notes").has("n1")).toBe(true);
  });

  it("rejects updates that create root types a board does not have", () => {
    const doc = new Y.Doc();
    doc.getMap("secrets").set("k", "v");
    const update = Y.encodeStateAsUpdate(doc);
    expect(checkUpdateShape(update).ok).toBe(false);
    const room = new BoardRoom(info, [], 0);
    const r = room.applyClientUpdate(update, "evil");
    expect(r).toMatchObject({ ok: false, code: "invalid_update" });
    expect(room.doc.share.has("secrets")).toBe(false);
  });

  it("accepts a free board's clusters and meta roots next to its notes; other roots stay refused", () => {
    const room = new BoardRoom(info, [], 0);
    const { doc, update } = noteUpdate("n1", "Permis");
    room.applyClientUpdate(update, "a");
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      const c = new Y.Map<unknown>();
      c.set("name", "Mobilité");
      doc.getMap("clusters").set("c1", c);
      (doc.getMap("notes").get("n1") as Y.Map<unknown>).set("clusterId", "c1");
      doc.getMap("meta").set("title", "Nos compétences");
    });
    expect(room.applyClientUpdate(Y.encodeStateAsUpdate(doc, before), "a").ok).toBe(true);
    expect((room.doc.getMap("clusters").get("c1") as Y.Map<unknown>).get("name")).toBe("Mobilité");
    expect(room.doc.getMap("meta").get("title")).toBe("Nos compétences");
    const rogue = new Y.Doc();
    rogue.getMap("clusterz").set("c", 1);
    expect(room.applyClientUpdate(Y.encodeStateAsUpdate(rogue), "evil")).toMatchObject({ ok: false, code: "invalid_update" });
  });

  it("loads from stored chunks", () => {
    const { doc, update } = noteUpdate("n1", "a");
    const second = noteUpdate("n2", "b", doc).update;
    const room = new BoardRoom(info, [update, second], 2);
    expect(room.doc.getMap("notes").size).toBe(2);
    expect(room.logLength).toBe(2);
  });
});

describe("awareness", () => {
  it("replaces the user field with the server's identity so nobody can pose as someone else", () => {
    const room = new BoardRoom(info, [], 0);
    const out = room.acceptAwareness("sock1", [{ clientId: 1, clock: 1, state: { user: { name: "Directrice" }, focus: "n1" } }], { id: "p1", name: "Awa", role: "participant" });
    expect(out[0].state).toEqual({ user: { id: "p1", name: "Awa", role: "participant" }, focus: "n1" });
  });

  it("refuses entries for a client id owned by another socket", () => {
    const room = new BoardRoom(info, [], 0);
    room.acceptAwareness("sock1", [{ clientId: 1, clock: 1, state: { focus: "a" } }], { id: "p1", name: "A", role: "participant" });
    const out = room.acceptAwareness("sock2", [{ clientId: 1, clock: 2, state: null }], { id: "p2", name: "B", role: "participant" });
    expect(out).toEqual([]);
    expect(room.awarenessSnapshot()).toHaveLength(1);
  });

  it("drops a socket's states when it leaves", () => {
    const room = new BoardRoom(info, [], 0);
    room.sockets.add("sock1");
    room.acceptAwareness("sock1", [{ clientId: 9, clock: 3, state: { focus: "a" } }], { id: "p1", name: "A", role: "participant" });
    expect(room.dropSocket("sock1")).toEqual([{ clientId: 9, clock: 4, state: null }]);
    expect(room.awarenessSnapshot()).toEqual([]);
  });

  it("ignores oversized states", () => {
    const room = new BoardRoom(info, [], 0);
    const out = room.acceptAwareness("s", [{ clientId: 1, clock: 1, state: { blob: "x".repeat(5000) } }], { id: "p", name: "A", role: "participant" });
    expect(out).toEqual([]);
  });
});

describe("message framing", () => {
  it("round-trips sync and awareness messages", () => {
    const sv = new Uint8Array([1, 2, 3]);
    expect(decodeMessage(encodeSyncStep1(sv))).toEqual({ kind: "sync-step1", stateVector: sv });
    expect(decodeMessage(encodeSyncStep2(sv))).toEqual({ kind: "sync-step2", update: sv });
    expect(decodeMessage(encodeUpdate(sv))).toEqual({ kind: "update", update: sv });
    const entries = [{ clientId: 5, clock: 2, state: { a: 1 } }, { clientId: 6, clock: 1, state: null }];
    expect(decodeAwareness(encodeAwarenessEntries(entries))).toEqual(entries);
  });

  it("rejects unknown types, trailing bytes and truncation", () => {
    expect(decodeMessage(new Uint8Array([7, 0]))).toBeNull();
    expect(decodeMessage(new Uint8Array([0, 9, 0]))).toBeNull();
    const good = encodeUpdate(new Uint8Array([1, 2, 3]));
    expect(decodeMessage(new Uint8Array([...good, 0]))).toBeNull();
    expect(decodeMessage(good.slice(0, good.length - 1))).toBeNull();
    expect(decodeMessage(new Uint8Array(0))).toBeNull();
  });

  it("rejects awareness that is not JSON objects", () => {
    const e = encodeAwarenessEntries([{ clientId: 1, clock: 1, state: null }]);
    expect(decodeAwareness(e.slice(0, e.length - 1))).toBeNull();
    // a JSON array where an object is expected
    const arr = encodeAwarenessEntries([{ clientId: 1, clock: 1, state: [1] as unknown as Record<string, unknown> }]);
    expect(decodeAwareness(arr)).toBeNull();
  });
});

describe("connection guards", () => {
  it("a token bucket lets bursts through then refills at its rate", () => {
    const b = new TokenBucket(10, 20, 0);
    let passed = 0;
    for (let i = 0; i < 50; i++) if (b.take(0)) passed++;
    expect(passed).toBe(20);
    expect(b.take(50)).toBe(false);
    expect(b.take(100)).toBe(true); // 100 ms at 10/s = 1 token
  });

  it("strikes cut off after the limit within the window, and forget old ones", () => {
    const s = new Strikes(3, 1000);
    expect(s.add(0)).toBe(false);
    expect(s.add(10)).toBe(false);
    expect(s.add(2000)).toBe(false); // the first two expired
    expect(s.add(2001)).toBe(false);
    expect(s.add(2002)).toBe(true);
  });
});

describe("BoardRoom: updates that build on what the room never accepted", () => {
  it("refuses an update whose earlier part was refused, instead of keeping it pending and acknowledging it", () => {
    const room = new BoardRoom(info, [], 0);
    const client = new Y.Doc();
    const first = noteUpdate("n1", "refusée", client).update;
    // The room refuses the first edit (here: a judge that says no), the client keeps it...
    const refused = room.applyClientUpdate(first, "a", { allowedRoots: ["notes"], actorId: "a", judge: () => ({ ok: false, code: "not_in_this_step", message: "no" }) });
    expect(refused).toMatchObject({ ok: false });
    // ...and its next edit depends on it: refused too, and nothing is left waiting in the room.
    const second = noteUpdate("n2", "suivante", client).update;
    expect(room.applyClientUpdate(second, "a")).toMatchObject({ ok: false, code: "missing_dependency" });
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(room.doc.getMap("notes").size).toBe(0);
    // A fresh document (what the room UI opens after a refusal) writes again.
    expect(room.applyClientUpdate(noteUpdate("n3", "nouvelle").update, "b")).toMatchObject({ ok: true });
    expect([...room.doc.getMap("notes").keys()]).toEqual(["n3"]);
  });

  it("refuses a deletion of something the room never had", () => {
    const room = new BoardRoom(info, [], 0);
    const client = new Y.Doc();
    noteUpdate("n1", "jamais reçue", client);
    const before = Y.encodeStateVector(client);
    client.getMap("notes").delete("n1");
    const deletion = Y.encodeStateAsUpdate(client, before);
    expect(room.applyClientUpdate(deletion, "a")).toMatchObject({ ok: false, code: "missing_dependency" });
    expect(room.doc.store.pendingDs).toBeNull();
  });
});

describe("orphan updates", () => {
  it("an update starting past what the board has of its writer is refused before it is applied", () => {
    const first = noteUpdate("n1", "un");
    const second = noteUpdate("n2", "deux", first.doc);
    const known = (client: number) => (client === first.doc.clientID ? 0 : 0);
    expect(checkUpdateShape(second.update, undefined, known)).toMatchObject({ ok: false, missing: true });
    expect(checkUpdateShape(first.update, undefined, known)).toEqual({ ok: true });
  });
});

describe("BoardRoom: a refused update is rolled back to the last good state", () => {
  // inspect, not judge: these notes are bare (no author), and the point is the rollback.
  const no = { allowedRoots: ["notes", "meta"], actorId: "a", inspect: () => ({ ok: false as const, code: "not_in_this_step" as const, message: "no" }) };
  const texts = (room: BoardRoom) =>
    [...room.doc.getMap<Y.Map<unknown>>("notes").entries()].map(([id, n]) => `${id}=${(n.get("text") as Y.Text).toString()}`).sort();

  it("keeps every accepted edit, before and after a checkpoint, and drops only the refused one", () => {
    const room = new BoardRoom(info, [noteUpdate("n0", "chargée").update], 0);
    const writer = new Y.Doc();
    // 300 accepted edits: more than one checkpoint's worth, so the rollback replays both parts.
    for (let k = 0; k < 300; k++) {
      const before = Y.encodeStateVector(writer);
      writer.getMap("notes").set(`w${k % 7}`, (() => { const m = new Y.Map<unknown>(); m.set("text", new Y.Text(`v${k}`)); return m; })());
      expect(room.applyClientUpdate(Y.encodeStateAsUpdate(writer, before), "w")).toMatchObject({ ok: true });
    }
    const expected = texts(room);
    const docBefore = room.doc;
    expect(room.applyClientUpdate(noteUpdate("bad", "refusée").update, "x", no)).toMatchObject({ ok: false, code: "not_in_this_step" });
    expect(room.doc).not.toBe(docBefore);
    expect(texts(room)).toEqual(expected);
    expect(texts(room)).toContain("n0=chargée");
    expect(texts(room)).toContain("w6=v293");
    // The writer goes on from where it was: the rebuilt document knows all it wrote.
    const before = Y.encodeStateVector(writer);
    writer.getMap<Y.Map<unknown>>("notes").delete("w0");
    expect(room.applyClientUpdate(Y.encodeStateAsUpdate(writer, before), "w")).toMatchObject({ ok: true });
    expect(texts(room).some((t) => t.startsWith("w0="))).toBe(false);
  });

  it("a judge sees the update's transaction on the board itself, and an update that throws leaves nothing", () => {
    const room = new BoardRoom(info, [noteUpdate("n0", "là").update], 0);
    let seen = 0;
    const looks = { allowedRoots: ["notes"], actorId: "a", inspect: (doc: Y.Doc) => ((seen = doc === room.doc ? doc.getMap("notes").size : -1), { ok: true as const }) };
    expect(room.applyClientUpdate(noteUpdate("n1", "deux").update, "a", looks)).toMatchObject({ ok: true });
    expect(seen).toBe(2);
    const throws = { allowedRoots: ["notes"], actorId: "a", inspect: (): { ok: true } => { throw new Error("boom"); } };
    expect(room.applyClientUpdate(noteUpdate("n2", "trois").update, "a", throws)).toMatchObject({ ok: false, code: "invalid_update" });
    expect(texts(room)).toEqual(["n0=là", "n1=deux"]);
  });

  it("trusted updates from another process waiting for their dependency survive a rollback", () => {
    const room = new BoardRoom(info, [], 0);
    const other = new Y.Doc();
    const first = noteUpdate("p1", "un", other).update;
    const second = noteUpdate("p2", "deux", other).update;
    // The second arrives first: it waits in the document.
    expect(room.mergeTrusted(second)).toBeNull();
    expect(room.applyClientUpdate(noteUpdate("bad", "refusée").update, "x", no)).toMatchObject({ ok: false });
    expect(room.mergeTrusted(first)).not.toBeNull();
    expect(texts(room)).toEqual(["p1=un", "p2=deux"]);
  });

  it("server changes are part of the good state", () => {
    const room = new BoardRoom(info, [noteUpdate("n0", "a").update], 0);
    room.applyServerChange((doc) => doc.getMap("meta").set("revealed", true));
    room.applyClientUpdate(noteUpdate("bad", "refusée").update, "x", no);
    expect(room.doc.getMap("meta").get("revealed")).toBe(true);
  });
});
