import { describe, expect, it } from "vitest";
import { BOARD_HEIGHT, BOARD_WIDTH, NOTE_HEIGHT, NOTE_WIDTH, clampPosition, isNoteColor, nextFreeSlot, readingOrder, textDiff } from "./board";

function applyDiff(s: string, d: { index: number; remove: number; insert: string }): string {
  return s.slice(0, d.index) + d.insert + s.slice(d.index + d.remove);
}

describe("textDiff", () => {
  it("keeps the common prefix and suffix", () => {
    expect(textDiff("bonjour", "bonsoir")).toEqual({ index: 3, remove: 3, insert: "soi" });
    expect(textDiff("abc", "abc")).toEqual({ index: 3, remove: 0, insert: "" });
    expect(textDiff("", "x")).toEqual({ index: 0, remove: 0, insert: "x" });
    expect(textDiff("xyz", "")).toEqual({ index: 0, remove: 3, insert: "" });
  });

  it("always turns before into after (random strings)", () => {
    let seed = 42;
    const rnd = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    const alphabet = "aabé ";
    const word = () => Array.from({ length: rnd(8) }, () => alphabet[rnd(alphabet.length)]).join("");
    for (let i = 0; i < 2000; i++) {
      const a = word();
      const b = word();
      const d = textDiff(a, b);
      expect(applyDiff(a, d)).toBe(b);
      expect(d.remove).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("positions", () => {
  it("clamps notes inside the board and rounds", () => {
    expect(clampPosition(-10, 5.6)).toEqual({ x: 0, y: 6 });
    expect(clampPosition(1e9, 1e9)).toEqual({ x: BOARD_WIDTH - NOTE_WIDTH, y: BOARD_HEIGHT - NOTE_HEIGHT });
    expect(clampPosition(Number.NaN, Number.POSITIVE_INFINITY)).toEqual({ x: 0, y: 0 });
  });

  it("places new notes in free grid slots so they never cover each other", () => {
    const placed: { x: number; y: number }[] = [];
    for (let i = 0; i < 12; i++) placed.push(nextFreeSlot(placed));
    const keys = new Set(placed.map((p) => `${p.x}:${p.y}`));
    expect(keys.size).toBe(12);
    for (const a of placed)
      for (const b of placed) if (a !== b) expect(Math.abs(a.x - b.x) >= NOTE_WIDTH || Math.abs(a.y - b.y) >= NOTE_HEIGHT).toBe(true);
  });

  it("orders keyboard focus in reading order, rows tolerant to small offsets", () => {
    const notes = [
      { id: "c", x: 20, y: 200 },
      { id: "b", x: 300, y: 30 },
      { id: "a", x: 20, y: 20 },
    ];
    expect(readingOrder(notes).map((n) => n.id)).toEqual(["a", "b", "c"]);
  });

  it("knows its colours", () => {
    expect(isNoteColor("yellow")).toBe(true);
    expect(isNoteColor("black")).toBe(false);
    expect(isNoteColor(3)).toBe(false);
  });
});
