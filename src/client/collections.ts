// A method's collections on a Y.Doc, laid out as docs/protocol.md §4 says: one root map per
// collection, items under their id, text fields as Y.Text, other fields as plain values, with
// authorId and createdAt. Singletons live under their fixed id, per-person items under the
// author's id. The server checks every change; this only writes the layout right.
import * as Y from "yjs";
import { textDiff } from "../domain/board.ts";
import { findCollection, type CollectionSpec, type MethodTemplate } from "../domain/facilitation/index.ts";

export const LOCAL_ORIGIN = Symbol("marguerite-collections");

export type FieldValue = string | number | boolean | null;

export interface Item {
  id: string;
  authorId: string;
  createdAt: number;
  values: Readonly<Record<string, FieldValue>>;
}

const EMPTY: readonly Item[] = Object.freeze([]);

export class CollectionsModel {
  private cache = new Map<string, readonly Item[]>();
  private listeners = new Set<() => void>();

  constructor(
    readonly doc: Y.Doc,
    readonly template: MethodTemplate,
    readonly me: string,
  ) {
    doc.on("afterTransaction", this.onTransaction);
  }

  destroy(): void {
    this.doc.off("afterTransaction", this.onTransaction);
    this.listeners.clear();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Items of a collection, oldest first; the same array until something changes. */
  items(collection: string): readonly Item[] {
    const hit = this.cache.get(collection);
    if (hit) return hit;
    const map = this.doc.getMap(collection);
    const list: Item[] = [];
    map.forEach((value, id) => {
      if (!(value instanceof Y.Map)) return;
      const values: Record<string, FieldValue> = {};
      value.forEach((v, k) => {
        if (k === "authorId" || k === "createdAt") return;
        values[k] = v instanceof Y.Text ? v.toString() : typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
      });
      list.push({
        id,
        authorId: typeof value.get("authorId") === "string" ? (value.get("authorId") as string) : "",
        createdAt: typeof value.get("createdAt") === "number" ? (value.get("createdAt") as number) : 0,
        values,
      });
    });
    list.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    const frozen = list.length === 0 ? EMPTY : list;
    this.cache.set(collection, frozen);
    return frozen;
  }

  item(collection: string, itemId: string): Item | undefined {
    return this.items(collection).find((i) => i.id === itemId);
  }

  /** Creates an item with these fields (text fields become Y.Text). */
  create(collection: string, itemId: string, values: Record<string, FieldValue>): void {
    const spec = this.spec(collection);
    this.doc.transact(() => {
      const item = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(values)) {
        if (v === null) continue;
        item.set(k, spec.fields[k]?.kind === "text" ? new Y.Text(String(v)) : v);
      }
      item.set("authorId", this.me);
      item.set("createdAt", Date.now());
      this.doc.getMap(collection).set(itemId, item);
    }, LOCAL_ORIGIN);
  }

  /** Writes a text field, as a minimal edit of its Y.Text (created on first write). */
  setText(collection: string, itemId: string, field: string, value: string): void {
    const spec = this.spec(collection);
    const f = spec.fields[field];
    const next = f?.kind === "text" ? value.slice(0, f.maxLength) : value;
    const item = this.doc.getMap(collection).get(itemId);
    if (!(item instanceof Y.Map)) return;
    const text = item.get(field);
    this.doc.transact(() => {
      if (text instanceof Y.Text) {
        const { index, remove, insert } = textDiff(text.toString(), next);
        if (remove > 0) text.delete(index, remove);
        if (insert) text.insert(index, insert);
      } else {
        item.set(field, new Y.Text(next));
      }
    }, LOCAL_ORIGIN);
  }

  setValue(collection: string, itemId: string, field: string, value: FieldValue): void {
    const item = this.doc.getMap(collection).get(itemId);
    if (!(item instanceof Y.Map)) return;
    if (item.get(field) === value) return;
    this.doc.transact(() => item.set(field, value), LOCAL_ORIGIN);
  }

  remove(collection: string, itemId: string): void {
    const map = this.doc.getMap(collection);
    if (!map.has(itemId)) return;
    this.doc.transact(() => map.delete(itemId), LOCAL_ORIGIN);
  }

  private spec(collection: string): CollectionSpec {
    const spec = findCollection(this.template, collection);
    if (!spec) throw new Error(`unknown collection ${collection}`);
    return spec;
  }

  private onTransaction = (tr: Y.Transaction): void => {
    let changed = false;
    for (const type of tr.changedParentTypes.keys()) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      let root: Y.AbstractType<any> = type;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      while (root._item?.parent) root = root._item.parent as Y.AbstractType<any>;
      for (const name of this.cache.keys()) {
        if (this.doc.share.get(name) === root) {
          this.cache.delete(name);
          changed = true;
        }
      }
    }
    if (changed || tr.changed.size > 0) {
      // Roots never read yet have no cache entry: telling the UI is cheap and safe.
      for (const fn of this.listeners) fn();
    }
  };
}

/** A fresh id for an item that is not a singleton. */
export function newItemId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
