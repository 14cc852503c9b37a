// A national day's beginning and end against a real server (rule ids E… in src/domain/SPEC.md):
// participants find themselves on the list by typing their name, without their screen ever
// holding the list (E25, E26); closing the day closes its rooms too, and a room removed goes
// with its session; the coordination reads the intelligence-collective groups' plenary wall
// (I4) (docs/protocol.md §10).
import { afterAll, describe, expect, it } from "vitest";
import type { EventAck } from "../../src/protocol/index.ts";
import { createSession, joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";
import { EventScreen, eventScreen, roomSocket, sockets } from "../helpers/events.ts";
import { command, personAt, settled, write, type Person } from "../helpers/people.ts";

const server = useServer();
const people: Person[] = [];
afterAll(() => {
  people.forEach((p) => p.conn.destroy());
  sockets.splice(0).forEach((s) => s.disconnect());
});

const LIST = [
  { id: "mcd", name: "Marie-Claire Dupont", structure: "Jardins de Cocagne", territory: "Bretagne" },
  { id: "km1", name: "Karim Mansouri", structure: "Chantier Bâtir", territory: "Grand Est" },
  { id: "km2", name: "Karim Mansouri", structure: "Emmaüs Défi", territory: "Île-de-France" },
  { id: "hb", name: "Hélène Bœuf", structure: "Ressourcerie", territory: "Occitanie" },
];

async function participant(url: string, code: string, name: string): Promise<EventScreen> {
  const who = await joinSession(url, code, name);
  return eventScreen(url, code, who.token);
}

const me = (sc: EventScreen) => (sc.last?.role === "participant" ? sc.last.view.me : null);

describe("a national day's people find themselves, and the day closes with its rooms", () => {
  it("E26: a typed name joins its person; homonyms are offered by name and structure only; no match joins as new", async () => {
    const url = server.url;
    const created = await createSession(url, "Journée de l'inclusion", "event");
    const coord = await eventScreen(url, created.code, created.facilitatorToken);
    expect((await coord.command({ type: "importPeople", people: LIST })).ok).toBe(true);

    // One match: joined directly, whatever the case, accents, spacing and word order.
    const marie = await participant(url, created.code, "Marie");
    const found = await marie.command({ type: "findMe", name: "  dupont marie claire " });
    expect(found).toMatchObject({ ok: true, notices: [{ type: "joined", personId: "mcd" }] });
    await waitFor(() => me(marie)?.personId === "mcd", 10_000, "Marie-Claire's view");

    // Homonyms: nothing joined, only names and structures come back, to the asker only.
    const karim = await participant(url, created.code, "Karim");
    const other = await participant(url, created.code, "Quelqu'un");
    const heardBefore = other.states.length;
    const homonyms = (await karim.command({ type: "findMe", name: "karim mansouri" })) as Extract<EventAck, { ok: true }>;
    expect(homonyms.ok).toBe(true);
    expect(homonyms.notices).toEqual([
      {
        type: "homonyms",
        candidates: [
          { personId: "km1", name: "Karim Mansouri", structure: "Chantier Bâtir" },
          { personId: "km2", name: "Karim Mansouri", structure: "Emmaüs Défi" },
        ],
      },
    ]);
    expect(JSON.stringify(homonyms)).not.toMatch(/Grand Est|Île-de-France|Bretagne/);
    expect(me(karim)).toBeNull();
    // They pick theirs.
    expect((await karim.command({ type: "join", personId: "km2" })).ok).toBe(true);
    await waitFor(() => me(karim)?.personId === "km2", 10_000, "Karim's view");

    // A second screen of someone already in does not make a second person.
    const again = await participant(url, created.code, "Marie, sur son téléphone");
    expect(await again.command({ type: "findMe", name: "Marie-Claire Dupont" })).toMatchObject({ ok: false, code: "person_taken" });

    // Nobody of that name: a walk-in with what they typed.
    const nadia = await participant(url, created.code, "Nadia");
    expect((await nadia.command({ type: "findMe", name: "Nadia Kaci", structure: "Mission locale" })).ok).toBe(true);
    await waitFor(() => me(nadia)?.name === "Nadia Kaci", 10_000, "Nadia's view");
    await waitFor(() => coord.last?.role === "coordinator" && coord.last.state.people.some((p) => p.walkIn && p.name === "Nadia Kaci" && p.structure === "Mission locale"), 10_000, "the walk-in on the coordination's screen");

    // The list never reached a participant's screen: not the other Karim's structure, not a territory.
    for (const sc of [marie, karim, other, again, nadia]) {
      const wire = JSON.stringify(sc.states);
      expect(wire).not.toContain("Occitanie");
      expect(wire).not.toContain("Hélène");
    }
    expect(JSON.stringify(other.states.slice(heardBefore))).not.toContain("Chantier Bâtir");
  });

  it("closing the day closes its rooms: their codes admit nobody new, every screen is told, commands are refused", async () => {
    const url = server.url;
    const created = await createSession(url, "Journée à clore", "event");
    const coord = await eventScreen(url, created.code, created.facilitatorToken);
    expect((await coord.command({ type: "addRooms", count: 2, templateId: "board" })).ok).toBe(true);
    expect((await coord.command({ type: "importPeople", people: LIST })).ok).toBe(true);
    const marie = await participant(url, created.code, "Marie");
    expect((await marie.command({ type: "findMe", name: "Marie-Claire Dupont" })).ok).toBe(true);
    expect((await coord.command({ type: "movePerson", personId: "mcd", roomId: "room-1" })).ok).toBe(true);
    await waitFor(() => marie.ticket?.roomId === "room-1", 10_000, "Marie's ticket");
    const ticket = marie.ticket!;
    const inRoom = await roomSocket(url, ticket);
    expect(inRoom.socket.connected).toBe(true);
    await waitFor(() => coord.last?.role === "coordinator" && coord.last.rooms.every((r) => r.code !== null), 10_000, "room codes");
    const roomCodes = coord.last!.role === "coordinator" ? coord.last!.rooms.map((r) => r.code!) : [];
    expect(coord.last!.closedAt).toBeNull();
    expect((await joinSession(url, roomCodes[1], "Avant la clôture")).role).toBe("participant");

    // Only the coordination closes it.
    const someone = await joinSession(url, created.code, "Quelqu'un");
    const notCoord = await fetch(`${url}/api/sessions/${created.code}/close`, { method: "POST", headers: { authorization: `Bearer ${someone.token}` } });
    expect(notCoord.status).toBe(403);
    const closed = await fetch(`${url}/api/sessions/${created.code}/close`, { method: "POST", headers: { authorization: `Bearer ${created.facilitatorToken}` } });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as { status: string }).status).toBe("closed");

    // The rooms are closed like any session: their codes admit nobody new.
    for (const code of roomCodes) {
      const summary = (await (await fetch(`${url}/api/sessions/${code}`)).json()) as { status: string };
      expect(summary.status).toBe("closed");
      const join = await fetch(`${url}/api/sessions/${code}/participants`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: "Trop tard" }) });
      expect(join.status).toBe(410);
    }
    // Every screen of the day says so.
    await waitFor(() => typeof coord.last?.closedAt === "number" && typeof marie.last?.closedAt === "number", 10_000, "the closing on every screen");
    // Nothing changes any more; those already in keep their room.
    expect(await coord.command({ type: "broadcastMessage", text: "Encore un mot" })).toMatchObject({ ok: false, code: "session_closed" });
    expect(await marie.command({ type: "callFacilitator" })).toMatchObject({ ok: false, code: "session_closed" });
    expect(inRoom.socket.connected).toBe(true);
    // Closing again is harmless.
    expect((await fetch(`${url}/api/sessions/${created.code}/close`, { method: "POST", headers: { authorization: `Bearer ${created.facilitatorToken}` } })).status).toBe(200);
  });

  it("E15: a removed room goes with its session: its code answers no more, its connections close", async () => {
    const url = server.url;
    const created = await createSession(url, "Journée à trois groupes", "event");
    const coord = await eventScreen(url, created.code, created.facilitatorToken);
    expect((await coord.command({ type: "addRooms", count: 3, templateId: "board" })).ok).toBe(true);
    const own = await coord.command({ type: "roomTicket", roomId: "room-3" });
    if (!own.ok || !own.ticket) throw new Error("no ticket to room 3");
    const inRoom = await roomSocket(url, own.ticket);
    const gone = new Promise<void>((resolve) => inRoom.socket.once("disconnect", () => resolve()));
    expect((await fetch(`${url}/api/sessions/${own.ticket.code}`)).status).toBe(200);
    // The room is the day's: its seat may not delete nor close it from inside (the coordination removes it, E15).
    const bearer = { authorization: `Bearer ${own.ticket.token}` };
    for (const attempt of [fetch(`${url}/api/sessions/${own.ticket.code}`, { method: "DELETE", headers: bearer }), fetch(`${url}/api/sessions/${own.ticket.code}/close`, { method: "POST", headers: bearer })]) {
      const res = await attempt;
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: string }).error).toBe("event_room");
    }
    const me = (await (await fetch(`${url}/api/sessions/${own.ticket.code}/me`, { headers: bearer })).json()) as { inEvent: boolean };
    expect(me.inEvent).toBe(true);
    const eventMe = (await (await fetch(`${url}/api/sessions/${created.code}/me`, { headers: { authorization: `Bearer ${created.facilitatorToken}` } })).json()) as { inEvent: boolean };
    expect(eventMe.inEvent).toBe(false);

    expect((await coord.command({ type: "removeRoom", roomId: "room-3" })).ok).toBe(true);
    await withTimeout(gone, 10_000, "the removed room's connection closed");
    expect((await fetch(`${url}/api/sessions/${own.ticket.code}`)).status).toBe(404);
    await waitFor(() => coord.last?.role === "coordinator" && coord.last.rooms.length === 2, 10_000, "two rooms on the dashboard");
    // The others are as they were.
    const kept = coord.last!.role === "coordinator" ? coord.last!.rooms : [];
    for (const r of kept) expect((await fetch(`${url}/api/sessions/${r.code}`)).status).toBe(200);
  });

  it("I4, I6, L12: the coordination reads the plenary wall (each intelligence-collective group's difficulty and short answer, in room order, a group without one marked), and the synthesis prints it", async () => {
    const url = server.url;
    const created = await createSession(url, "Ateliers d'intelligence collective", "event");
    const coord = await eventScreen(url, created.code, created.facilitatorToken);
    expect((await coord.command({ type: "addRooms", count: 2, templateId: "intelligenceCollective" })).ok).toBe(true);
    expect((await coord.command({ type: "addRooms", count: 1, templateId: "board" })).ok).toBe(true);
    expect((await coord.command({ type: "importPeople", people: LIST })).ok).toBe(true);
    const marie = await participant(url, created.code, "Marie");
    expect((await marie.command({ type: "findMe", name: "Marie-Claire Dupont" })).ok).toBe(true);
    expect((await coord.command({ type: "movePerson", personId: "mcd", roomId: "room-2" })).ok).toBe(true);
    await waitFor(() => marie.ticket?.roomId === "room-2", 10_000, "Marie's ticket");

    // Room 2's séance runs to the short answer, Marie-Claire bringing the difficulty.
    const seatTicket = await coord.command({ type: "roomTicket", roomId: "room-2" });
    if (!seatTicket.ok || !seatTicket.ticket) throw new Error("no seat");
    const seat = await personAt(url, seatTicket.ticket.code, seatTicket.ticket.token, seatTicket.ticket.participantId);
    const holder = await personAt(url, marie.ticket!.code, marie.ticket!.token, marie.ticket!.participantId);
    people.push(seat, holder);
    expect(await command(seat, { type: "assignRole", participantId: holder.id, role: "caseHolder" })).toMatchObject({ ok: true });
    expect(await command(seat, { type: "start" })).toMatchObject({ ok: true });
    await waitFor(() => holder.states.at(-1)?.status === "running", 10_000, "the séance running");
    write(holder, "problem", "problem", { statement: "Comment accueillir des salarié·e·s sans domicile sur le chantier ?", authorId: holder.id, createdAt: Date.now() });
    await settled(holder);
    for (let k = 0; k < 4; k++) expect(await command(seat, { type: "next" })).toMatchObject({ ok: true });
    await waitFor(() => holder.states.at(-1)?.plan[holder.states.at(-1)!.stepIndex]?.stepId === "answer", 10_000, "the short answer's step");
    write(holder, "answer", "answer", { text: "Un casier, une domiciliation, un lien avec le 115.", authorId: holder.id, createdAt: Date.now() });
    await settled(holder);
    expect(holder.errors).toEqual([]);

    // I6: during the plenary anyone of the day who joined reads the same wall; not while in groups, nor before joining.
    const stranger = await participant(url, created.code, "Quelqu'un");
    expect(await stranger.command({ type: "plenaryWall" })).toMatchObject({ ok: false, code: "not_joined" });
    const seen = await marie.command({ type: "plenaryWall" });
    expect((await coord.command({ type: "setStage", stage: "groups" })).ok).toBe(true);
    expect(await marie.command({ type: "plenaryWall" })).toMatchObject({ ok: false, code: "not_in_plenary" });
    const wall = await coord.command({ type: "plenaryWall" });
    expect(seen.ok && seen.wall).toEqual(wall.ok && wall.wall);
    expect(wall.ok && wall.wall).toEqual([
      { roomId: "room-1", roomName: "Groupe 1", problem: "", answer: "", answered: false },
      {
        roomId: "room-2",
        roomName: "Groupe 2",
        problem: "Comment accueillir des salarié·e·s sans domicile sur le chantier ?",
        answer: "Un casier, une domiciliation, un lien avec le 115.",
        answered: true,
      },
    ]);
    // L12: the day's synthesis prints the wall.
    const setup = { angles: [{ id: "partenariat", label: "Pratique partenariale" }], stories: [{ id: "s1", title: "Un suivi conjoint", narratorIds: ["hb"], roomId: null }] };
    expect((await coord.command({ type: "anglesSetup", setup })).ok).toBe(true);
    const md = await fetch(`${url}/api/sessions/${created.code}/event/synthesis?format=md`, { headers: { authorization: `Bearer ${created.facilitatorToken}` } });
    expect(md.status).toBe(200);
    const text = await md.text();
    expect(text).toContain("Mur de la plénière");
    expect(text).toContain("Un casier, une domiciliation, un lien avec le 115.");
  });
});
