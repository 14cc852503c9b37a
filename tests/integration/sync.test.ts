// A real server (child process, built app, embedded database) and real socket.io clients.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Socket } from "socket.io-client";
import { io } from "socket.io-client";
import { encodeUpdate as frameUpdate } from "../../src/protocol/framing.ts";
import { Events, PROTOCOL_VERSION, type ErrorEvent, type PresenceEvent } from "../../src/protocol/index.ts";
import { createSession, joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { addNote, connectParticipant, noteTexts, rawSocket, sameState, waitFor, withTimeout } from "../helpers/clients.ts";
import type { BoardConnection } from "../../src/client/boardConnection.ts";

const server = useServer();

function emitAck(s: Socket, ...args: unknown[]): Promise<{ ok: boolean; code?: string }> {
  return withTimeout(new Promise((resolve) => s.emit(args[0] as string, ...args.slice(1), resolve)), 5000, `ack of ${String(args[0])}`);
}

describe("live board", () => {
  it("several clients editing at once converge to the same board", async () => {
    const session = await createSession(server.url);
    const clients: BoardConnection[] = [];
    for (let i = 0; i < 5; i++) clients.push((await connectParticipant(server.url, session.code, `P${i}`)).conn);
    addNote(clients[0].doc, "shared", "");
    await waitFor(() => clients.every((c) => c.doc.getMap("notes").has("shared")), 5000, "shared note everywhere");
    // Everyone adds notes and types into the same note concurrently.
    for (let round = 0; round < 10; round++) {
      clients.forEach((c, i) => {
        addNote(c.doc, `n-${i}-${round}`, `idée ${i}.${round}`, i * 10, round * 10);
        const text = (c.doc.getMap("notes").get("shared") as Y.Map<unknown>).get("text") as Y.Text;
        text.insert(0, String(i));
      });
    }
    await Promise.all(clients.map((c) => withTimeout(c.whenSaved(), 10_000, "saved")));
    await waitFor(() => clients.every((c) => sameState(c.doc, clients[0].doc)), 10_000, "convergence");
    const texts = noteTexts(clients[0].doc);
    expect(Object.keys(texts)).toHaveLength(51);
    expect(texts.shared).toHaveLength(50);
    clients.forEach((c) => c.destroy());
  });

  it("a late joiner receives the full board", async () => {
    const session = await createSession(server.url);
    const { conn: a } = await connectParticipant(server.url, session.code, "Awa");
    for (let i = 0; i < 30; i++) addNote(a.doc, `n${i}`, `note ${i}`);
    await a.whenSaved();
    a.destroy();
    const { conn: late } = await connectParticipant(server.url, session.code, "Bruno");
    expect(Object.keys(noteTexts(late.doc))).toHaveLength(30);
    expect(noteTexts(late.doc).n7).toBe("note 7");
    late.destroy();
  });

  it("everyone sees who is present, and who left", async () => {
    const session = await createSession(server.url);
    const { conn: a } = await connectParticipant(server.url, session.code, "Awa");
    let last: PresenceEvent | null = null;
    a.on("presence", (p) => (last = p));
    const { conn: b } = await connectParticipant(server.url, session.code, "Bruno");
    await waitFor(() => last !== null && last.participants.some((p) => p.displayName === "Bruno" && p.online), 5000, "Bruno present");
    b.destroy();
    await waitFor(() => last!.participants.some((p) => p.displayName === "Bruno" && !p.online), 5000, "Bruno away");
    expect(last!.participants.find((p) => p.role === "facilitator")).toBeTruthy();
    a.destroy();
  });

  it("awareness carries the server's name for each person, not the one a client claims", async () => {
    const session = await createSession(server.url);
    const { conn: a } = await connectParticipant(server.url, session.code, "Awa");
    const { conn: b } = await connectParticipant(server.url, session.code, "Bruno");
    a.awareness.setLocalState({ user: { name: "La directrice" }, focus: "n1" });
    await waitFor(() => b.awareness.getStates().has(a.doc.clientID), 5000, "awareness");
    expect(b.awareness.getStates().get(a.doc.clientID)).toMatchObject({ focus: "n1", user: { name: "Awa", role: "participant" } });
    a.destroy();
    b.destroy();
  });
});

describe("untrusted input", () => {
  it("refuses connections without a valid token or with another protocol version", async () => {
    const session = await createSession(server.url);
    const tryConnect = (auth: unknown) =>
      new Promise<string | undefined>((resolve) => {
        const s = io(server.url, { auth: auth as object, transports: ["websocket"], reconnection: false });
        s.once("connect", () => {
          s.disconnect();
          resolve("connected");
        });
        s.once("connect_error", (err: Error & { data?: { code?: string } }) => resolve(err.data?.code));
      });
    expect(await tryConnect({ v: PROTOCOL_VERSION, code: session.code, token: "x".repeat(43) })).toBe("unauthorized");
    expect(await tryConnect({ v: 99, code: session.code, token: session.facilitatorToken })).toBe("protocol_version");
    expect(await tryConnect({})).toBe("unauthorized");
    // A valid token only opens its own session.
    const other = await createSession(server.url);
    expect(await tryConnect({ v: PROTOCOL_VERSION, code: other.code, token: session.facilitatorToken })).toBe("unauthorized");
    expect(await tryConnect({ v: PROTOCOL_VERSION, code: session.code, token: session.facilitatorToken })).toBe("connected");
  });

  it("rejects malformed and oversized messages with an error, and the room keeps working", async () => {
    const session = await createSession(server.url);
    const { conn: good } = await connectParticipant(server.url, session.code, "Awa");
    addNote(good.doc, "keep", "déjà accepté");
    await good.whenSaved();
    const evil = await joinSession(server.url, session.code, "Mallory");
    const s = await rawSocket(server.url, session.code, evil.token);
    const errors: ErrorEvent[] = [];
    s.on(Events.error, (e: ErrorEvent) => errors.push(e));

    expect(await emitAck(s, Events.y, "main", new Uint8Array([0, 2, 1, 9]))).toMatchObject({ ok: false, code: "not_in_room" });
    expect(await emitAck(s, Events.boardJoin, "main")).toEqual({ ok: true });
    expect(await emitAck(s, Events.boardJoin, "../etc")).toMatchObject({ ok: false, code: "bad_request" });
    expect(await emitAck(s, Events.y, "main", "not binary")).toMatchObject({ ok: false, code: "bad_request" });
    expect(await emitAck(s, Events.y, "main", new Uint8Array([5, 5, 5]))).toMatchObject({ ok: false, code: "bad_request" });
    expect(await emitAck(s, Events.y, "main", frameUpdate(new Uint8Array([1, 200, 3, 4, 5, 6])))).toMatchObject({ ok: false, code: "invalid_update" });
    // A structurally valid update on a root type the board does not have.
    const rogue = new Y.Doc();
    rogue.getArray("other").push(["x"]);
    expect(await emitAck(s, Events.y, "main", frameUpdate(Y.encodeStateAsUpdate(rogue)))).toMatchObject({ ok: false, code: "invalid_update" });
    // Oversized: over the 1 MB limit. socket.io itself may drop the connection for frames
    // beyond its buffer; either way nothing reaches the board and the server stays up.
    const big = new Uint8Array(1024 * 1024 + 10);
    const bigAck = await Promise.race([emitAck(s, Events.y, "main", big).catch(() => null), new Promise((r) => setTimeout(() => r(null), 2000))]);
    if (bigAck) expect(bigAck).toMatchObject({ ok: false, code: "too_large" });
    expect(errors.length).toBeGreaterThanOrEqual(5);
    expect(errors.every((e) => typeof e.code === "string" && typeof e.message === "string")).toBe(true);

    // The honest client and the room are unharmed: accepted data is intact, new edits flow.
    const { conn: other } = await connectParticipant(server.url, session.code, "Bruno");
    expect(noteTexts(other.doc).keep).toBe("déjà accepté");
    addNote(other.doc, "after", "toujours là");
    await waitFor(() => noteTexts(good.doc).after === "toujours là", 5000, "edit after abuse");
    expect(Object.keys(noteTexts(good.doc)).sort()).toEqual(["after", "keep"]);
    s.disconnect();
    good.destroy();
    other.destroy();
  });

  it("cuts off a connection that keeps sending rejected messages, and only that one", async () => {
    const session = await createSession(server.url);
    const { conn: good } = await connectParticipant(server.url, session.code, "Awa");
    const evil = await joinSession(server.url, session.code, "Mallory");
    const s = await rawSocket(server.url, session.code, evil.token);
    await emitAck(s, Events.boardJoin, "main");
    const errors: ErrorEvent[] = [];
    s.on(Events.error, (e: ErrorEvent) => errors.push(e));
    const disconnected = new Promise<void>((resolve) => s.once("disconnect", () => resolve()));
    for (let i = 0; i < 30; i++) s.emit(Events.y, "main", new Uint8Array([9, 9, 9]));
    await withTimeout(disconnected, 5000, "cut off");
    expect(errors.some((e) => e.code === "abuse")).toBe(true);
    addNote(good.doc, "n", "ça marche");
    await withTimeout(good.whenSaved(), 5000, "good client still saved");
    expect(good.status).toBe("saved");
    good.destroy();
  });
});
