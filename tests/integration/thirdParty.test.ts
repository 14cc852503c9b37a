// A client written from docs/protocol.md alone, with yjs, y-protocols and socket.io-client
// and none of Marguerite's code: proves the protocol is documented well enough to use.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as syncProtocol from "y-protocols/sync";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import { io, type Socket } from "socket.io-client";
import { useServer } from "../helpers/useServer.ts";
import { connectParticipant, noteTexts, waitFor } from "../helpers/clients.ts";

const server = useServer();

class ThirdPartyClient {
  doc = new Y.Doc();
  socket: Socket;
  synced: Promise<void>;
  acks: Array<{ ok: boolean }> = [];

  constructor(url: string, code: string, token: string) {
    this.socket = io(url, { auth: { v: 1, code, token }, transports: ["websocket"], reconnection: false });
    let done!: () => void;
    this.synced = new Promise((r) => (done = r));
    this.socket.on("y", (board: string, bytes: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(bytes));
      if (decoding.readVarUint(decoder) !== 0) return; // awareness: not needed here
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, 0);
      const type = syncProtocol.readSyncMessage(decoder, reply, this.doc, "server");
      if (encoding.length(reply) > 1) this.socket.emit("y", board, encoding.toUint8Array(reply), (a: { ok: boolean }) => this.acks.push(a));
      if (type === syncProtocol.messageYjsSyncStep2) done();
    });
    this.socket.on("connect", () => {
      this.socket.emit("board:join", "main", () => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        syncProtocol.writeSyncStep1(e, this.doc);
        this.socket.emit("y", "main", encoding.toUint8Array(e));
      });
    });
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === "server") return;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
      this.socket.emit("y", "main", encoding.toUint8Array(e), (a: { ok: boolean }) => this.acks.push(a));
    });
  }
}

async function post(url: string, body: unknown) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json();
}

describe("third-party client", () => {
  it("joins with a code and a token, reads the board and writes to it", async () => {
    const created = await post(`${server.url}/api/sessions`, { title: "Intégration externe" });
    const { conn: human } = await connectParticipant(server.url, created.code, "Awa");
    const note = new Y.Map<unknown>();
    note.set("text", new Y.Text("écrite dans le navigateur"));
    human.doc.getMap("notes").set("from-ui", note);
    await human.whenSaved();

    const joined = await post(`${server.url}/api/sessions/${created.code}/participants`, { displayName: "Robot" });
    const bot = new ThirdPartyClient(server.url, created.code, joined.token);
    await bot.synced;
    expect(noteTexts(bot.doc)["from-ui"]).toBe("écrite dans le navigateur");

    const mine = new Y.Map<unknown>();
    mine.set("text", new Y.Text("écrite par un programme"));
    bot.doc.getMap("notes").set("from-bot", mine);
    await waitFor(() => noteTexts(human.doc)["from-bot"] === "écrite par un programme", 5000, "bot's note on the human's board");
    await waitFor(() => bot.acks.length > 0 && bot.acks.every((a) => a.ok), 5000, "acks");
    bot.socket.disconnect();
    human.destroy();
  });
});
