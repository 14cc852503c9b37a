// Facts about the board that step requirements need (C3: the contract is written), read from
// the room's Y.Doc just before `apply` and `tick`. The layout of a method's collections in
// the document (docs/protocol.md §4):
//   doc.getMap(collectionId): itemId -> Y.Map { <field>: Y.Text (text fields) | value, authorId, createdAt }
// a singleton under its fixed id (`contract` -> `contract`), a per-person item under its author's id.
import * as Y from "yjs";
import { CODEV_COLLECTION, type Facts, type MethodTemplate, codevFacts, findCollection } from "../../domain/facilitation/index.ts";

export function boardFacts(template: MethodTemplate, doc: Y.Doc): Facts {
  if (template.id !== "codev") return {};
  const contract = findCollection(template, CODEV_COLLECTION.contract);
  return codevFacts({ contractText: textField(doc, CODEV_COLLECTION.contract, contract?.singletonId ?? "contract", "text") });
}

/** A text field of an item, whether stored as Y.Text or as a plain string; null when absent or of another kind. */
export function textField(doc: Y.Doc, collection: string, itemId: string, field: string): string | null {
  // Only read roots that exist: getMap on an unknown name would define one in the room's doc.
  if (!doc.share.has(collection)) return null;
  let item: unknown;
  try {
    item = doc.getMap<unknown>(collection).get(itemId);
  } catch {
    return null; // the root was defined as another type
  }
  if (!(item instanceof Y.Map)) return null;
  const value = item.get(field);
  if (value instanceof Y.Text) return value.toString();
  return typeof value === "string" ? value : null;
}
