// Turns one Yjs transaction into the domain's ContentChanges, so that the method's rules
// (src/domain/facilitation/permissions.ts) judge what a client's update does, not what its
// UI meant to do. Layout (docs/protocol.md §4): root Y.Map per collection, itemId -> Y.Map
// of fields, text fields as Y.Text. Anything else (deeper nesting, arrays, a value that is
// not an item map) is refused as malformed.
import * as Y from "yjs";
import type { ContentChange } from "../../domain/facilitation/index.ts";

/** Item metadata written once at creation, outside the method's fields. */
const META = new Set(["authorId", "createdAt"]);

export type Extraction = { ok: true; changes: ContentChange[] } | { ok: false; reason: string };

/**
 * What a Y.Text holding more than characters (an embedded object, formatting attributes) is
 * to the rules: no field's kind accepts it (P9). `toString()` alone would hide such content,
 * so it would slip past the field's length limit into the stored board.
 */
export const RICH_TEXT = Object.freeze({ richText: true });

/** A field's value as the rules see it: text as a string, anything else as stored. */
function plain(v: unknown): unknown {
  return v instanceof Y.Text ? (isPlainText(v) ? v.toString() : RICH_TEXT) : v;
}

function isPlainText(text: Y.Text): boolean {
  for (let item = text._start; item !== null; item = item.right as Y.Item | null) {
    if (!item.deleted && !(item.content instanceof Y.ContentString)) return false;
  }
  return true;
}

function createdIn(tr: Y.Transaction, item: Y.Item | null): boolean {
  return item !== null && item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
}

/** Reads a map's fields even when it was just deleted (its entries are still there until GC). */
function fieldsOf(map: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of (map as unknown as { _map: Map<string, Y.Item> })._map) {
    const content = item.content.getContent();
    out[key] = plain(content[content.length - 1]);
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

function rootName(doc: Y.Doc, type: AnyType): string | null {
  for (const [name, t] of doc.share) if (t === type) return name;
  return null;
}

export function extractChanges(doc: Y.Doc, tr: Y.Transaction, actorId: string): Extraction {
  const changes: ContentChange[] = [];
  for (const [type, keys] of tr.changed) {
    const item = type._item;
    if (item === null) {
      // A collection: items added, replaced or removed.
      // Root types arrive untyped (Yjs types a root when someone first asks for it): a
      // collection is recognised by its keys, never by an index (null key).
      const collection = rootName(doc, type);
      if (collection === null) return { ok: false, reason: "unknown root type" };
      for (const key of keys) {
        if (key === null) return { ok: false, reason: `collection ${collection} is a map of items` };
        const current = (type as unknown as { _map: Map<string, Y.Item> })._map.get(key);
        if (!current) continue;
        if (createdIn(tr, current)) {
          // A new item; if it replaced one that existed before, that one is deleted.
          let prev = current.left;
          while (prev && createdIn(tr, prev)) prev = prev.left;
          if (prev && Y.isDeleted(tr.deleteSet, prev.id)) {
            const old = prev.content.getContent()[0];
            if (!(old instanceof Y.Map)) return { ok: false, reason: `${collection}/${key} is not an item` };
            changes.push({ op: "delete", collection, itemId: key, authorId: String(fieldsOf(old).authorId ?? ""), actorId });
          }
          if (current.deleted) continue; // created and deleted in the same update: nothing remains
          const value = current.content.getContent()[0];
          if (!(value instanceof Y.Map)) return { ok: false, reason: `${collection}/${key} is not an item` };
          const { authorId, createdAt, ...values } = fieldsOf(value);
          if (typeof authorId !== "string") return { ok: false, reason: `${collection}/${key} has no authorId` };
          if (createdAt !== undefined && typeof createdAt !== "number") return { ok: false, reason: "createdAt is a time in ms" };
          changes.push({ op: "create", collection, itemId: key, authorId, actorId, values });
        } else if (current.deleted) {
          const old = current.content.getContent()[0];
          if (!(old instanceof Y.Map)) return { ok: false, reason: `${collection}/${key} is not an item` };
          changes.push({ op: "delete", collection, itemId: key, authorId: String(fieldsOf(old).authorId ?? ""), actorId });
        }
      }
      continue;
    }
    // Inside an item: its parent must be a collection (fields), or an item (a text field).
    const parent = item.parent as AnyType | null;
    if (!parent) return { ok: false, reason: "orphan type" };
    if (parent._item === null) {
      const collection = rootName(doc, parent);
      const itemId = item.parentSub;
      if (collection === null || itemId === null || !(type instanceof Y.Map)) return { ok: false, reason: "items are maps in a collection" };
      const fields = fieldsOf(type);
      for (const key of keys) {
        if (key === null) return { ok: false, reason: "an item is a map of fields" };
        if (META.has(key)) return { ok: false, reason: `${key} is set once, when the item is created` };
        const live = type.get(key);
        changes.push({ op: "update", collection, itemId, authorId: String(fields.authorId ?? ""), actorId, field: key, value: live === undefined ? null : plain(live) });
      }
      continue;
    }
    const grand = parent._item.parent as AnyType | null;
    if (grand && grand._item === null && type instanceof Y.Text && item.parentSub !== null && parent instanceof Y.Map) {
      const collection = rootName(doc, grand);
      const itemId = parent._item.parentSub;
      if (collection === null || itemId === null) return { ok: false, reason: "text outside an item" };
      const fields = fieldsOf(parent);
      changes.push({ op: "update", collection, itemId, authorId: String(fields.authorId ?? ""), actorId, field: item.parentSub, value: plain(type) });
      continue;
    }
    return { ok: false, reason: "nesting deeper than collection / item / text field" };
  }
  return { ok: true, changes: dedupe(changes) };
}

/** Several edits of one text field in one update are one change for the rules. */
function dedupe(changes: ContentChange[]): ContentChange[] {
  const seen = new Map<string, number>();
  const out: ContentChange[] = [];
  for (const c of changes) {
    const key = c.op === "update" ? `u:${c.collection}:${c.itemId}:${c.field}` : `${c.op}:${c.collection}:${c.itemId}`;
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, out.length);
      out.push(c);
    } else out[at] = c;
  }
  return out;
}
