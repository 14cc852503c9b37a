// Several processes behind one address: three real server processes on one real PostgreSQL
// and one real Redis (throwaway, free loopback ports), clients spread across them directly
// or through a TCP balancer (tests/helpers/proxy.ts). Edits, late joins, facilitation
// commands and role changes work whichever process a client is on; each update is stored
// once; kill -9 of one process loses no acknowledged edit.
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import * as Y from "yjs";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import { Events, PROTOCOL_VERSION, type CreateSessionResponse, type QuizStateEvent, type ToolsStateEvent } from "../../src/protocol/index.ts";
import type { FacilitatorQuizView } from "../../src/domain/quiz/index.ts";
import type { BoardConnection } from "../../src/client/boardConnection.ts";
import { createSession, joinSession, removeDir, startServer, tempDir, type ServerHandle } from "../helpers/server.ts";
import { addNote, connectParticipant, noteTexts, sameState, waitFor, withTimeout } from "../helpers/clients.ts";
import { command, personAt, settled, write } from "../helpers/people.ts";
import { startPostgres, type PostgresHandle } from "../helpers/postgres.ts";
import { startRedis, type RedisHandle } from "../helpers/redis.ts";
import { startProxy, type ProxyHandle } from "../helpers/proxy.ts";

let postgres: PostgresHandle;
let redis: RedisHandle;
let databaseUrl: string;
const servers: ServerHandle[] = [];
const proxies: ProxyHandle[] = [];
const conns: BoardConnection[] = [];
const dirs: string[] = [];
const sockets: Socket[] = [];

async function startProcess(): Promise<ServerHandle> {
  const dataDir = tempDir();
  dirs.push(dataDir);
  const s = await startServer({ dataDir, env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url } });
  servers.push(s);
  return s;
}

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  databaseUrl = await postgres.createDatabase();
  // One after the other: the first applies the migrations, the others find them applied.
  for (let i = 0; i < 3; i++) await startProcess();
}, 180_000);

// A failure on a loaded CI machine is hard to replay: the servers' own words go with it.
beforeEach(() => {
  onTestFailed(() => {
    for (const s of servers) console.log(`--- server on port ${s.port}, last output:\n${s.output().slice(-4000)}`);
  });
});

afterAll(async () => {
  conns.forEach((c) => c.destroy());
  sockets.forEach((s) => s.disconnect());
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all(servers.map((s) => (s.proc.exitCode === null && s.proc.signalCode === null ? s.stop() : null)));
  await Promise.all([redis?.stop(), postgres?.stop()]);
  dirs.forEach(removeDir);
}, 60_000);

async function participant(url: string, code: string, name: string) {
  const { conn } = await connectParticipant(url, code, name);
  conns.push(conn);
  return conn;
}

async function storedUpdates(sessionId: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const res = await client.query(
      "SELECT count(*)::int AS n FROM board_update u JOIN board_document d ON d.id = u.board_id WHERE d.session_id = $1",
      [sessionId],
    );
    return res.rows[0].n as number;
  } finally {
    await client.end();
  }
}

describe("three processes on one PostgreSQL and one Redis", () => {
  it("edits on any process reach every client, a late joiner anywhere gets all of them, each update is stored once", async () => {
    const [s1, s2, s3] = servers;
    const session = await createSession(s1.url, "Journée du réseau");
    const people = [await participant(s1.url, session.code, "Awa"), await participant(s2.url, session.code, "Bruno"), await participant(s3.url, session.code, "Chloé")];

    let made = 0;
    for (let round = 0; round < 5; round++) {
      people.forEach((c, i) => {
        addNote(c.doc, `n-${i}-${round}`, `note ${round} de ${i}`, round * 10, i * 10);
        made++;
      });
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(() => people.every((c) => Object.keys(noteTexts(c.doc)).length === 15), 10_000, "15 notes everywhere");
    await waitFor(() => people.every((c) => sameState(c.doc, people[0].doc)), 10_000, "same state everywhere");
    await Promise.all(people.map((c) => withTimeout(c.whenSaved(), 10_000, "saved")));

    // A process that has not loaded the board yet, just after an edit made elsewhere (maybe
    // not stored yet): it asks the other processes before serving the late joiner.
    const fourth = await startProcess();
    addNote(people[0].doc, "n-last", "juste avant l'arrivée de Dan", 0, 0);
    made++;
    const late = await participant(fourth.url, session.code, "Dan");
    await waitFor(() => Object.keys(noteTexts(late.doc)).length === 16, 10_000, "late joiner has every note");
    await waitFor(() => [...people, late].every((c) => sameState(c.doc, late.doc)), 10_000, "converged with the late joiner");

    // Stored once, by the process that accepted it: never more rows than edits made (three
    // processes each storing every update would give three times as many).
    await Promise.all(people.map((c) => withTimeout(c.whenSaved(), 10_000, "saved")));
    const rows = await storedUpdates(session.sessionId);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(made);

    await fourth.stop();
    servers.splice(servers.indexOf(fourth), 1);
  });

  it("facilitation commands, timers and role changes apply on every process", async () => {
    const [s1, s2, s3] = servers;
    const res = await fetch(`${s1.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Codev inter-sites", method: "codev" }) });
    const created = (await res.json()) as CreateSessionResponse;
    const holder = await joinSession(s2.url, created.code, "Camille");
    const consultant = await joinSession(s3.url, created.code, "Dominique");
    const fac = await personAt(s1.url, created.code, created.facilitatorToken, created.participantId);
    const ch = await personAt(s3.url, created.code, holder.token, holder.participantId);
    const co = await personAt(s2.url, created.code, consultant.token, consultant.participantId);
    conns.push(fac.conn, ch.conn, co.conn);

    // The case holder's process (s3) learns the role given on s1 and judges her writes with it.
    expect(await command(fac, { type: "assignRole", participantId: holder.participantId, role: "caseHolder" })).toMatchObject({ ok: true });
    await waitFor(() => ch.states.some((s) => s.you.role === "caseHolder"), 5000, "case holder told on s3");
    expect(await command(fac, { type: "start" })).toMatchObject({ ok: true });
    await waitFor(() => [ch, co].every((p) => p.states.at(-1)?.stepId === "expose"), 5000, "exposé everywhere");
    const timer = fac.states.at(-1)!.timer;
    expect(timer?.status).toBe("running");
    for (const p of [ch, co]) expect(p.states.at(-1)!.timer).toEqual(timer);

    write(ch, "case", "case", { context: "Un salarié en CDDI", authorId: ch.id, createdAt: Date.now() });
    await settled(ch);
    expect(ch.errors).toEqual([]);
    await waitFor(() => (fac.conn.doc.getMap("case").get("case") as Y.Map<unknown> | undefined)?.has("context") === true, 5000, "case on s1");

    // s2 judges a consultant's write with the step decided on s1: refused during the exposé.
    write(co, "questions", "q-early", { text: "Trop tôt ?", authorId: co.id, createdAt: Date.now() });
    await settled(co);
    expect(co.errors.map((e) => e.code)).toContain("not_in_this_step");
    // ...and with the next step, once s1 moves on: a question is accepted on s2.
    expect(await command(fac, { type: "next" })).toMatchObject({ ok: true });
    await waitFor(() => co.states.at(-1)?.stepId === "clarification", 5000, "clarification on s2");
    // (The refused client's document has diverged: like the room UI, start a fresh one.)
    co.conn.destroy();
    const co2 = await personAt(s2.url, created.code, consultant.token, consultant.participantId);
    conns.push(co2.conn);
    write(co2, "questions", "q-1", { text: "Depuis quand ?", authorId: co2.id, createdAt: Date.now() });
    await settled(co2);
    expect(co2.errors).toEqual([]);
    await waitFor(() => fac.conn.doc.getMap("questions").has("q-1") && ch.conn.doc.getMap("questions").has("q-1"), 5000, "question everywhere");
    expect(fac.conn.doc.getMap("questions").has("q-early")).toBe(false);

    // Pausing on s1 stops the countdown on every screen.
    expect(await command(fac, { type: "timerPause" })).toMatchObject({ ok: true });
    await waitFor(() => [ch, co2].every((p) => p.states.at(-1)?.timer?.status === "paused"), 5000, "paused everywhere");
  });

  it("a vote and a quiz run from one process are seen and answered on the others", async () => {
    const [s1, s2, s3] = servers;
    const listen = async (url: string, code: string, token: string) => {
      const sock = io(url, { auth: { v: PROTOCOL_VERSION, code, token }, transports: ["websocket"], reconnection: false, autoConnect: false });
      const got = { tools: [] as ToolsStateEvent[], quiz: [] as QuizStateEvent[] };
      sock.on(Events.toolsState, (st: ToolsStateEvent) => got.tools.push(st));
      sock.on(Events.quizState, (st: QuizStateEvent) => got.quiz.push(st));
      await new Promise<void>((resolve, reject) => {
        sock.once("connect", () => resolve());
        sock.once("connect_error", reject);
        sock.connect();
      });
      sockets.push(sock);
      const send = (event: string, cmd: unknown) => withTimeout(new Promise<{ ok: boolean; code?: string }>((r) => sock.emit(event, cmd, r)), 10_000, "ack");
      return { got, send };
    };

    // Votes (board tools): opened on process 1, seen and cast on processes 2 and 3.
    const board = await createSession(s1.url, "Vote du réseau");
    const writer = await participant(s1.url, board.code, "Awa");
    addNote(writer.doc, "idee-1", "Covoiturage", 0, 0);
    await withTimeout(writer.whenSaved(), 10_000, "note saved");
    const fac = await listen(s1.url, board.code, board.facilitatorToken);
    const voters = await Promise.all([s2, s3].map(async (s, i) => listen(s.url, board.code, (await joinSession(s.url, board.code, `Votant ${i}`)).token)));
    expect((await fac.send(Events.toolsCommand, { type: "voteOpen", targets: "notes", budgetPerParticipant: 3, maxPerItem: 2, reveal: "live" })).ok).toBe(true);
    await waitFor(() => voters.every((v) => v.got.tools.at(-1)?.vote.status === "open"), 10_000, "the vote open on processes 2 and 3");
    for (const v of voters) expect((await v.send(Events.toolsCommand, { type: "voteCast", itemId: "idee-1" })).ok).toBe(true);
    await waitFor(() => fac.got.tools.at(-1)?.vote.results?.[0]?.votes === 2, 10_000, "both dots counted on process 1");

    // The quiz: prepared and shown on process 1, answered on 2 and 3, counted on 1.
    const q = await createSession(s1.url, "Quiz du réseau", "quiz");
    const host = await listen(s1.url, q.code, q.facilitatorToken);
    const players = await Promise.all([s2, s3].map(async (s, i) => listen(s.url, q.code, (await joinSession(s.url, q.code, `Joueur ${i}`)).token)));
    const quiz = { title: "Réseau", questions: [{ id: "q1", kind: "trueFalse", prompt: "Vrai ?", correct: true, timeLimitSec: 60 }] };
    expect((await host.send(Events.quizCommand, { type: "prepare", quiz })).ok).toBe(true);
    expect((await host.send(Events.quizCommand, { type: "show", index: 0 })).ok).toBe(true);
    await waitFor(() => players.every((p) => p.got.quiz.at(-1)?.view?.status === "running"), 10_000, "the question on processes 2 and 3");
    for (const p of players) expect((await p.send(Events.quizCommand, { type: "answer", questionId: "q1", answer: { kind: "trueFalse", value: true } })).ok).toBe(true);
    const count = () => (host.got.quiz.at(-1)?.view as FacilitatorQuizView | null)?.current?.public.answeredCount;
    await waitFor(() => count() === 2, 10_000, "both answers counted on process 1");
  });

  it("kill -9 of one of three processes: its clients reconnect through the balancer to the others, no acknowledged edit is lost", async () => {
    const proxy = await startProxy(servers.map((s) => s.port));
    proxies.push(proxy);
    const session = await createSession(proxy.url, "Plénière");
    const names = ["Awa", "Bruno", "Chloé", "Dan", "Eva", "Farid"];
    const writers: { conn: BoardConnection; made: number; acked: number }[] = [];
    for (const name of names) {
      const conn = await participant(proxy.url, session.code, name);
      const w = { conn, made: 0, acked: 0 };
      conn.on("status", (s) => {
        if (s === "saved") w.acked = w.made;
      });
      writers.push(w);
    }
    // Round robin: every process serves two of the six.
    const victim = servers[1];
    expect(proxy.routed.filter((p) => p === victim.port).length).toBeGreaterThan(0);

    const edit = (w: (typeof writers)[number], i: number) => {
      addNote(w.conn.doc, `k-${i}-${w.made}`, `note ${w.made}`, w.made, i);
      w.made++;
    };
    for (let round = 0; round < 10; round++) {
      writers.forEach(edit);
      await new Promise((r) => setTimeout(r, 15));
    }
    await victim.kill9();
    servers.splice(servers.indexOf(victim), 1);
    // Edits keep coming while the victim's clients find another process.
    for (let round = 0; round < 10; round++) {
      writers.forEach(edit);
      await new Promise((r) => setTimeout(r, 30));
    }
    await Promise.all(writers.map((w) => withTimeout(w.conn.whenSaved(), 20_000, "saved after the kill")));
    const total = writers.reduce((n, w) => n + w.made, 0);
    await waitFor(() => writers.every((w) => Object.keys(noteTexts(w.conn.doc)).length === total), 15_000, "every note everywhere");
    await waitFor(() => writers.every((w) => sameState(w.conn.doc, writers[0].conn.doc)), 10_000, "converged");

    // A newcomer on each remaining process finds everything.
    for (const s of servers) {
      const fresh = await participant(s.url, session.code, `Témoin ${s.port}`);
      await waitFor(() => Object.keys(noteTexts(fresh.doc)).length === total, 10_000, "newcomer sees every note");
    }
  });
});
