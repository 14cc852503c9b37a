// A national day against a real server (issue 5; rule ids E… in src/domain/SPEC.md): an event
// with 12 group rooms, its list imported as CSV, 130 sockets joining with the event's one code,
// a balanced placement after which every socket holds the ticket to its room (and only its
// own), a live move that the moved person's screen follows, a call for help, a message and a
// timer for everyone, advanceAll moving every room's séance, and participants' coordinator
// commands refused. And a day of 30 rooms and 300 people: placement, tickets, the dashboard and
// advanceAll at that size.
import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { RoomTicket, SeanceStateEvent } from "../../src/protocol/index.ts";
import { createSession, joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";
import { EventScreen, connect, eventScreen, importRoster, roomSocket, rosterCsv, seanceCommand, sockets } from "../helpers/events.ts";

const server = useServer();
afterAll(() => sockets.splice(0).forEach((s) => s.disconnect()));
const PEOPLE = 130;
const ROOMS = 12;

const coordinatorState = (sc: EventScreen) => {
  const s = sc.last;
  if (s?.role !== "coordinator") throw new Error("not a coordinator's state");
  return s;
};

describe("a national day with 12 rooms and 130 people", () => {
  it("E5-E25 on the wire: placement, tickets, live moves, help, broadcasts, advanceAll, refusals", async () => {
    const url = server.url;
    const created = await createSession(url, "Journée nationale du réseau", "event");
    expect(created.method).toBe("event");
    const coord = await eventScreen(url, created.code, created.facilitatorToken);
    expect(coord.last?.role).toBe("coordinator");

    // E15: rooms, each a session of its own with its code.
    expect((await coord.command({ type: "addRooms", count: ROOMS, templateId: "codev" })).ok).toBe(true);
    await waitFor(() => { const s = coord.last; return s?.role === "coordinator" && s.rooms.length === ROOMS && s.rooms.every((r) => r.code); }, 10_000, "12 rooms with their codes");
    const codes = new Set(coordinatorState(coord).rooms.map((r) => r.code));
    expect(codes.size).toBe(ROOMS);
    expect(codes.has(created.code)).toBe(false);

    // E1-E4, E16: the list as a spreadsheet writes it, over HTTP, the coordination's only.
    const someone = await joinSession(url, created.code, "Intrus");
    expect((await importRoster(url, created.code, someone.token, rosterCsv(3))).status).toBe(403);
    expect((await importRoster(url, created.code, "x".repeat(43), rosterCsv(3))).status).toBe(401);
    const bad = await importRoster(url, created.code, created.facilitatorToken, "Structure;Territoire\r\nA;B\r\n");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe("roster_invalid");
    const imported = await importRoster(url, created.code, created.facilitatorToken, rosterCsv(PEOPLE) + "p999;;Sans nom;Bretagne\r\n");
    expect(imported.status).toBe(200);
    const report = (await imported.json()) as { added: number; issues: { code: string }[]; people: number };
    expect(report.added).toBe(PEOPLE);
    expect(report.issues.map((i) => i.code)).toEqual(["missing_name"]);
    await waitFor(() => coordinatorState(coord).state.people.length === PEOPLE, 10_000, "the list on the coordinator's screen");

    // 130 people join with the event's one code and say who they are (E17).
    const people: EventScreen[] = [];
    const joined: { participantId: string; token: string }[] = [];
    for (let k = 0; k < PEOPLE; k += 13) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(13, PEOPLE - k) }, async (_, j) => {
          const who = await joinSession(url, created.code, `Personne ${k + j}`);
          joined[k + j] = who;
          return eventScreen(url, created.code, who.token);
        }),
      );
      people.push(...batch);
    }
    const acks = await Promise.all(people.map((p, k) => p.command({ type: "join", personId: `p${String(k).padStart(3, "0")}` })));
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    expect((await people[1].command({ type: "join", personId: "p000" })).ok).toBe(false);
    await waitFor(() => people.every((p, k) => p.last?.role === "participant" && p.last.view.me?.personId === `p${String(k).padStart(3, "0")}`), 10_000, "everyone joined as themselves");

    // E14: participants' coordinator commands are refused, whatever the socket sends.
    for (const cmd of [{ type: "placeBalanced", seed: 1 }, { type: "advanceAll" }, { type: "movePerson", personId: "p001", roomId: "room-1" }, { type: "broadcastMessage", text: "pirate" }, { type: "roomTicket", roomId: "room-1" }, { type: "addRooms", count: 1, templateId: "board" }]) {
      const r = await people[5].command(cmd);
      expect(r.ok, JSON.stringify(cmd)).toBe(false);
      if (!r.ok) expect(r.code).toBe("not_coordinator");
    }
    const shape = await people[5].command({ type: "addRooms", count: "douze" });
    expect(shape.ok).toBe(false);
    if (!shape.ok) expect(shape.code).toBe("bad_request");
    const notMine = await people[5].command({ type: "joinAsNew", name: "Quelqu'un d'autre" });
    expect(notMine.ok).toBe(false);
    if (!notMine.ok) expect(notMine.code).toBe("already_joined");

    // E5, E6: balanced placement; every socket receives its own room's ticket.
    const placed = await coord.command({ type: "placeBalanced", seed: 2026 });
    expect(placed.ok).toBe(true);
    await waitFor(() => people.every((p) => p.ticket !== null), 15_000, "every participant's ticket");
    const state = coordinatorState(coord).state;
    const sizes = state.rooms.map((r) => state.seats.filter((s) => s.roomId === r.id).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const roomCode = new Map(coordinatorState(coord).rooms.map((r) => [r.roomId, r.code]));
    const tokens = new Set<string>();
    for (const p of people) {
      const t = p.ticket!;
      const view = p.last!.role === "participant" ? p.last!.view : null;
      expect(t.roomId).toBe(view?.room?.id);
      expect(t.code).toBe(roomCode.get(t.roomId));
      expect(t.role).toBe("participant");
      expect(t.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      tokens.add(t.token);
      // Only one's own ticket travels to one's socket.
      const wire = JSON.stringify(p.states);
      for (const other of people.slice(0, 5)) if (other !== p && other.ticket) expect(wire).not.toContain(other.ticket.token);
    }
    expect(tokens.size).toBe(PEOPLE);

    // A ticket opens the room's session like any participant's token.
    const first = people[0].ticket!;
    const inRoom = await roomSocket(url, first);
    await waitFor(() => inRoom.seance.length > 0, 10_000, "the room's séance");
    expect(inRoom.seance[0].you.participantId).toBe(first.participantId);

    // E9, E20: a live move; the moved person's screen gets the new room's ticket; back again, the same row.
    const other = state.rooms.find((r) => r.id !== first.roomId)!;
    expect((await coord.command({ type: "movePerson", personId: "p000", roomId: other.id })).ok).toBe(true);
    await waitFor(() => people[0].ticket?.roomId === other.id, 10_000, "the moved person's new ticket");
    expect(people[0].ticket!.code).toBe(roomCode.get(other.id));
    expect(people[0].ticket!.token).not.toBe(first.token);
    expect((await coord.command({ type: "movePerson", personId: "p000", roomId: first.roomId })).ok).toBe(true);
    await waitFor(() => people[0].ticket?.roomId === first.roomId, 10_000, "back in the first room");
    expect(people[0].ticket).toMatchObject({ token: first.token, participantId: first.participantId });

    // E23: a call for help reaches the coordination (no facilitator named in that room).
    expect((await people[7].command({ type: "callFacilitator", note: "Le tableau ne s'affiche pas" })).ok).toBe(true);
    await waitFor(() => coordinatorState(coord).state.help.some((h) => h.participantId === joined[7].participantId), 10_000, "the call on the coordinator's screen");
    const call = coordinatorState(coord).state.help.find((h) => h.participantId === joined[7].participantId)!;
    expect(call).toMatchObject({ to: "coordinator", note: "Le tableau ne s'affiche pas" });
    await waitFor(() => coordinatorState(coord).rooms.find((r) => r.roomId === call.roomId)?.openHelp === 1, 10_000, "the room's open call on the dashboard");
    const notAddressee = await people[8].command({ type: "acknowledgeHelp", requestId: call.id });
    expect(notAddressee.ok).toBe(false);
    if (!notAddressee.ok) expect(notAddressee.code).toBe("not_addressee");
    expect((await coord.command({ type: "acknowledgeHelp", requestId: call.id })).ok).toBe(true);
    await waitFor(() => people[7].last?.role === "participant" && people[7].last.view.myCall?.acknowledged === true, 10_000, "the caller sees someone coming");

    // E21: a message and a timer reach every screen.
    expect((await coord.command({ type: "broadcastMessage", text: "Pause café : retour à 10 h 30" })).ok).toBe(true);
    expect((await coord.command({ type: "startTimer", durationMs: 15 * 60_000, label: "Pause" })).ok).toBe(true);
    await waitFor(
      () => people.every((p) => p.last?.role === "participant" && p.last.view.message?.text === "Pause café : retour à 10 h 30" && p.last.view.timer?.label === "Pause"),
      10_000,
      "message and timer on every screen",
    );
    const endsAt = coordinatorState(coord).state.timer!.endsAt;
    expect(people.every((p) => p.last?.role === "participant" && p.last.view.timer?.endsAt === endsAt)).toBe(true);

    // E18: a named facilitator gets the room's seat: a facilitator's ticket, the séance's facilitator.
    const roomOne = state.rooms[0];
    const facIndex = people.findIndex((p) => p.ticket?.roomId === roomOne.id);
    expect((await coord.command({ type: "setFacilitators", roomId: roomOne.id, facilitators: [{ participantId: joined[facIndex].participantId, name: `Personne ${facIndex}` }] })).ok).toBe(true);
    await waitFor(() => people[facIndex].last?.role === "facilitator", 10_000, "the facilitator's state");
    const facState = people[facIndex].last!;
    if (facState.role !== "facilitator") throw new Error("unreachable");
    expect(facState.tickets).toHaveLength(1);
    expect(facState.tickets[0]).toMatchObject({ roomId: roomOne.id, role: "facilitator" });
    expect(facState.view.rooms[0].people.length).toBe(sizes[0]);

    // E22: every room's séance moves on at once. A codev step needs a case holder: each room's
    // seat (the coordination's, room 1's facilitator's) names one first.
    const seats: { socket: Socket; seance: SeanceStateEvent[] }[] = [];
    for (const room of state.rooms) {
      let seatTicket: RoomTicket;
      if (room.id === roomOne.id) seatTicket = facState.tickets[0];
      else {
        const r = await coord.command({ type: "roomTicket", roomId: room.id });
        if (!r.ok || !r.ticket) throw new Error(`no ticket for ${room.id}`);
        expect(r.ticket.role).toBe("facilitator");
        seatTicket = r.ticket;
      }
      const seat = await roomSocket(url, seatTicket);
      seats.push(seat);
      const holder = people.find((p, k) => k !== facIndex && p.ticket?.roomId === room.id)!.ticket!;
      expect((await seanceCommand(seat.socket, { type: "assignRole", participantId: holder.participantId, role: "caseHolder" })).ok).toBe(true);
    }
    const observer = await coord.command({ type: "roomTicket", roomId: roomOne.id });
    expect(observer.ok && observer.ticket?.role).toBe("observer");

    const started = await coord.command({ type: "advanceAll" });
    expect(started.ok).toBe(true);
    if (!started.ok) throw new Error("unreachable");
    expect(started.rooms).toHaveLength(ROOMS);
    expect(started.rooms!.every((r) => r.ok && r.command === "start")).toBe(true);
    await waitFor(() => seats.every((s) => s.seance.at(-1)?.status === "running" && s.seance.at(-1)?.stepIndex === 0), 10_000, "every room started");
    await waitFor(() => inRoom.seance.at(-1)?.status === "running", 10_000, "a participant in a room sees it start");
    const moved = await coord.command({ type: "advanceAll" });
    expect(moved.ok && moved.rooms!.every((r) => r.ok && r.command === "next")).toBe(true);
    await waitFor(() => seats.every((s) => s.seance.at(-1)?.stepIndex === 1), 10_000, "every room on its second step");
    await waitFor(() => coordinatorState(coord).rooms.every((r) => r.seance?.status === "running" && r.seance.stepIndex === 1), 10_000, "the dashboard follows the rooms");
    expect(coordinatorState(coord).rooms.find((r) => r.roomId === first.roomId)!.present).toBeGreaterThanOrEqual(2);

    // Deleting the event deletes its rooms: their connections close, their tickets admit nobody.
    const closed = new Promise<void>((resolve) => inRoom.socket.once("disconnect", () => resolve()));
    const gone = await fetch(`${url}/api/sessions/${created.code}`, { method: "DELETE", headers: { authorization: `Bearer ${created.facilitatorToken}` } });
    expect(gone.status).toBe(204);
    await withTimeout(closed, 10_000, "the room's connection closed");
    expect((await fetch(`${url}/api/sessions/${first.code}`)).status).toBe(404);
    const refused = await connect(url, first.code, first.token);
    const error = await new Promise<{ data?: { code?: string } }>((resolve) => {
      refused.once("connect_error", resolve);
      refused.connect();
    });
    expect(error.data?.code).toBe("unauthorized");
  });
});

describe("a national day with 30 rooms", () => {
  it("E15, E18, E22 at 30 rooms: 300 people placed evenly, the dashboard lists every room, tickets to each, advanceAll reaches all 30", async () => {
    const url = server.url;
    const created = await createSession(url, "Journée nationale à 30 groupes", "event");
    const coord = await eventScreen(url, created.code, created.facilitatorToken);
    expect((await coord.command({ type: "addRooms", count: 30, templateId: "codev" })).ok).toBe(true);
    const people = Array.from({ length: 300 }, (_, k) => ({ id: `p${k}`, name: `Personne ${k}`, structure: `Structure ${k % 23}`, territory: `Territoire ${k % 9}` }));
    expect((await coord.command({ type: "importPeople", people })).ok).toBe(true);
    expect((await coord.command({ type: "placeBalanced", seed: 30 })).ok).toBe(true);
    await waitFor(() => { const s = coord.last; return s?.role === "coordinator" && s.rooms.length === 30 && s.rooms.every((r) => r.code && r.seated === 10); }, 20_000, "30 rooms of 10 on the dashboard");
    expect(new Set(coordinatorState(coord).rooms.map((r) => r.code)).size).toBe(30);

    // One person of each room joins: each gets the ticket to its own room, with that room's code.
    const state = coordinatorState(coord).state;
    const firstOf = state.rooms.map((r) => state.seats.find((seat) => seat.roomId === r.id)!.personId);
    const screens: EventScreen[] = [];
    // By tens: joins from one address at once are held to the code throttle's burst.
    for (let k = 0; k < firstOf.length; k += 10) {
      const batch = await Promise.all(
        firstOf.slice(k, k + 10).map(async (personId, j) => {
          const who = await joinSession(url, created.code, `Personne ${k + j}`);
          const sc = await eventScreen(url, created.code, who.token);
          expect((await sc.command({ type: "join", personId })).ok).toBe(true);
          return sc;
        }),
      );
      screens.push(...batch);
    }
    await waitFor(() => screens.every((sc) => sc.ticket !== null), 20_000, "30 tickets");
    const codeOf = new Map(coordinatorState(coord).rooms.map((r) => [r.roomId, r.code]));
    expect(screens.map((sc) => sc.ticket!.roomId)).toEqual(state.rooms.map((r) => r.id));
    for (const sc of screens) expect(sc.ticket!.code).toBe(codeOf.get(sc.ticket!.roomId));

    // advanceAll reaches every one of the 30 séances, each judged by its own rules: a co-développement
    // does not start without its case holder (the 12-room test above starts rooms that have one).
    const started = await coord.command({ type: "advanceAll" });
    expect(started.ok).toBe(true);
    if (!started.ok) throw new Error("unreachable");
    expect(started.rooms!.map((r) => r.roomId)).toEqual(state.rooms.map((r) => r.id));
    expect(started.rooms!.every((r) => !r.ok && r.command === "start" && r.code === "requirement_unmet")).toBe(true);
    await waitFor(() => coordinatorState(coord).rooms.every((r) => r.seance?.status === "lobby"), 20_000, "30 séances in their lobby on the dashboard");
  });
});
