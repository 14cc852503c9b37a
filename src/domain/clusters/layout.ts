// Where clustered notes go on the board, and what a search or filter shows. Pure geometry
// over note rectangles; the board draws a cluster as the frame around its notes, so notes of
// one cluster are kept next to each other.
import { BOARD_WIDTH, NOTE_HEIGHT, NOTE_WIDTH, clampPosition } from "../board.ts";

export interface Rect {
  x: number;
  y: number;
}

export const CLUSTER_GAP = 16;
/** Room above a cluster's notes for its header (name, count, buttons). */
export const CLUSTER_HEADER = 48;
export const CLUSTER_PAD = 12;
/** The board draws notes this far from its top left, so a frame around notes at 0,0 still shows whole. */
export const BOARD_MARGIN = { x: CLUSTER_PAD, y: CLUSTER_PAD + CLUSTER_HEADER };

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + NOTE_WIDTH && b.x < a.x + NOTE_WIDTH && a.y < b.y + NOTE_HEIGHT && b.y < a.y + NOTE_HEIGHT;
}

/**
 * A free place next to `target` for a note dropped on it: right, below, left, above, then a
 * ring further out; the first spot on the board that covers no other note. Deterministic.
 */
export function slotNear(target: Rect, others: readonly Rect[]): Rect {
  const sx = NOTE_WIDTH + CLUSTER_GAP;
  const sy = NOTE_HEIGHT + CLUSTER_GAP;
  for (let ring = 1; ring <= 6; ring++) {
    const candidates: Array<[number, number]> = [];
    for (let dy = -ring; dy <= ring; dy++) for (let dx = -ring; dx <= ring; dx++) if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) candidates.push([dx, dy]);
    // Prefer the same row (right, then left), then below, then above; nearer first.
    candidates.sort((a, b) => rank(a) - rank(b));
    for (const [dx, dy] of candidates) {
      const p = clampPosition(target.x + dx * sx, target.y + dy * sy);
      if (p.x !== target.x + dx * sx || p.y !== target.y + dy * sy) continue;
      if (!others.some((o) => overlaps(o, p))) return p;
    }
  }
  return clampPosition(target.x + 24, target.y + 24);
}

function rank([dx, dy]: [number, number]): number {
  const row = dy === 0 ? 0 : dy > 0 ? 1 : 2;
  return row * 1000 + Math.abs(dy) * 100 + Math.abs(dx) * 10 + (dx >= 0 ? 0 : 1);
}

/** The frame drawn around a cluster's notes (header included), in board coordinates. */
export function clusterFrame(members: readonly Rect[]): { x: number; y: number; width: number; height: number } | null {
  if (members.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const m of members) {
    minX = Math.min(minX, m.x);
    minY = Math.min(minY, m.y);
    maxX = Math.max(maxX, m.x + NOTE_WIDTH);
    maxY = Math.max(maxY, m.y + NOTE_HEIGHT);
  }
  // May be above or left of the board's origin: the board leaves a margin for it (BOARD_MARGIN).
  const x = minX - CLUSTER_PAD;
  const y = minY - CLUSTER_PAD - CLUSTER_HEADER;
  return { x, y, width: maxX + CLUSTER_PAD - x, height: maxY + CLUSTER_PAD - y };
}

/**
 * Lays groups of notes out as blocks (each `columns` notes wide, room for a header above),
 * left to right and then on new rows, from `top` down. Returns noteId -> position.
 */
export function packGroups(groups: readonly (readonly string[])[], top: number, columns = 2, boardWidth = BOARD_WIDTH): Map<string, Rect> {
  const out = new Map<string, Rect>();
  const sx = NOTE_WIDTH + CLUSTER_GAP;
  const sy = NOTE_HEIGHT + CLUSTER_GAP;
  const blockGap = 40;
  let x = 20;
  let y = top + CLUSTER_HEADER + CLUSTER_PAD;
  let rowHeight = 0;
  for (const group of groups) {
    const cols = Math.min(columns, Math.max(1, group.length));
    const width = cols * sx - CLUSTER_GAP;
    const rows = Math.ceil(group.length / cols);
    const height = rows * sy - CLUSTER_GAP;
    if (x > 20 && x + width > boardWidth - 20) {
      x = 20;
      y += rowHeight + blockGap + CLUSTER_HEADER + CLUSTER_PAD;
      rowHeight = 0;
    }
    group.forEach((id, i) => out.set(id, clampPosition(x + (i % cols) * sx, y + Math.floor(i / cols) * sy)));
    x += width + blockGap + CLUSTER_PAD * 2;
    rowHeight = Math.max(rowHeight, height);
  }
  return out;
}

export interface FilterableNote {
  id: string;
  text: string;
  color: string;
  tags: readonly string[];
  clusterName: string;
}

export interface NoteFilter {
  query: string;
  color: string | null;
  tag: string | null;
}

/** Lower case, accents folded, spaces folded: what a search compares. */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
}

export const NO_FILTER: NoteFilter = { query: "", color: null, tag: null };

export function isFiltering(f: NoteFilter): boolean {
  return fold(f.query) !== "" || f.color !== null || f.tag !== null;
}

/** The ids of notes a search and filter keep (every word of the query in the text, a tag or the cluster's name). */
export function matchingNotes(notes: readonly FilterableNote[], f: NoteFilter): Set<string> {
  const words = fold(f.query).split(" ").filter(Boolean);
  const out = new Set<string>();
  for (const n of notes) {
    if (f.color !== null && n.color !== f.color) continue;
    if (f.tag !== null && !n.tags.includes(f.tag)) continue;
    if (words.length > 0) {
      const hay = fold(`${n.text} ${n.tags.join(" ")} ${n.clusterName}`);
      if (!words.every((w) => hay.includes(w))) continue;
    }
    out.add(n.id);
  }
  return out;
}

export const TAG_MAX = 30;

/** A tag as stored: trimmed, spaces folded, no leading '#', at most TAG_MAX characters; "" if nothing is left. */
export function normaliseTag(raw: string): string {
  return raw.trim().replace(/^#+/, "").trim().replace(/\s+/g, " ").slice(0, TAG_MAX);
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How many columns a cluster of n notes is laid out in. */
export function blockColumns(n: number): number {
  return n <= 1 ? 1 : n <= 4 ? 2 : n <= 9 ? 3 : 4;
}

/** Positions of a block of notes whose first note is at `origin`, row by row. */
export function blockPositions(ids: readonly string[], origin: Rect, columns = blockColumns(ids.length)): Map<string, Rect> {
  const out = new Map<string, Rect>();
  const sx = NOTE_WIDTH + CLUSTER_GAP;
  const sy = NOTE_HEIGHT + CLUSTER_GAP;
  ids.forEach((id, i) => out.set(id, { x: origin.x + (i % columns) * sx, y: origin.y + Math.floor(i / columns) * sy }));
  return out;
}

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The origin nearest to `anchor` (on a 20 px grid) where a block of `n` notes, with its
 * cluster frame (header included, and a small gap), covers none of the obstacles (other
 * notes, other clusters' frames) and stays on the board. Falls back to `anchor`.
 */
export function freeSpot(n: number, anchor: Rect, obstacles: readonly Box[], withHeader = true, boardWidth = BOARD_WIDTH, boardHeight = 3000): Rect {
  const columns = blockColumns(n);
  const rows = Math.ceil(n / columns);
  const width = columns * (NOTE_WIDTH + CLUSTER_GAP) - CLUSTER_GAP;
  const height = rows * (NOTE_HEIGHT + CLUSTER_GAP) - CLUSTER_GAP;
  const gap = 8;
  const padX = (withHeader ? CLUSTER_PAD : 0) + gap;
  const padTop = (withHeader ? CLUSTER_PAD + CLUSTER_HEADER : 0) + gap;
  const padBottom = (withHeader ? CLUSTER_PAD : 0) + gap;
  const step = 20;
  const ax = Math.round(anchor.x / step) * step;
  const ay = Math.round(anchor.y / step) * step;
  const fits = (x: number, y: number) => {
    if (x < 0 || y < 0 || x + width > boardWidth || y + height > boardHeight) return false;
    const box = { x: x - padX, y: y - padTop, width: width + 2 * padX, height: height + padTop + padBottom };
    return !obstacles.some((o) => intersects(box, o));
  };
  for (let r = 0; r <= 150; r++) {
    let best: Rect | null = null;
    let bestD = Infinity;
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
        const x = ax + dx * step;
        const y = ay + dy * step;
        const d = dx * dx + dy * dy * 1.5;
        if (d < bestD && fits(x, y)) {
          best = { x, y };
          bestD = d;
        }
      }
    if (best) return best;
  }
  return clampPosition(anchor.x, anchor.y);
}

export function noteBox(n: Rect): Box {
  return { x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT };
}
