// A national day served by two processes on one PostgreSQL and one Redis: the coordination on
// process A, the participants on process B. Joins, the placement and its tickets, a live move,
// the notes of a room held only on B counted on A's dashboard,
// a message and a call for help cross between them (the event's row is read again on the
// activity announcement), and a ticket made on B opens its room on A. A room's seat follows
// its facilitator list whichever process holds whose screen, and the regroup made on A sends
// the listeners on B into their angles' rooms, with their perceptions on the boards.
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomTicket } from "../../src/protocol/index.ts";
import { BoardConnection } from "../../src/client/boardConnection.ts";
import { createSession, joinSession, removeDir, startServer, tempDir, type ServerHandle } from "../helpers/server.ts";
import { addNote, waitFor, withTimeout } from "../helpers/clients.ts";
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

const conns: BoardConnection[] = [];

afterAll(async () => {
  conns.splice(0).forEach((c) => c.destroy());
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

    // Notes written in a room whose people are all on B: the dashboard on A counts them (from
    // storage, as A does not hold that board).
    const quiet = screens.find((s) => s.ticket!.roomId !== t0.roomId && s.ticket!.roomId !== target.id)!.ticket!;
    const writerConn = new BoardConnection({ url: b.url, code: quiet.code, token: quiet.token, reconnectionDelay: 100, reconnectionDelayMax: 500 });
    conns.push(writerConn);
    await withTimeout(writerConn.whenSynced(), 10_000, "the quiet room on B");
    addNote(writerConn.doc, "n-quiet-1", "Covoiturage");
    addNote(writerConn.doc, "n-quiet-2", "Garde d'enfants");
    await waitFor(() => coordinatorState(coord).rooms.find((r) => r.roomId === quiet.roomId)?.notes === 2, 30_000, "the notes of a room held on B counted on A");

    // A message from A on every screen of B; a call from B on A.
    expect((await coord.command({ type: "broadcastMessage", text: "On se retrouve en plénière à 16 h" })).ok).toBe(true);
    await waitFor(() => screens.every((s) => s.last?.role === "participant" && s.last.view.message?.text === "On se retrouve en plénière à 16 h"), 10_000, "the message on B");
    expect((await screens[3].command({ type: "callFacilitator", note: "Besoin d'aide" })).ok).toBe(true);
    await waitFor(() => coordinatorState(coord).state.help.some((h) => h.note === "Besoin d'aide"), 10_000, "the call on A");
  });

  it("a room's seat follows its facilitator list, whichever process made the change and holds whose screen", async () => {
    const [a, b] = servers;
    const created = await createSession(a.url, "Journée des animateur·rice·s", "event");
    const coord = await eventScreen(a.url, created.code, created.facilitatorToken);
    expect((await coord.command({ type: "addRooms", count: 2, templateId: "board" })).ok).toBe(true);
    const people = Array.from({ length: 8 }, (_, k) => ({ id: `f${k}`, name: `Personne ${k}`, structure: `Structure ${k % 4}`, territory: `Territoire ${k % 2}` }));
    expect((await coord.command({ type: "importPeople", people })).ok).toBe(true);
    // Everyone in room 1: X's screen on B, Y's on A.
    const joined: { participantId: string; token: string; screen: EventScreen }[] = [];
    for (let k = 0; k < 8; k++) {
      const server = k % 2 === 0 ? b : a;
      const who = await joinSession(server.url, created.code, `Personne ${k}`);
      const screen = await eventScreen(server.url, created.code, who.token);
      expect((await screen.command({ type: "join", personId: `f${k}` })).ok).toBe(true);
      expect((await coord.command({ type: "movePerson", personId: `f${k}`, roomId: "room-1" })).ok).toBe(true);
      joined.push({ ...who, screen });
    }
    const [x, y] = [joined[0], joined[1]];
    await waitFor(() => joined.every((j) => j.screen.ticket?.roomId === "room-1"), 15_000, "everyone's ticket to room 1");

    /** The ticket to room 1 on this screen, and who its token is in the room (the server's word). */
    const ticketOf = (sc: EventScreen) => {
      const s = sc.last;
      if (s?.role === "facilitator") return s.tickets.find((t) => t.roomId === "room-1") ?? null;
      return s?.role === "participant" ? s.ticket : null;
    };
    const roleInRoom = async (t: RoomTicket) => {
      const res = await fetch(`${a.url}/api/sessions/${t.code}/me`, { headers: { authorization: `Bearer ${t.token}` } });
      return res.status === 200 ? ((await res.json()) as { role: string; participantId: string }) : { role: `HTTP ${res.status}`, participantId: "" };
    };
    const settled = async (who: typeof x, role: "facilitator" | "participant") => {
      await waitFor(() => ticketOf(who.screen)?.role === role, 15_000, `a ${role}'s ticket`);
      const t = ticketOf(who.screen)!;
      // The ticket's token opens the room as what the ticket says.
      expect((await roleInRoom(t)).role).toBe(role);
      return t;
    };

    const facilitate = async (who: typeof x) =>
      expect((await coord.command({ type: "setFacilitators", roomId: "room-1", facilitators: [{ participantId: who.participantId, name: "Animateur·rice" }] })).ok).toBe(true);

    // X (on B) gets the seat; then Y (on A) takes it over, and X, back to a participant, has a ticket that works.
    await facilitate(x);
    const xSeat = await settled(x, "facilitator");
    await facilitate(y);
    const ySeat = await settled(y, "facilitator");
    expect(ySeat.participantId).toBe(xSeat.participantId);
    const xPart = await settled(x, "participant");
    expect(xPart.participantId).not.toBe(xSeat.participantId);
    // X again: B must not trust what it remembered of X holding the seat.
    await facilitate(x);
    const xAgain = await settled(x, "facilitator");
    expect(xAgain.participantId).toBe(xSeat.participantId);
    await settled(y, "participant");
    // No facilitator: the coordination's way in is the seat again.
    expect((await coord.command({ type: "setFacilitators", roomId: "room-1", facilitators: [] })).ok).toBe(true);
    await settled(x, "participant");
    const own = await coord.command({ type: "roomTicket", roomId: "room-1" });
    expect(own.ok && own.ticket?.role).toBe("facilitator");
    expect(own.ok && (await roleInRoom(own.ticket!)).participantId).toBe(xSeat.participantId);
  });

  it("angles d'écoute: the regroup made on A sends the listeners on B into their angles' rooms, with every perception", async () => {
    const [a, b] = servers;
    const created = await createSession(a.url, "Histoires d'accompagnement", "event");
    const coord = await eventScreen(a.url, created.code, created.facilitatorToken);
    expect((await coord.command({ type: "addRooms", count: 2, templateId: "board" })).ok).toBe(true);
    const n = 6;
    const people = Array.from({ length: n }, (_, k) => ({ id: `a${k}`, name: `Personne ${k}`, structure: `Structure ${k % 3}`, territory: `Territoire ${k % 2}` }));
    expect((await coord.command({ type: "importPeople", people })).ok).toBe(true);
    const screens: EventScreen[] = [];
    for (let k = 0; k < n; k++) {
      const who = await joinSession(b.url, created.code, `Personne ${k}`);
      const sc = await eventScreen(b.url, created.code, who.token);
      expect((await sc.command({ type: "join", personId: `a${k}` })).ok).toBe(true);
      screens.push(sc);
    }
    expect((await coord.command({ type: "placeBalanced", seed: 7 })).ok).toBe(true);
    const setup = {
      angles: [
        { id: "collaboration", label: "Collaboration autour du salarié" },
        { id: "partenariat", label: "Pratique partenariale" },
      ],
      stories: [{ id: "s1", title: "Un suivi conjoint", narratorIds: ["a0"], roomId: null }],
    };
    expect((await coord.command({ type: "anglesSetup", setup })).ok).toBe(true);
    expect((await coord.command({ type: "assignAngles", seed: 3 })).ok).toBe(true);
    await waitFor(() => screens.every((s) => s.last?.role === "participant" && !!s.last.angles?.angle), 10_000, "every angle on B");
    const angleOf = screens.map((s) => (s.last!.role === "participant" ? s.last!.angles!.angle!.id : ""));
    const written = new Map<string, string[]>(setup.angles.map((x) => [x.id, []]));
    for (let k = 1; k < n; k++) {
      const text = `Perception de Personne ${k}`;
      expect((await screens[k].command({ type: "perceive", storyId: "s1", text })).ok).toBe(true);
      written.get(angleOf[k])!.push(text);
    }

    expect((await coord.command({ type: "regroup" })).ok).toBe(true);
    await waitFor(() => screens.every((s, k) => s.ticket?.roomId === `angle-${angleOf[k]}`), 15_000, "every ticket on B to its angle's room");

    const notesOf = (doc: Y.Doc) => [...doc.getMap<Y.Map<unknown>>("notes").values()].map((v) => String(v.get("text")));
    const boards = new Map<string, BoardConnection>();
    for (const angle of setup.angles) {
      const k = angleOf.indexOf(angle.id);
      const t = screens[k].ticket!;
      const conn = new BoardConnection({ url: b.url, code: t.code, token: t.token, reconnectionDelay: 100, reconnectionDelayMax: 500 });
      conns.push(conn);
      boards.set(angle.id, conn);
      await withTimeout(conn.whenSynced(), 10_000, `the ${angle.id} room on B`);
      await waitFor(() => notesOf(conn.doc).length === written.get(angle.id)!.length, 10_000, `the ${angle.id} perceptions on B`);
      expect(notesOf(conn.doc).sort()).toEqual([...written.get(angle.id)!].sort());
    }
    // Written on B in the angles' time: on the board at once.
    const late = "Une perception écrite pendant le regroupement";
    expect((await screens[1].command({ type: "perceive", storyId: "s1", text: late })).ok).toBe(true);
    await waitFor(() => notesOf(boards.get(angleOf[1])!.doc).includes(late), 10_000, "the late perception on its board");
  });
});
