// What the board tools read from and write into a board's Y.Doc on the server: the items a
// vote is on, the notes moderation reveals (server-origin writes), the authors an anonymous
// board must not hold, and the check of a client's update against anonymity and moderation.
import * as Y from "yjs";
import { NOTES_ROOT, nextFreeSlot, readingOrder } from "../../domain/board.ts";
import { CLUSTERS_ROOT, boardView, type ClusterBoard, type ClusterRecord } from "../../domain/clusters/index.ts";
import { IDENTITY_FIELDS, isIdentityField } from "../../domain/anonymity/index.ts";
import type { PendingNote } from "../../domain/moderation/index.ts";
import { ErrorCode } from "../../protocol/index.ts";
import type { Verdict } from "../sync/room.ts";

function notesOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(NOTES_ROOT);
}

/** Note ids in reading order (the order people see them in, used for display ties, V6). */
export function noteIds(doc: Y.Doc): string[] {
  const list: { id: string; x: number; y: number }[] = [];
  notesOf(doc).forEach((v, id) => {
    if (!(v instanceof Y.Map)) return;
    const x = v.get("x");
    const y = v.get("y");
    list.push({ id, x: typeof x === "number" ? x : 0, y: typeof y === "number" ? y : 0 });
  });
  return readingOrder(list).map((n) => n.id);
}

/** The notes' clusters and the cluster records of a board's document, as the domain reads them. */
export function clusterBoardOf(doc: Y.Doc): ClusterBoard {
  const notes = new Map<string, string | null>();
  notesOf(doc).forEach((v, id) => {
    if (!(v instanceof Y.Map)) return;
    const c = v.get("clusterId");
    notes.set(id, typeof c === "string" ? c : null);
  });
  const clusters = new Map<string, ClusterRecord>();
  doc.getMap(CLUSTERS_ROOT).forEach((v, id) => {
    if (!(v instanceof Y.Map)) return;
    const name = v.get("name");
    const order = v.get("order");
    const merged = v.get("mergedInto");
    clusters.set(id, {
      name: typeof name === "string" ? name : name instanceof Y.Text ? name.toString() : "",
      collapsed: v.get("collapsed") === true,
      order: typeof order === "number" ? order : 0,
      color: null,
      mergedInto: typeof merged === "string" ? merged : null,
    });
  });
  return { notes, clusters };
}

/** The clusters every screen shows (K11), in display order. */
export function clusterIds(doc: Y.Doc): string[] {
  return boardView(clusterBoardOf(doc)).clusters.map((c) => c.id);
}

/**
 * Q6: the revealed notes, written by the server into its own copy of the board, in free
 * slots, without author when the board is anonymous (A5). Returns nothing: the caller's
 * transaction collects the update.
 */
export function writeRevealedNotes(doc: Y.Doc, notes: readonly PendingNote[], anonymous: boolean, now: number): void {
  const root = notesOf(doc);
  const placed: { x: number; y: number }[] = [];
  let z = 0;
  root.forEach((v) => {
    if (!(v instanceof Y.Map)) return;
    const x = v.get("x");
    const y = v.get("y");
    const nz = v.get("z");
    if (typeof x === "number" && typeof y === "number") placed.push({ x, y });
    if (typeof nz === "number" && nz > z) z = nz;
  });
  for (const n of notes) {
    const slot = nextFreeSlot(placed);
    placed.push(slot);
    const note = new Y.Map<unknown>();
    root.set(n.id, note);
    note.set("text", new Y.Text(n.text));
    note.set("x", slot.x);
    note.set("y", slot.y);
    note.set("color", n.color);
    if (!anonymous) note.set("authorId", n.authorId);
    note.set("createdAt", now);
    note.set("z", ++z);
  }
}

/** A5 when anonymity is switched on: the notes already on the board lose their author fields. */
export function stripNoteAuthors(doc: Y.Doc): void {
  notesOf(doc).forEach((v) => {
    if (!(v instanceof Y.Map)) return;
    for (const f of IDENTITY_FIELDS) if (v.has(f)) v.delete(f);
  });
}

export interface NoteWriteRules {
  /** A5: no author field may be written into a note. */
  anonymous: boolean;
  /** Q5: this sender may not create notes (a participant in a moderated board). */
  noCreate: boolean;
}

/**
 * Judges what one transaction (as the room applies it; a refused one is rolled back) does to the notes:
 * creating a note where moderation forbids it, or writing an author field in an anonymous
 * board, refuses the whole update.
 */
export function judgeNoteWrites(doc: Y.Doc, tr: Y.Transaction, rules: NoteWriteRules): Verdict {
  if (!rules.anonymous && !rules.noCreate) return { ok: true };
  const root = doc.share.get(NOTES_ROOT);
  if (!root) return { ok: true };
  for (const [type, keys] of tr.changed) {
    if (type === root) {
      for (const key of keys) {
        if (key === null) continue;
        const item = (type as unknown as { _map: Map<string, Y.Item> })._map.get(key);
        if (!item || item.deleted || item.id.clock < (tr.beforeState.get(item.id.client) ?? 0)) continue;
        // A note created (or replaced) by this update.
        if (rules.noCreate) return { ok: false, code: ErrorCode.moderated, message: "this board is moderated: submit your note to the facilitator" };
        const value = item.content.getContent()[0];
        if (rules.anonymous && value instanceof Y.Map && [...value.keys()].some(isIdentityField))
          return { ok: false, code: ErrorCode.authorInAnonymousBoard, message: "this board is anonymous: notes carry no author" };
      }
      continue;
    }
    // A field set on an existing note.
    if (rules.anonymous && type._item?.parent === root) {
      for (const key of keys) {
        if (key === null || !isIdentityField(key)) continue;
        const item = (type as unknown as { _map: Map<string, Y.Item> })._map.get(key);
        if (item && !item.deleted) return { ok: false, code: ErrorCode.authorInAnonymousBoard, message: "this board is anonymous: notes carry no author" };
      }
    }
  }
  return { ok: true };
}
