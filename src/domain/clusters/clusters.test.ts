import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { NOTES_ROOT } from "../board.ts";
import { mulberry32 } from "../seededRandom.ts";
import {
  CLUSTERS_ROOT,
  type ClusterBoard,
  type ClusterPatch,
  type ClusterRecord,
  type ClusterResult,
  applyPatches,
  boardView,
  dissolve,
  groupOnto,
  liveCluster,
  merge,
  moveOut,
  rename,
  setCollapsed,
  setColor,
  split,
  tidy,
} from "./index.ts";

function board(notes: Record<string, string | null>, clusters: Record<string, Partial<ClusterRecord>> = {}): ClusterBoard {
  return {
    notes: new Map(Object.entries(notes)),
    clusters: new Map(Object.entries(clusters).map(([id, c], i) => [id, { name: "", collapsed: false, order: i, color: null, mergedInto: null, ...c }])),
  };
}

function patches(r: ClusterResult): ClusterPatch[] {
  if (!r.ok) throw new Error(`refused ${r.code}: ${r.message}`);
  return r.patches;
}

const run = (b: ClusterBoard, r: ClusterResult) => applyPatches(b, patches(r));

// ---- a minimal adapter between the snapshot and a real Y.Doc (the client will own the real one)

function seedDoc(clientID: number, noteIds: string[]): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.transact(() => {
    for (const id of noteIds) {
      const note = new Y.Map<unknown>();
      note.set("clusterId", null);
      doc.getMap(NOTES_ROOT).set(id, note);
    }
  });
  return doc;
}

function readBoard(doc: Y.Doc): ClusterBoard {
  const notes = new Map<string, string | null>();
  doc.getMap<Y.Map<unknown>>(NOTES_ROOT).forEach((n, id) => notes.set(id, (n.get("clusterId") as string | null) ?? null));
  const clusters = new Map<string, ClusterRecord>();
  doc.getMap<Y.Map<unknown>>(CLUSTERS_ROOT).forEach((c, id) => clusters.set(id, c.toJSON() as ClusterRecord));
  return { notes, clusters };
}

function write(doc: Y.Doc, result: ClusterResult): void {
  const list = patches(result);
  doc.transact(() => {
    const notes = doc.getMap<Y.Map<unknown>>(NOTES_ROOT);
    const clusters = doc.getMap<Y.Map<unknown>>(CLUSTERS_ROOT);
    for (const p of list) {
      if (p.type === "setNoteCluster") notes.get(p.noteId)?.set("clusterId", p.clusterId);
      else if (p.type === "createCluster") {
        const m = new Y.Map<unknown>();
        for (const [k, v] of Object.entries(p.cluster)) m.set(k, v);
        clusters.set(p.clusterId, m);
      } else if (p.type === "setClusterField") clusters.get(p.clusterId)?.set(p.field, p.value);
      else clusters.delete(p.clusterId);
    }
  });
}

/** Two replicas of one board, in sync, then cut off from each other. */
function pair(noteIds: string[], setup?: (doc: Y.Doc) => void): [Y.Doc, Y.Doc] {
  const a = seedDoc(1, noteIds);
  setup?.(a);
  const b = new Y.Doc();
  b.clientID = 2;
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

function snapshot(doc: Y.Doc) {
  return { notes: doc.getMap(NOTES_ROOT).toJSON(), clusters: doc.getMap(CLUSTERS_ROOT).toJSON() };
}

describe("clusters", () => {
  it("K1: membership is one field on the note; a cluster holds no member list", () => {
    const b = board({ n1: null, n2: null });
    const ps = patches(groupOnto(b, "n1", { kind: "note", noteId: "n2" }, "c1"));
    expect(ps.filter((p) => p.type === "setNoteCluster").map((p) => p.type === "setNoteCluster" && p.noteId).sort()).toEqual(["n1", "n2"]);
    const created = ps.find((p) => p.type === "createCluster");
    expect(created && created.type === "createCluster" && Object.keys(created.cluster).sort()).toEqual(["collapsed", "color", "mergedInto", "name", "order"]);
  });

  it("K2: two people dropping the same note on different lone notes at the same moment end in one identical board", () => {
    const [a, b] = pair(["n1", "n2", "n3"]);
    write(a, groupOnto(readBoard(a), "n1", { kind: "note", noteId: "n2" }, "cA"));
    write(b, groupOnto(readBoard(b), "n1", { kind: "note", noteId: "n3" }, "cB"));
    exchange(a, b);
    expect(snapshot(a)).toEqual(snapshot(b));
    const view = boardView(readBoard(a));
    expect(view).toEqual(boardView(readBoard(b)));
    // n1 is in exactly one cluster, with one of the two targets; the other target is on its own.
    expect(view.clusters).toHaveLength(1);
    expect(view.clusters[0].noteIds).toContain("n1");
    expect(view.ungrouped).toHaveLength(1);
  });

  it("K2: the outcome of a concurrent drag depends only on the two writes, not on the order updates arrive in", () => {
    const [a, b] = pair(["n1", "n2", "n3"]);
    write(a, groupOnto(readBoard(a), "n1", { kind: "note", noteId: "n2" }, "cA"));
    write(b, groupOnto(readBoard(b), "n1", { kind: "note", noteId: "n3" }, "cB"));
    const ua = Y.encodeStateAsUpdate(a);
    const ub = Y.encodeStateAsUpdate(b);
    const first = new Y.Doc();
    Y.applyUpdate(first, ua);
    Y.applyUpdate(first, ub);
    const second = new Y.Doc();
    Y.applyUpdate(second, ub);
    Y.applyUpdate(second, ua);
    expect(snapshot(first)).toEqual(snapshot(second));
    expect(boardView(readBoard(first))).toEqual(boardView(readBoard(second)));
  });

  it("K2: the same note dragged onto two existing clusters at once lands in one of them everywhere", () => {
    const [a, b] = pair(["n1", "n2", "n3", "n4", "n5"], (doc) => {
      write(doc, groupOnto(readBoard(doc), "n2", { kind: "note", noteId: "n3" }, "c1"));
      write(doc, groupOnto(readBoard(doc), "n4", { kind: "note", noteId: "n5" }, "c2"));
    });
    write(a, groupOnto(readBoard(a), "n1", { kind: "cluster", clusterId: "c1" }, "x"));
    write(b, groupOnto(readBoard(b), "n1", { kind: "note", noteId: "n4" }, "y"));
    exchange(a, b);
    expect(snapshot(a)).toEqual(snapshot(b));
    const view = boardView(readBoard(a));
    const withN1 = view.clusters.filter((c) => c.noteIds.includes("n1"));
    expect(withN1).toHaveLength(1);
    expect(["c1", "c2"]).toContain(withN1[0].id);
    expect(view.ungrouped).toEqual([]);
  });

  it("K3: dropping a note on a cluster moves it there; moving it out leaves it on its own", () => {
    let b = board({ n1: null, n2: "c1", n3: "c1" }, { c1: { name: "Mobilité" } });
    b = run(b, groupOnto(b, "n1", { kind: "cluster", clusterId: "c1" }, "unused"));
    expect(boardView(b).clusters[0].noteIds).toEqual(["n1", "n2", "n3"]);
    b = run(b, moveOut(b, "n2"));
    expect(boardView(b)).toEqual({ clusters: [{ id: "c1", name: "Mobilité", collapsed: false, color: null, noteIds: ["n1", "n3"] }], ungrouped: ["n2"] });
    expect(patches(moveOut(b, "n2"))).toEqual([]);
    expect(moveOut(b, "ghost")).toMatchObject({ ok: false, code: "unknown_note" });
  });

  it("K4: a note dropped on a lone note forms a new unnamed cluster with it, ordered after the others", () => {
    const b0 = board({ n1: null, n2: null, n3: "c0", n4: "c0" }, { c0: { order: 4 } });
    const b = run(b0, groupOnto(b0, "n1", { kind: "note", noteId: "n2" }, "c1"));
    expect(b.clusters.get("c1")).toEqual({ name: "", collapsed: false, order: 5, color: null, mergedInto: null });
    expect(boardView(b).clusters.map((c) => [c.id, c.noteIds])).toEqual([
      ["c0", ["n3", "n4"]],
      ["c1", ["n1", "n2"]],
    ]);
    expect(b0.clusters.has("c1")).toBe(false); // the input snapshot is untouched
  });

  it("K4: a note dropped on a grouped note joins that note's cluster; on itself is refused; where it is changes nothing", () => {
    const b = board({ n1: null, n2: "c1", n3: "c1" }, { c1: {} });
    expect(patches(groupOnto(b, "n1", { kind: "note", noteId: "n2" }, "new"))).toEqual([{ type: "setNoteCluster", noteId: "n1", clusterId: "c1" }]);
    expect(groupOnto(b, "n1", { kind: "note", noteId: "n1" }, "new")).toMatchObject({ ok: false, code: "same_item" });
    expect(patches(groupOnto(b, "n3", { kind: "note", noteId: "n2" }, "new"))).toEqual([]);
    expect(groupOnto(b, "n1", { kind: "note", noteId: "nope" }, "new")).toMatchObject({ ok: false, code: "unknown_note" });
    expect(groupOnto(board({ n1: null, n2: null }, { c1: {} }), "n1", { kind: "note", noteId: "n2" }, "c1")).toMatchObject({ ok: false, code: "id_taken" });
    expect(groupOnto(b, "n1", { kind: "cluster", clusterId: "zz" }, "new")).toMatchObject({ ok: false, code: "unknown_cluster" });
    expect(groupOnto(b, "n1", null as never, "new")).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("K5: renaming trims and folds spaces, allows up to 80 characters, and '' makes it unnamed", () => {
    let b = board({ n1: "c1", n2: "c1" }, { c1: {} });
    b = run(b, rename(b, "c1", "  Freins   de mobilité "));
    expect(b.clusters.get("c1")!.name).toBe("Freins de mobilité");
    expect(rename(b, "c1", "x".repeat(81))).toMatchObject({ ok: false, code: "name_too_long" });
    expect(rename(b, "c9", "x")).toMatchObject({ ok: false, code: "unknown_cluster" });
    expect(rename(b, "c1", 3 as never)).toMatchObject({ ok: false, code: "bad_input" });
    b = run(b, rename(b, "c1", "   "));
    expect(b.clusters.get("c1")!.name).toBe("");
  });

  it("K6: collapsing and colouring a cluster change only those fields", () => {
    let b = board({ n1: "c1", n2: "c1" }, { c1: { name: "Santé" } });
    b = run(b, setCollapsed(b, "c1", true));
    b = run(b, setColor(b, "c1", "green"));
    expect(boardView(b).clusters[0]).toEqual({ id: "c1", name: "Santé", collapsed: true, color: "green", noteIds: ["n1", "n2"] });
    expect(setColor(b, "c1", "gold" as never)).toMatchObject({ ok: false, code: "bad_input" });
    expect(setCollapsed(b, "c1", "yes" as never)).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("K6: a rename and a collapse of the same cluster at the same moment both survive", () => {
    const [a, b] = pair(["n1", "n2"], (doc) => write(doc, groupOnto(readBoard(doc), "n1", { kind: "note", noteId: "n2" }, "c1")));
    write(a, rename(readBoard(a), "c1", "Logement"));
    write(b, setCollapsed(readBoard(b), "c1", true));
    exchange(a, b);
    expect(boardView(readBoard(a)).clusters[0]).toMatchObject({ name: "Logement", collapsed: true });
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it("K7: merging moves the source's notes into the target, keeps the target's name or takes the source's", () => {
    const b0 = board({ n1: "c1", n2: "c1", n3: "c2", n4: "c2" }, { c1: { name: "Bus" }, c2: { name: "" } });
    const b = run(b0, merge(b0, "c1", "c2"));
    expect(boardView(b).clusters).toEqual([{ id: "c2", name: "Bus", collapsed: false, color: null, noteIds: ["n1", "n2", "n3", "n4"] }]);
    expect(b.clusters.get("c1")!.mergedInto).toBe("c2");
    const named = board({ n1: "c1", n2: "c2" }, { c1: { name: "Bus" }, c2: { name: "Mobilité" } });
    expect(run(named, merge(named, "c1", "c2")).clusters.get("c2")!.name).toBe("Mobilité");
    expect(merge(b0, "c1", "c1")).toMatchObject({ ok: false, code: "same_item" });
    // merging a tombstone again means its survivor
    expect(merge(b, "c1", "c2")).toMatchObject({ ok: false, code: "same_item" });
  });

  it("K8: splitting moves the chosen members to a new cluster and keeps at least one behind", () => {
    const b0 = board({ n1: "c1", n2: "c1", n3: "c1", n4: null }, { c1: { name: "Santé" } });
    const b = run(b0, split(b0, "c1", ["n2", "n3"], "c2", " Addictions "));
    expect(boardView(b).clusters.map((c) => [c.id, c.name, c.noteIds])).toEqual([
      ["c1", "Santé", ["n1"]],
      ["c2", "Addictions", ["n2", "n3"]],
    ]);
    expect(split(b0, "c1", ["n1", "n2", "n3"], "c2")).toMatchObject({ ok: false, code: "split_all" });
    expect(split(b0, "c1", ["n4"], "c2")).toMatchObject({ ok: false, code: "not_a_member" });
    expect(split(b0, "c1", [], "c2")).toMatchObject({ ok: false, code: "bad_input" });
    expect(split(b0, "c1", ["n1"], "c1")).toMatchObject({ ok: false, code: "id_taken" });
  });

  it("K9: a note dropped on a cluster while it is merged elsewhere follows the merge on every screen", () => {
    const [a, b] = pair(["n1", "n2", "n3", "n4", "n5"], (doc) => {
      write(doc, groupOnto(readBoard(doc), "n1", { kind: "note", noteId: "n2" }, "c1"));
      write(doc, groupOnto(readBoard(doc), "n3", { kind: "note", noteId: "n4" }, "c2"));
    });
    write(a, merge(readBoard(a), "c1", "c2"));
    write(b, groupOnto(readBoard(b), "n5", { kind: "cluster", clusterId: "c1" }, "x"));
    exchange(a, b);
    const view = boardView(readBoard(a));
    expect(view).toEqual(boardView(readBoard(b)));
    expect(view.clusters.map((c) => [c.id, c.noteIds])).toEqual([["c2", ["n1", "n2", "n3", "n4", "n5"]]]);
  });

  it("K9: two opposite merges at the same moment keep the smaller id, the same everywhere", () => {
    const [a, b] = pair(["n1", "n2", "n3", "n4"], (doc) => {
      write(doc, groupOnto(readBoard(doc), "n1", { kind: "note", noteId: "n2" }, "c1"));
      write(doc, groupOnto(readBoard(doc), "n3", { kind: "note", noteId: "n4" }, "c2"));
    });
    write(a, merge(readBoard(a), "c1", "c2"));
    write(b, merge(readBoard(b), "c2", "c1"));
    exchange(a, b);
    const view = boardView(readBoard(a));
    expect(view).toEqual(boardView(readBoard(b)));
    expect(view.clusters.map((c) => [c.id, c.noteIds])).toEqual([["c1", ["n1", "n2", "n3", "n4"]]]);
    expect(liveCluster(readBoard(a), "c2")).toBe("c1");
  });

  it("K10: a note pointing at a deleted cluster (an orphan) is shown on its own", () => {
    const b = board({ n1: "gone", n2: "c1", n3: "c1", n4: "t" }, { c1: {}, t: { mergedInto: "gone2" } });
    expect(boardView(b)).toEqual({ clusters: [{ id: "c1", name: "", collapsed: false, color: null, noteIds: ["n2", "n3"] }], ungrouped: ["n1", "n4"] });
    expect(liveCluster(b, undefined)).toBeNull();
  });

  it("K10: a note dropped on a cluster while it is dissolved shows on its own everywhere", () => {
    const [a, b] = pair(["n1", "n2", "n3"], (doc) => write(doc, groupOnto(readBoard(doc), "n1", { kind: "note", noteId: "n2" }, "c1")));
    write(a, dissolve(readBoard(a), "c1"));
    write(b, groupOnto(readBoard(b), "n3", { kind: "cluster", clusterId: "c1" }, "x"));
    exchange(a, b);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(boardView(readBoard(a))).toEqual({ clusters: [], ungrouped: ["n1", "n2", "n3"] });
  });

  it("K11: an empty cluster is hidden and an unnamed one-note cluster shows its note on its own; a named one stays", () => {
    const b = board({ n1: "c1", n2: "c2", n3: null }, { c1: {}, c2: { name: "Budget" }, c3: { name: "Vide" } });
    expect(boardView(b)).toEqual({ clusters: [{ id: "c2", name: "Budget", collapsed: false, color: null, noteIds: ["n2"] }], ungrouped: ["n1", "n3"] });
    // dropping a note on that lone-looking note regroups them in its cluster
    expect(patches(groupOnto(b, "n3", { kind: "note", noteId: "n1" }, "new"))).toEqual([{ type: "setNoteCluster", noteId: "n3", clusterId: "c1" }]);
  });

  it("K12: dissolving a one-note cluster puts its note back on its own and deletes the cluster and its tombstones", () => {
    const b0 = board({ n1: "c1", n2: "old" }, { c1: { name: "Seul" }, old: { mergedInto: "c1" } });
    const b = run(b0, dissolve(b0, "c1"));
    expect(boardView(b)).toEqual({ clusters: [], ungrouped: ["n1", "n2"] });
    expect(b.clusters.size).toBe(0);
    expect(dissolve(b, "c1")).toMatchObject({ ok: false, code: "unknown_cluster" });
  });

  it("K13: tidy deletes only clusters nothing points at, and never changes the view", () => {
    const b = board({ n1: "old", n2: "c1", n3: null }, { c1: {}, old: { mergedInto: "c1" }, empty: { name: "Vide" }, dead: { mergedInto: "c1" } });
    const ps = tidy(b);
    expect(ps).toEqual([
      { type: "deleteCluster", clusterId: "empty" },
      { type: "deleteCluster", clusterId: "dead" },
    ]);
    expect(boardView(applyPatches(b, ps))).toEqual(boardView(b));
  });
});

describe("clusters fuzz", () => {
  const NOTES = ["n1", "n2", "n3", "n4", "n5", "n6"];

  /** One random operation a person might do on what their screen shows; refusals are skipped. */
  function randomOp(doc: Y.Doc, random: () => number, fresh: () => string): void {
    const b = readBoard(doc);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const clusters = [...b.clusters.keys()];
    const note = pick(NOTES);
    const r = random();
    const result =
      r < 0.35 ? groupOnto(b, note, { kind: "note", noteId: pick(NOTES) }, fresh())
      : r < 0.5 && clusters.length ? groupOnto(b, note, { kind: "cluster", clusterId: pick(clusters) }, fresh())
      : r < 0.6 ? moveOut(b, note)
      : r < 0.7 && clusters.length > 1 ? merge(b, pick(clusters), pick(clusters))
      : r < 0.78 && clusters.length ? dissolve(b, pick(clusters))
      : r < 0.86 && clusters.length ? rename(b, pick(clusters), pick(["", "Mobilité", "Santé"]))
      : r < 0.93 && clusters.length ? split(b, pick(clusters), [note], fresh())
      : clusters.length ? setCollapsed(b, pick(clusters), random() < 0.5) : moveOut(b, note);
    if (result.ok) write(doc, result);
  }

  it("K2, K9, K10: random concurrent cluster edits on three replicas always converge to one view with every note shown once", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = mulberry32(seed);
      let counter = 0;
      const fresh = () => `c${seed}-${counter++}`;
      const docs = [seedDoc(1, NOTES)];
      for (const id of [2, 3]) {
        const d = new Y.Doc();
        d.clientID = id;
        Y.applyUpdate(d, Y.encodeStateAsUpdate(docs[0]));
        docs.push(d);
      }
      for (let round = 0; round < 8; round++) {
        for (const d of docs) for (let k = 0; k < 1 + Math.floor(random() * 3); k++) randomOp(d, random, fresh);
        // a random pair talks, sometimes everyone
        const [x, y] = [Math.floor(random() * 3), Math.floor(random() * 3)];
        if (x !== y) exchange(docs[x], docs[y]);
      }
      exchange(docs[0], docs[1]);
      exchange(docs[1], docs[2]);
      exchange(docs[0], docs[1]);
      const views = docs.map((d) => boardView(readBoard(d)));
      expect(views[1], `seed ${seed}`).toEqual(views[0]);
      expect(views[2], `seed ${seed}`).toEqual(views[0]);
      const shown = [...views[0].ungrouped, ...views[0].clusters.flatMap((c) => c.noteIds)].sort();
      expect(shown, `seed ${seed}`).toEqual(NOTES);
    }
  });
});
