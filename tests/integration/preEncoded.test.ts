// The board broadcast's hand-built frames (src/server/sync/preEncoded.ts) against a real
// socket.io server and real clients: what arrives must be exactly what socket.io's own emit
// delivers, in order with ordinary emits, to websocket and long-polling clients alike.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { Encoder } from "socket.io-parser";
import { binaryEventFrames, emitBinaryToRoom, wsFrame } from "../../src/server/sync/preEncoded.ts";
import { waitFor } from "../helpers/clients.ts";

let server: Server;
let url: string;
const clients: ClientSocket[] = [];
/** Per server-side socket, how each "y" packet was written: pre-encoded or by engine.io. */
const written = new Map<string, string[]>();

beforeAll(async () => {
  const http = createServer();
  server = new Server(http);
  server.on("connection", (s) => {
    const kinds: string[] = [];
    written.set(s.id, kinds);
    // ours carry no data of their own (socket.io pre-encodes its text-only broadcasts too)
    s.conn.on("packetCreate", (packet: { data?: unknown; options?: { wsPreEncodedFrame?: unknown } }) => {
      if (packet.options?.wsPreEncodedFrame && packet.data === undefined) kinds.push("frames");
    });
    s.on("join", (room: string, ack: () => void) => {
      void s.join(room);
      ack();
    });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
});

async function client(transports: ("websocket" | "polling")[]): Promise<{ socket: ClientSocket; got: unknown[][] }> {
  const socket = connect(url, { transports, reconnection: false, forceNew: true });
  clients.push(socket);
  const got: unknown[][] = [];
  socket.onAny((...args) => got.push(args.map((a) => (a instanceof ArrayBuffer || ArrayBuffer.isView(a) ? [...new Uint8Array(a as ArrayBuffer)] : a))));
  await new Promise<void>((r) => socket.on("connect", () => r()));
  await socket.emitWithAck("join", "room-1");
  return { socket, got };
}

describe("a board message encoded once for every socket of the room", () => {
  it("frames: socket.io's own encoding of the event, as two websocket frames", () => {
    const binary = new Uint8Array([0, 1, 2, 250]);
    const [text, attachment] = new Encoder().encode({ type: 2, nsp: "/", data: ["y", "main", binary] }) as [string, Uint8Array];
    expect(binaryEventFrames("y", ["main"], binary)).toEqual(Buffer.concat([wsFrame(1, Buffer.from(`4${text}`)), wsFrame(2, attachment)]));
    // lengths over 125 and over 65,535 take the longer length fields
    expect([...wsFrame(2, new Uint8Array(126)).subarray(0, 4)]).toEqual([0x82, 126, 0, 126]);
    expect([...wsFrame(2, new Uint8Array(70_000)).subarray(0, 10)]).toEqual([0x82, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70]);
  });

  it("reaches websocket and polling clients alike, but the one excepted, in order with other emits", async () => {
    const a = await client(["websocket"]);
    const b = await client(["websocket"]);
    const p = await client(["polling"]);
    const big = new Uint8Array(70_000).map((_, i) => i % 251);
    server.to("room-1").emit("y", "main", new Uint8Array([9])); // socket.io's own, before
    emitBinaryToRoom(server.of("/"), "room-1", a.socket.id, "y", ["main"], new Uint8Array([1, 2, 3]));
    emitBinaryToRoom(server.of("/"), "room-1", undefined, "y", ["notes"], big);
    server.to("room-1").emit("after", 42); // and after
    const all = [b, p];
    await waitFor(() => all.every((c) => c.got.length === 4) && a.got.length === 3);
    for (const c of all) {
      expect(c.got[0]).toEqual(["y", "main", [9]]);
      expect(c.got[1]).toEqual(["y", "main", [1, 2, 3]]);
      expect(c.got[2][1]).toBe("notes");
      expect(c.got[2][2]).toEqual([...big]);
      expect(c.got[3]).toEqual(["after", 42]);
    }
    expect(a.got.map((m) => m[1])).toEqual(["main", "notes", 42]);
    // the websockets got our frames (one write each), the polling client socket.io's packets
    expect(written.get(b.socket.id!)).toEqual(["frames", "frames"]);
    expect(written.get(a.socket.id!)).toEqual(["frames"]);
    expect(written.get(p.socket.id!)).toEqual([]);
  });
});
