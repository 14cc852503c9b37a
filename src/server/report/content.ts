// The co-développement content of a session board (docs/protocol.md §4) as plain JSON for the
// report: one root map per collection, items keyed by id, text fields as Y.Text (or strings),
// authorId and createdAt on each item. Reads only: roots that do not exist are not defined
// (getMap on a live room's doc would add one), and anything malformed reads as empty.
import * as Y from "yjs";
import { CODEV_COLLECTION } from "../../domain/facilitation/index.ts";
import type { CodevContent } from "../../domain/report/index.ts";

type Item = { id: string; map: Y.Map<unknown> };

export function readCodevContent(doc: Y.Doc): CodevContent {
  const caseItem = item(doc, CODEV_COLLECTION.case, "case");
  const contract = item(doc, CODEV_COLLECTION.contract, "contract");
  const synthesis = item(doc, CODEV_COLLECTION.synthesis, "synthesis");
  return {
    case: caseItem
      ? { context: text(caseItem, "context"), situation: text(caseItem, "situation"), tried: text(caseItem, "tried"), question: text(caseItem, "question") }
      : null,
    contract: contract ? text(contract, "text") : null,
    questions: items(doc, CODEV_COLLECTION.questions).map((q) => ({ id: q.id, text: text(q, "text"), answer: text(q, "answer"), createdAt: time(q) })),
    suggestions: items(doc, CODEV_COLLECTION.suggestions).map((s) => {
      const type = text(s, "type");
      return { id: s.id, text: text(s, "text"), type: type || null, kept: s.map.get("kept") === true, createdAt: time(s) };
    }),
    actions: items(doc, CODEV_COLLECTION.actions).map((a) => ({ id: a.id, what: text(a, "what"), who: text(a, "who"), when: text(a, "when"), createdAt: time(a) })),
    synthesis: synthesis ? text(synthesis, "summary") : null,
    // Keyed by author (P3): the key is the author.
    learnings: items(doc, CODEV_COLLECTION.learnings).map((l) => {
      const rating = l.map.get("rating");
      return { authorId: l.id, text: text(l, "text"), rating: typeof rating === "number" && Number.isInteger(rating) ? rating : null, createdAt: time(l) };
    }),
  };
}

function root(doc: Y.Doc, collection: string): Y.Map<unknown> | null {
  if (!doc.share.has(collection)) return null;
  try {
    return doc.getMap<unknown>(collection);
  } catch {
    return null; // defined as another type
  }
}

function items(doc: Y.Doc, collection: string): Item[] {
  const m = root(doc, collection);
  if (!m) return [];
  const out: Item[] = [];
  m.forEach((value, id) => {
    if (value instanceof Y.Map) out.push({ id, map: value as Y.Map<unknown> });
  });
  return out;
}

function item(doc: Y.Doc, collection: string, id: string): Item | null {
  const value = root(doc, collection)?.get(id);
  return value instanceof Y.Map ? { id, map: value as Y.Map<unknown> } : null;
}

function text(it: Item, field: string): string {
  const v = it.map.get(field);
  if (v instanceof Y.Text) return v.toString();
  return typeof v === "string" ? v : "";
}

function time(it: Item): number | null {
  const v = it.map.get("createdAt");
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
