// Votes, anonymity and moderation against a real server: crafted commands and crafted Yjs
// updates from real sockets, what a second participant's socket actually receives, and the
// moderation queue across a restart. Rule ids: src/domain/SPEC.md (V, A, Q).
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Events, type ErrorEvent, type ToolsStateEvent } from "../../src/protocol/index.ts";
import { BoardConnection } from "../../src/client/boardConnection.ts";
import { createSession, joinSession, removeDir, startServer, tempDir } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { addNote, waitFor, withTimeout } from "../helpers/clients.ts";

const server = useServer();
type Ack = { ok: boolean; code?: string; message?: string };

/** A board connection that also records tools states, refusals and every raw frame received. */
class Member {
  tools: ToolsStateEvent[] = [];
  errors: ErrorEvent[] = [];
  /** Everything the socket received, as text (binary frames as latin1), to search for leaks. */
  wire: string[] = [];
  private constructor(readonly conn: BoardConnection, readonly id: string) {
    conn.socket.on(Events.toolsState, (s: ToolsStateEvent) => this.tools.push(s));
    conn.on("error", (e) => this.errors.push(e));
    conn.socket.onAny((event: string, ...args: unknown[]) => {
      // Presence is public by design (who is in the room); everything else is searched.
      if (event === Events.presence) return;
      for (const a of args) this.wire.push(a instanceof Uint8Array || a instanceof ArrayBuffer ? Buffer.from(a as Uint8Array).toString("latin1") : JSON.stringify(a));
    });
  }
  static async join(url: string, code: string, token: string, id: string): Promise<Member> {
    const conn = new BoardConnection({ url, code, token, reconnectionDelay: 100, reconnectionDelayMax: 500 });
    const m = new Member(conn, id);
    await withTimeout(conn.whenSynced(), 10_000, "sync");
    await waitFor(() => m.tools.length > 0, 10_000, "first tools state");
    return m;
  }
  get state(): ToolsStateEvent {
    return this.tools[this.tools.length - 1];
  }
  async command(cmd: unknown): Promise<Ack> {
    const before = this.state.version;
    const ack = await withTimeout(new Promise<Ack>((resolve) => this.conn.socket.emit(Events.toolsCommand, cmd, resolve)), 5000, "ack");
    if (ack.ok) await waitFor(() => this.state.version > before, 5000, "state after command").catch(() => {});
    return ack;
  }
  until(pred: (s: ToolsStateEvent) => boolean, what: string): Promise<void> {
    return waitFor(() => this.tools.length > 0 && pred(this.state), 5000, what);
  }
  close(): void {
    this.conn.destroy();
  }
}

async function room(url: string, names: string[]) {
  const session = await createSession(url, "Atelier votes");
  const fac = await Member.join(url, session.code, session.facilitatorToken, session.participantId);
  const people: Member[] = [];
  for (const n of names) {
    const j = await joinSession(url, session.code, n);
    people.push(await Member.join(url, session.code, j.token, j.participantId));
  }
  return { session, fac, people };
}

const open: Member[] = [];
afterAll(() => open.forEach((m) => m.close()));

async function notesOnBoard(fac: Member, ids: string[]) {
  for (const id of ids) addNote(fac.conn.doc, id, `note ${id}`);
  await withTimeout(fac.conn.whenSaved(), 5000, "notes saved");
}

describe("dot voting over tools:command", () => {
  it("V11, V3, V4: budgets and per-item maximums hold against crafted concurrent commands", async () => {
    const { fac, people } = await room(server.url, ["Awa", "Ben"]);
    open.push(fac, ...people);
    const [awa, ben] = people;
    await notesOnBoard(fac, ["n1", "n2", "n3"]);
    expect(await awa.command({ type: "voteOpen", targets: "notes", budgetPerParticipant: 3, maxPerItem: 2, reveal: "onReveal" })).toMatchObject({ ok: false, code: "not_facilitator" });
    expect(await fac.command({ type: "voteOpen", targets: "notes", budgetPerParticipant: 3, maxPerItem: 2, reveal: "onReveal" })).toEqual({ ok: true });
    await awa.until((s) => s.vote.status === "open", "vote open for Awa");
    expect([...(awa.state.vote.config?.items ?? [])].sort()).toEqual(["n1", "n2", "n3"]);

    // Ten casts at once, bypassing any UI: exactly the budget gets through.
    const acks = await Promise.all(Array.from({ length: 10 }, (_, i) => awa.command({ type: "voteCast", itemId: i < 5 ? "n1" : "n2" })));
    expect(acks.filter((a) => a.ok).length).toBe(3);
    expect(new Set(acks.filter((a) => !a.ok).map((a) => a.code))).toEqual(new Set(["item_max_reached", "budget_exhausted"].filter((c) => acks.some((a) => a.code === c))));
    await awa.until((s) => s.vote.remaining === 0, "budget spent");
    expect(awa.state.vote.mine.reduce((n, m) => n + m.dots, 0)).toBe(3);
    for (const m of awa.state.vote.mine) expect(m.dots).toBeLessThanOrEqual(2);

    expect(await ben.command({ type: "voteCast", itemId: "n1" })).toEqual({ ok: true });
    expect(await ben.command({ type: "voteCast", itemId: "n1" })).toEqual({ ok: true });
    expect(await ben.command({ type: "voteCast", itemId: "n1" })).toMatchObject({ ok: false, code: "item_max_reached" });
    expect(await ben.command({ type: "voteCast", itemId: "nope" })).toMatchObject({ ok: false, code: "unknown_item" });
    expect(await ben.command({ type: "voteCast", itemId: "n3" })).toEqual({ ok: true });
    expect(await ben.command({ type: "voteRetract", itemId: "n3" })).toEqual({ ok: true });
    expect(await ben.command({ type: "voteCast", itemId: 42 })).toMatchObject({ ok: false, code: "bad_request" });
    expect(await fac.command({ type: "voteCast", itemId: "n1" })).toMatchObject({ ok: false, code: "facilitator_does_not_vote" });
  });

  it("V5, V8: before the reveal participants' sockets receive no counts and no voter ids; after it, sorted results with ties", async () => {
    const { fac, people } = await room(server.url, ["Awa", "Ben", "Chloé"]);
    open.push(fac, ...people);
    const [awa, ben, chloe] = people;
    await notesOnBoard(fac, ["n1", "n2", "n3"]);
    await fac.command({ type: "voteOpen", targets: "notes", budgetPerParticipant: 2, maxPerItem: 1, reveal: "onReveal" });
    await awa.until((s) => s.vote.status === "open", "open");
    const mark = ben.wire.length;
    await awa.command({ type: "voteCast", itemId: "n2" });
    await awa.command({ type: "voteCast", itemId: "n3" });
    await ben.command({ type: "voteCast", itemId: "n2" });
    await chloe.command({ type: "voteCast", itemId: "n3" });
    await ben.until((s) => s.vote.dotsCast === 4, "all dots counted");
    // On the wire: no counts for a participant, never anyone's id.
    expect(ben.state.vote.results).toBeNull();
    const seen = ben.wire.slice(mark).join("\n");
    expect(seen).not.toContain(awa.id);
    expect(seen).not.toContain(chloe.id);
    expect(seen).not.toMatch(/"votes":/);
    expect(fac.state.vote.results?.slice(0, 2).map((r) => r.votes)).toEqual([2, 2]);

    expect(await awa.command({ type: "voteReveal" })).toMatchObject({ ok: false, code: "not_facilitator" });
    expect(await fac.command({ type: "voteReveal" })).toEqual({ ok: true });
    await ben.until((s) => s.vote.results !== null, "revealed");
    const results = ben.state.vote.results!;
    expect(results.map((r) => [r.itemId, r.votes, r.rank, r.tied])).toEqual([
      ["n2", 2, 1, true],
      ["n3", 2, 1, true],
      ["n1", 0, 3, false],
    ]);
    expect(ben.wire.slice(mark).join("\n")).not.toContain(awa.id);
    expect(await fac.command({ type: "voteClose" })).toEqual({ ok: true });
    expect(await ben.command({ type: "voteCast", itemId: "n1" })).toMatchObject({ ok: false, code: "vote_not_open" });
  });
});

describe("anonymous board", () => {
  it("A8, A5, A6: another participant never receives an anonymous note's author nor anyone's awareness, and a crafted authorId is refused", async () => {
    const { session, fac, people } = await room(server.url, ["Awa", "Ben"]);
    open.push(fac, ...people);
    const [awa, ben] = people;
    expect(await awa.command({ type: "setAnonymous", anonymous: true })).toMatchObject({ ok: false, code: "not_facilitator" });
    // A note written before anonymity loses its author when it starts.
    addNote(awa.conn.doc, "before", "écrit avant");
    awa.conn.doc.transact(() => (awa.conn.doc.getMap("notes").get("before") as Y.Map<unknown>).set("authorId", awa.id));
    await withTimeout(awa.conn.whenSaved(), 5000, "saved");
    awa.conn.awareness.setLocalState({ focus: "before", editing: true });
    await waitFor(() => [...ben.conn.awareness.getStates().values()].some((s) => s.focus === "before"), 5000, "focus seen before anonymity");

    expect(await fac.command({ type: "setAnonymous", anonymous: true })).toEqual({ ok: true });
    await ben.until((s) => s.anonymous, "anonymous");
    await waitFor(() => !(ben.conn.doc.getMap("notes").get("before") as Y.Map<unknown>).has("authorId"), 5000, "author removed");
    await waitFor(() => [...ben.conn.awareness.getStates().keys()].every((id) => id === ben.conn.clientId), 5000, "awareness removed");

    // Crafted: a note with authorId, then authorName on an existing note: both refused.
    const mark = ben.wire.length;
    const crafted = await Member.join(server.url, session.code, (await joinSession(server.url, session.code, "Dan")).token, "dan");
    open.push(crafted);
    crafted.conn.doc.transact(() => {
      addNote(crafted.conn.doc, "crafted", "avec auteur");
      (crafted.conn.doc.getMap("notes").get("crafted") as Y.Map<unknown>).set("authorId", awa.id);
    });
    await waitFor(() => crafted.errors.some((e) => e.code === "author_in_anonymous_board"), 5000, "refusal");

    // The honest way: no author field, a fresh Yjs client id; typing with focus in awareness.
    awa.conn.doc.clientID = 123456789;
    addNote(awa.conn.doc, "anon", "Sans permis, pas de chantier");
    awa.conn.awareness.setLocalState({ focus: "anon", editing: true });
    await withTimeout(awa.conn.whenSaved(), 5000, "saved");
    await waitFor(() => ben.conn.doc.getMap("notes").has("anon"), 5000, "note reached Ben");
    await new Promise((r) => setTimeout(r, 200));
    const seen = ben.wire.slice(mark).join("\n");
    expect(seen).toContain("Sans permis");
    expect(seen).not.toContain(awa.id);
    expect(seen).not.toMatch(/authorId|authorName/);
    expect(seen).not.toMatch(/"focus"|"user"/);
    expect([...ben.conn.awareness.getStates().keys()].every((id) => id === ben.conn.clientId)).toBe(true);
    expect(ben.conn.doc.getMap("notes").has("crafted")).toBe(false);
    // A late joiner's whole document holds no author either.
    const late = await Member.join(server.url, session.code, (await joinSession(server.url, session.code, "Eve")).token, "eve");
    open.push(late);
    expect(Buffer.from(Y.encodeStateAsUpdate(late.conn.doc)).toString("latin1")).not.toContain(awa.id);
  });
});

describe("moderated board", () => {
  it("Q5, Q2, Q6, Q4: a direct note is refused; approve and reveal write it for everyone; the queue survives a restart", async () => {
    const dataDir = tempDir();
    const own = await startServer({ dataDir });
    try {
      const { session, fac, people } = await room(own.url, ["Awa", "Ben"]);
      const [awa, ben] = people;
      expect(await fac.command({ type: "setModerated", moderated: true })).toEqual({ ok: true });
      await awa.until((s) => s.moderation.enabled, "moderated");

      addNote(awa.conn.doc, "direct", "écrit en direct");
      await waitFor(() => awa.errors.some((e) => e.code === "moderated"), 5000, "direct write refused");
      expect(await awa.command({ type: "submitNote", id: "q1", text: "  " })).toMatchObject({ ok: false, code: "text_required" });
      expect(await awa.command({ type: "submitNote", id: "q1", text: "Transport : horaires décalés" })).toEqual({ ok: true });
      expect(await awa.command({ type: "submitNote", id: "q2", text: "Garde d'enfants" })).toEqual({ ok: true });
      await awa.until((s) => s.moderation.mine.length === 2, "Awa sees her pending notes");
      await ben.until((s) => s.moderation.waiting === 2, "Ben knows two wait");
      expect(ben.state.moderation.mine).toEqual([]);
      expect(JSON.stringify(ben.tools)).not.toContain("Transport");
      await fac.until((s) => s.moderation.queue?.length === 2, "queue");
      expect(fac.state.moderation.queue?.[0]).toMatchObject({ id: "q1", authorId: awa.id, status: "pending" });
      expect(fac.state.authors[awa.id]).toBe("Awa");
      expect(await ben.command({ type: "approveNote", noteId: "q1" })).toMatchObject({ ok: false, code: "not_facilitator" });
      expect(await fac.command({ type: "approveNote", noteId: "q1" })).toEqual({ ok: true });
      expect(await fac.command({ type: "revealNote", noteId: "q1" })).toEqual({ ok: true });
      await waitFor(() => ben.conn.doc.getMap("notes").has("q1"), 5000, "revealed note reached Ben");
      expect(String((ben.conn.doc.getMap("notes").get("q1") as Y.Map<unknown>).get("text"))).toBe("Transport : horaires décalés");
      expect(ben.conn.doc.getMap("notes").has("q2")).toBe(false);
      await awa.until((s) => s.moderation.mine.length === 1, "q1 left Awa's pending list");
      for (const m of [fac, awa, ben]) m.close();

      await own.stop();
      const again = await startServer({ dataDir });
      try {
        const fac2 = await Member.join(again.url, session.code, session.facilitatorToken, session.participantId);
        expect(fac2.state.moderation.enabled).toBe(true);
        expect(fac2.state.moderation.queue?.map((e) => [e.id, e.status])).toEqual([["q2", "pending"]]);
        expect(fac2.conn.doc.getMap("notes").has("q1")).toBe(true);
        expect(await fac2.command({ type: "approveNote", noteId: "q2" })).toEqual({ ok: true });
        expect(await fac2.command({ type: "revealAll" })).toEqual({ ok: true });
        await waitFor(() => fac2.conn.doc.getMap("notes").has("q2"), 5000, "q2 revealed after restart");
        fac2.close();
      } finally {
        await again.stop();
      }
    } finally {
      removeDir(dataDir);
    }
  });
});

describe("polls", () => {
  it("O5, O3, O4, O9: results only for the facilitator until the reveal, one answer each (changeable), nobody's choice on the wire", async () => {
    const { fac, people } = await room(server.url, ["Awa", "Ben", "Chloé"]);
    open.push(fac, ...people);
    const [awa, ben, chloe] = people;
    const poll = { id: "p1", kind: "choice", question: "Quel frein rencontrez-vous le plus ?", options: [{ id: "mob", label: "Mobilité" }, { id: "log", label: "Logement" }, { id: "sante", label: "Santé" }] };
    expect(await awa.command({ type: "pollLaunch", poll })).toMatchObject({ ok: false, code: "not_facilitator" });
    expect(await fac.command({ type: "pollLaunch", poll })).toEqual({ ok: true });
    await awa.until((s) => s.poll.status === "open", "poll open for Awa");
    expect(awa.state.poll.poll?.stepId).toBeNull();

    const mark = ben.wire.length;
    expect(await awa.command({ type: "pollAnswer", answer: { kind: "choice", optionIds: ["mob"] } })).toEqual({ ok: true });
    expect(await awa.command({ type: "pollAnswer", answer: { kind: "choice", optionIds: ["log"] } })).toEqual({ ok: true }); // changed her mind
    expect(await ben.command({ type: "pollAnswer", answer: { kind: "choice", optionIds: ["log"] } })).toEqual({ ok: true });
    expect(await chloe.command({ type: "pollAnswer", answer: { kind: "choice", optionIds: ["mob", "log"] } })).toMatchObject({ ok: false, code: "bad_answer" });
    expect(await chloe.command({ type: "pollAnswer", answer: { kind: "choice", optionIds: ["sante"] } })).toEqual({ ok: true });
    expect(await fac.command({ type: "pollAnswer", answer: { kind: "choice", optionIds: ["mob"] } })).toMatchObject({ ok: false, code: "facilitator_does_not_answer" });
    expect(await ben.command({ type: "pollAnswer", answer: { kind: "scale", value: "5" } })).toMatchObject({ ok: false, code: "bad_request" });

    await fac.until((s) => s.poll.respondents === 3, "three respondents for the facilitator");
    expect(fac.state.poll.results).toMatchObject({ kind: "choice" });
    await ben.until((s) => s.poll.respondents === 3, "Ben sees the count");
    expect(ben.state.poll.results).toBeNull();
    expect(ben.state.poll.mine).toEqual({ kind: "choice", optionIds: ["log"] });
    // Nothing Ben received before the reveal carries the counts or anyone's participant id.
    const before = ben.wire.slice(mark).join("\n");
    expect(before).not.toContain('"count"');
    expect(before).not.toContain(awa.id);
    expect(before).not.toContain(chloe.id);

    expect(await fac.command({ type: "pollReveal" })).toEqual({ ok: true });
    await ben.until((s) => s.poll.results !== null, "results revealed to Ben");
    const text = JSON.stringify(ben.state.poll.results);
    expect(text).not.toContain(awa.id);
    expect(ben.state.poll.results).toMatchObject({ kind: "choice" });

    // A word cloud next: the choice poll is closed and archived, answers start afresh.
    expect(await fac.command({ type: "pollClose" })).toEqual({ ok: true });
    expect(await ben.command({ type: "pollAnswer", answer: { kind: "choice", optionIds: ["mob"] } })).toMatchObject({ ok: false, code: "poll_not_open" });
    expect(await fac.command({ type: "pollLaunch", poll: { id: "p2", kind: "words", question: "Un mot pour cette journée ?", results: "live" } })).toEqual({ ok: true });
    await awa.until((s) => s.poll.poll?.id === "p2", "second poll");
    for (const [m, w] of [[awa, "Confiance"], [ben, "confiance"], [chloe, "Réseau"]] as const) expect(await m.command({ type: "pollAnswer", answer: { kind: "words", words: [w] } })).toEqual({ ok: true });
    await awa.until((s) => s.poll.respondents === 3 && s.poll.results !== null, "live word cloud");
    expect(JSON.stringify(awa.state.poll.results)).toContain("onfiance");
  });
});
