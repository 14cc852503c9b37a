// Facilitation against a real server: a co-développement séance run over `seance:command`,
// published as `seance:state` to everyone, refused when a participant's program tries what
// only the facilitator may do, kept across a restart; private boards stay private.
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeUpdate as frameUpdate } from "../../src/protocol/framing.ts";
import { io, type Socket } from "socket.io-client";
import {
  Events,
  PROTOCOL_VERSION,
  type CreateSessionResponse,
  type ErrorEvent,
  type MeResponse,
  type PresenceEvent,
  type SeanceStateEvent,
  type SessionSummary,
} from "../../src/protocol/index.ts";
import { openDatabase } from "../../src/server/persistence/database.ts";
import { BoardRepository } from "../../src/server/persistence/boards.ts";
import { createSession, joinSession, removeDir, startServer, tempDir, type ServerHandle } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";

const server = useServer();
const MIN = 60_000;

type Ack = { ok: boolean; code?: string; message?: string };

async function createCodev(url: string, title = "Codev du mardi"): Promise<CreateSessionResponse> {
  const res = await fetch(`${url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title, method: "codev" }) });
  if (res.status !== 201) throw new Error(`create codev session: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateSessionResponse;
}

/** A socket whose listeners are in place before it connects, so the first state is never missed. */
class Peer {
  readonly socket: Socket;
  states: SeanceStateEvent[] = [];
  errors: ErrorEvent[] = [];
  presence: PresenceEvent | null = null;

  private constructor(url: string, code: string, token: string, readonly id: string) {
    this.socket = io(url, { auth: { v: PROTOCOL_VERSION, code, token }, transports: ["websocket"], reconnection: false, autoConnect: false });
    this.socket.on(Events.seanceState, (s: SeanceStateEvent) => this.states.push(s));
    this.socket.on(Events.error, (e: ErrorEvent) => this.errors.push(e));
    this.socket.on(Events.presence, (p: PresenceEvent) => (this.presence = p));
  }

  static async connect(url: string, code: string, token: string, id: string, waitForState = true): Promise<Peer> {
    const p = new Peer(url, code, token, id);
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        p.socket.once("connect", () => resolve());
        p.socket.once("connect_error", reject);
        p.socket.connect();
      }),
      10_000,
      "connect",
    );
    if (waitForState) await waitFor(() => p.states.length > 0, 10_000, "first séance state");
    return p;
  }

  get state(): SeanceStateEvent {
    return this.states[this.states.length - 1];
  }

  emit(event: string, ...args: unknown[]): Promise<Ack> {
    return withTimeout(new Promise<Ack>((resolve) => this.socket.emit(event, ...args, resolve)), 5000, `ack of ${event}`);
  }

  /** Sends a command and, once acknowledged, waits until this peer holds the state it made. */
  async command(command: unknown): Promise<Ack> {
    const before = this.state?.version ?? 0;
    const ack = await this.emit(Events.seanceCommand, command);
    if (ack.ok) await this.until((s) => s.version > before, `state after ${JSON.stringify(command)}`).catch(() => {});
    return ack;
  }

  until(pred: (s: SeanceStateEvent) => boolean, what = "state"): Promise<void> {
    return waitFor(() => this.states.length > 0 && pred(this.state), 5000, what);
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** The shared part of a state: what every screen must agree on. */
function shared(s: SeanceStateEvent): Omit<SeanceStateEvent, "you" | "now" | "timeUp"> {
  const { you: _you, now: _now, timeUp: _timeUp, ...rest } = s;
  return rest;
}

/** A personal note on one's private board, as the method's layout wants it (docs/protocol.md §4). */
function privateNote(id: string, text: string, authorId: string): Uint8Array {
  const doc = new Y.Doc();
  const n = new Y.Map<unknown>();
  doc.getMap("privateNotes").set(id, n);
  n.set("text", new Y.Text(text));
  n.set("authorId", authorId);
  n.set("createdAt", Date.now());
  return Y.encodeStateAsUpdate(doc);
}

async function codevRoom(url: string) {
  const session = await createCodev(url);
  const ana = await joinSession(url, session.code, "Ana");
  const ben = await joinSession(url, session.code, "Ben");
  const fac = await Peer.connect(url, session.code, session.facilitatorToken, session.participantId);
  const a = await Peer.connect(url, session.code, ana.token, ana.participantId);
  const b = await Peer.connect(url, session.code, ben.token, ben.participantId);
  return { session, ana, ben, fac, a, b, all: [fac, a, b] };
}

describe("method choice", () => {
  it("a session remembers its method: board by default, codev on request, anything else refused", async () => {
    const board = await createSession(server.url);
    expect(board.method).toBe("board");
    const codev = await createCodev(server.url);
    expect(codev.method).toBe("codev");
    const summary = (await (await fetch(`${server.url}/api/sessions/${codev.code}`)).json()) as SessionSummary;
    expect(summary).toMatchObject({ code: codev.code, method: "codev", status: "open" });
    const me = (await (await fetch(`${server.url}/api/sessions/${codev.code}/me`, { headers: { authorization: `Bearer ${codev.facilitatorToken}` } })).json()) as MeResponse;
    expect(me).toMatchObject({ method: "codev", role: "facilitator" });
    for (const method of ["retro", "CODEV", 3, null]) {
      const res = await fetch(`${server.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "x", method }) });
      expect([res.status, ((await res.json()) as { error: string }).error]).toEqual([400, "bad_request"]);
    }
  });

  it("a free-board session has no séance: no state is sent and commands are refused", async () => {
    const board = await createSession(server.url);
    const fac = await Peer.connect(server.url, board.code, board.facilitatorToken, board.participantId, false);
    expect(await fac.emit(Events.seanceCommand, { type: "start" })).toMatchObject({ ok: false, code: "no_seance" });
    await new Promise((r) => setTimeout(r, 200));
    expect(fac.states).toEqual([]);
    expect(fac.errors.map((e) => [e.code, e.event])).toEqual([["no_seance", Events.seanceCommand]]);
    fac.close();
  });
});

describe("a co-développement séance", () => {
  it("the facilitator starts it, moves through steps, pauses, resumes and extends the timer; everyone gets the same state", async () => {
    const { ana, ben, fac, a, b, all } = await codevRoom(server.url);
    for (const p of all) expect(p.state).toMatchObject({ status: "lobby", stepIndex: -1, stepId: null, version: 1, templateId: "codev" });
    expect(fac.state.you).toEqual({ participantId: fac.id, role: "facilitator", vote: null });
    expect(a.state.you).toEqual({ participantId: ana.participantId, role: "consultant", vote: null });
    expect(Math.abs(a.state.now - Date.now())).toBeLessThan(5000);

    // C2: no exposé without a case holder.
    expect(await fac.command({ type: "start" })).toMatchObject({ ok: false, code: "requirement_unmet" });
    expect(await fac.command({ type: "assignRole", participantId: ana.participantId, role: "caseHolder" })).toEqual({ ok: true });
    await a.until((s) => s.you.role === "caseHolder", "Ana is the case holder");

    const t0 = Date.now();
    expect(await fac.command({ type: "start" })).toEqual({ ok: true });
    for (const p of all) await p.until((s) => s.stepId === "expose", "exposé everywhere");
    const started = fac.state;
    expect(started.status).toBe("running");
    expect(started.timer).toMatchObject({ status: "running", durationMs: 10 * MIN });
    const endsAt = (started.timer as { endsAt: number }).endsAt;
    expect(endsAt).toBeGreaterThanOrEqual(t0 + 10 * MIN - 2000);
    expect(endsAt).toBeLessThanOrEqual(Date.now() + 10 * MIN + 2000);

    expect(await fac.command({ type: "timerPause" })).toEqual({ ok: true });
    expect(fac.state.timer).toMatchObject({ status: "paused", durationMs: 10 * MIN });
    const remaining = (fac.state.timer as { pausedRemainingMs: number }).pausedRemainingMs;
    expect(remaining).toBeGreaterThan(10 * MIN - 5000);
    expect(await fac.command({ type: "timerPause" })).toMatchObject({ ok: false, code: "timer_not_running" });
    const resumedAt = Date.now();
    expect(await fac.command({ type: "timerResume" })).toEqual({ ok: true });
    const resumedEnd = (fac.state.timer as { endsAt: number }).endsAt;
    expect(resumedEnd).toBeGreaterThanOrEqual(resumedAt + remaining - 2000);
    expect(await fac.command({ type: "timerExtend", ms: 5 * MIN })).toEqual({ ok: true });
    expect(fac.state.timer).toMatchObject({ status: "running", durationMs: 15 * MIN });
    expect((fac.state.timer as { endsAt: number }).endsAt - resumedEnd).toBeGreaterThanOrEqual(5 * MIN - 2000);

    expect(await fac.command({ type: "next" })).toEqual({ ok: true });
    expect(await fac.command({ type: "next" })).toEqual({ ok: true });
    expect(fac.state.stepId).toBe("contract");
    // C3: the contract is not written on the board, so the reactions cannot start.
    expect(await fac.command({ type: "next" })).toMatchObject({ ok: false, code: "requirement_unmet" });
    expect(await fac.command({ type: "goTo", stepId: "synthesis" })).toEqual({ ok: true });
    expect(await fac.command({ type: "previous" })).toMatchObject({ ok: false, code: "requirement_unmet" });
    expect(await fac.command({ type: "lockBoard" })).toEqual({ ok: true });
    expect(await fac.command({ type: "spotlight", itemId: "note-1" })).toEqual({ ok: true });
    expect(fac.state).toMatchObject({ stepId: "synthesis", boardLocked: true, spotlight: { itemId: "note-1" } });

    for (const p of all) await p.until((s) => s.version === fac.state.version, "same version everywhere");
    expect(shared(a.state)).toEqual(shared(fac.state));
    expect(shared(b.state)).toEqual(shared(fac.state));
    expect(b.state.you).toEqual({ participantId: ben.participantId, role: "consultant", vote: null });
    expect(fac.state.history.map((h) => h.stepId)).toEqual(["expose", "clarification", "contract", "synthesis"]);
    expect(fac.state.history.slice(0, -1).every((h) => h.endedAt !== null)).toBe(true);
    // Every state a screen received came in order.
    for (const p of all) for (let i = 1; i < p.states.length; i++) expect(p.states[i].version).toBeGreaterThanOrEqual(p.states[i - 1].version);

    expect(await fac.command({ type: "end" })).toEqual({ ok: true });
    expect(fac.state).toMatchObject({ status: "ended", timer: { status: "stopped" }, boardLocked: false });
    expect(await fac.command({ type: "next" })).toMatchObject({ ok: false, code: "ended" });
    all.forEach((p) => p.close());
  });

  it("a participant's step commands and crafted garbage are refused with an error, and change nothing", async () => {
    const { session, ana, ben, fac, a, b, all } = await codevRoom(server.url);
    await fac.command({ type: "assignRole", participantId: ana.participantId, role: "caseHolder" });
    await fac.command({ type: "start" });
    for (const p of all) await p.until((s) => s.stepId === "expose");
    const before = fac.state;
    const received = all.map((p) => p.states.length);

    const facilitatorOnly = [
      { type: "next" }, { type: "previous" }, { type: "goTo", stepId: "learnings" }, { type: "timerPause" }, { type: "timerExtend", ms: 5 * MIN },
      { type: "timerStart", durationMs: MIN }, { type: "lockBoard" }, { type: "spotlight", itemId: "x" }, { type: "summon", viewId: "board" },
      { type: "assignRole", participantId: ben.participantId, role: "caseHolder" }, { type: "unassignRole", participantId: ana.participantId },
      { type: "end" }, { type: "prepare", preparation: {} }, { type: "pickSubject", subjectId: "subject-1" },
    ];
    // Each refused crafted message is a strike (20 a minute close the connection): Ana tries the
    // facilitator's commands, Ben sends garbage.
    for (const c of facilitatorOnly) expect(await a.emit(Events.seanceCommand, c), JSON.stringify(c)).toMatchObject({ ok: false, code: "not_facilitator" });
    const garbage: unknown[] = [
      null, 7, "next", [], {}, { type: "fly" }, { type: "__proto__" }, { type: "goTo", stepId: { $ne: 1 } }, { type: "timerExtend", ms: "9e9" },
      { type: "assignRole", participantId: ben.participantId, role: "king" }, { type: "vote", subjectId: ["a"] }, { type: "proposeSubject", title: "x".repeat(5000) },
    ];
    for (const g of garbage) expect(await b.emit(Events.seanceCommand, g), JSON.stringify(g)).toMatchObject({ ok: false, code: "bad_request" });
    // Within the facilitator's own commands, the engine's bounds and the session's people hold too.
    expect(await fac.emit(Events.seanceCommand, { type: "timerExtend", ms: 181 * MIN })).toMatchObject({ ok: false, code: "out_of_bounds" });
    expect(await fac.emit(Events.seanceCommand, { type: "assignRole", participantId: "someone-else", role: "scribe" })).toMatchObject({ ok: false, code: "unknown_participant" });
    expect(await fac.emit(Events.seanceCommand, { type: "assignRole", participantId: fac.id, role: "caseHolder" })).toMatchObject({ ok: false, code: "facilitator_role_fixed" });
    // A participant command outside its step: refused by the rules, not as a crafted message.
    expect(await b.emit(Events.seanceCommand, { type: "proposeSubject", title: "Mon sujet" })).toMatchObject({ ok: false, code: "not_in_subject_choice" });
    expect(a.errors.map((e) => e.code)).toEqual(facilitatorOnly.map(() => "not_facilitator"));
    expect(b.errors.length).toBe(garbage.length + 1);
    expect(b.errors.every((e) => e.event === Events.seanceCommand && typeof e.message === "string")).toBe(true);

    // Nothing was published, and a fresh connection sees the séance as it was.
    await new Promise((r) => setTimeout(r, 200));
    expect(all.map((p) => p.states.length)).toEqual(received);
    const late = await Peer.connect(server.url, session.code, ana.token, ana.participantId);
    expect(shared(late.state)).toEqual(shared(before));
    // The connection that sent garbage is still served.
    expect(b.socket.connected).toBe(true);
    expect(await fac.command({ type: "next" })).toEqual({ ok: true });
    await b.until((s) => s.stepId === "clarification");

    // A program that keeps at it is cut off; the séance does not notice.
    const evil = await Peer.connect(server.url, session.code, (await joinSession(server.url, session.code, "Mallory")).token, "mallory");
    const gone = new Promise<void>((resolve) => evil.socket.once("disconnect", () => resolve()));
    for (let i = 0; i < 25; i++) evil.socket.emit(Events.seanceCommand, { type: "end" });
    await withTimeout(gone, 5000, "cut off");
    expect(evil.errors.some((e) => e.code === "abuse")).toBe(true);
    expect(fac.state.status).toBe("running");
    expect(await fac.command({ type: "next" })).toEqual({ ok: true });
    [...all, late].forEach((p) => p.close());
  });

  it("a role change changes what the server lets that person write, at once and after reconnecting", async () => {
    const { session, ben, fac, b, a, all } = await codevRoom(server.url);
    // Private notes are open to participants once the séance runs (C6).
    expect(await fac.command({ type: "assignRole", participantId: a.id, role: "caseHolder" })).toEqual({ ok: true });
    expect(await fac.command({ type: "start" })).toEqual({ ok: true });
    const mine = `private-${ben.participantId}`;
    expect(await b.emit(Events.boardJoin, mine)).toEqual({ ok: true });
    expect(await b.emit(Events.y, mine, frameUpdate(privateNote("n1", "avant", ben.participantId)))).toEqual({ ok: true });

    expect(await fac.command({ type: "assignRole", participantId: ben.participantId, role: "observer" })).toEqual({ ok: true });
    await b.until((s) => s.you.role === "observer", "Ben sees himself observer");
    expect(await b.emit(Events.y, mine, frameUpdate(privateNote("n2", "pendant", ben.participantId)))).toMatchObject({ ok: false, code: "forbidden" });
    await waitFor(() => a.presence?.participants.find((p) => p.id === ben.participantId)?.role === "observer", 5000, "presence shows the observer");
    const me = (await (await fetch(`${server.url}/api/sessions/${session.code}/me`, { headers: { authorization: `Bearer ${ben.token}` } })).json()) as MeResponse;
    expect(me.role).toBe("observer");
    // M14: observers do not volunteer.
    expect(await b.emit(Events.seanceCommand, { type: "volunteer" })).toMatchObject({ ok: false, code: "not_allowed_for_role" });

    // Reconnecting does not give the write back...
    b.close();
    const again = await Peer.connect(server.url, session.code, ben.token, ben.participantId);
    expect(again.state.you.role).toBe("observer");
    expect(await again.emit(Events.boardJoin, mine)).toEqual({ ok: true });
    expect(await again.emit(Events.y, mine, frameUpdate(privateNote("n3", "après", ben.participantId)))).toMatchObject({ ok: false, code: "forbidden" });
    // ...the facilitator does.
    expect(await fac.command({ type: "assignRole", participantId: ben.participantId, role: "scribe" })).toEqual({ ok: true });
    await again.until((s) => s.you.role === "scribe");
    expect(await again.emit(Events.y, mine, frameUpdate(privateNote("n4", "de retour", ben.participantId)))).toEqual({ ok: true });
    [...all, again].forEach((p) => p.close());
  });

  it("votes are counted for everyone, and only the voter learns their own vote", async () => {
    const { ana, ben, fac, a, b, all } = await codevRoom(server.url);
    expect(await fac.command({ type: "prepare", preparation: { steps: { subject: { enabled: true }, reactions: { durationMin: 30 } } } })).toEqual({ ok: true });
    expect(fac.state.plan.map((p) => p.stepId)[0]).toBe("subject");
    expect(await a.command({ type: "volunteer" })).toEqual({ ok: true });
    expect(await fac.command({ type: "start" })).toEqual({ ok: true });
    expect(await a.command({ type: "proposeSubject", title: "Un entretien difficile" })).toEqual({ ok: true });
    expect(await b.command({ type: "proposeSubject", title: "Une équipe épuisée" })).toEqual({ ok: true });
    expect(await a.command({ type: "vote", subjectId: "subject-2" })).toEqual({ ok: true });
    expect(await b.command({ type: "vote", subjectId: "subject-2" })).toEqual({ ok: true });
    expect(await fac.command({ type: "vote", subjectId: "subject-1" })).toMatchObject({ ok: false, code: "not_allowed_for_role" });
    for (const p of all) await p.until((s) => s.subjects[0]?.votes === 2);
    expect(fac.state.subjects).toEqual([
      { subjectId: "subject-2", title: "Une équipe épuisée", proposerId: ben.participantId, votes: 2, leading: true },
      { subjectId: "subject-1", title: "Un entretien difficile", proposerId: ana.participantId, votes: 0, leading: false },
    ]);
    expect(fac.state.volunteers).toEqual([ana.participantId]);
    expect(a.state.you.vote).toBe("subject-2");
    expect(fac.state.you.vote).toBeNull();
    for (const p of all) for (const s of p.states) expect(JSON.stringify(s)).not.toMatch(/voterId|"voted"/);
    expect(await fac.command({ type: "pickSubject", subjectId: "subject-1" })).toEqual({ ok: true });
    await a.until((s) => s.you.role === "caseHolder" && s.chosenSubjectId === "subject-1");
    expect(await fac.command({ type: "next" })).toEqual({ ok: true });
    expect(fac.state.stepId).toBe("expose");
    all.forEach((p) => p.close());
  });
});

describe("private boards (P5)", () => {
  it("each participant joins their own private board, and nobody else's, the facilitator included", async () => {
    const { ana, ben, fac, a, b, all } = await codevRoom(server.url);
    expect(await fac.command({ type: "assignRole", participantId: ana.participantId, role: "caseHolder" })).toEqual({ ok: true });
    expect(await fac.command({ type: "start" })).toEqual({ ok: true });
    expect(await a.emit(Events.boardJoin, `private-${ana.participantId}`)).toEqual({ ok: true });
    expect(await a.emit(Events.y, `private-${ana.participantId}`, frameUpdate(privateNote("mine", "à moi", ana.participantId)))).toEqual({ ok: true });
    expect(await b.emit(Events.boardJoin, `private-${ana.participantId}`)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await fac.emit(Events.boardJoin, `private-${ana.participantId}`)).toMatchObject({ ok: false, code: "forbidden" });
    // Refused join, refused writes: not a member of the room.
    expect(await b.emit(Events.y, `private-${ana.participantId}`, frameUpdate(privateNote("theirs", "intrus", ben.participantId)))).toMatchObject({ ok: false, code: "not_in_room" });
    expect(await b.emit(Events.boardJoin, `private-${ben.participantId}`)).toEqual({ ok: true });
    expect(b.errors.filter((e) => e.event === Events.boardJoin).map((e) => e.code)).toEqual(["forbidden"]);
    all.forEach((p) => p.close());
  });

  it("the same holds on a free-board session", async () => {
    const session = await createSession(server.url);
    const ana = await joinSession(server.url, session.code, "Ana");
    const fac = await Peer.connect(server.url, session.code, session.facilitatorToken, session.participantId, false);
    expect(await fac.emit(Events.boardJoin, `private-${ana.participantId}`)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await fac.emit(Events.boardJoin, `private-${session.participantId}`)).toEqual({ ok: true });
    fac.close();
  });
});

describe("restart", () => {
  const dirs: string[] = [];
  const servers: ServerHandle[] = [];
  afterAll(async () => {
    for (const s of servers) if (s.proc.exitCode === null) await s.stop();
    dirs.forEach(removeDir);
  });

  it("a restarted server serves the séance as it was, and reads the board's contract for C3", async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await startServer({ dataDir });
    servers.push(first);
    const { session, ana, fac, a } = await codevRoom(first.url);
    await fac.command({ type: "assignRole", participantId: ana.participantId, role: "caseHolder" });
    await fac.command({ type: "start" });
    await fac.command({ type: "timerExtend", ms: 2 * MIN });
    await fac.command({ type: "goTo", stepId: "contract" });
    await fac.command({ type: "timerPause" });
    expect(await fac.command({ type: "next" })).toMatchObject({ ok: false, code: "requirement_unmet" });
    const before = fac.state;
    fac.close();
    a.close();
    expect(await first.stop()).toBe(0);

    // While it is down, the case holder's contract reaches the board's storage (as an
    // accepted client update would: the board's own update log).
    const db = await openDatabase({ dataDir });
    const boards = new BoardRepository(db.prisma, db.driver);
    const board = await boards.loadOrCreate(session.sessionId, "main");
    const doc = new Y.Doc();
    const contract = new Y.Map<unknown>();
    doc.getMap("contract").set("contract", contract);
    contract.set("text", new Y.Text("Des idées pour renouer le dialogue avec une famille"));
    contract.set("authorId", ana.participantId);
    await boards.append([{ boardId: board.boardId, data: Y.encodeStateAsUpdate(doc), participantId: ana.participantId }]);
    await db.close();

    const second = await startServer({ dataDir });
    servers.push(second);
    const fac2 = await Peer.connect(second.url, session.code, session.facilitatorToken, session.participantId);
    expect(shared(fac2.state)).toEqual(shared(before));
    expect(fac2.state.timer).toEqual(before.timer);
    expect(await fac2.command({ type: "next" })).toEqual({ ok: true });
    expect(fac2.state).toMatchObject({ stepId: "reactions", version: before.version + 1 });
    expect(fac2.state.history.map((h) => h.stepId)).toEqual(["expose", "contract", "reactions"]);
    fac2.close();
    await second.stop();
  });
});
