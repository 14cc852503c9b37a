import { describe, expect, it } from "vitest";
import { NOTE_HEIGHT, NOTE_WIDTH } from "../board.ts";
import { CLUSTER_HEADER, blockColumns, blockPositions, clusterFrame, freeSpot, matchingNotes, normaliseTag, noteBox, packGroups, slotNear } from "./layout.ts";

describe("cluster layout", () => {
  it("a note dropped on another goes next to it, right first, never over a third note", () => {
    const target = { x: 400, y: 400 };
    expect(slotNear(target, [target])).toEqual({ x: 400 + NOTE_WIDTH + 16, y: 400 });
    const right = { x: 400 + NOTE_WIDTH + 16, y: 400 };
    const p = slotNear(target, [target, right]);
    expect(p).toEqual({ x: 400 - NOTE_WIDTH - 16, y: 400 });
    // at the board's left edge, the left side is not on the board: below
    const edge = { x: 0, y: 400 };
    expect(slotNear(edge, [edge, { x: NOTE_WIDTH + 16, y: 400 }])).toEqual({ x: 0, y: 400 + NOTE_HEIGHT + 16 });
  });

  it("a cluster's frame wraps its notes with room for the header", () => {
    expect(clusterFrame([])).toBeNull();
    const f = clusterFrame([{ x: 100, y: 200 }, { x: 400, y: 260 }])!;
    expect(f.x).toBe(88);
    expect(f.y).toBe(200 - 12 - CLUSTER_HEADER);
    expect(f.x + f.width).toBe(400 + NOTE_WIDTH + 12);
    expect(f.y + f.height).toBe(260 + NOTE_HEIGHT + 12);
  });

  it("groups are packed as separate blocks whose frames do not overlap", () => {
    const groups = [["a", "b", "c"], ["d", "e"], ["f"], ["g", "h", "i", "j"]];
    const pos = packGroups(groups, 0, 2, 1400);
    expect(pos.size).toBe(10);
    const frames = groups.map((g) => clusterFrame(g.map((id) => pos.get(id)!))!);
    for (let i = 0; i < frames.length; i++)
      for (let j = i + 1; j < frames.length; j++) {
        const a = frames[i];
        const b = frames[j];
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `frames ${i} and ${j}`).toBe(true);
      }
  });

  it("search folds accents and case, needs every word, and looks in tags and cluster names; filters combine", () => {
    const notes = [
      { id: "1", text: "Pas de permis", color: "yellow", tags: ["urgent"], clusterName: "Mobilité" },
      { id: "2", text: "Horaires des bus", color: "blue", tags: [], clusterName: "Mobilité" },
      { id: "3", text: "Logement d'urgence", color: "yellow", tags: [], clusterName: "" },
    ];
    expect([...matchingNotes(notes, { query: "MOBILITE", color: null, tag: null })]).toEqual(["1", "2"]);
    expect([...matchingNotes(notes, { query: "urgen", color: null, tag: null })]).toEqual(["1", "3"]);
    expect([...matchingNotes(notes, { query: "bus horaires", color: null, tag: null })]).toEqual(["2"]);
    expect([...matchingNotes(notes, { query: "", color: "yellow", tag: "urgent" })]).toEqual(["1"]);
  });

  it("tags are trimmed, lose a leading #, and are at most 30 characters", () => {
    expect(normaliseTag("  #à  revoir ")).toBe("à revoir");
    expect(normaliseTag("x".repeat(40))).toHaveLength(30);
  });
});

describe("cluster blocks", () => {
  it("a cluster's block goes to the nearest place where its frame, header included, covers no other note", () => {
    // a row of notes 160 px apart: no room for a header between rows
    const others = [0, 1, 2, 3].map((i) => noteBox({ x: 20 + i * 220, y: 20 }));
    const spot = freeSpot(2, { x: 20, y: 180 }, others);
    const f = clusterFrame([...blockPositions(["a", "b"], spot).values()])!;
    for (const o of others) expect(f.y >= o.y + o.height || f.y + f.height <= o.y || f.x >= o.x + o.width || f.x + f.width <= o.x).toBe(true);
    expect(spot.y).toBeGreaterThanOrEqual(180);
    expect(spot.y).toBeLessThan(260);
    expect(blockColumns(1)).toBe(1);
    expect(blockColumns(5)).toBe(3);
    expect([...blockPositions(["a", "b", "c"], { x: 0, y: 0 }).values()]).toEqual([
      { x: 0, y: 0 },
      { x: 216, y: 0 },
      { x: 0, y: 156 },
    ]);
  });
});
