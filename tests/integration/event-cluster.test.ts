// A national day served by two processes on one PostgreSQL and one Redis: the coordination on
// process A, the participants on process B. Joins, the placement and its tickets, a live move,
// a message and a call for help cross between them (the event's row is read again on the
// activity announcement), and a ticket made on B opens its room on A.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomTicket } from "../../src/protocol/index.ts";
import { createSession, joinSession, removeDir, startServer, tempDir, type ServerHandle } from "../helpers/server.ts";
import { waitFor } from "../helpers/clients.ts";
import { EventScreen, eventScreen, roomSocket, sockets } from "../helpers/events.ts";
import { startPostgres, type PostgresHandle } from "../helpers/postgres.ts";
import { startRedis, type RedisHandle } from "../helpers/redis.ts";

const PEOPLE = 24;
let postgres: PostgresHandle;
let redis: RedisHandle;
const servers: ServerHandle[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const databaseUrl = await postgres.createDatabase();
  // One after the other: the first applies the migrations, the other finds them applied.
  for (let i = 0; i < 2; i++) {
    const dataDir = tempDir();
    dirs.push(dataDir);
    servers.push(await startServer({ dataDir, env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url } }));
  }
}, 180_000);

afterAll(async () => {
  sockets.splice(0).forEach((s) => s.disconnect());
  await Promise.all(servers.map((s) => (s.proc.exitCode === null && s.proc.signalCode === null ? s.stop() : null)));
  await Promise.all([redis?.stop(), postgres?.stop()]);
  dirs.forEach(removeDir);
}, 60_000);

const coordinatorState = (sc: EventScreen) => {
  const s = sc.last;
  if (s?.role !== "coordinator") throw new Error("not a coordinator's state");
  return s;
};

describe("a national day on two processes", () => {
  it("the coordination on A and the participants on B see the same event", async () => {
    const [a, b] = servers;
    const created = await createSession(a.url, "Journée inter-régions", "event");
    const coord = await eventScreen(a.url, created.code, created.facilitatorToken);
    expect((await coord.command({ type: "addRooms", count: 4, templateId: "board" })).ok).toBe(true);
    const people = Array.from({ length: PEOPLE }, (_, k) => ({ id: `p${k}`, name: `Personne ${k}`, structure: `Structure ${k % 5}`, territory: `Territoire ${k % 3}` }));
    expect((await coord.command({ type: "importPeople", people })).ok).toBe(true);

    const screens: EventScreen[] = [];
    for (let k = 0; k < PEOPLE; k++) {
      const who = await joinSession(b.url, created.code, `Personne ${k}`);
      screens.push(await eventScreen(b.url, created.code, who.token));
    }
    const joined = await Promise.all(screens.map((s, k) => s.command({ type: "join", personId: `p${k}` })));
    expect(joined.filter((j) => !j.ok)).toEqual([]);
    // Joins taken on B reach the coordination on A.
    await waitFor(() => coordinatorState(coord).state.people.every((p) => p.participantId !== null), 10_000, "every join seen on A");

    // The placement made on A: every screen on B gets its ticket, with A's room codes.
    expect((await coord.command({ type: "placeBalanced", seed: 11 })).ok).toBe(true);
    await waitFor(() => screens.every((s) => s.ticket !== null), 15_000, "tickets on B");
    await waitFor(() => coordinatorState(coord).rooms.every((r) => r.code !== null), 10_000, "room codes on A");
    const codes = new Map(coordinatorState(coord).rooms.map((r) => [r.roomId, r.code]));
    for (const s of screens) expect(s.ticket!.code).toBe(codes.get(s.ticket!.roomId));

    // A ticket made on B opens the room on A.
    const t0: RoomTicket = screens[0].ticket!;
    const inRoom = await roomSocket(a.url, t0);
    expect(inRoom.socket.connected).toBe(true);

    // A live move on A: the moved person's screen on B follows.
    const target = coordinatorState(coord).state.rooms.find((r) => r.id !== t0.roomId)!;
    expect((await coord.command({ type: "movePerson", personId: "p0", roomId: target.id })).ok).toBe(true);
    await waitFor(() => screens[0].ticket?.roomId === target.id, 10_000, "the move on B");
    expect(screens[0].ticket!.code).toBe(codes.get(target.id));

    // A message from A on every screen of B; a call from B on A.
    expect((await coord.command({ type: "broadcastMessage", text: "On se retrouve en plénière à 16 h" })).ok).toBe(true);
    await waitFor(() => screens.every((s) => s.last?.role === "participant" && s.last.view.message?.text === "On se retrouve en plénière à 16 h"), 10_000, "the message on B");
    expect((await screens[3].command({ type: "callFacilitator", note: "Besoin d'aide" })).ok).toBe(true);
    await waitFor(() => coordinatorState(coord).state.help.some((h) => h.note === "Besoin d'aide"), 10_000, "the call on A");
  });
});
