import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BoardRoom } from "../sync/room.ts";
import { clusterIds, judgeNoteWrites, stripNoteAuthors, writeRevealedNotes, noteIds } from "./boardDoc.ts";
import { applyTools, INITIAL_TOOLS, toolsView } from "./state.ts";

function noteUpdate(base: Y.Doc, id: string, fields: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(doc);
  doc.transact(() => {
    const existing = doc.getMap("notes").get(id);
    const note: Y.Map<unknown> = existing instanceof Y.Map ? (existing as Y.Map<unknown>) : new Y.Map<unknown>();
    if (!(existing instanceof Y.Map)) doc.getMap("notes").set(id, note);
    for (const [k, v] of Object.entries(fields)) note.set(k, k === "text" ? new Y.Text(String(v)) : v);
  });
  return Y.encodeStateAsUpdate(doc, sv);
}

function roomWith(): BoardRoom {
  return new BoardRoom({ boardId: "b", sessionId: "s", name: "main" }, [], 0);
}
const guard = (anonymous: boolean, noCreate: boolean) => ({ allowedRoots: ["notes", "clusters"], actorId: "awa", inspect: (d: Y.Doc, tr: Y.Transaction) => judgeNoteWrites(d, tr, { anonymous, noCreate }) });

describe("board tools on the server's board", () => {
  it("A8: in an anonymous board a note written with authorId or authorName is refused; without, accepted", () => {
    const room = roomWith();
    expect(room.applyClientUpdate(noteUpdate(room.doc, "n1", { text: "x", authorId: "awa" }), "s1", guard(true, false))).toMatchObject({ ok: false, code: "author_in_anonymous_board" });
    expect(room.applyClientUpdate(noteUpdate(room.doc, "n1", { text: "x", x: 1 }), "s1", guard(true, false))).toMatchObject({ ok: true });
    expect(room.applyClientUpdate(noteUpdate(room.doc, "n1", { authorName: "Awa" }), "s1", guard(true, false))).toMatchObject({ ok: false, code: "author_in_anonymous_board" });
    expect(room.applyClientUpdate(noteUpdate(room.doc, "n1", { x: 40 }), "s1", guard(true, false))).toMatchObject({ ok: true });
    expect(JSON.stringify(room.doc.getMap("notes").toJSON())).not.toMatch(/author/);
  });

  it("Q5: in a moderated board a participant's new note is refused, edits of existing notes are not", () => {
    const room = roomWith();
    room.applyClientUpdate(noteUpdate(room.doc, "n1", { text: "x" }), "fac", guard(false, false));
    expect(room.applyClientUpdate(noteUpdate(room.doc, "n2", { text: "y" }), "s1", guard(false, true))).toMatchObject({ ok: false, code: "moderated" });
    expect(room.applyClientUpdate(noteUpdate(room.doc, "n1", { x: 60 }), "s1", guard(false, true))).toMatchObject({ ok: true });
    expect(noteIds(room.doc)).toEqual(["n1"]);
  });

  it("V12: notes are listed in reading order, clusters as shown", () => {
    const room = roomWith();
    room.applyClientUpdate(noteUpdate(room.doc, "b", { text: "x", x: 300, y: 20 }), "f", guard(false, false));
    room.applyClientUpdate(noteUpdate(room.doc, "a", { text: "x", x: 20, y: 400, clusterId: "c1" }), "f", guard(false, false));
    room.applyClientUpdate(noteUpdate(room.doc, "c", { text: "x", x: 20, y: 20, clusterId: "c1" }), "f", guard(false, false));
    expect(noteIds(room.doc)).toEqual(["c", "b", "a"]);
    room.applyServerChange((doc) => {
      const c = new Y.Map<unknown>();
      doc.getMap("clusters").set("c1", c);
      c.set("name", "Mobilité");
      c.set("order", 1);
    });
    expect(clusterIds(room.doc)).toEqual(["c1"]);
  });

  it("Q6, A8: revealed notes are written by the server (with author only outside anonymity); switching anonymity on strips existing authors", () => {
    const room = roomWith();
    const u = room.applyServerChange((doc) => writeRevealedNotes(doc, [{ id: "p1", authorId: "awa", text: "Mobilité", color: "green", submittedAt: 0, status: "revealed" }], false, 5));
    expect(u).not.toBeNull();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, u!);
    expect((copy.getMap("notes").get("p1") as Y.Map<unknown>).get("authorId")).toBe("awa");
    const strip = room.applyServerChange((doc) => stripNoteAuthors(doc));
    Y.applyUpdate(copy, strip!);
    expect(JSON.stringify(copy.getMap("notes").toJSON())).not.toContain("awa");
    expect(Buffer.from(Y.encodeStateAsUpdate(room.doc)).toString("latin1")).not.toContain("awa");
    room.applyServerChange((doc) => writeRevealedNotes(doc, [{ id: "p2", authorId: "ben", text: "Logement", color: "yellow", submittedAt: 0, status: "revealed" }], true, 5));
    expect(Buffer.from(Y.encodeStateAsUpdate(room.doc)).toString("latin1")).not.toContain("ben");
  });

  it("V1, V5: a vote opens on the board's notes; participants get no counts before the reveal, the facilitator does", () => {
    const fac = { id: "fac", role: "facilitator" as const };
    const awa = { id: "awa", role: "participant" as const };
    const board = { items: () => ["n1", "n2"] };
    const opened = applyTools(INITIAL_TOOLS, { type: "voteOpen", targets: "notes", budgetPerParticipant: 3, maxPerItem: 2, reveal: "onReveal" }, fac, 0, board);
    expect(opened.ok).toBe(true);
    const cast = opened.ok ? applyTools(opened.state, { type: "voteCast", itemId: "n2" }, awa, 0, board) : opened;
    if (!cast.ok) throw new Error(cast.code);
    const snap = { sessionId: "s", board: "main", state: cast.state, version: 3 };
    expect(toolsView(snap, awa, false, new Map()).vote).toMatchObject({ results: null, mine: [{ itemId: "n2", dots: 1 }], remaining: 2, dotsCast: 1 });
    expect(toolsView(snap, fac, false, new Map()).vote.results?.[0]).toMatchObject({ itemId: "n2", votes: 1, rank: 1 });
    expect(applyTools(cast.state, { type: "voteOpen", targets: "clusters", budgetPerParticipant: 3, maxPerItem: 2, reveal: "live" }, fac, 0, { items: () => [] })).toMatchObject({ ok: false, code: "vote_already_open" });
    expect(applyTools(INITIAL_TOOLS, { type: "voteOpen", targets: "clusters", budgetPerParticipant: 3, maxPerItem: 2, reveal: "live" }, fac, 0, { items: () => [] })).toMatchObject({ ok: false, code: "nothing_to_vote_on" });
  });

  it("A6: when anonymity starts every awareness state held is removed, to be sent as removals", () => {
    const room = roomWith();
    room.acceptAwareness("s1", [{ clientId: 7, clock: 1, state: { focus: "n1" } }], { id: "awa", name: "Awa", role: "participant" });
    const out = room.redactAwareness(() => null);
    expect(out).toEqual([{ socketId: "s1", entry: { clientId: 7, clock: 2, state: null } }]);
    expect(room.awarenessSnapshot()).toEqual([]);
  });
});
