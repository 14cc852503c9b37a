import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RICH_TEXT, extractChanges, type Extraction } from "./contentChanges";

/** Applies what `edit` does on a client copy to a server copy, and extracts the changes. */
function changesOf(server: Y.Doc, edit: (client: Y.Doc) => void): Extraction {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  const update = Y.encodeStateAsUpdate(client, before);
  let result: Extraction = { ok: true, changes: [] };
  const onAfter = (tr: Y.Transaction) => (result = extractChanges(server, tr, "me"));
  server.on("afterTransaction", onAfter);
  Y.applyUpdate(server, update);
  server.off("afterTransaction", onAfter);
  return result;
}

function item(fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, typeof v === "string" && k !== "authorId" && k !== "type" ? new Y.Text(v) : v);
  return m;
}

describe("extractChanges", () => {
  it("sees an item created in a collection, with its fields as plain values", () => {
    const server = new Y.Doc();
    const r = changesOf(server, (c) => c.getMap("questions").set("q1", item({ text: "Depuis quand ?", authorId: "me", createdAt: 5 })));
    expect(r).toEqual({ ok: true, changes: [{ op: "create", collection: "questions", itemId: "q1", authorId: "me", actorId: "me", values: { text: "Depuis quand ?" } }] });
  });

  it("sees a text field edited in place, with the resulting text", () => {
    const server = new Y.Doc();
    server.getMap("questions").set("q1", item({ text: "Depuis quand ?", answer: "", authorId: "bob" }));
    const r = changesOf(server, (c) => ((c.getMap("questions").get("q1") as Y.Map<unknown>).get("answer") as Y.Text).insert(0, "Six mois"));
    expect(r).toEqual({ ok: true, changes: [{ op: "update", collection: "questions", itemId: "q1", authorId: "bob", actorId: "me", field: "answer", value: "Six mois" }] });
  });

  it("sees a plain field set, and a field removed as null", () => {
    const server = new Y.Doc();
    server.getMap("suggestions").set("s1", item({ text: "Un binôme", type: "idea", kept: false, authorId: "bob" }));
    const r = changesOf(server, (c) => {
      const s = c.getMap("suggestions").get("s1") as Y.Map<unknown>;
      s.set("kept", true);
      s.delete("type");
    });
    expect(r.ok && r.changes.map((ch) => ch.op === "update" && [ch.field, ch.value])).toEqual([
      ["kept", true],
      ["type", null],
    ]);
  });

  it("sees a deletion with the stored author", () => {
    const server = new Y.Doc();
    server.getMap("questions").set("q1", item({ text: "x", authorId: "bob" }));
    const r = changesOf(server, (c) => c.getMap("questions").delete("q1"));
    expect(r).toEqual({ ok: true, changes: [{ op: "delete", collection: "questions", itemId: "q1", authorId: "bob", actorId: "me" }] });
  });

  it("sees a replacement as the deletion of the old item and the creation of the new one", () => {
    const server = new Y.Doc();
    server.getMap("contract").set("contract", item({ text: "ancien", authorId: "bob" }));
    const r = changesOf(server, (c) => c.getMap("contract").set("contract", item({ text: "nouveau", authorId: "me" })));
    expect(r.ok && r.changes.map((ch) => [ch.op, ch.authorId])).toEqual([
      ["delete", "bob"],
      ["create", "me"],
    ]);
  });

  it("merges several edits of one text field into one change", () => {
    const server = new Y.Doc();
    server.getMap("case").set("case", item({ context: "", authorId: "me" }));
    const r = changesOf(server, (c) => {
      const t = (c.getMap("case").get("case") as Y.Map<unknown>).get("context") as Y.Text;
      c.transact(() => {
        t.insert(0, "Un salarié");
        t.insert(10, " en CDDI");
      });
    });
    expect(r.ok && r.changes).toHaveLength(1);
    expect(r.ok && r.changes[0]).toMatchObject({ op: "update", field: "context", value: "Un salarié en CDDI" });
  });

  it("refuses changing who wrote an item, or when", () => {
    const server = new Y.Doc();
    server.getMap("questions").set("q1", item({ text: "x", authorId: "bob", createdAt: 1 }));
    expect(changesOf(server, (c) => (c.getMap("questions").get("q1") as Y.Map<unknown>).set("authorId", "me")).ok).toBe(false);
    expect(changesOf(server, (c) => (c.getMap("questions").get("q1") as Y.Map<unknown>).set("createdAt", 2)).ok).toBe(false);
    expect(changesOf(server, (c) => c.getMap("questions").set("q2", item({ text: "sans auteur" }))).ok).toBe(false);
  });

  it("refuses shapes outside collection / item / field", () => {
    const server = new Y.Doc();
    expect(changesOf(server, (c) => c.getMap("questions").set("q1", "pas un item")).ok).toBe(false);
    expect(changesOf(server, (c) => c.getArray("questions").push(["x"])).ok).toBe(false);
    server.getMap("questions").set("q1", item({ text: "x", authorId: "bob" }));
    const deeper = changesOf(server, (c) => {
      const nested = new Y.Map<unknown>();
      (c.getMap("questions").get("q1") as Y.Map<unknown>).set("extra", nested);
      nested.set("k", 1);
    });
    // Setting a nested map is an update of field "extra" whose value is a Y.Map: the rules
    // refuse unknown fields and non-plain values; a later edit inside it is refused here.
    expect(deeper.ok).toBe(true);
    const inside = changesOf(server, (c) => ((c.getMap("questions").get("q1") as Y.Map<unknown>).get("extra") as Y.Map<unknown>).set("k", 2));
    expect(inside.ok).toBe(false);
  });

  it("P11: a text holding an embedded object or formatting is not plain text, so no field accepts it", () => {
    const server = new Y.Doc();
    server.getMap("questions").set("q1", item({ text: "Court", authorId: "me" }));
    const embed = changesOf(server, (c) => ((c.getMap("questions").get("q1") as Y.Map<unknown>).get("text") as Y.Text).insertEmbed(5, { blob: "x".repeat(5000) }));
    expect(embed.ok && embed.changes.map((ch) => ch.op === "update" && ch.value)).toEqual([RICH_TEXT]);
    const formatted = changesOf(new Y.Doc(), (c) => {
      const t = new Y.Text("Court");
      c.getMap("questions").set("q2", item({ authorId: "me" }));
      (c.getMap("questions").get("q2") as Y.Map<unknown>).set("text", t);
      t.format(0, 5, { payload: "x".repeat(5000) });
    });
    expect(formatted.ok && formatted.changes.map((ch) => ch.op === "create" && ch.values.text)).toEqual([RICH_TEXT]);
    // Deleted characters leave no trace: a text edited down is still plain.
    const fresh = new Y.Doc();
    fresh.getMap("questions").set("q1", item({ text: "Court", authorId: "me" }));
    const edited = changesOf(fresh, (c) => ((c.getMap("questions").get("q1") as Y.Map<unknown>).get("text") as Y.Text).delete(0, 2));
    expect(edited.ok && edited.changes.map((ch) => ch.op === "update" && ch.value)).toEqual(["urt"]);
  });
});
