// Angles d'écoute on a real server (issue 5, phase 2; rule ids L… in src/domain/SPEC.md): the
// coordination sets angles and stories up and gives everyone an angle; listeners write
// perceptions, which the server tags with their angle and the story; the regroup sends each
// screen to its angle's room, where every perception of that angle, from both stories and both
// groups, is on the board once, without its author; one written after the regroup joins them.
import * as Y from "yjs";
import { afterAll, describe, expect, it } from "vitest";
import { BoardConnection } from "../../src/client/boardConnection.ts";
import { Events } from "../../src/protocol/index.ts";
import { createSession, joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";
import { EventScreen, eventScreen, sockets } from "../helpers/events.ts";

const server = useServer();
const conns: BoardConnection[] = [];
afterAll(() => {
  conns.forEach((c) => c.destroy());
  sockets.splice(0).forEach((s) => s.disconnect());
});

const PEOPLE = 12;

function notes(doc: Y.Doc): { id: string; text: string; fields: string[] }[] {
  return [...doc.getMap<Y.Map<unknown>>("notes").entries()].map(([id, n]) => ({ id, text: String(n.get("text")), fields: [...n.keys()] }));
}

describe("angles d'écoute", () => {
  it("L3, L5, L7, L8, L9: angles given, perceptions tagged by the server, everyone regrouped with every perception of their angle", async () => {
    const url = server.url;
    const created = await createSession(url, "Histoires d'accompagnement", "event");
    const coord = await eventScreen(url, created.code, created.facilitatorToken);
    expect((await coord.command({ type: "addRooms", count: 2, templateId: "board" })).ok).toBe(true);
    const people = Array.from({ length: PEOPLE }, (_, k) => ({ id: `p${k}`, name: `Personne ${k}`, structure: `Structure ${k % 4}`, territory: `Territoire ${k % 2}` }));
    expect((await coord.command({ type: "importPeople", people })).ok).toBe(true);
    const screens: EventScreen[] = [];
    for (let k = 0; k < PEOPLE; k++) {
      const who = await joinSession(url, created.code, `Personne ${k}`);
      const sc = await eventScreen(url, created.code, who.token);
      expect((await sc.command({ type: "join", personId: `p${k}` })).ok).toBe(true);
      screens.push(sc);
    }
    expect((await coord.command({ type: "placeBalanced", seed: 5 })).ok).toBe(true);
    await waitFor(() => screens.every((s) => s.ticket?.roomId.startsWith("room-")), 10_000, "group tickets");

    // L1, L2: the setup is the coordination's, checked by the domain (a narrator is one of the people).
    const setup = {
      angles: [
        { id: "collaboration", label: "Collaboration autour du salarié" },
        { id: "partenariat", label: "Pratique partenariale" },
        { id: "evolution", label: "Évolution des pratiques professionnelles" },
      ],
      stories: [
        { id: "s1", title: "Un suivi conjoint avec une assistante sociale", narratorIds: ["p0"], roomId: "room-1" },
        { id: "s2", title: "Du premier contrat au CDI", narratorIds: ["p1"], roomId: "room-2" },
      ],
    };
    const refused = await screens[3].command({ type: "anglesSetup", setup });
    expect(!refused.ok && refused.code).toBe("not_coordinator");
    const badSetup = await coord.command({ type: "anglesSetup", setup: { ...setup, stories: [{ id: "s9", title: "?", narratorIds: ["nobody"], roomId: null }] } });
    expect(!badSetup.ok && badSetup.code).toBe("angles_invalid");
    expect((await coord.command({ type: "anglesSetup", setup })).ok).toBe(true);
    expect((await coord.command({ type: "assignAngles", seed: 3 })).ok).toBe(true);

    // L3: everyone has one angle, four per angle; a participant sees only their own.
    await waitFor(() => screens.every((s) => s.last?.role === "participant" && s.last.angles?.angle !== null && s.last.angles?.angle !== undefined), 10_000, "every listener's angle");
    const angleOf = screens.map((s) => (s.last!.role === "participant" ? s.last!.angles!.angle!.id : ""));
    for (const a of setup.angles) expect(angleOf.filter((x) => x === a.id)).toHaveLength(PEOPLE / 3);
    expect(screens[0].last!.role === "participant" && screens[0].last!.angles!.stories.find((s) => s.id === "s1")?.mine).toBe(true);

    // L5, L7: a narrator writes nothing on their own story; an unknown story is refused; the listener never names an angle.
    const own = await screens[0].command({ type: "perceive", storyId: "s1", text: "Ma propre histoire" });
    expect(!own.ok && own.code).toBe("own_story");
    const unknown = await screens[2].command({ type: "perceive", storyId: "s9", text: "?" });
    expect(!unknown.ok && unknown.code).toBe("unknown_story");
    const written = new Map<string, string[]>(setup.angles.map((a) => [a.id, []]));
    const acks = await Promise.all(
      screens.flatMap((s, k) =>
        ["s1", "s2"].flatMap((story) => {
          if ((k === 0 && story === "s1") || (k === 1 && story === "s2")) return [];
          const text = `Perception de Personne ${k} sur ${story}`;
          written.get(angleOf[k])!.push(text);
          return [s.command({ type: "perceive", storyId: story, text, angleId: "evolution" })];
        }),
      ),
    );
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    const coordState = () => (coord.last?.role === "coordinator" ? coord.last : null);
    await waitFor(() => coordState()?.angles.perceptions.length === 2 * PEOPLE - 2, 10_000, "every perception stored");
    for (const p of coordState()!.angles.perceptions) expect(p.angleId).toBe(angleOf[Number(p.authorId.slice(1))]);

    // Before the regroup the coordination has no angle room to enter.
    const early = await coord.command({ type: "roomTicket", roomId: "angle-collaboration" });
    expect(!early.ok && early.code).toBe("unknown_room");

    // L8, L9: the regroup; each screen's ticket now opens its angle's room.
    expect((await coord.command({ type: "regroup" })).ok).toBe(true);
    await waitFor(() => screens.every((s, k) => s.ticket?.roomId === `angle-${angleOf[k]}`), 10_000, "every ticket to its angle's room");
    expect(coordState()!.state.stage).toBe("angles");
    await waitFor(() => coordState()!.angleRooms.length === 3, 10_000, "the angles' rooms on the dashboard");

    for (const a of setup.angles) {
      const k = angleOf.indexOf(a.id);
      const t = screens[k].ticket!;
      const conn = new BoardConnection({ url, code: t.code, token: t.token, reconnectionDelay: 100, reconnectionDelayMax: 500 });
      conns.push(conn);
      await withTimeout(conn.whenSynced(), 10_000, `the ${a.id} room`);
      await waitFor(() => notes(conn.doc).length === written.get(a.id)!.length, 10_000, `the ${a.id} perceptions`);
      const onBoard = notes(conn.doc);
      expect(onBoard.map((n) => n.text).sort()).toEqual([...written.get(a.id)!].sort());
      for (const n of onBoard) expect(n.fields).not.toContain("authorId");
    }

    // The coordination enters each angle's room as its seat (the facilitator: it opens the dot vote there); an unknown angle is no room.
    for (const a of setup.angles) {
      const r = await coord.command({ type: "roomTicket", roomId: `angle-${a.id}` });
      const room = coordState()!.angleRooms.find((x) => x.angleId === a.id)!;
      expect(r.ok && r.ticket).toMatchObject({ roomId: `angle-${a.id}`, roomName: a.label, code: room.code, sessionId: room.sessionId, role: "facilitator", method: "board" });
      const again = await coord.command({ type: "roomTicket", roomId: `angle-${a.id}` });
      expect(again.ok && r.ok && again.ticket).toEqual(r.ok && r.ticket);
    }
    const seatTicket = await coord.command({ type: "roomTicket", roomId: `angle-${setup.angles[0].id}` });
    const seatConn = new BoardConnection({ url, code: seatTicket.ok ? seatTicket.ticket!.code : "", token: seatTicket.ok ? seatTicket.ticket!.token : "", reconnectionDelay: 100, reconnectionDelayMax: 500 });
    conns.push(seatConn);
    await withTimeout(seatConn.whenSynced(), 10_000, "the coordination in its angle room");
    const voteAck = await withTimeout(
      new Promise<{ ok: boolean; code?: string }>((resolve) => seatConn.socket.emit(Events.toolsCommand, { type: "voteOpen", targets: "notes", budgetPerParticipant: 3, maxPerItem: 2, reveal: "onReveal" }, resolve)),
      10_000,
      "voteOpen in the angle room",
    );
    expect(voteAck).toEqual({ ok: true });
    const stray = await coord.command({ type: "roomTicket", roomId: "angle-nowhere" });
    expect(!stray.ok && stray.code).toBe("unknown_room");

    // A second regroup writes nothing twice.
    expect((await coord.command({ type: "regroup" })).ok).toBe(true);
    const again = conns[0];
    await new Promise((r) => setTimeout(r, 300));
    expect(notes(again.doc).length).toBe(written.get(setup.angles[0].id)!.length);

    // L8 in the angles' time: a perception written now is on its angle's board at once, no regroup needed.
    const k = angleOf.indexOf(setup.angles[0].id);
    const late = `Perception tardive de Personne ${k}`;
    expect((await screens[k].command({ type: "perceive", storyId: k === 0 ? "s2" : "s1", text: late })).ok).toBe(true);
    await waitFor(() => notes(again.doc).some((n) => n.text === late), 10_000, "the late perception on its angle's board");
    expect(notes(again.doc).length).toBe(written.get(setup.angles[0].id)!.length + 1);
    expect(notes(again.doc).find((n) => n.text === late)!.fields).not.toContain("authorId");
  });
});
