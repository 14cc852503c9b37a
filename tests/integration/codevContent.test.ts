// The method's rules on the board itself: real clients write Yjs updates into the codev
// collections, and the server accepts or refuses each according to the step and the role,
// whatever the client's UI would have allowed (rules C*, P* in src/domain/SPEC.md).
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Events, type CreateSessionResponse, type ErrorEvent, type SeanceStateEvent } from "../../src/protocol/index.ts";
import { BoardConnection } from "../../src/client/boardConnection.ts";
import { joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";
import { command, personAt, settled, write, type Person } from "../helpers/people.ts";

const server = useServer();

const person = (code: string, token: string, id: string, board = "main") => personAt(server.url, code, token, id, board);

async function codevSeance() {
  const res = await fetch(`${server.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Codev", method: "codev" }) });
  const created = (await res.json()) as CreateSessionResponse;
  const holder = await joinSession(server.url, created.code, "Camille");
  const consultant = await joinSession(server.url, created.code, "Dominique");
  const fac = await person(created.code, created.facilitatorToken, created.participantId);
  const ch = await person(created.code, holder.token, holder.participantId);
  const co = await person(created.code, consultant.token, consultant.participantId);
  expect(await command(fac, { type: "assignRole", participantId: holder.participantId, role: "caseHolder" })).toMatchObject({ ok: true });
  expect(await command(fac, { type: "assignRole", participantId: consultant.participantId, role: "consultant" })).toMatchObject({ ok: true });
  expect(await command(fac, { type: "start" })).toMatchObject({ ok: true });
  await waitFor(() => co.states.some((s) => s.status === "running"), 5000, "running");
  return { created, fac, ch, co, holder, consultant };
}

const text = (p: Person, collection: string, itemId: string, field: string) =>
  ((p.conn.doc.getMap(collection).get(itemId) as Y.Map<unknown> | undefined)?.get(field) as Y.Text | undefined)?.toString();

describe("codev content rules on the wire", () => {
  it("C1: during the exposé only the case holder writes the case; a consultant's crafted write is refused", async () => {
    const { ch, co, fac } = await codevSeance();
    write(ch, "case", "case", { context: "Un salarié en CDDI", authorId: ch.id, createdAt: Date.now() });
    await settled(ch);
    await waitFor(() => text(co, "case", "case", "context") === "Un salarié en CDDI", 5000, "case seen by the consultant");

    const coBefore = co.errors.length;
    let diverged = "";
    co.conn.on("diverged", (e) => (diverged = e.code));
    write(co, "questions", "q-early", { text: "Trop tôt ?", authorId: co.id, createdAt: Date.now() });
    await settled(co);
    expect(co.errors.length).toBeGreaterThan(coBefore);
    // The client is told its document now differs from the board for good.
    await waitFor(() => diverged !== "", 5000, "diverged");
    expect(diverged).toBe("not_in_this_step");
    await new Promise((r) => setTimeout(r, 200));
    expect(fac.conn.doc.getMap("questions").has("q-early")).toBe(false);
    expect(ch.conn.doc.getMap("questions").has("q-early")).toBe(false);
    [fac, ch, co].forEach((p) => p.conn.destroy());
  });

  it("C2: in clarification consultants ask, the case holder answers in place, and nobody edits someone else's question", async () => {
    const { ch, co, fac, created } = await codevSeance();
    expect(await command(fac, { type: "next" })).toMatchObject({ ok: true });
    await waitFor(() => co.states.some((s) => s.stepId === "clarification"), 5000, "clarification");
    // consultants are fresh sockets of a new participant, so that their docs hold nothing refused
    const other = await joinSession(server.url, created.code, "Eden");
    expect(await command(fac, { type: "assignRole", participantId: other.participantId, role: "consultant" })).toMatchObject({ ok: true });
    const co2 = await person(created.code, other.token, other.participantId);

    write(co, "questions", "q1", { text: "Depuis quand ?", authorId: co.id, createdAt: Date.now() });
    await settled(co);
    await waitFor(() => text(ch, "questions", "q1", "text") === "Depuis quand ?", 5000, "question seen by the case holder");
    expect(co.errors).toEqual([]);

    // The answer is a field the case holder adds to the consultant's card.
    (ch.conn.doc.getMap("questions").get("q1") as Y.Map<unknown>).set("answer", new Y.Text("Six mois"));
    await settled(ch);
    await waitFor(() => text(co, "questions", "q1", "answer") === "Six mois", 5000, "answer seen by the consultant");

    const before = co2.errors.length;
    await waitFor(() => co2.conn.doc.getMap("questions").has("q1"), 5000, "co2 has q1");
    ((co2.conn.doc.getMap("questions").get("q1") as Y.Map<unknown>).get("text") as Y.Text).insert(0, "Pirate: ");
    await settled(co2);
    expect(co2.errors.length).toBeGreaterThan(before);
    await new Promise((r) => setTimeout(r, 200));
    expect(text(fac, "questions", "q1", "text")).toBe("Depuis quand ?");
    [fac, ch, co, co2].forEach((p) => p.conn.destroy());
  });

  it("a private note stays on its owner's board and a crafted root type is refused there", async () => {
    const { co, created, consultant } = await codevSeance();
    const mine = await person(created.code, consultant.token, consultant.participantId, `private-${consultant.participantId}`);
    write(mine, "privateNotes", "n1", { text: "Penser au logement", authorId: consultant.participantId, createdAt: Date.now() });
    await settled(mine);
    expect(mine.errors).toEqual([]);
    mine.conn.doc.getMap("questions").set("x", new Y.Map());
    await settled(mine);
    expect(mine.errors.some((e) => e.code === "invalid_update")).toBe(true);
    mine.conn.destroy();
    co.conn.destroy();
  });
});
