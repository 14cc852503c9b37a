// When the server finally refuses a local edit, the reference client (src/client/boardConnection.ts,
// the browser's own class, run here in Node) says so with `diverged`; the room UI then drops
// its document, opens the board afresh as the server holds it, and shows a French sentence
// from the catalogue (src/client/divergence.ts). This checks each part of that, on a real
// server, including why the reopening is needed: edits built on the refused one cannot land.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { io } from "socket.io-client";
import { BoardConnection } from "../../src/client/boardConnection.ts";
import { CollectionsModel } from "../../src/client/collections.ts";
import { writeRefusedKey } from "../../src/client/divergence.ts";
import { CODEV_TEMPLATE } from "../../src/domain/facilitation/index.ts";
import { t } from "../../src/i18n/index.ts";
import { Events, PROTOCOL_VERSION, type CreateSessionResponse, type ErrorEvent } from "../../src/protocol/index.ts";
import { joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";

const server = useServer();

async function open(code: string, token: string, me: string) {
  const conn = new BoardConnection({ url: server.url, code, token, reconnectionDelay: 100, reconnectionDelayMax: 300 });
  const model = new CollectionsModel(conn.doc, CODEV_TEMPLATE, me);
  const diverged: ErrorEvent[] = [];
  conn.on("diverged", (e) => diverged.push(e));
  await withTimeout(conn.whenSynced(), 10_000, "sync");
  return { conn, model, diverged, close: () => (model.destroy(), conn.destroy()) };
}

async function clarification() {
  const res = await fetch(`${server.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Codev", method: "codev" }) });
  const s = (await res.json()) as CreateSessionResponse;
  const holder = await joinSession(server.url, s.code, "Camille");
  const karim = await joinSession(server.url, s.code, "Karim");
  const eden = await joinSession(server.url, s.code, "Eden");
  const fac = io(server.url, { auth: { v: PROTOCOL_VERSION, code: s.code, token: s.facilitatorToken }, transports: ["websocket"] });
  const command = async (c: unknown) => expect(await fac.timeout(5000).emitWithAck(Events.seanceCommand, c), JSON.stringify(c)).toEqual({ ok: true });
  await command({ type: "assignRole", participantId: holder.participantId, role: "caseHolder" });
  await command({ type: "start" });
  await command({ type: "next" });
  return { s, karim, eden, fac, command };
}

const questionIds = (m: CollectionsModel) => m.items("questions").map((i) => i.id);

describe("a refused local edit", () => {
  it("is reported once as diverged with the rule's code; the client's own document keeps it until the room reopens the board", async () => {
    const { s, karim, eden, fac, command } = await clarification();
    const k = await open(s.code, karim.token, karim.participantId);
    const e = await open(s.code, eden.token, eden.participantId);
    await command({ type: "lockBoard" });

    // Karim's screen had not seen the lock yet: he adds a question.
    k.model.create("questions", "q-locked", { text: "Depuis quand ?" });
    await waitFor(() => k.diverged.length > 0, 5000, "diverged");
    expect(k.diverged).toEqual([{ code: "board_locked", message: expect.any(String), event: Events.y }]);
    // The connection does not roll back by itself: the edit is still in its document...
    expect(questionIds(k.model)).toEqual(["q-locked"]);
    // ...and nobody else has it.
    await new Promise((r) => setTimeout(r, 200));
    expect(questionIds(e.model)).toEqual([]);

    // Why the room must reopen: after the unlock, an edit made on the same document builds on
    // the refused one; the server refuses it too (it would otherwise wait forever, unseen).
    await command({ type: "unlockBoard" });
    k.model.create("questions", "q-after", { text: "Et maintenant ?" });
    await waitFor(() => k.diverged.length > 1, 5000, "second diverged");
    expect(k.diverged[1].code).toBe("missing_dependency");
    expect(questionIds(e.model)).toEqual([]);

    // What the room does on diverged: a fresh connection shows the board as the server holds it,
    // with a French sentence that says why; the next edit is stored and reaches everyone.
    const sentence = t("fr", writeRefusedKey(k.diverged[0].code));
    expect(sentence).toBe("Votre dernière modification n'a pas été enregistrée : l'animateur·rice a verrouillé le tableau. La page montre maintenant ce qui est enregistré.");
    k.close();
    const again = await open(s.code, karim.token, karim.participantId);
    expect(questionIds(again.model)).toEqual([]);
    again.model.create("questions", "q-ok", { text: "Depuis quand ne vient-il plus ?" });
    await withTimeout(again.conn.whenSaved(), 5000, "saved");
    await waitFor(() => questionIds(e.model).includes("q-ok"), 5000, "Eden sees the question");
    expect(again.diverged).toEqual([]);
    expect(questionIds(e.model)).toEqual(["q-ok"]);
    again.close();
    e.close();
    fac.disconnect();
  });

  it("a step change the screen had not seen yet: not_in_this_step, and the general sentence", async () => {
    const { s, karim, fac, command } = await clarification();
    const k = await open(s.code, karim.token, karim.participantId);
    await command({ type: "goTo", stepId: "expose" });
    k.model.create("questions", "q-late", { text: "Trop tard ?" });
    await waitFor(() => k.diverged.length > 0, 5000, "diverged");
    expect(k.diverged[0].code).toBe("not_in_this_step");
    expect(t("fr", writeRefusedKey("not_in_this_step"))).toMatch(/^Votre dernière modification n'a pas été enregistrée : elle n'est pas permise à cette étape\./);
    k.close();
    const again = await open(s.code, karim.token, karim.participantId);
    expect(questionIds(again.model)).toEqual([]);
    await waitFor(() => again.conn.status === "saved", 5000, "the reopened board saved");
    again.close();
    fac.disconnect();
  });
});
