// The board model's grouping, reactions, tags and undo, on real Y.Docs (two screens).
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BoardModel } from "./boardModel";

function screens(): [BoardModel, BoardModel, () => void] {
  const a = new Y.Doc();
  a.clientID = 1;
  const b = new Y.Doc();
  b.clientID = 2;
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return [new BoardModel(a, "alice"), new BoardModel(b, "bruno"), sync];
}

function add(m: BoardModel, text: string): string {
  const id = m.add(5);
  m.setText(id, text);
  return id;
}

describe("BoardModel clusters", () => {
  it("K4: a note dropped on a note forms a cluster, sits next to it, and the other screen shows the same cluster", () => {
    const [a, b, sync] = screens();
    const n1 = add(a, "Permis");
    const n2 = add(a, "Bus");
    a.drop(n1, 900, 900, { kind: "note", noteId: n2 });
    sync();
    const sa = a.getSnapshot();
    const sb = b.getSnapshot();
    expect(sa.clusters).toHaveLength(1);
    expect([...sa.clusters[0].noteIds].sort()).toEqual([n1, n2].sort());
    expect(sb.clusters.map((c) => c.id)).toEqual(sa.clusters.map((c) => c.id));
    const p1 = sa.byId.get(n1)!;
    const p2 = sa.byId.get(n2)!;
    expect(p1.y).toBe(p2.y); // next to it, on the same row
    expect(Math.abs(p1.x - p2.x)).toBe(216);
  });

  it("K2: two screens dragging the same note onto different notes end with one identical board", () => {
    const [a, b, sync] = screens();
    const [n1, n2, n3] = ["un", "deux", "trois"].map((t) => add(a, t));
    sync();
    a.drop(n1, 0, 0, { kind: "note", noteId: n2 });
    b.drop(n1, 0, 0, { kind: "note", noteId: n3 });
    sync();
    const sa = a.getSnapshot();
    const sb = b.getSnapshot();
    expect(sa.clusters.map((c) => [c.id, c.noteIds])).toEqual(sb.clusters.map((c) => [c.id, c.noteIds]));
    expect(sa.clusters).toHaveLength(1);
    expect(sa.byId.get(n1)!.x).toBe(sb.byId.get(n1)!.x);
  });

  it("rename, collapse, move out, merge, split and dissolve reach the other screen", () => {
    const [a, b, sync] = screens();
    const ids = ["a", "b", "c", "d", "e"].map((t) => add(a, t));
    a.groupWith(ids[0], { kind: "note", noteId: ids[1] });
    const c1 = a.getSnapshot().clusters[0].id;
    a.groupWith(ids[2], { kind: "cluster", clusterId: c1 });
    a.groupWith(ids[3], { kind: "note", noteId: ids[4] });
    const c2 = a.getSnapshot().clusters.find((c) => c.id !== c1)!.id;
    a.renameCluster(c1, "  Mobilité ");
    a.setClusterCollapsed(c2, true);
    sync();
    expect(b.getSnapshot().clusters.map((c) => [c.name, c.collapsed, c.noteIds.length])).toEqual([
      ["Mobilité", false, 3],
      ["", true, 2],
    ]);
    b.moveOut(ids[2]);
    sync();
    expect(a.getSnapshot().clusterOf.has(ids[2])).toBe(false);
    a.mergeClusters(c2, c1);
    sync();
    expect(b.getSnapshot().clusters.map((c) => [c.id, c.noteIds.length])).toEqual([[c1, 4]]);
    b.splitCluster(c1, [ids[3], ids[4]], "Logement");
    sync();
    expect(a.getSnapshot().clusters.map((c) => [c.name, c.noteIds.length])).toEqual([
      ["Mobilité", 2],
      ["Logement", 2],
    ]);
    a.dissolveCluster(c1);
    sync();
    expect(b.getSnapshot().clusters.map((c) => c.name)).toEqual(["Logement"]);
  });

  it("accepting part of a suggestion creates those clusters only, their notes packed in blocks", () => {
    const [a] = screens();
    const ids = ["p1", "p2", "l1", "l2", "s"].map((t) => add(a, t));
    const made = a.acceptSuggestion([{ name: "Mobilité", noteIds: [ids[0], ids[1]] } as never]);
    expect(made).toBe(1);
    const s = a.getSnapshot();
    expect(s.clusters.map((c) => [c.name, [...c.noteIds].sort()])).toEqual([["Mobilité", [ids[0], ids[1]].sort()]]);
    // the frame covers no note outside the cluster
    const f = s.clusters[0].frame;
    for (const n of s.notes.filter((n) => !s.clusters[0].noteIds.includes(n.id))) {
      const inside = n.x + 200 > f.x && n.x < f.x + f.width && n.y + 140 > f.y && n.y < f.y + f.height;
      expect(inside).toBe(false);
    }
  });
});

describe("BoardModel reactions, tags and undo", () => {
  it("reactions count one per person and know mine; tags are shared and listed", () => {
    const [a, b, sync] = screens();
    const n = add(a, "Idée");
    sync();
    a.toggleReaction(n, "👍");
    b.toggleReaction(n, "👍");
    b.toggleReaction(n, "💡");
    a.addTag(n, " #urgent ");
    sync();
    expect(a.getSnapshot().byId.get(n)!.reactions).toEqual([
      { emoji: "👍", count: 2, mine: true },
      { emoji: "💡", count: 1, mine: false },
    ]);
    expect(b.getSnapshot().tags).toEqual(["urgent"]);
    a.toggleReaction(n, "👍");
    sync();
    expect(b.getSnapshot().byId.get(n)!.reactions[0]).toEqual({ emoji: "👍", count: 1, mine: true });
  });

  it("undo takes back only my own edits, redo puts them back", () => {
    const [a, b, sync] = screens();
    const n1 = add(a, "un");
    const n2 = add(a, "deux");
    sync();
    a.undoManager.clear();
    a.drop(n1, 0, 0, { kind: "note", noteId: n2 });
    sync();
    const other = add(b, "de Bruno");
    b.setColor(n2, "pink");
    sync();
    a.undo();
    sync();
    for (const m of [a, b]) {
      const s = m.getSnapshot();
      expect(s.clusters).toHaveLength(0);
      expect(s.byId.has(other)).toBe(true);
      expect(s.byId.get(n2)!.color).toBe("pink");
    }
    expect(a.getUndoState().canRedo).toBe(true);
    a.redo();
    sync();
    expect(b.getSnapshot().clusters).toHaveLength(1);
  });

  it("only the notes that changed get a new view object (memoised notes stay put)", () => {
    const [a] = screens();
    const ids = Array.from({ length: 50 }, (_, i) => add(a, `n${i}`));
    const before = a.getSnapshot();
    a.move(ids[10], 1500, 1500);
    const after = a.getSnapshot();
    const changed = after.notes.filter((n) => before.byId.get(n.id) !== n).map((n) => n.id);
    expect(changed).toEqual([ids[10]]);
  });
});
