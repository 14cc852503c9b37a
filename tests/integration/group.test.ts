// A co-development group meets many times (issue 3): the facilitator opens the group's next
// séance from the previous one (a new code, same title, method and group); the previous
// séance's screens are told at once; at the next séance anyone of it reads the previous case
// holder's action plan (what, who, when), and the report carries it too.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { io, type Socket } from "socket.io-client";
import { encodeUpdate } from "../../src/protocol/framing.ts";
import { Events, PROTOCOL_VERSION, type CreateSessionResponse, type GroupNextEvent, type GroupOverview } from "../../src/protocol/index.ts";
import { createSession, joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";

const server = useServer();

async function createCodev(title: string): Promise<CreateSessionResponse> {
  const res = await fetch(`${server.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title, method: "codev" }) });
  return (await res.json()) as CreateSessionResponse;
}

function connect(code: string, token: string): Promise<Socket> {
  const s = io(server.url, { auth: { v: PROTOCOL_VERSION, code, token }, transports: ["websocket"], reconnection: false });
  return withTimeout(new Promise((resolve, reject) => (s.once("connect", () => resolve(s)), s.once("connect_error", reject))), 10_000, "connect");
}

const ack = (s: Socket, event: string, ...args: unknown[]) => s.timeout(5000).emitWithAck(event, ...args) as Promise<{ ok: boolean; code?: string }>;

function actionUpdate(id: string, authorId: string, what: string, who: string, when: string, createdAt: number): Uint8Array {
  const doc = new Y.Doc();
  const item = new Y.Map<unknown>();
  doc.getMap("actions").set(id, item);
  item.set("what", new Y.Text(what));
  item.set("who", new Y.Text(who));
  item.set("when", new Y.Text(when));
  item.set("authorId", authorId);
  item.set("createdAt", createdAt);
  return Y.encodeStateAsUpdate(doc);
}

/** A séance run to the synthesis, where the case holder writes these actions, then ended. */
async function runSeance(s: CreateSessionResponse, holderName: string, actions: Array<[string, string, string]>) {
  const holder = await joinSession(server.url, s.code, holderName);
  const fac = await connect(s.code, s.facilitatorToken);
  const h = await connect(s.code, holder.token);
  expect(await ack(fac, Events.seanceCommand, { type: "assignRole", participantId: holder.participantId, role: "caseHolder" })).toEqual({ ok: true });
  expect(await ack(fac, Events.seanceCommand, { type: "start" })).toEqual({ ok: true });
  expect(await ack(fac, Events.seanceCommand, { type: "goTo", stepId: "synthesis" })).toEqual({ ok: true });
  expect(await ack(h, Events.boardJoin, "main")).toEqual({ ok: true });
  let at = 1;
  for (const [what, who, when] of actions)
    expect(await ack(h, Events.y, "main", encodeUpdate(actionUpdate(`a${at}`, holder.participantId, what, who, when, at++)))).toEqual({ ok: true });
  expect(await ack(fac, Events.seanceCommand, { type: "end" })).toEqual({ ok: true });
  return { holder, fac, h };
}

async function next(code: string, token: string | null, body: unknown = {}) {
  return fetch(`${server.url}/api/sessions/${code}/next`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function group(code: string, token: string): Promise<GroupOverview> {
  const res = await fetch(`${server.url}/api/sessions/${code}/group`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as GroupOverview;
}

describe("a group's séances", () => {
  it("the facilitator opens the next séance; its people read the previous case holder's action plan; the report has it", async () => {
    const first = await createCodev("Groupe codev Nord");
    const { holder, fac, h } = await runSeance(first, "Fatou", [
      ["Appeler la mission locale", "Moi", "Lundi"],
      ["Proposer un entretien à trois", "Moi et la référente", "Avant le 15"],
    ]);
    // Someone of the first séance stays on its end screen.
    const told: GroupNextEvent[] = [];
    h.on(Events.groupNext, (e: GroupNextEvent) => told.push(e));
    expect(await group(first.code, holder.token)).toEqual({ previous: null, next: null });

    // Only its facilitator opens the next one.
    expect((await next(first.code, holder.token)).status).toBe(403);
    expect((await next(first.code, null)).status).toBe(401);
    const res = await next(first.code, first.facilitatorToken);
    expect(res.status).toBe(201);
    const second = (await res.json()) as CreateSessionResponse;
    expect(second).toMatchObject({ title: "Groupe codev Nord", method: "codev" });
    expect(second.code).not.toBe(first.code);
    expect(second.facilitatorUrl).toBe(`${server.url}/s/${second.code}#cle=${second.facilitatorToken}`);
    await waitFor(() => told.length > 0, 5000, "group:next on the first séance");
    expect(told).toEqual([{ code: second.code, title: "Groupe codev Nord" }]);
    expect((await group(first.code, holder.token)).next).toEqual({ code: second.code, title: "Groupe codev Nord" });

    // At the next séance, anyone who joins reads the plan (an observer too); a stranger does not.
    const karim = await joinSession(server.url, second.code, "Karim");
    const overview = await group(second.code, karim.token);
    expect(overview.next).toBeNull();
    expect(overview.previous).toMatchObject({
      code: first.code,
      title: "Groupe codev Nord",
      caseHolders: ["Fatou"],
      actions: [
        { what: "Appeler la mission locale", who: "Moi", when: "Lundi" },
        { what: "Proposer un entretien à trois", who: "Moi et la référente", when: "Avant le 15" },
      ],
    });
    expect(Math.abs(overview.previous!.at - Date.now())).toBeLessThan(60_000);
    expect((await fetch(`${server.url}/api/sessions/${second.code}/group`, { headers: { authorization: `Bearer ${holder.token}` } })).status).toBe(401);

    // Its report reports back on that plan.
    const md = await (await fetch(`${server.url}/api/sessions/${second.code}/report?format=md`, { headers: { authorization: `Bearer ${second.facilitatorToken}` } })).text();
    expect(md).toContain("## Retour sur le plan d'action de la dernière séance");
    expect(md).toMatch(/porteur·euse du sujet : Fatou\./);
    expect(md).toMatch(/\| Appeler la mission locale \| Moi \| Lundi \|/);
    const firstMd = await (await fetch(`${server.url}/api/sessions/${first.code}/report?format=md`, { headers: { authorization: `Bearer ${first.facilitatorToken}` } })).text();
    expect(firstMd).not.toContain("Retour sur le plan d'action");

    // Each séance has its own case holder: the third one looks back at the second, not the first.
    const { fac: fac2, h: h2 } = await runSeance(second, "Karim B.", []);
    const third = (await (await next(second.code, second.facilitatorToken)).json()) as CreateSessionResponse;
    const previous = (await group(third.code, third.facilitatorToken)).previous;
    expect(previous).toMatchObject({ code: second.code, caseHolders: ["Karim B."], actions: [] });
    const thirdMd = await (await fetch(`${server.url}/api/sessions/${third.code}/report?format=md`, { headers: { authorization: `Bearer ${third.facilitatorToken}` } })).text();
    expect(thirdMd).toContain("Aucune action n'avait été notée à la dernière séance.");
    // The second séance knows its next one; the first still points at the second.
    expect((await group(second.code, second.facilitatorToken)).next?.code).toBe(third.code);
    expect((await group(first.code, first.facilitatorToken)).next?.code).toBe(second.code);
    [fac, h, fac2, h2].forEach((s) => s.disconnect());
  });

  it("a free board has no next séance, and a first séance has no previous plan", async () => {
    const board = await createSession(server.url);
    expect((await next(board.code, board.facilitatorToken)).status).toBe(404);
    const codev = await createCodev("Seul");
    expect(await group(codev.code, codev.facilitatorToken)).toEqual({ previous: null, next: null });
    expect((await next(codev.code, codev.facilitatorToken, { title: "x" })).status).toBe(400);
  });
});
