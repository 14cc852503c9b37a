// kill -9 of a real server process in the middle of a session: every acknowledged edit is
// found in storage alone, and the clients that were connected resynchronise by themselves.
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createSession, removeDir, stablePort, startServer, tempDir, type ServerHandle } from "../helpers/server.ts";
import { addNote, connectParticipant, noteTexts, sameState, waitFor, withTimeout } from "../helpers/clients.ts";
import type { BoardConnection } from "../../src/client/boardConnection.ts";

const dirs: string[] = [];
const servers: ServerHandle[] = [];
afterAll(async () => {
  for (const s of servers) if (s.proc.exitCode === null) await s.kill9();
  dirs.forEach(removeDir);
});

interface Writer {
  name: string;
  conn: BoardConnection;
  made: number;
  /** edits made before the last time the client was told "everything is stored" */
  acked: number;
}

describe("durability", () => {
  it("after kill -9 every acknowledged edit is stored, and clients resynchronise by themselves", async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await startServer({ dataDir, port: await stablePort() });
    servers.push(first);
    const session = await createSession(first.url);

    const writers: Writer[] = [];
    for (const name of ["Awa", "Bruno", "Chloé"]) {
      const { conn } = await connectParticipant(first.url, session.code, name, { reconnectionDelay: 200 });
      const w: Writer = { name, conn, made: 0, acked: 0 };
      // "saved" means: everything made so far is acknowledged as stored.
      conn.on("status", (s) => {
        if (s === "saved") w.acked = w.made;
      });
      writers.push(w);
    }

    // Everyone writes continuously; the process is killed while edits are in flight.
    let writing = true;
    const loops = writers.map(async (w) => {
      while (writing) {
        addNote(w.conn.doc, `${w.name}-${w.made}`, `édition ${w.made}`);
        w.made++;
        if (w.conn.status === "saved") w.acked = w.made - 1;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
      }
    });
    // Kill once every writer has had edits acknowledged (on a loaded machine that takes longer).
    await new Promise((r) => setTimeout(r, 1500));
    await waitFor(() => writers.every((w) => w.acked > 10), 30_000, "some edits acknowledged before the kill");
    await first.kill9();
    const killedAt = writers.map((w) => ({ made: w.made, acked: w.acked }));
    // keep writing a little while offline: those edits must be merged on reconnect
    await new Promise((r) => setTimeout(r, 300));
    writing = false;
    await Promise.all(loops);
    for (const k of killedAt) expect(k.acked).toBeGreaterThan(10);

    // 1. Storage alone, read by a restarted server on another port that the old clients do
    //    not know: every acknowledged edit is there.
    const check = await startServer({ dataDir });
    servers.push(check);
    const { conn: reader } = await connectParticipant(check.url, session.code, "Lecteur");
    const stored = noteTexts(reader.doc);
    writers.forEach((w, i) => {
      for (let e = 0; e < killedAt[i].acked; e++) expect(stored[`${w.name}-${e}`], `${w.name}-${e} was acknowledged`).toBe(`édition ${e}`);
    });
    reader.destroy();
    await check.stop();

    // 2. Back on the original port: the old clients reconnect by themselves, send what the
    //    server lacks (unacknowledged and offline edits) and everyone converges.
    const again = await startServer({ dataDir, port: first.port });
    servers.push(again);
    await Promise.all(writers.map((w) => withTimeout(waitForStatus(w.conn, "saved"), 20_000, `${w.name} resaved`)));
    const { conn: late } = await connectParticipant(again.url, session.code, "Retardataire");
    await waitFor(() => writers.every((w) => sameState(w.conn.doc, late.doc)), 10_000, "convergence after restart");
    const all = noteTexts(late.doc);
    for (const w of writers) for (let e = 0; e < w.made; e++) expect(all[`${w.name}-${e}`]).toBe(`édition ${e}`);
    writers.forEach((w) => w.conn.destroy());
    late.destroy();
    expect(await again.stop()).toBe(0);
  });

  it("a clean shutdown stores and compacts everything, and a restart loads it", async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const s1 = await startServer({ dataDir });
    servers.push(s1);
    const session = await createSession(s1.url);
    const { conn } = await connectParticipant(s1.url, session.code, "Awa");
    for (let i = 0; i < 50; i++) addNote(conn.doc, `n${i}`, `note ${i}`);
    ((conn.doc.getMap("notes").get("n3") as Y.Map<unknown>).get("text") as Y.Text).insert(0, "modifiée ");
    await conn.whenSaved();
    const before = noteTexts(conn.doc);
    conn.destroy();
    expect(await s1.stop()).toBe(0);
    expect(s1.output()).toContain("bye");

    const s2 = await startServer({ dataDir });
    servers.push(s2);
    const { conn: again } = await connectParticipant(s2.url, session.code, "Bruno");
    expect(noteTexts(again.doc)).toEqual(before);
    again.destroy();
    await s2.stop();
  });
});

function waitForStatus(conn: BoardConnection, status: string): Promise<void> {
  if (conn.status === status) return Promise.resolve();
  return new Promise((resolve) => {
    const off = conn.on("status", (s) => {
      if (s === status) {
        off();
        resolve();
      }
    });
  });
}
