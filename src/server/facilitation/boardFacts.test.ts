import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CODEV_TEMPLATE, type MethodTemplate } from "../../domain/facilitation/index.ts";
import { boardFacts, textField } from "./boardFacts.ts";

function contractDoc(text: string | null, asYText = true): Y.Doc {
  const doc = new Y.Doc();
  if (text === null) return doc;
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    item.set("text", asYText ? new Y.Text(text) : text);
    item.set("authorId", "holder");
    item.set("createdAt", 1);
    doc.getMap("contract").set("contract", item);
  });
  return doc;
}

/** What the server holds: a document rebuilt from a client's updates, roots never defined locally. */
function received(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe("board facts (C3: reactions need a written contract)", () => {
  it("the contract is written once contract.contract.text has non-blank text, Y.Text or string", () => {
    expect(boardFacts(CODEV_TEMPLATE, received(contractDoc("J'attends des idées pour reprendre contact")))).toEqual({ contractWritten: true });
    expect(boardFacts(CODEV_TEMPLATE, received(contractDoc("Des ressources", false)))).toEqual({ contractWritten: true });
    expect(boardFacts(CODEV_TEMPLATE, received(contractDoc("  \n ")))).toEqual({ contractWritten: false });
    expect(boardFacts(CODEV_TEMPLATE, received(contractDoc(null)))).toEqual({ contractWritten: false });
  });

  it("text typed later into the contract counts, and deleting it all un-writes it", () => {
    const doc = contractDoc("");
    expect(boardFacts(CODEV_TEMPLATE, doc).contractWritten).toBe(false);
    const text = (doc.getMap("contract").get("contract") as Y.Map<unknown>).get("text") as Y.Text;
    text.insert(0, "Aidez-moi");
    expect(boardFacts(CODEV_TEMPLATE, doc).contractWritten).toBe(true);
    text.delete(0, text.length);
    expect(boardFacts(CODEV_TEMPLATE, doc).contractWritten).toBe(false);
  });

  it("only the singleton item counts, and other shapes read as no contract", () => {
    const doc = new Y.Doc();
    const other = new Y.Map<unknown>();
    other.set("text", new Y.Text("not the contract"));
    doc.getMap("contract").set("note-7", other);
    expect(boardFacts(CODEV_TEMPLATE, doc).contractWritten).toBe(false);
    doc.getMap("contract").set("contract", "a bare string is not an item");
    expect(boardFacts(CODEV_TEMPLATE, doc).contractWritten).toBe(false);
    const numeric = new Y.Doc();
    const item = new Y.Map<unknown>();
    item.set("text", 42);
    numeric.getMap("contract").set("contract", item);
    expect(boardFacts(CODEV_TEMPLATE, numeric).contractWritten).toBe(false);
    const wrongRoot = new Y.Doc();
    wrongRoot.getText("contract").insert(0, "a text root, not a map");
    expect(textField(wrongRoot, "contract", "contract", "text")).toBeNull();
  });

  it("reading leaves the room's document as it was (no root is defined by looking)", () => {
    const doc = new Y.Doc();
    boardFacts(CODEV_TEMPLATE, doc);
    expect([...doc.share.keys()]).toEqual([]);
  });

  it("a template without board facts gets none", () => {
    const other: MethodTemplate = { ...CODEV_TEMPLATE, id: "other" };
    expect(boardFacts(other, contractDoc("x"))).toEqual({});
  });
});
