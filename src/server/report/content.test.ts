import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readCodevContent } from "./content.ts";

function put(doc: Y.Doc, collection: string, id: string, fields: Record<string, unknown>, authorId = "p1", createdAt = 1) {
  const m = new Y.Map<unknown>();
  doc.getMap(collection).set(id, m);
  for (const [k, v] of Object.entries(fields)) m.set(k, typeof v === "string" && k !== "type" ? new Y.Text(v) : v); // enums are plain values
  m.set("authorId", authorId);
  m.set("createdAt", createdAt);
}

describe("reading a codev board for the report", () => {
  it("turns the collections into plain JSON: texts, enums, kept marks, ratings, times", () => {
    const doc = new Y.Doc();
    put(doc, "case", "case", { context: "Ctx", situation: "Sit", tried: "", question: "Q ?" });
    put(doc, "contract", "contract", { text: "Le contrat" });
    put(doc, "questions", "q1", { text: "Depuis quand ?", answer: "Six mois" }, "p2", 5);
    put(doc, "suggestions", "s1", { text: "Idée", type: "idea", kept: true }, "p2", 7);
    put(doc, "suggestions", "s2", { text: "Hyp", type: "hypothesis" }, "p3", 8);
    put(doc, "actions", "a1", { what: "Appeler", who: "Ana", when: "lundi" });
    put(doc, "synthesis", "synthesis", { summary: "Je retiens" });
    put(doc, "learnings", "p2", { text: "Appris", rating: 4 }, "p2");
    doc.getMap("suggestions").set("junk", "not a map");
    (doc.getMap("case").get("case") as Y.Map<unknown>).set("situation", "plain string");
    const c = readCodevContent(doc);
    expect(c.case).toEqual({ context: "Ctx", situation: "plain string", tried: "", question: "Q ?" });
    expect(c.contract).toBe("Le contrat");
    expect(c.questions).toEqual([{ id: "q1", text: "Depuis quand ?", answer: "Six mois", createdAt: 5 }]);
    expect([...c.suggestions].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: "s1", text: "Idée", type: "idea", kept: true, createdAt: 7 },
      { id: "s2", text: "Hyp", type: "hypothesis", kept: false, createdAt: 8 },
    ]);
    expect(c.actions).toEqual([{ id: "a1", what: "Appeler", who: "Ana", when: "lundi", createdAt: 1 }]);
    expect(c.synthesis).toBe("Je retiens");
    expect(c.learnings).toEqual([{ authorId: "p2", text: "Appris", rating: 4, createdAt: 1 }]);
  });

  it("reads an empty or foreign board as empty, without defining any root", () => {
    const doc = new Y.Doc();
    doc.getArray("questions"); // a root of another type
    expect(readCodevContent(doc)).toEqual({ case: null, contract: null, questions: [], suggestions: [], actions: [], synthesis: null, learnings: [] });
    expect([...doc.share.keys()]).toEqual(["questions"]);
  });
});
