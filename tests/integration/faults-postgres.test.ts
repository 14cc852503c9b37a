// PostgreSQL away for 60 s: editing goes on (edits are shared at once, acknowledged only once
// stored), the writer retries, nothing accepted is lost, saving resumes within 10 s of the
// database's return, and after a restart of everything the board is complete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BoardConnection } from "../../src/client/boardConnection.ts";
import { createSession, removeDir, startServer, tempDir, type ServerHandle } from "../helpers/server.ts";
import { addNote, connectParticipant, noteTexts, sameState, waitFor, withTimeout } from "../helpers/clients.ts";
import { startPostgres, type PostgresHandle } from "../helpers/postgres.ts";

const OUTAGE_MS = 60_000;
let postgres: PostgresHandle;
let databaseUrl: string;
let server: ServerHandle | null = null;
const conns: BoardConnection[] = [];
const dirs: string[] = [];

async function start(): Promise<ServerHandle> {
  const dataDir = tempDir();
  dirs.push(dataDir);
  server = await startServer({ dataDir, env: { DATABASE_URL: databaseUrl } });
  return server;
}

beforeAll(async () => {
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase();
}, 180_000);

afterAll(async () => {
  conns.forEach((c) => c.destroy());
  await server?.stop();
  await postgres?.stop();
  dirs.forEach(removeDir);
}, 60_000);

describe("PostgreSQL outage", () => {
  it("60 s without the database: editing goes on, saving resumes within 10 s of its return, nothing is lost", async () => {
    const s = await start();
    const session = await createSession(s.url, "Coupure base");
    const people = [(await connectParticipant(s.url, session.code, "Awa")).conn, (await connectParticipant(s.url, session.code, "Bruno")).conn];
    conns.push(...people);

    await postgres.halt();
    const outageEnds = Date.now() + OUTAGE_MS;
    let i = 0;
    while (Date.now() < outageEnds) {
      people.forEach((c, k) => addNote(c.doc, `n-${k}-${i}`, `pendant ${i}`, i, k));
      i++;
      await new Promise((r) => setTimeout(r, 1000));
    }
    // Edits were shared all along; none could be acknowledged as stored.
    const total = people.length * i;
    await waitFor(() => people.every((c) => Object.keys(noteTexts(c.doc)).length === total), 5000, "shared during the outage");
    expect(people.every((c) => c.status === "saving")).toBe(true);

    await postgres.restart();
    const back = Date.now();
    await Promise.all(people.map((c) => withTimeout(c.whenSaved(), 10_000, "saved after the database returned"))).catch((err) => {
      throw new Error(`${(err as Error).message}; server said:\n${s.output().slice(-3000)}`);
    });
    const savedMs = Date.now() - back;
    console.log(`postgres outage: saving resumed ${savedMs} ms after the database came back`);
    expect(savedMs).toBeLessThan(10_000);
    expect(sameState(people[0].doc, people[1].doc)).toBe(true);

    // Restart of everything: the database and the server. The board is complete.
    people.forEach((c) => c.destroy());
    // (A clean stop: this throwaway cluster runs with fsync off, so a crash of the machine
    // could lose its last commits, which says nothing about Marguerite.)
    await s.stop();
    await postgres.halt("fast");
    await postgres.restart();
    const again = await start();
    const witness = (await connectParticipant(again.url, session.code, "Témoin")).conn;
    conns.push(witness);
    expect(Object.keys(noteTexts(witness.doc)).length).toBe(total);
  }, 150_000);
});
