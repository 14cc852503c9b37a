// Persistence on both databases Marguerite runs on (embedded PGlite and a PostgreSQL server):
// every model and field of schema.prisma through Prisma Client on tables made by the
// hand-written migration (this is what proves the SQL matches the schema), then the
// SessionRepository, BoardRepository and SeanceRepository contracts the rest of the server
// relies on.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { Database } from "../../src/server/persistence/database.ts";
import { SessionRepository } from "../../src/server/persistence/sessions.ts";
import { BoardRepository } from "../../src/server/persistence/boards.ts";
import { SeanceRepository } from "../../src/server/persistence/seances.ts";
import { BoardToolsRepository } from "../../src/server/persistence/boardTools.ts";
import { QuizImageRepository } from "../../src/server/persistence/quizImages.ts";
import { checkQuizImage } from "../../src/domain/quiz/index.ts";
import { readMigrations } from "../../src/server/persistence/migrate.ts";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "../../src/domain/joinCode.ts";
import { BACKENDS, useBackend, type Target } from "../helpers/databases.ts";

// Join codes the next SessionRepository.create calls must draw (to provoke collisions).
const forcedCodes: string[] = [];
vi.mock("../../src/domain/joinCode.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/domain/joinCode.ts")>();
  return { ...actual, generateJoinCode: (r: (n: number) => number) => forcedCodes.shift() ?? actual.generateJoinCode(r) };
});

let counter = 0;
const uid = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/** A Y.Doc whose every transaction becomes one stored update, like a client's edits. */
function editor() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  return {
    doc,
    note(text: string) {
      doc.getArray<string>("notes").push([text]);
      return updates.pop()!;
    },
    take: () => updates.splice(0),
  };
}

function rebuild(chunks: Uint8Array[]) {
  const doc = new Y.Doc();
  for (const c of chunks) Y.applyUpdate(doc, c);
  const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  const result = { notes: doc.getArray<string>("notes").toArray(), meta: doc.getMap("meta").toJSON(), text: doc.getText("text").toString(), pending };
  doc.destroy();
  return result;
}

describe.each(BACKENDS)("persistence on %s", (backend) => {
  const ctx = useBackend(backend);
  let target: Target;
  let db: Database;
  let other: Database; // a second connection pool (PostgreSQL) for concurrency; the same one on PGlite
  let sessions: SessionRepository;
  let boards: BoardRepository;
  let seances: SeanceRepository;

  beforeAll(async () => {
    target = await ctx.fresh();
    db = await target.open();
    other = backend === "postgres" ? await target.open() : db;
    sessions = new SessionRepository(db.prisma);
    // As the app builds it (src/server/app.ts): appends go straight to the driver.
    boards = new BoardRepository(db.prisma, db.driver);
    seances = new SeanceRepository(db.prisma);
  });

  async function newSession(title = "Atelier") {
    return db.prisma.session.create({ data: { id: uid("s"), joinCode: uid("code"), title } });
  }

  async function newBoard(sessionId?: string, name = "main") {
    const sid = sessionId ?? (await newSession()).id;
    return db.prisma.boardDocument.create({ data: { id: uid("b"), sessionId: sid, name, state: new Uint8Array([0, 0]) } });
  }

  describe("schema.prisma through Prisma Client", () => {
    it("Session: required fields, defaults, enum, timestamps with milliseconds, @updatedAt", async () => {
      const before = Date.now();
      const s = await newSession("Séance « café » ✓");
      const after = Date.now();
      expect(s.title).toBe("Séance « café » ✓");
      expect(s.template).toBe("board");
      expect(s.status).toBe("open");
      expect(s.closedAt).toBeNull();
      expect(s.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(s.createdAt.getTime()).toBeLessThanOrEqual(after + 1000);
      expect(s.updatedAt).toBeInstanceOf(Date);

      await sleep(15);
      const closedAt = new Date("2026-03-29T01:59:59.123Z");
      const closed = await db.prisma.session.update({ where: { id: s.id }, data: { status: "closed", closedAt, template: "retro" } });
      expect(closed.updatedAt.getTime()).toBeGreaterThan(s.updatedAt.getTime());
      const read = await db.prisma.session.findUniqueOrThrow({ where: { joinCode: s.joinCode } });
      expect(read).toEqual({ ...s, status: "closed", template: "retro", closedAt, updatedAt: closed.updatedAt });
      expect(read.closedAt!.toISOString()).toBe("2026-03-29T01:59:59.123Z");

      const explicit = await db.prisma.session.create({
        data: { id: uid("s"), joinCode: uid("code"), title: "t", createdAt: new Date("2030-01-01T00:00:00.001Z"), status: "closed" },
      });
      expect(explicit.createdAt.toISOString()).toBe("2030-01-01T00:00:00.001Z");
      expect(explicit.status).toBe("closed");
    });

    it("Session: the join code is unique", async () => {
      const s = await newSession();
      await expect(db.prisma.session.create({ data: { id: uid("s"), joinCode: s.joinCode, title: "copy" } })).rejects.toMatchObject({ code: "P2002" });
    });

    it("the database itself rejects a value outside an enum", async () => {
      await expect(
        db.driver.query(`INSERT INTO "session" (id, join_code, title, status, updated_at) VALUES ($1, $2, 't', 'archived', now())`, [uid("s"), uid("c")]),
      ).rejects.toThrow(/invalid input value for enum "?SessionStatus"?/);
      await expect(
        db.driver.query(`INSERT INTO "participant" (id, session_id, display_name, role, token_hash) VALUES ($1, $2, 'x', 'admin', $3)`, [uid("p"), uid("s"), uid("h")]),
      ).rejects.toThrow(/invalid input value for enum "?Role"?/);
    });

    it("Participant: every field, role default and values, nullable timestamps, unique token hash, foreign key", async () => {
      const s = await newSession();
      const p = await db.prisma.participant.create({ data: { id: uid("p"), sessionId: s.id, displayName: "Aïcha", tokenHash: sha256(uid("t")) } });
      expect(p.role).toBe("participant");
      expect(p.joinedAt).toBeInstanceOf(Date);
      expect(p.lastSeenAt).toBeNull();
      expect(p.leftAt).toBeNull();

      for (const role of ["facilitator", "participant", "observer"] as const) {
        const r = await db.prisma.participant.create({ data: { id: uid("p"), sessionId: s.id, displayName: role, role, tokenHash: sha256(uid("t")) } });
        expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: r.id } })).role).toBe(role);
      }

      const seen = new Date("2026-11-23T10:00:00.456Z");
      const left = new Date("2026-11-23T10:05:00.789Z");
      await db.prisma.participant.update({ where: { id: p.id }, data: { lastSeenAt: seen, leftAt: left } });
      expect(await db.prisma.participant.findUniqueOrThrow({ where: { tokenHash: p.tokenHash } })).toEqual({ ...p, lastSeenAt: seen, leftAt: left });
      await db.prisma.participant.update({ where: { id: p.id }, data: { leftAt: null } });
      expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: p.id } })).leftAt).toBeNull();

      const withSession = await db.prisma.participant.findUniqueOrThrow({ where: { id: p.id }, include: { session: true } });
      expect(withSession.session.id).toBe(s.id);
      expect(await db.prisma.participant.count({ where: { sessionId: s.id } })).toBe(4);

      await expect(
        db.prisma.participant.create({ data: { id: uid("p"), sessionId: s.id, displayName: "copy", tokenHash: p.tokenHash } }),
      ).rejects.toMatchObject({ code: "P2002" });
      await expect(
        db.prisma.participant.create({ data: { id: uid("p"), sessionId: "no-such-session", displayName: "x", tokenHash: sha256(uid("t")) } }),
      ).rejects.toMatchObject({ code: "P2003" });
    });

    it("BoardDocument: Bytes of any value, BigInt beyond 2^53, defaults, @updatedAt, unique name per session", async () => {
      const s = await newSession();
      const every = Uint8Array.from({ length: 256 }, (_, i) => i);
      const big = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251);
      const b = await db.prisma.boardDocument.create({ data: { id: uid("b"), sessionId: s.id, name: "main", state: every } });
      expect(b.compactedSeq).toBe(0n);
      expect(Buffer.from(b.state).equals(Buffer.from(every))).toBe(true);
      expect(b.createdAt).toBeInstanceOf(Date);

      await sleep(15);
      const huge = 2n ** 53n + 1n;
      const u = await db.prisma.boardDocument.update({ where: { id: b.id }, data: { state: big, compactedSeq: huge } });
      expect(u.updatedAt.getTime()).toBeGreaterThan(b.updatedAt.getTime());
      const read = await db.prisma.boardDocument.findUniqueOrThrow({ where: { sessionId_name: { sessionId: s.id, name: "main" } } });
      expect(read.compactedSeq).toBe(huge);
      expect(read.state.length).toBe(big.length);
      expect(Buffer.from(read.state).equals(Buffer.from(big))).toBe(true);
      expect(read.createdAt).toEqual(b.createdAt);

      await expect(db.prisma.boardDocument.create({ data: { id: uid("b"), sessionId: s.id, name: "main", state: every } })).rejects.toMatchObject({
        code: "P2002",
      });
      const second = await db.prisma.boardDocument.create({ data: { id: uid("b"), sessionId: s.id, name: "parking", state: every } });
      const elsewhere = await newBoard(undefined, "main");
      expect(second.name).toBe("parking");
      expect(elsewhere.name).toBe("main");
      const all = await db.prisma.session.findUniqueOrThrow({ where: { id: s.id }, include: { boards: { orderBy: { name: "asc" } } } });
      expect(all.boards.map((x) => x.name)).toEqual(["main", "parking"]);
      await expect(db.prisma.boardDocument.create({ data: { id: uid("b"), sessionId: "nope", name: "x", state: every } })).rejects.toMatchObject({
        code: "P2003",
      });
    });

    it("BoardUpdate: autoincrement BigInt seq in insertion order, Bytes, optional participant, default createdAt", async () => {
      const b = await newBoard();
      const a = await db.prisma.boardUpdate.create({ data: { boardId: b.id, data: new Uint8Array([1, 2, 3]) } });
      const c = await db.prisma.boardUpdate.create({ data: { boardId: b.id, data: new Uint8Array([0xff, 0]), participantId: "p-1" } });
      expect(typeof a.seq).toBe("bigint");
      expect(c.seq).toBeGreaterThan(a.seq);
      expect(a.participantId).toBeNull();
      expect(c.participantId).toBe("p-1");
      expect(a.createdAt).toBeInstanceOf(Date);
      const rows = await db.prisma.boardUpdate.findMany({ where: { boardId: b.id }, orderBy: { seq: "asc" }, include: { board: true } });
      expect(rows.map((r) => [...r.data])).toEqual([[1, 2, 3], [0xff, 0]]);
      expect(rows[0].board.id).toBe(b.id);
      expect(await db.prisma.boardDocument.findUniqueOrThrow({ where: { id: b.id }, include: { updates: true } })).toMatchObject({
        updates: [{ seq: a.seq }, { seq: c.seq }],
      });
      await expect(db.prisma.boardUpdate.create({ data: { boardId: "nope", data: new Uint8Array([1]) } })).rejects.toMatchObject({ code: "P2003" });
    });

    it("Seance: JSON state kept as written, version default 1, @updatedAt, one per session, foreign key", async () => {
      const s = await newSession();
      const state = {
        templateId: "codev",
        status: "running",
        stepIndex: 2,
        timer: { status: "running", endsAt: 1_795_000_000_123, durationMs: 300_000 },
        roles: [{ participantId: "p-1", role: "caseHolder" }],
        spotlight: null,
        subjects: [{ id: "subject-1", title: "Un entretien « difficile » ✓ \\ \"quoted\"", proposerId: "p-2", proposedAt: 1 }],
        log: [{ type: "started", at: 1, actorId: "fac" }],
      };
      const created = await db.prisma.seance.create({ data: { id: uid("se"), sessionId: s.id, templateId: "codev", state } });
      expect(created.version).toBe(1);
      expect(created.createdAt).toBeInstanceOf(Date);
      const read = await db.prisma.seance.findUniqueOrThrow({ where: { sessionId: s.id } });
      expect(read.state).toEqual(state);
      expect(read.templateId).toBe("codev");

      await sleep(15);
      const moved = await db.prisma.seance.update({ where: { id: created.id }, data: { state: { ...state, stepIndex: 3 }, version: 2 } });
      expect(moved.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
      expect((await db.prisma.seance.findUniqueOrThrow({ where: { id: created.id } })).state).toMatchObject({ stepIndex: 3 });
      expect((await db.prisma.session.findUniqueOrThrow({ where: { id: s.id }, include: { seance: true } })).seance?.id).toBe(created.id);

      await expect(db.prisma.seance.create({ data: { id: uid("se"), sessionId: s.id, templateId: "codev", state: {} } })).rejects.toMatchObject({ code: "P2002" });
      await expect(db.prisma.seance.create({ data: { id: uid("se"), sessionId: "nope", templateId: "codev", state: {} } })).rejects.toMatchObject({ code: "P2003" });
    });

    it("deleting a session cascades to its participants, boards and their updates, and nothing else", async () => {
      const keep = await newBoard();
      await db.prisma.boardUpdate.create({ data: { boardId: keep.id, data: new Uint8Array([9]) } });
      const s = await newSession();
      await db.prisma.participant.create({ data: { id: uid("p"), sessionId: s.id, displayName: "x", tokenHash: sha256(uid("t")) } });
      const b1 = await newBoard(s.id, "one");
      const b2 = await newBoard(s.id, "two");
      await db.prisma.boardUpdate.createMany({ data: [b1, b2, b2].map((b) => ({ boardId: b.id, data: new Uint8Array([1]) })) });
      await db.prisma.seance.create({ data: { id: uid("se"), sessionId: s.id, templateId: "codev", state: {} } });

      await db.prisma.session.delete({ where: { id: s.id } });
      expect(await db.prisma.seance.count({ where: { sessionId: s.id } })).toBe(0);
      expect(await db.prisma.participant.count({ where: { sessionId: s.id } })).toBe(0);
      expect(await db.prisma.boardDocument.count({ where: { sessionId: s.id } })).toBe(0);
      expect(await db.prisma.boardUpdate.count({ where: { boardId: { in: [b1.id, b2.id] } } })).toBe(0);
      expect(await db.prisma.boardUpdate.count({ where: { boardId: keep.id } })).toBe(1);

      await db.prisma.boardDocument.delete({ where: { id: keep.id } });
      expect(await db.prisma.boardUpdate.count({ where: { boardId: keep.id } })).toBe(0);
    });

    it("Session.eventId: a national day's rooms are read through their event and deleted with it", async () => {
      const event = await newSession("Journée nationale");
      const other = await newSession("Autre");
      const rooms = await Promise.all(["Groupe 1", "Groupe 2"].map((title) => db.prisma.session.create({ data: { id: uid("s"), joinCode: uid("code"), title, template: "codev", eventId: event.id } })));
      await db.prisma.participant.create({ data: { id: uid("p"), sessionId: rooms[0].id, displayName: "x", tokenHash: sha256(uid("t")) } });
      const read = await db.prisma.session.findUniqueOrThrow({ where: { id: event.id }, include: { rooms: { orderBy: { title: "asc" } } } });
      expect(read.rooms.map((r) => r.title)).toEqual(["Groupe 1", "Groupe 2"]);
      expect((await db.prisma.session.findUniqueOrThrow({ where: { id: rooms[1].id }, include: { event: true } })).event?.id).toBe(event.id);
      await expect(db.prisma.session.create({ data: { id: uid("s"), joinCode: uid("code"), title: "orphan", eventId: "no-such-event" } })).rejects.toMatchObject({ code: "P2003" });

      await db.prisma.session.delete({ where: { id: event.id } });
      expect(await db.prisma.session.count({ where: { id: { in: rooms.map((r) => r.id) } } })).toBe(0);
      expect(await db.prisma.participant.count({ where: { sessionId: rooms[0].id } })).toBe(0);
      expect(await db.prisma.session.count({ where: { id: other.id } })).toBe(1);
    });
  });

  describe("SessionRepository", () => {
    it("creates a session with its facilitator and hands out the token once, storing only its hash", async () => {
      const { session, facilitator, facilitatorToken } = await sessions.create({ title: "Retour d'expérience", facilitatorName: "Nadia" });
      expect(session).toMatchObject({ title: "Retour d'expérience", template: "board", status: "open" });
      expect(session.joinCode).toHaveLength(JOIN_CODE_LENGTH);
      for (const ch of session.joinCode) expect(JOIN_CODE_ALPHABET).toContain(ch);
      expect(facilitator).toMatchObject({ sessionId: session.id, displayName: "Nadia", role: "facilitator" });
      expect(facilitatorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const row = await db.prisma.participant.findUniqueOrThrow({ where: { id: facilitator.id } });
      expect(row.tokenHash).toBe(sha256(facilitatorToken));
      const dump = await db.driver.query<{ row: string }>(`SELECT row_to_json(p)::text AS row FROM "participant" p`);
      expect(dump.some((r) => r.row.includes(facilitatorToken))).toBe(false);

      expect(await sessions.listParticipants(session.id)).toEqual([facilitator]);
      const other = await sessions.create({ title: "x", facilitatorName: "y", template: "retro" });
      expect(other.session.template).toBe("retro");
      expect(other.session.joinCode).not.toBe(session.joinCode);
    });

    it("draws another join code when the first one is taken", async () => {
      const taken = await sessions.create({ title: "a", facilitatorName: "f" });
      forcedCodes.push(taken.session.joinCode, taken.session.joinCode, "QQQQQQ");
      const next = await sessions.create({ title: "b", facilitatorName: "f" });
      expect(next.session.joinCode).toBe("QQQQQQ");
      expect(forcedCodes).toEqual([]);
      expect(await sessions.listParticipants(next.session.id)).toHaveLength(1);
    });

    it("finds a session by its join code, and nothing for an unknown code", async () => {
      const { session } = await sessions.create({ title: "Trouvable", facilitatorName: "f" });
      expect(await sessions.findByCode(session.joinCode)).toEqual(session);
      expect(await sessions.findByCode("XXXXXX")).toBeNull();
    });

    it("adds participants and observers with their own tokens, hashed", async () => {
      const { session } = await sessions.create({ title: "t", facilitatorName: "f" });
      const a = await sessions.addParticipant(session.id, "Bastien");
      const o = await sessions.addParticipant(session.id, "Chloé", "observer");
      expect(a.participant).toMatchObject({ sessionId: session.id, displayName: "Bastien", role: "participant" });
      expect(o.participant.role).toBe("observer");
      expect(a.token).not.toBe(o.token);
      const rows = await db.prisma.participant.findMany({ where: { sessionId: session.id } });
      expect(rows.map((r) => r.tokenHash).sort()).toEqual(expect.arrayContaining([sha256(a.token), sha256(o.token)]));
      expect(rows.some((r) => r.tokenHash === a.token || r.tokenHash === o.token)).toBe(false);
      expect((await sessions.listParticipants(session.id)).map((p) => p.displayName)).toEqual(["f", "Bastien", "Chloé"]);
    });

    it("authenticates a token only within the session of its join code", async () => {
      const one = await sessions.create({ title: "one", facilitatorName: "f1" });
      const two = await sessions.create({ title: "two", facilitatorName: "f2" });
      const p = await sessions.addParticipant(one.session.id, "Dan");

      expect(await sessions.authenticate(one.session.joinCode, p.token)).toEqual({ session: one.session, participant: p.participant });
      expect((await sessions.authenticate(one.session.joinCode, one.facilitatorToken))?.participant.role).toBe("facilitator");
      expect(await sessions.authenticate(two.session.joinCode, p.token)).toBeNull();
      expect(await sessions.authenticate(two.session.joinCode, one.facilitatorToken)).toBeNull();
      expect(await sessions.authenticate(one.session.joinCode, "not-a-token")).toBeNull();
      expect(await sessions.authenticate(one.session.joinCode, sha256(p.token))).toBeNull();
      expect(await sessions.authenticate("XXXXXX", p.token)).toBeNull();
    });

    it("changes a participant's session role", async () => {
      const { session } = await sessions.create({ title: "t", facilitatorName: "f" });
      const { participant, token } = await sessions.addParticipant(session.id, "Gus");
      await sessions.setRole(participant.id, "observer");
      expect((await sessions.authenticate(session.joinCode, token))?.participant.role).toBe("observer");
      await sessions.setRole(participant.id, "participant");
      expect((await sessions.listParticipants(session.id)).find((p) => p.id === participant.id)?.role).toBe("participant");
    });

    it("marks a participant seen, gone, and back", async () => {
      const { session } = await sessions.create({ title: "t", facilitatorName: "f" });
      const { participant } = await sessions.addParticipant(session.id, "Eve");
      const t1 = new Date("2026-11-23T09:00:00.001Z");
      const t2 = new Date("2026-11-23T09:30:00.002Z");
      await sessions.markSeen(participant.id, t1, true);
      expect(await db.prisma.participant.findUniqueOrThrow({ where: { id: participant.id } })).toMatchObject({ lastSeenAt: t1, leftAt: t1 });
      await sessions.markSeen(participant.id, t2, false);
      expect(await db.prisma.participant.findUniqueOrThrow({ where: { id: participant.id } })).toMatchObject({ lastSeenAt: t2, leftAt: null });
    });
  });

  describe("SeanceRepository", () => {
    const initial = (n: number) => () => ({ templateId: "codev", stepIndex: n, log: [] });

    it("loadOrCreate creates the séance once, with its initial state, and finds it afterwards", async () => {
      const s = await newSession();
      expect(await seances.find(s.id)).toBeNull();
      const first = await seances.loadOrCreate(s.id, "codev", initial(-1));
      expect(first).toMatchObject({ sessionId: s.id, templateId: "codev", version: 1, state: { stepIndex: -1 } });
      expect(first.updatedAt).toBeInstanceOf(Date);
      let called = false;
      const again = await new SeanceRepository(other.prisma).loadOrCreate(s.id, "codev", () => ((called = true), initial(5)()));
      expect(again).toEqual(first);
      expect(called).toBe(false);
      expect(await seances.find(s.id)).toEqual(first);
    });

    it("loadOrCreate called at once from several connections creates one séance", async () => {
      for (let round = 0; round < 3; round++) {
        const s = await newSession();
        const racing = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => new SeanceRepository((i % 2 ? db : other).prisma).loadOrCreate(s.id, "codev", initial(i))));
        expect(new Set(racing.map((r) => r.id)).size).toBe(1);
        expect(new Set(racing.map((r) => JSON.stringify(r.state))).size).toBe(1);
        expect(await db.prisma.seance.count({ where: { sessionId: s.id } })).toBe(1);
      }
    });

    it("update succeeds only at the version read, and each success moves the version by one", async () => {
      const s = await newSession();
      const row = await seances.loadOrCreate(s.id, "codev", initial(-1));
      await sleep(15);
      const w1 = await seances.update(s.id, row.version, { templateId: "codev", stepIndex: 0 });
      expect(w1).toMatchObject({ ok: true, version: 2 });
      expect(await seances.update(s.id, row.version, { templateId: "codev", stepIndex: 9 })).toEqual({ ok: false, reason: "conflict" });
      const read = (await seances.find(s.id))!;
      expect(read).toMatchObject({ version: 2, state: { stepIndex: 0 } });
      expect(read.updatedAt.getTime()).toBeGreaterThan(row.updatedAt.getTime());
      expect(await seances.update(s.id, 2, { templateId: "codev", stepIndex: 1 })).toMatchObject({ ok: true, version: 3 });
      expect(await seances.update("no-such-session", 1, {})).toEqual({ ok: false, reason: "conflict" });
    });

    it("of writers racing from several connections at the same version, exactly one wins", async () => {
      const s = await newSession();
      await seances.loadOrCreate(s.id, "codev", initial(-1));
      for (let version = 1; version <= 5; version++) {
        const writes = await Promise.all([0, 1, 2, 3].map((i) => new SeanceRepository((i % 2 ? db : other).prisma).update(s.id, version, { templateId: "codev", stepIndex: version * 10 + i })));
        const winners = writes.flatMap((w, i) => (w.ok ? [i] : []));
        expect(winners).toHaveLength(1);
        expect((await seances.find(s.id))!).toMatchObject({ version: version + 1, state: { stepIndex: version * 10 + winners[0] } });
      }
    });
  });

  describe("BoardToolsRepository", () => {
    it("loadOrCreate makes one row per board; update succeeds only at the version read; the row goes with its session", async () => {
      const s = await newSession();
      const tools = new BoardToolsRepository(db.prisma);
      expect(await tools.find(s.id, "main")).toBeNull();
      const racing = await Promise.all([0, 1, 2, 3].map((i) => new BoardToolsRepository((i % 2 ? db : other).prisma).loadOrCreate(s.id, "main", () => ({ n: i }))));
      expect(new Set(racing.map((r) => JSON.stringify(r.state))).size).toBe(1);
      expect(racing[0].version).toBe(1);
      const writes = await Promise.all([0, 1, 2].map((i) => new BoardToolsRepository((i % 2 ? db : other).prisma).update(s.id, "main", 1, { n: 10 + i })));
      expect(writes.filter((w) => w.ok)).toHaveLength(1);
      expect(await tools.update(s.id, "main", 1, { n: 99 })).toEqual({ ok: false, reason: "conflict" });
      expect((await tools.find(s.id, "main"))?.version).toBe(2);
      await db.prisma.session.delete({ where: { id: s.id } });
      expect(await db.prisma.boardTools.count({ where: { sessionId: s.id } })).toBe(0);
    });
  });

  describe("QuizImageRepository", () => {
    it("stores the bytes as given, finds an image only in its session, keeps the cap under concurrent adds, and the rows go with the session", async () => {
      const s = await newSession();
      const elsewhere = await newSession();
      const images = new QuizImageRepository(db.prisma);
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 128, 0]);
      const added = await images.add(s.id, png, (count) => checkQuizImage(png, count));
      if (!added.ok) throw new Error(`refused: ${added.reason}`);
      expect(added.image).toMatchObject({ sessionId: s.id, contentType: "image/png", byteSize: png.length });
      expect(added.image.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
      const found = await images.find(s.id, added.image.id);
      expect(found && Buffer.from(found.bytes).equals(Buffer.from(png))).toBe(true);
      expect(await images.find(elsewhere.id, added.image.id)).toBeNull();
      expect(await images.add("no-such-session", png, () => ({ ok: true, contentType: "image/png" }))).toEqual({ ok: false, reason: "gone" });

      // Racing adds from several connections with a cap of 3: exactly 3 rows in all.
      const capped = (count: number) => (count < 3 ? checkQuizImage(png, 0) : ({ ok: false, code: "too_many_images", message: "cap" } as const));
      const racing = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => new QuizImageRepository((i % 2 ? db : other).prisma).add(s.id, png, capped)));
      expect(racing.filter((r) => r.ok)).toHaveLength(2);
      expect(racing.filter((r) => !r.ok)).toEqual(Array.from({ length: 4 }, () => ({ ok: false, reason: "refused", refusal: { ok: false, code: "too_many_images", message: "cap" } })));
      expect(await images.count(s.id)).toBe(3);

      await db.prisma.session.delete({ where: { id: s.id } });
      expect(await db.prisma.quizImage.count({ where: { sessionId: s.id } })).toBe(0);
      expect(await images.find(s.id, added.image.id)).toBeNull();
    });
  });

  describe("BoardRepository", () => {
    it("loadOrCreate creates an empty board once and finds it afterwards", async () => {
      const s = await newSession();
      const first = await boards.loadOrCreate(s.id, "main");
      expect(first).toMatchObject({ sessionId: s.id, name: "main", logLength: 0 });
      expect(first.chunks).toHaveLength(1);
      expect(rebuild(first.chunks)).toEqual({ notes: [], meta: {}, text: "", pending: false });
      expect((await boards.loadOrCreate(s.id, "main")).boardId).toBe(first.boardId);
      expect((await new BoardRepository(other.prisma).loadOrCreate(s.id, "main")).boardId).toBe(first.boardId);
      expect((await boards.loadOrCreate(s.id, "other")).boardId).not.toBe(first.boardId);
      expect(await db.prisma.boardDocument.count({ where: { sessionId: s.id } })).toBe(2);
    });

    // Regression: Prisma's upsert is SELECT then INSERT, so two processes opening the same new
    // board at once used to fail with P2002; loadOrCreate now inserts with ON CONFLICT DO NOTHING.
    it("loadOrCreate called at once from several connections creates one board", async () => {
      const s = await newSession();
      for (let round = 0; round < 4; round++) {
        const name = `board-${round}`;
        const racing = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => new BoardRepository((i % 2 ? db : other).prisma).loadOrCreate(s.id, name)));
        expect(new Set(racing.map((r) => r.boardId)).size).toBe(1);
      }
      expect(await db.prisma.boardDocument.count({ where: { sessionId: s.id } })).toBe(4);
    });

    it.each(["driver", "prisma"] as const)("appends one batch for several boards, keeping each board's order (through %s)", async (path) => {
      const repo = path === "driver" ? boards : new BoardRepository(db.prisma);
      const s = await newSession();
      const [a, b, c] = await Promise.all(["a", "b", "c"].map((n) => boards.loadOrCreate(s.id, n)));
      const eds = { a: editor(), b: editor(), c: editor() };
      const rows = [];
      for (let i = 0; i < 12; i++) {
        const key = (["a", "b", "c"] as const)[i % 3];
        const board = { a, b, c }[key];
        rows.push({ boardId: board.boardId, data: eds[key].note(`${key}${i}`), participantId: i % 2 ? `p${i}` : null });
      }
      await repo.append(rows);
      await repo.append([]);
      for (const [key, board] of Object.entries({ a, b, c })) {
        const loaded = await boards.loadOrCreate(s.id, key);
        expect(loaded.logLength).toBe(4);
        expect(await boards.logLength(board.boardId)).toBe(4);
        expect(rebuild(loaded.chunks).notes).toEqual([0, 1, 2, 3].map((k) => `${key}${k * 3 + ["a", "b", "c"].indexOf(key)}`));
      }
      const stored = await db.prisma.boardUpdate.findMany({ where: { boardId: a.boardId }, orderBy: { seq: "asc" } });
      expect(stored.map((r) => r.participantId)).toEqual([null, "p3", null, "p9"]);

      const bad = [
        { boardId: a.boardId, data: eds.a.note("kept?"), participantId: null },
        { boardId: "no-such-board", data: new Uint8Array([0]), participantId: null },
      ];
      if (path === "prisma") {
        // All or nothing.
        await expect(repo.append(bad)).rejects.toThrow();
        expect(await boards.logLength(a.boardId)).toBe(4);
      } else {
        // The app's path: rows of a board that no longer exists (its session was deleted) are
        // dropped, so the writer never retries them forever; the rest of the batch is stored.
        expect(await repo.append(bad)).toBe(1);
        expect(await boards.logLength(a.boardId)).toBe(5);
      }
    });

    it("load rebuilds the document with Yjs from the snapshot and the log", async () => {
      const s = await newSession();
      const board = await boards.loadOrCreate(s.id, "main");
      const ed = editor();
      ed.doc.getMap("meta").set("title", "Idées");
      ed.doc.getText("text").insert(0, "bonjour");
      ed.doc.getText("text").insert(7, " à tous");
      ed.doc.getArray("notes").push(["n1", "n2"]);
      ed.doc.getArray("notes").delete(0, 1);
      const updates = ed.take();
      expect(updates).toHaveLength(5);
      await boards.append(updates.map((data) => ({ boardId: board.boardId, data, participantId: null })));
      const loaded = await boards.loadOrCreate(s.id, "main");
      expect(loaded.logLength).toBe(5);
      expect(rebuild(loaded.chunks)).toEqual({ notes: ["n2"], meta: { title: "Idées" }, text: "bonjour à tous", pending: false });
      const doc = new Y.Doc();
      for (const c of loaded.chunks) Y.applyUpdate(doc, c);
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(ed.doc));
    });

    it("compact folds the log into the snapshot; later loads and appends give the same content", async () => {
      const s = await newSession();
      const board = await boards.loadOrCreate(s.id, "main");
      const ed = editor();
      const first = Array.from({ length: 40 }, (_, i) => ed.note(`n${i}`));
      await boards.append(first.map((data) => ({ boardId: board.boardId, data, participantId: null })));

      expect(await boards.compact(board.boardId)).toMatchObject({ folded: 40 });
      expect(await boards.logLength(board.boardId)).toBe(0);
      expect(await db.prisma.boardUpdate.count({ where: { boardId: board.boardId } })).toBe(0);
      const lastSeq = (await db.prisma.boardDocument.findUniqueOrThrow({ where: { id: board.boardId } })).compactedSeq;
      expect(lastSeq).toBeGreaterThan(0n);
      const afterCompact = await boards.loadOrCreate(s.id, "main");
      expect(afterCompact.chunks).toHaveLength(1);
      expect(afterCompact.logLength).toBe(0);
      expect(rebuild(afterCompact.chunks).notes).toEqual(first.map((_, i) => `n${i}`));
      expect(await boards.compact(board.boardId)).toMatchObject({ folded: 0 });

      const more = Array.from({ length: 5 }, (_, i) => ed.note(`m${i}`));
      await boards.append(more.map((data) => ({ boardId: board.boardId, data, participantId: null })));
      const mixed = await boards.loadOrCreate(s.id, "main");
      expect(mixed.logLength).toBe(5);
      expect(rebuild(mixed.chunks).notes).toEqual([...first.map((_, i) => `n${i}`), ...more.map((_, i) => `m${i}`)]);
      expect(await boards.compact(board.boardId)).toMatchObject({ folded: 5 });
      expect(rebuild((await boards.loadOrCreate(s.id, "main")).chunks)).toEqual(rebuild(mixed.chunks));
      expect(await boards.compact("no-such-board")).toEqual({ folded: 0, bytes: 0 });
    });

    it("concurrent compactions never move the snapshot backwards and lose nothing", async () => {
      const s = await newSession();
      const board = await boards.loadOrCreate(s.id, "main");
      const repos = [boards, new BoardRepository(other.prisma, other.driver), new BoardRepository(db.prisma)];
      const ed = editor();
      const expected: string[] = [];
      let previous = 0n;
      for (let round = 0; round < 6; round++) {
        const batch = Array.from({ length: 15 }, (_, i) => {
          expected.push(`r${round}n${i}`);
          return ed.note(`r${round}n${i}`);
        });
        await boards.append(batch.map((data) => ({ boardId: board.boardId, data, participantId: null })));
        const results = await Promise.all(repos.map((r) => r.compact(board.boardId)));
        expect(results.reduce((n, r) => n + r.folded, 0)).toBe(15);
        const { compactedSeq } = await db.prisma.boardDocument.findUniqueOrThrow({ where: { id: board.boardId } });
        expect(compactedSeq).toBeGreaterThan(previous);
        previous = compactedSeq;
        expect(rebuild((await boards.loadOrCreate(s.id, "main")).chunks)).toEqual({ notes: expected, meta: {}, text: "", pending: false });
      }

      // Appends from one writer (as UpdateWriter does) racing compactions from two pools.
      const seqs: bigint[] = [];
      const watcher = (async () => {
        for (let i = 0; i < 30; i++) {
          seqs.push((await other.prisma.boardDocument.findUniqueOrThrow({ where: { id: board.boardId } })).compactedSeq);
          await sleep(2);
        }
      })();
      const appender = (async () => {
        for (let k = 0; k < 20; k++) {
          const rows = Array.from({ length: 5 }, (_, i) => {
            expected.push(`race${k}.${i}`);
            return { boardId: board.boardId, data: ed.note(`race${k}.${i}`), participantId: null };
          });
          await boards.append(rows);
        }
      })();
      const compactor = (repo: BoardRepository) =>
        (async () => {
          for (let k = 0; k < 12; k++) {
            await repo.compact(board.boardId);
            await sleep(1);
          }
        })();
      await Promise.all([appender, watcher, compactor(repos[0]), compactor(repos[1])]);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThanOrEqual(seqs[i - 1]);
      await boards.compact(board.boardId);
      expect(rebuild((await boards.loadOrCreate(s.id, "main")).chunks)).toEqual({ notes: expected, meta: {}, text: "", pending: false });
    });

    it("updates appended while a compaction runs survive it", async () => {
      const s = await newSession();
      const board = await boards.loadOrCreate(s.id, "main");
      const ed = editor();
      await boards.append(["a", "b", "c"].map((t) => ({ boardId: board.boardId, data: ed.note(t), participantId: null })));
      const late = ed.note("late");
      let during: Promise<number> | null = null;
      // Append right after the compaction has read the log, before it writes the snapshot.
      const hooked = db.prisma.$extends({
        query: {
          boardDocument: {
            async updateMany({ args, query }) {
              during ??= new BoardRepository(other.prisma, other.driver).append([{ boardId: board.boardId, data: late, participantId: null }]);
              // PGlite runs one transaction at a time: the append waits for this one to end.
              if (backend === "postgres") await during;
              return query(args);
            },
          },
        },
      });
      const result = await new BoardRepository(hooked as unknown as Database["prisma"]).compact(board.boardId);
      await during;
      expect(during).not.toBeNull();
      expect(result.folded).toBe(3);
      const loaded = await boards.loadOrCreate(s.id, "main");
      expect(loaded.logLength).toBe(1);
      expect(rebuild(loaded.chunks).notes).toEqual(["a", "b", "c", "late"]);
      expect(await boards.compact(board.boardId)).toMatchObject({ folded: 1 });
      expect(rebuild((await boards.loadOrCreate(s.id, "main")).chunks).notes).toEqual(["a", "b", "c", "late"]);
    });

    // Regression: a compaction committing between the two reads of a load used to hide the
    // log rows it folded; loadOrCreate now reads the log first, then the snapshot.
    it("a load racing a compaction still sees every update", async () => {
      const s = await newSession();
      const board = await boards.loadOrCreate(s.id, "main");
      const ed = editor();
      await boards.append(["a", "b", "c"].map((t) => ({ boardId: board.boardId, data: ed.note(t), participantId: null })));
      let compacted = false;
      const hooked = db.prisma.$extends({
        query: {
          boardUpdate: {
            async findMany({ args, query }) {
              if (!compacted) {
                compacted = true;
                await new BoardRepository(other.prisma).compact(board.boardId);
              }
              return query(args);
            },
          },
        },
      });
      const loaded = await new BoardRepository(hooked as unknown as Database["prisma"]).loadOrCreate(s.id, "main");
      expect(compacted).toBe(true);
      expect(rebuild(loaded.chunks).notes).toEqual(["a", "b", "c"]);
    });

    if (backend === "postgres") {
      // Regression: BIGSERIAL values are handed out at INSERT but visible at COMMIT, so an append
      // with a lower seq may commit after a compaction; compact now folds and deletes exactly the
      // rows it read, and loads apply every row present.
      it("an append that commits after a later one is not lost by a compaction", async () => {
        const s = await newSession();
        const board = await boards.loadOrCreate(s.id, "main");
        const ed = editor();
        const slow = ed.note("slow"); // this writer took its seq first...
        const fast = ed.note("fast");
        const raw = await target.raw();
        await raw.exec("BEGIN");
        await raw.query(`INSERT INTO "board_update" (board_id, data) VALUES ($1, $2)`, [board.boardId, Buffer.from(slow)]);
        await boards.append([{ boardId: board.boardId, data: fast, participantId: null }]); // ...this one commits first
        await boards.compact(board.boardId);
        await raw.exec("COMMIT");
        await raw.close();
        const loaded = await boards.loadOrCreate(s.id, "main");
        expect(rebuild(loaded.chunks)).toMatchObject({ notes: ["slow", "fast"], pending: false });
      });
    }
  });
});

describe("PGlite data folder", () => {
  const ctx = useBackend("pglite");

  it("keeps sessions, tokens and boards across a close and a reopen of the same folder", async () => {
    const target = await ctx.fresh();
    const first = await target.open();
    const created = await new SessionRepository(first.prisma).create({ title: "Persistante", facilitatorName: "Fanny" });
    const boardRepo = new BoardRepository(first.prisma, first.driver);
    const board = await boardRepo.loadOrCreate(created.session.id, "main");
    const ed = editor();
    await boardRepo.append(["x", "y"].map((t) => ({ boardId: board.boardId, data: ed.note(t), participantId: created.facilitator.id })));
    await boardRepo.compact(board.boardId);
    await boardRepo.append([{ boardId: board.boardId, data: ed.note("z"), participantId: null }]);
    await first.close();

    const again = await target.open();
    expect(again.kind).toBe("pglite");
    const repo = new SessionRepository(again.prisma);
    expect(await repo.findByCode(created.session.joinCode)).toEqual(created.session);
    expect((await repo.authenticate(created.session.joinCode, created.facilitatorToken))?.participant).toEqual(created.facilitator);
    const loaded = await new BoardRepository(again.prisma).loadOrCreate(created.session.id, "main");
    expect(loaded.boardId).toBe(board.boardId);
    expect(loaded.logLength).toBe(1);
    expect(rebuild(loaded.chunks).notes).toEqual(["x", "y", "z"]);
    expect(await again.driver.query(`SELECT 1 FROM "_prisma_migrations"`)).toHaveLength((await readMigrations()).length);
    await again.close();
  });
});

afterAll(() => {
  expect(forcedCodes).toEqual([]);
});
