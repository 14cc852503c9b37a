// A whole national day on one real server (issue 5): 130 people join with the event's one code
// and find themselves on the list, a balanced placement in 12 free-board groups, each person
// follows their ticket into their group's room and writes a note there; angles d'écoute (3
// angles, 12 stories, one per group, a narrator each), each listener writes a perception on
// another group's story; the regroup sends each ticket to its angle's room, everyone connects
// there, the coordination enters each angle room with its own ticket (the seat), opens a dot
// vote on the notes, everyone votes, the coordination reveals. Checked: every perception on its
// angle's board exactly once, nothing lost, every client of a room converged to the same
// document, every dot counted.
import * as Y from "yjs";
import { afterAll, describe, expect, it } from "vitest";
import { BoardConnection } from "../../src/client/boardConnection.ts";
import { Events, type RoomTicket, type ToolsStateEvent } from "../../src/protocol/index.ts";
import { createSession, joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { addNote, waitFor, withTimeout } from "../helpers/clients.ts";
import { EventScreen, eventScreen, importRoster, rosterCsv, sockets } from "../helpers/events.ts";

const server = useServer();
const PEOPLE = 130;
const ROOMS = 12;
/** Connections opened at once: a loaded 2-core machine keeps up with this many. */
const CONCURRENCY = 10;
const BUDGET = 3;

/** A board connection with its tools states. */
interface Member {
  conn: BoardConnection;
  tools: ToolsStateEvent[];
}
const members: Member[] = [];
afterAll(() => {
  members.splice(0).forEach((m) => m.conn.destroy());
  sockets.splice(0).forEach((s) => s.disconnect());
});

type Ack = { ok: boolean; code?: string; message?: string };

async function member(url: string, ticket: RoomTicket): Promise<Member> {
  const conn = new BoardConnection({ url, code: ticket.code, token: ticket.token, reconnectionDelay: 200, reconnectionDelayMax: 1000 });
  const m: Member = { conn, tools: [] };
  conn.socket.on(Events.toolsState, (s: ToolsStateEvent) => m.tools.push(s));
  members.push(m);
  await withTimeout(conn.whenSynced(), 20_000, `sync in ${ticket.roomId}`);
  return m;
}

/** Runs `f` on every item, at most `limit` at a time, keeping the order. */
async function pool<T, R>(items: readonly T[], limit: number, f: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i], i);
      }
    }),
  );
  return out;
}

const tools = (m: Member) => m.tools[m.tools.length - 1];
const toolsCommand = (m: Member, cmd: unknown) => withTimeout(new Promise<Ack>((resolve) => m.conn.socket.emit(Events.toolsCommand, cmd, resolve)), 15_000, `ack of ${JSON.stringify(cmd)}`);
const noteMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>("notes");
const noteSet = (doc: Y.Doc) => JSON.stringify([...noteMap(doc).entries()].map(([id, n]) => `${id}=${String(n.get("text"))}`).sort());
const vector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString("base64");

/** Every client of each room holds the same document: the same state vector and the same notes. */
async function converged(byRoom: ReadonlyMap<string, Member[]>, what: string): Promise<void> {
  await waitFor(
    () => [...byRoom.values()].every((ms) => ms.every((m) => vector(m.conn.doc) === vector(ms[0].conn.doc) && noteSet(m.conn.doc) === noteSet(ms[0].conn.doc))),
    30_000,
    what,
  );
}

function groupBy<T>(items: readonly T[], key: (t: T, i: number) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  items.forEach((t, i) => {
    const k = key(t, i);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(t);
  });
  return out;
}

describe("a national day, from the event's code to the angle rooms' dot votes", () => {
  it("130 people: groups, notes, perceptions, regroup, angle rooms entered by the coordination, votes counted", { timeout: 120_000 }, async () => {
    const url = server.url;
    const created = await createSession(url, "Journée nationale du réseau", "event");
    const coord = await eventScreen(url, created.code, created.facilitatorToken);
    const coordState = () => {
      const s = coord.last;
      if (s?.role !== "coordinator") throw new Error("not a coordinator's state");
      return s;
    };

    // 12 free-board groups, the list imported as CSV.
    expect((await coord.command({ type: "addRooms", count: ROOMS, templateId: "board" })).ok).toBe(true);
    await waitFor(() => coordState().rooms.length === ROOMS && coordState().rooms.every((r) => r.code), 15_000, "12 rooms with their codes");
    expect((await importRoster(url, created.code, created.facilitatorToken, rosterCsv(PEOPLE))).status).toBe(200);
    await waitFor(() => coordState().state.people.length === PEOPLE, 15_000, "the list on the coordinator's screen");

    // Everyone joins with the event's one code and finds themselves on the list by name (E26).
    const people: EventScreen[] = await pool(
      Array.from({ length: PEOPLE }, (_, k) => k),
      CONCURRENCY,
      async (k) => {
        const who = await joinSession(url, created.code, `Personne ${k}`);
        const sc = await eventScreen(url, created.code, who.token);
        const ack = await sc.command({ type: "findMe", name: `personne  ${k}` });
        expect(ack.ok && ack.notices).toContainEqual(expect.objectContaining({ type: "joined", personId: `p${String(k).padStart(3, "0")}` }));
        return sc;
      },
    );
    const personId = (k: number) => `p${String(k).padStart(3, "0")}`;

    // Balanced placement: every ticket to a group's room, 10 or 11 a group.
    expect((await coord.command({ type: "placeBalanced", seed: 2026 })).ok).toBe(true);
    await waitFor(() => people.every((p) => p.ticket?.roomId.startsWith("room-")), 20_000, "every participant's group ticket");
    const groupOf = people.map((p) => p.ticket!.roomId);
    const sizes = [...groupBy(groupOf, (g) => g).values()].map((g) => g.length);
    expect(sizes).toHaveLength(ROOMS);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);

    // Each person follows their ticket into their group's room and writes a note.
    const inGroups = await pool(people, CONCURRENCY, async (p, k) => {
      const m = await member(url, p.ticket!);
      addNote(m.conn.doc, `note-${personId(k)}`, `Idée de Personne ${k}`, 40 + (k % 5) * 200, 40);
      return m;
    });
    await Promise.all(inGroups.map((m) => withTimeout(m.conn.whenSaved(), 30_000, "group note saved")));
    const groupMembers = groupBy(inGroups, (_, k) => groupOf[k]);
    await converged(groupMembers, "every group's clients on the same document");
    for (const [roomId, ms] of groupMembers) {
      const expected = groupOf.flatMap((g, k) => (g === roomId ? [`note-${personId(k)}=Idée de Personne ${k}`] : [])).sort();
      expect(noteSet(ms[0].conn.doc)).toBe(JSON.stringify(expected));
    }

    // Angles d'écoute: 3 angles, one story per group told by one of its people.
    const rooms = coordState().state.rooms.map((r) => r.id);
    const narratorOf = new Map(rooms.map((r) => [r, groupOf.indexOf(r)]));
    const setup = {
      angles: [
        { id: "collaboration", label: "Collaboration autour du salarié" },
        { id: "partenariat", label: "Pratique partenariale" },
        { id: "evolution", label: "Évolution des pratiques professionnelles" },
      ],
      stories: rooms.map((r, i) => ({ id: `s${i + 1}`, title: `Histoire du groupe ${i + 1}`, narratorIds: [personId(narratorOf.get(r)!)], roomId: r })),
    };
    expect((await coord.command({ type: "anglesSetup", setup })).ok).toBe(true);
    expect((await coord.command({ type: "assignAngles", seed: 7 })).ok).toBe(true);
    const angleOfScreen = (s: EventScreen) => (s.last?.role === "participant" ? (s.last.angles?.angle?.id ?? null) : null);
    await waitFor(() => people.every((p) => angleOfScreen(p) !== null), 20_000, "every listener's angle");
    const angleOf = people.map((p) => angleOfScreen(p)!);
    for (const a of setup.angles) expect(angleOf.filter((x) => x === a.id).length).toBeGreaterThanOrEqual(Math.floor(PEOPLE / 3));

    // A narrator writes nothing on their own story; each listener writes on the next group's story.
    const narrator = narratorOf.get(rooms[0])!;
    const own = await people[narrator].command({ type: "perceive", storyId: "s1", text: "Ma propre histoire" });
    expect(!own.ok && own.code).toBe("own_story");
    const storyOfGroup = new Map(setup.stories.map((s) => [s.roomId, s.id]));
    const perceived = people.map((_, k) => {
      const next = rooms[(rooms.indexOf(groupOf[k]) + 1) % rooms.length];
      return { storyId: storyOfGroup.get(next)!, text: `Perception de Personne ${k} sur ${storyOfGroup.get(next)}` };
    });
    const perceiveAcks = await pool(people, CONCURRENCY * 2, (p, k) => p.command({ type: "perceive", ...perceived[k] }));
    expect(perceiveAcks.filter((a) => !a.ok)).toEqual([]);
    await waitFor(() => coordState().angles.perceptions.length === PEOPLE, 15_000, "every perception stored");
    const perceptions = coordState().angles.perceptions;
    for (const p of perceptions) expect(p.angleId).toBe(angleOf[Number(p.authorId.slice(1))]);

    // The groups' rooms are left; the regroup sends each ticket to its angle's room.
    inGroups.forEach((m) => m.conn.destroy());
    members.splice(0);
    expect((await coord.command({ type: "regroup" })).ok).toBe(true);
    await waitFor(() => people.every((p, k) => p.ticket?.roomId === `angle-${angleOf[k]}`), 20_000, "every ticket to its angle's room");
    await waitFor(() => coordState().angleRooms.length === setup.angles.length, 15_000, "the angle rooms on the dashboard");
    const inAngles = await pool(people, CONCURRENCY, (p) => member(url, p.ticket!));

    // The coordination enters each angle's room with its own ticket, as the seat.
    const seats = new Map<string, Member>();
    for (const a of setup.angles) {
      const ack = await coord.command({ type: "roomTicket", roomId: `angle-${a.id}` });
      if (!ack.ok || !ack.ticket) throw new Error(`no ticket for angle-${a.id}: ${JSON.stringify(ack)}`);
      expect(ack.ticket.role).toBe("facilitator");
      expect(ack.ticket.code).toBe(coordState().angleRooms.find((r) => r.angleId === a.id)!.code);
      const m = await member(url, ack.ticket);
      await waitFor(() => m.tools.length > 0, 10_000, "the seat's tools state");
      seats.set(a.id, m);
    }

    // Every perception on its angle's board exactly once, nothing lost, no author.
    const byAngle = groupBy(inAngles, (_, k) => angleOf[k]);
    for (const a of setup.angles) byAngle.get(a.id)!.push(seats.get(a.id)!);
    const total = (a: string) => perceptions.filter((p) => p.angleId === a).length;
    await waitFor(() => setup.angles.every((a) => byAngle.get(a.id)!.every((m) => noteMap(m.conn.doc).size === total(a.id))), 30_000, "every angle's perceptions on every client");
    await converged(byAngle, "every angle room's clients on the same document");
    let onBoards = 0;
    for (const a of setup.angles) {
      const doc = seats.get(a.id)!.conn.doc;
      const mine = perceptions.filter((p) => p.angleId === a.id);
      expect([...noteMap(doc).keys()].sort()).toEqual(mine.map((p) => p.id).sort());
      const texts = [...noteMap(doc).values()].map((n) => String(n.get("text")));
      for (const p of mine) expect(texts.filter((t) => t === p.text)).toHaveLength(1);
      for (const n of noteMap(doc).values()) expect([...n.keys()]).not.toContain("authorId");
      onBoards += noteMap(doc).size;
    }
    expect(onBoards).toBe(PEOPLE);

    // The seat opens a dot vote on the notes; everyone casts their dots; the seat reveals.
    for (const a of setup.angles) {
      expect(await toolsCommand(seats.get(a.id)!, { type: "voteOpen", targets: "notes", budgetPerParticipant: BUDGET, maxPerItem: 2, reveal: "onReveal" })).toEqual({ ok: true });
    }
    await waitFor(() => inAngles.every((m) => tools(m)?.vote.status === "open"), 20_000, "the vote open on every screen");
    const cast = new Map(setup.angles.map((a) => [a.id, new Map<string, number>()]));
    const castAcks = await pool(inAngles, CONCURRENCY * 2, async (m, k) => {
      const items = tools(m).vote.config!.items;
      const acks: Ack[] = [];
      for (let j = 0; j < BUDGET; j++) {
        const item = items[(k + j) % items.length];
        const ack = await toolsCommand(m, { type: "voteCast", itemId: item });
        if (ack.ok) cast.get(angleOf[k])!.set(item, (cast.get(angleOf[k])!.get(item) ?? 0) + 1);
        acks.push(ack);
      }
      return acks;
    });
    expect(castAcks.flat().filter((a) => !a.ok)).toEqual([]);
    for (const a of setup.angles) {
      const seat = seats.get(a.id)!;
      expect(await toolsCommand(seat, { type: "voteReveal" })).toEqual({ ok: true });
    }
    for (const a of setup.angles) {
      const seat = seats.get(a.id)!;
      const expected = [...cast.get(a.id)!.values()].reduce((x, y) => x + y, 0);
      expect(expected).toBe(byAngle.get(a.id)!.length * BUDGET - BUDGET);
      const counted = () => (tools(seat).vote.results ?? []).reduce((x, r) => x + r.votes, 0);
      await waitFor(() => tools(seat).voteRevealed && counted() === expected, 15_000, `every dot of ${a.id} counted`);
      for (const r of tools(seat).vote.results!) expect(r.votes, r.itemId).toBe(cast.get(a.id)!.get(r.itemId) ?? 0);
      // The participants see the same totals once revealed.
      const someone = byAngle.get(a.id)![0];
      await waitFor(() => tools(someone).voteRevealed && (tools(someone).vote.results ?? []).reduce((x, r) => x + r.votes, 0) === expected, 15_000, `the ${a.id} results on a participant's screen`);
    }
  });
});
