// The traffic: each client owns one note on its board (created once) and edits it once per
// send: moves it, retypes its text, and stamps [client, seq, sentAt] in a "bench" field so
// that receivers can tell who sent what when.
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { now } from "./clock.ts";
import { NOTES_ROOT, NOTE_COLORS, clampPosition } from "../../src/domain/board.ts";

export const BENCH_KEY = "bench";
export const ORIGIN = "bench";

export function noteId(client: number): string {
  return `bench-note-${client}`;
}

export function createNote(doc: Y.Doc, client: number, authorId: string): Y.Map<unknown> {
  const notes = doc.getMap<Y.Map<unknown>>(NOTES_ROOT);
  const note = new Y.Map<unknown>();
  doc.transact(() => {
    notes.set(noteId(client), note);
    const pos = clampPosition(40 + (client % 10) * 220, 40 + Math.floor(client / 10) * 160);
    note.set("text", new Y.Text(`Idée de ${client}`));
    note.set("x", pos.x);
    note.set("y", pos.y);
    note.set("color", NOTE_COLORS[client % NOTE_COLORS.length]);
    note.set("authorId", authorId);
    note.set("createdAt", Date.now());
    note.set("z", client);
  }, ORIGIN);
  return note;
}

/** A note of content (bench/memory.ts): a few words, a place, a colour; never edited. */
export function createContentNote(doc: Y.Doc, client: number, k: number, authorId: string): void {
  const notes = doc.getMap<Y.Map<unknown>>(NOTES_ROOT);
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    notes.set(`${noteId(client)}-${k}`, note);
    const pos = clampPosition(40 + ((client * 7 + k * 230) % 3000), 40 + ((client * 11 + k * 170) % 2000));
    note.set("text", new Y.Text(`Idée ${k} de la personne ${client} : une phrase de quelques mots, comme sur un post-it`));
    note.set("x", pos.x);
    note.set("y", pos.y);
    note.set("color", NOTE_COLORS[(client + k) % NOTE_COLORS.length]);
    note.set("authorId", authorId);
    note.set("createdAt", Date.now());
    note.set("z", k);
  }, ORIGIN);
}

/** One edit: a move, a retyped line of text, and the stamp. */
export function editNote(doc: Y.Doc, note: Y.Map<unknown>, client: number, seq: number, sentAt: number): void {
  doc.transact(() => {
    const pos = clampPosition(40 + ((client * 37 + seq * 13) % 3000), 40 + ((client * 17 + seq * 7) % 2000));
    note.set("x", pos.x);
    note.set("y", pos.y);
    const text = note.get("text") as Y.Text;
    text.delete(0, text.length);
    text.insert(0, `Idée de ${client}, version ${seq}`);
    note.set(BENCH_KEY, [client, seq, sentAt]);
  }, ORIGIN);
}

/** Size of a typical edit as it travels (y-protocols sync-update framing), for the baseline. */
export function typicalFramedSize(): number {
  const doc = new Y.Doc();
  const note = createNote(doc, 123, "p".repeat(21));
  for (let s = 1; s < 20; s++) editNote(doc, note, 123, s, now());
  let size = 0;
  doc.on("update", (u: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, u);
    size = encoding.length(e);
  });
  editNote(doc, note, 123, 20, now());
  doc.destroy();
  return size;
}
