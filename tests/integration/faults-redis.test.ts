// Redis away for 30 s under two server processes: each process keeps serving its own
// clients (edits accepted, stored and shared locally), and once Redis is back every client
// converges within 5 s (cluster.ts exchanges every loaded board both ways).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BoardConnection } from "../../src/client/boardConnection.ts";
import { createSession, removeDir, startServer, tempDir, type ServerHandle } from "../helpers/server.ts";
import { addNote, connectParticipant, noteTexts, sameState, waitFor, withTimeout } from "../helpers/clients.ts";
import { startPostgres, type PostgresHandle } from "../helpers/postgres.ts";
import { startRedis, type RedisHandle } from "../helpers/redis.ts";

const OUTAGE_MS = 30_000;
let postgres: PostgresHandle;
let redis: RedisHandle;
const servers: ServerHandle[] = [];
const conns: BoardConnection[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const databaseUrl = await postgres.createDatabase();
  for (let i = 0; i < 2; i++) {
    const dataDir = tempDir();
    dirs.push(dataDir);
    servers.push(await startServer({ dataDir, env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url } }));
  }
}, 180_000);

afterAll(async () => {
  conns.forEach((c) => c.destroy());
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all([redis?.stop(), postgres?.stop()]);
  dirs.forEach(removeDir);
}, 60_000);

describe("Redis outage", () => {
  it("30 s without Redis: each process keeps working for its clients; all converge within 5 s of its return", async () => {
    const [a, b] = servers;
    const session = await createSession(a.url, "Coupure Redis");
    const onA = [(await connectParticipant(a.url, session.code, "Awa")).conn, (await connectParticipant(a.url, session.code, "Bruno")).conn];
    const onB = [(await connectParticipant(b.url, session.code, "Chloé")).conn, (await connectParticipant(b.url, session.code, "Dan")).conn];
    const all = [...onA, ...onB];
    conns.push(...all);
    addNote(onA[0].doc, "before", "avant la coupure");
    await waitFor(() => all.every((c) => "before" in noteTexts(c.doc)), 5000, "shared before the outage");

    await redis.kill();
    const outageEnds = Date.now() + OUTAGE_MS;
    let i = 0;
    while (Date.now() < outageEnds) {
      all.forEach((c, k) => addNote(c.doc, `during-${k}-${i}`, `pendant ${i}`, i, k));
      i++;
      await new Promise((r) => setTimeout(r, 1000));
    }
    // Per process, everything kept working: saved, and shared with the clients of the same process.
    await Promise.all(all.map((c) => withTimeout(c.whenSaved(), 10_000, "saved during the outage")));
    for (const side of [onA, onB]) expect(sameState(side[0].doc, side[1].doc)).toBe(true);

    await redis.restart();
    const back = Date.now();
    const total = 1 + all.length * i;
    await waitFor(() => all.every((c) => Object.keys(noteTexts(c.doc)).length === total), 15_000, "every note on every client");
    await waitFor(() => all.every((c) => sameState(c.doc, all[0].doc)), 5_000, "same state");
    const convergedMs = Date.now() - back;
    console.log(`redis outage: converged ${convergedMs} ms after Redis came back`);
    expect(convergedMs).toBeLessThan(5_000);

    // Cross-process sharing works again.
    addNote(onB[1].doc, "after", "après la coupure");
    await waitFor(() => all.every((c) => "after" in noteTexts(c.doc)), 5000, "shared after the outage");
  }, 120_000);
});
