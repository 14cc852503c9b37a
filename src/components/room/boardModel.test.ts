import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BoardModel, columnsFor, transformIndex } from "./boardModel";

describe("transformIndex", () => {
  it("shifts the caret after an insertion before it", () => {
    expect(transformIndex(4, [{ retain: 1 }, { insert: "XY" }])).toBe(6);
  });
  it("keeps the caret before an insertion after it", () => {
    expect(transformIndex(2, [{ retain: 3 }, { insert: "XY" }])).toBe(2);
  });
  it("pulls the caret back after a deletion before it, even one that spans it", () => {
    expect(transformIndex(4, [{ retain: 1 }, { delete: 2 }])).toBe(2);
    expect(transformIndex(4, [{ retain: 3 }, { delete: 3 }])).toBe(3);
  });
});

describe("BoardModel", () => {
  it("adds, types, moves, colours, deletes and restores a note", () => {
    const doc = new Y.Doc();
    const model = new BoardModel(doc, "me");
    const id = model.add(5);
    model.setText(id, "Bonjour");
    model.setText(id, "Bonjour à tous");
    model.nudge(id, 1, 0, false);
    model.setColor(id, "pink");
    let note = model.getSnapshot().byId.get(id)!;
    expect(note).toMatchObject({ text: "Bonjour à tous", x: 40, y: 20, color: "pink", authorId: "me" });
    const data = model.remove(id)!;
    expect(model.getSnapshot().notes).toHaveLength(0);
    model.restore(data);
    note = model.getSnapshot().byId.get(id)!;
    expect(note.text).toBe("Bonjour à tous");
  });

  it("reads a malformed note without crashing", () => {
    const doc = new Y.Doc();
    const bad = new Y.Map<unknown>();
    doc.getMap("notes").set("x", bad);
    bad.set("x", "far");
    bad.set("color", "black");
    bad.set("text", "<img src=x onerror=alert(1)>");
    const note = new BoardModel(doc, "me").getSnapshot().byId.get("x")!;
    expect(note).toMatchObject({ x: 0, y: 0, color: "yellow", editable: false });
  });

  it("fills as many columns as the board shows", () => {
    expect(columnsFor(390)).toBe(1);
    expect(columnsFor(1000)).toBe(4);
    expect(columnsFor(3000)).toBe(5);
  });
});
