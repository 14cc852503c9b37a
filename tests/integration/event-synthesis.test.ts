// The day's synthesis over HTTP (L10-L12; docs/protocol.md §10): the coordination's only; before
// the regroup it counts the perceptions by angle and story; after it, each angle room's clusters
// are its modalités d'action, named as the room named them, in Markdown, PDF and as data.
import * as Y from "yjs";
import { afterAll, describe, expect, it } from "vitest";
import { BoardConnection } from "../../src/client/boardConnection.ts";
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

const synthesis = (code: string, token: string, format: string) =>
  fetch(`${server.url}/api/sessions/${code}/event/synthesis?format=${format}`, { headers: { authorization: `Bearer ${token}` } });

describe("the day's synthesis", () => {
  it("is the coordination's, counts perceptions by angle, and names each angle room's clusters as modalités", async () => {
    const url = server.url;
    const created = await createSession(url, "Journée des histoires", "event");
    const coord = await eventScreen(url, created.code, created.facilitatorToken);
    expect((await coord.command({ type: "addRooms", count: 2, templateId: "board" })).ok).toBe(true);
    const people = Array.from({ length: 4 }, (_, k) => ({ id: `p${k}`, name: `Personne ${k}`, structure: `S${k % 2}`, territory: "Bretagne" }));
    expect((await coord.command({ type: "importPeople", people })).ok).toBe(true);
    const screens: EventScreen[] = [];
    let someone = "";
    for (let k = 0; k < people.length; k++) {
      const who = await joinSession(url, created.code, `Personne ${k}`);
      if (k === 0) someone = who.token;
      const sc = await eventScreen(url, created.code, who.token);
      expect((await sc.command({ type: "join", personId: `p${k}` })).ok).toBe(true);
      screens.push(sc);
    }

    // AUTH: a participant's token is refused, a wrong one too; no angles yet: the projector's data is 404, a file says there is nothing yet.
    expect((await synthesis(created.code, someone, "md")).status).toBe(403);
    expect((await synthesis(created.code, "x".repeat(43), "md")).status).toBe(401);
    expect((await synthesis(created.code, created.facilitatorToken, "doc")).status).toBe(400);
    const none = await synthesis(created.code, created.facilitatorToken, "json");
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: string }).error).toBe("no_angles_setup");
    const empty = await synthesis(created.code, created.facilitatorToken, "md");
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain("Rien à synthétiser pour l'instant");

    expect((await coord.command({ type: "placeBalanced", seed: 1 })).ok).toBe(true);
    const setup = {
      angles: [
        { id: "collaboration", label: "Collaboration autour du salarié" },
        { id: "partenariat", label: "Pratique partenariale" },
      ],
      stories: [{ id: "s1", title: "Du premier contrat au CDI", narratorIds: ["p0"], roomId: "room-1" }],
    };
    expect((await coord.command({ type: "anglesSetup", setup })).ok).toBe(true);
    expect((await coord.command({ type: "assignAngles", seed: 2 })).ok).toBe(true);
    await waitFor(() => screens.every((s) => s.last?.role === "participant" && !!s.last.angles?.angle), 10_000, "every angle");
    for (const [k, s] of screens.entries()) if (k > 0) expect((await s.command({ type: "perceive", storyId: "s1", text: `La confiance, vue par ${k}` })).ok).toBe(true);

    // Before the regroup: the stories and the counts, no modalités.
    const before = await synthesis(created.code, created.facilitatorToken, "json");
    expect(before.status).toBe(200);
    const data = (await before.json()) as { synthesis: { total: number; angles: { modalites: unknown[] }[] }; regroupedAt: number | null };
    expect(data.synthesis.total).toBe(3);
    expect(data.regroupedAt).toBeNull();
    expect(data.synthesis.angles.every((a) => a.modalites.length === 0)).toBe(true);

    // After the regroup, an angle room clusters two of its notes under a name: a modalité d'action.
    expect((await coord.command({ type: "regroup" })).ok).toBe(true);
    await waitFor(() => screens.every((s) => s.ticket?.roomId.startsWith("angle-")), 10_000, "angle tickets");
    // Three perceptions over two angles: one angle room holds two of them.
    const writers = screens.slice(1);
    const t = writers.find((s) => writers.filter((o) => o.ticket!.roomId === s.ticket!.roomId).length >= 2)!.ticket!;
    const conn = new BoardConnection({ url, code: t.code, token: t.token, reconnectionDelay: 100, reconnectionDelayMax: 500 });
    conns.push(conn);
    await withTimeout(conn.whenSynced(), 10_000, "the angle room");
    const notes = conn.doc.getMap<Y.Map<unknown>>("notes");
    await waitFor(() => notes.size > 0, 10_000, "the perceptions on the board");
    const ids = [...notes.keys()];
    conn.doc.transact(() => {
      const c = new Y.Map<unknown>();
      c.set("name", "Une relation de confiance");
      c.set("order", 1);
      c.set("collapsed", false);
      conn.doc.getMap("clusters").set("k1", c);
      for (const id of ids) notes.get(id)!.set("clusterId", "k1");
    });
    await waitFor(() => conn.status === "saved", 10_000, "the cluster stored");

    const md = await synthesis(created.code, created.facilitatorToken, "md");
    expect(md.status).toBe(200);
    expect(md.headers.get("content-disposition")).toMatch(/^attachment; filename="synthese-journee-\d{4}-\d{2}-\d{2}-[A-Z0-9]+\.md"$/);
    const text = await md.text();
    expect(text).toContain("Synthèse de la journée");
    expect(text).toContain("Journée des histoires");
    expect(text).toContain("Du premier contrat au CDI");
    expect(text).toContain("Collaboration autour du salarié");
    expect(text).toContain("Pratique partenariale");
    expect(ids.length).toBe(2);
    expect(text).toContain("Une relation de confiance");
    expect(text).not.toContain("Personne 1"); // perceptions travel without author (narrators only)

    const pdf = await synthesis(created.code, created.facilitatorToken, "pdf");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
