// Node-side board clients for integration tests: the real client library, real sockets.
import * as Y from "yjs";
import { io, type Socket } from "socket.io-client";
import { BoardConnection } from "../../src/client/boardConnection.ts";
import { PROTOCOL_VERSION } from "../../src/protocol/index.ts";
import { joinSession } from "./server.ts";

export async function connectParticipant(url: string, code: string, name: string, opts: { reconnectionDelay?: number } = {}) {
  const joined = await joinSession(url, code, name);
  const conn = new BoardConnection({ url, code, token: joined.token, reconnectionDelay: opts.reconnectionDelay ?? 100, reconnectionDelayMax: opts.reconnectionDelay ?? 500 });
  await withTimeout(conn.whenSynced(), 10_000, `${name} did not sync`);
  return { conn, joined };
}

/** A raw socket with a valid identity, for sending crafted messages. */
export async function rawSocket(url: string, code: string, token: string): Promise<Socket> {
  const s = io(url, { auth: { v: PROTOCOL_VERSION, code, token }, transports: ["websocket"], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
  });
  return s;
}

export function addNote(doc: Y.Doc, id: string, text: string, x = 0, y = 0): void {
  doc.transact(() => {
    const n = new Y.Map<unknown>();
    n.set("text", new Y.Text(text));
    n.set("x", x);
    n.set("y", y);
    n.set("color", "yellow");
    doc.getMap("notes").set(id, n);
  });
}

export function noteTexts(doc: Y.Doc): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, n] of doc.getMap<Y.Map<unknown>>("notes")) out[id] = String(n.get("text") ?? "");
  return out;
}

export async function waitFor(cond: () => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

/** Canonical JSON of the board (map key order depends on arrival order, not content). */
export function boardJson(doc: Y.Doc): string {
  const sort = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
      : v;
  return JSON.stringify(sort(doc.getMap("notes").toJSON()));
}

export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return boardJson(a) === boardJson(b);
}
