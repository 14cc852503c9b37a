// People in a séance for integration tests: each one a real BoardConnection (the client
// library) with the séance states and refusals it received, and crafted writes made
// straight into its Y.Doc, as a UI or a program bypassing it would.
import * as Y from "yjs";
import { Events, type ErrorEvent, type SeanceStateEvent } from "../../src/protocol/index.ts";
import { BoardConnection } from "../../src/client/boardConnection.ts";
import { waitFor, withTimeout } from "./clients.ts";

export interface Person {
  id: string;
  conn: BoardConnection;
  errors: ErrorEvent[];
  states: SeanceStateEvent[];
}

export async function personAt(url: string, code: string, token: string, id: string, board = "main"): Promise<Person> {
  const conn = new BoardConnection({ url, code, token, board, reconnectionDelay: 100, reconnectionDelayMax: 500 });
  const p: Person = { id, conn, errors: [], states: [] };
  conn.on("error", (e) => p.errors.push(e));
  conn.socket.on(Events.seanceState, (s: SeanceStateEvent) => p.states.push(s));
  await withTimeout(conn.whenSynced(), 10_000, "sync");
  return p;
}

export function command(p: Person, cmd: unknown): Promise<{ ok: boolean; code?: string }> {
  return withTimeout(new Promise((resolve) => p.conn.socket.emit(Events.seanceCommand, cmd, resolve)), 5000, "command ack");
}

/** Writes through the person's own doc, like a UI (or a crafted client) would. */
export function write(p: Person, collection: string, itemId: string, fields: Record<string, unknown>): void {
  p.conn.doc.transact(() => {
    const item = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(fields)) item.set(k, typeof v === "string" && k !== "authorId" && k !== "type" ? new Y.Text(v) : v);
    p.conn.doc.getMap(collection).set(itemId, item);
  });
}

/** Until the write is acknowledged as stored, or refused (an error event arrives). */
export async function settled(p: Person): Promise<void> {
  const errors = p.errors.length;
  await waitFor(() => p.conn.status === "saved" || p.errors.length > errors, 5000, "ack or refusal").catch(() => {});
  await new Promise((r) => setTimeout(r, 100));
}
