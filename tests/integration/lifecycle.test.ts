// Data lifecycle: a facilitator deletes a session and everything in it now; the purge deletes
// sessions closed PURGE_AFTER_DAYS ago. On both databases for the repository, against a real
// server (PGlite) for the route, the sockets and the job at start-up.
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Database } from "../../src/server/persistence/database.ts";
import { openDatabase } from "../../src/server/persistence/database.ts";
import { SessionRepository } from "../../src/server/persistence/sessions.ts";
import { BoardRepository } from "../../src/server/persistence/boards.ts";
import { SeanceRepository } from "../../src/server/persistence/seances.ts";
import { Events } from "../../src/protocol/index.ts";
import { BACKENDS, useBackend } from "../helpers/databases.ts";
import { addNote, connectParticipant, rawSocket, waitFor, withTimeout } from "../helpers/clients.ts";
import { createSession, removeDir, startServer, tempDir, type ServerHandle } from "../helpers/server.ts";

const DAY = 86_400_000;

function noteUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  addNote(doc, `n-${text}`, text);
  return Y.encodeStateAsUpdate(doc);
}

/** A session with something in every table: participants, a séance, a board with a snapshot and a log. */
async function fullSession(db: Database, title: string) {
  const sessions = new SessionRepository(db.prisma, db.driver);
  const boards = new BoardRepository(db.prisma, db.driver);
  const { session, facilitator, facilitatorToken } = await sessions.create({ title, facilitatorName: "Fanny", template: "codev" });
  await sessions.addParticipant(session.id, "Awa");
  await new SeanceRepository(db.prisma).loadOrCreate(session.id, "codev", () => ({ templateId: "codev" }));
  const board = await boards.loadOrCreate(session.id, "main");
  await boards.append([{ boardId: board.boardId, data: noteUpdate("a"), participantId: facilitator.id }]);
  await boards.compact(board.boardId);
  await boards.append([{ boardId: board.boardId, data: noteUpdate("b"), participantId: facilitator.id }]);
  return { session, boardId: board.boardId, facilitatorToken };
}

async function rowsOf(db: Database, sessionId: string) {
  const boards = await db.prisma.boardDocument.findMany({ where: { sessionId }, select: { id: true } });
  return {
    session: await db.prisma.session.count({ where: { id: sessionId } }),
    participants: await db.prisma.participant.count({ where: { sessionId } }),
    seance: await db.prisma.seance.count({ where: { sessionId } }),
    boards: boards.length,
    updates: await db.prisma.boardUpdate.count({ where: { board: { sessionId } } }),
  };
}

const NOTHING = { session: 0, participants: 0, seance: 0, boards: 0, updates: 0 };

describe.each(BACKENDS)("session lifecycle on %s", (backend) => {
  const ctx = useBackend(backend);

  it("the purge deletes sessions closed before the cutoff with everything in them, and nothing else", async () => {
    const db = await (await ctx.fresh()).open();
    const sessions = new SessionRepository(db.prisma, db.driver);
    const now = Date.now();
    const old = await fullSession(db, "Ancienne");
    const recent = await fullSession(db, "Récente");
    const open = await fullSession(db, "Ouverte");
    await sessions.close(old.session.id, new Date(now - 100 * DAY));
    await sessions.close(recent.session.id, new Date(now - 10 * DAY));
    // Closing twice keeps the first date.
    await sessions.close(old.session.id, new Date(now));
    expect((await sessions.findByCode(old.session.joinCode))?.closedAt).toEqual(new Date(now - 100 * DAY));

    expect(await sessions.purgeClosedBefore(new Date(now - 90 * DAY))).toEqual([old.session.id]);
    expect(await rowsOf(db, old.session.id)).toEqual(NOTHING);
    expect(await rowsOf(db, recent.session.id)).toEqual({ session: 1, participants: 2, seance: 1, boards: 1, updates: 1 });
    expect(await rowsOf(db, open.session.id)).toEqual({ session: 1, participants: 2, seance: 1, boards: 1, updates: 1 });
    expect(await sessions.purgeClosedBefore(new Date(now - 90 * DAY))).toEqual([]);
  });

  it("deleting a session takes everything in it; a late write to its board is dropped, not retried forever", async () => {
    const db = await (await ctx.fresh()).open();
    const sessions = new SessionRepository(db.prisma, db.driver);
    const boards = new BoardRepository(db.prisma, db.driver);
    const gone = await fullSession(db, "Supprimée");
    const kept = await fullSession(db, "Gardée");
    expect(await sessions.delete(gone.session.id)).toBe(true);
    expect(await rowsOf(db, gone.session.id)).toEqual(NOTHING);
    // A batch mixing a deleted board and a living one: the living one is stored.
    const stored = await boards.append([
      { boardId: gone.boardId, data: noteUpdate("late"), participantId: null },
      { boardId: kept.boardId, data: noteUpdate("c"), participantId: null },
    ]);
    expect(stored).toBe(1);
    expect(await rowsOf(db, gone.session.id)).toEqual(NOTHING);
    expect((await rowsOf(db, kept.session.id)).updates).toBe(2);
    expect(await sessions.delete(gone.session.id)).toBe(false);
  });
});

describe("session lifecycle on a real server", () => {
  const handles: ServerHandle[] = [];
  afterAll(async () => {
    for (const h of handles) {
      await h.stop();
      removeDir(h.dataDir);
    }
  });

  it("DELETE /api/sessions/CODE: the facilitator alone deletes it now; its sockets are closed and nothing is saved afterwards", async () => {
    const server = await startServer();
    handles.push(server);
    const s = await createSession(server.url, "À supprimer");
    const other = await createSession(server.url, "À garder");
    const { conn, joined } = await connectParticipant(server.url, s.code, "Awa");
    addNote(conn.doc, "n1", "Une note");
    await waitFor(() => conn.status === "saved", 10_000, "note saved");
    const fac = await rawSocket(server.url, s.code, s.facilitatorToken);
    const errors: unknown[] = [];
    fac.on(Events.error, (e) => errors.push(e));
    const facClosed = new Promise<string>((resolve) => fac.once("disconnect", (reason) => resolve(reason)));

    const del = (token: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/sessions/${s.code}`, { method: "DELETE", headers: { authorization: `Bearer ${token}`, ...headers } });
    expect((await del(joined.token)).status).toBe(403);
    expect((await del("A".repeat(43))).status).toBe(401);
    expect((await fetch(`${server.url}/api/sessions/${s.code}`, { method: "DELETE" })).status).toBe(401);
    const deleted = await del(s.facilitatorToken, { origin: server.url });
    expect(deleted.status).toBe(204);

    expect(await withTimeout(facClosed, 5000, "facilitator socket closed")).toBe("io server disconnect");
    expect(errors).toContainEqual(expect.objectContaining({ code: "session_not_found" }));
    // The participant's screen keeps its document: an edit now must not bring the session back.
    addNote(conn.doc, "n2", "Après la suppression");
    await new Promise((r) => setTimeout(r, 300));
    conn.destroy();
    expect((await fetch(`${server.url}/api/sessions/${s.code}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/sessions/${s.code}/me`, { headers: { authorization: `Bearer ${joined.token}` } })).status).toBe(401);
    expect((await fetch(`${server.url}/api/sessions/${other.code}`)).status).toBe(200);

    // After a clean stop (which flushes and compacts whatever memory holds), nothing of it is stored.
    expect(await server.stop()).toBe(0);
    const db = await openDatabase({ dataDir: server.dataDir });
    try {
      expect(await rowsOf(db, s.sessionId)).toEqual(NOTHING);
      expect((await rowsOf(db, other.sessionId)).session).toBe(1);
    } finally {
      await db.close();
    }
  });

  it("the purge runs at start: sessions closed more than PURGE_AFTER_DAYS ago are gone, the others stay", async () => {
    const dataDir = tempDir();
    const db = await openDatabase({ dataDir });
    const sessions = new SessionRepository(db.prisma, db.driver);
    const old = await fullSession(db, "Ancienne");
    const recent = await fullSession(db, "Récente");
    await sessions.close(old.session.id, new Date(Date.now() - 31 * DAY));
    await sessions.close(recent.session.id, new Date(Date.now() - 29 * DAY));
    await db.close();

    const server = await startServer({ dataDir, env: { PURGE_AFTER_DAYS: "30" } });
    handles.push(server);
    expect(server.output()).toMatch(/purged 1 session\(s\)/);
    expect((await fetch(`${server.url}/api/sessions/${old.session.joinCode}`)).status).toBe(404);
    const summary = await fetch(`${server.url}/api/sessions/${recent.session.joinCode}`);
    expect(await summary.json()).toMatchObject({ status: "closed" });
  });
});
