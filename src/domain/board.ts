// The board's shape inside its Yjs document, shared by the browser and the server's checks.
// doc.getMap(NOTES_ROOT): noteId -> Y.Map { text: Y.Text, x, y, color, authorId, createdAt, z,
//   clusterId (K1), "r:<emoji>:<participantId>": true (reactions), "tag:<tag>": true (tags) }
// doc.getMap(CLUSTERS_ROOT): clusterId -> Y.Map { name, collapsed, order, color, mergedInto }
// doc.getMap(META_ROOT): { title } (the daisy's centre; the session title when unset)

export const NOTES_ROOT = "notes";
/** Same string as clusters/model.ts CLUSTERS_ROOT (kept literal here: that module imports this one). */
export const CLUSTERS_ROOT_NAME = "clusters";
export const META_ROOT = "meta";
/** Root types a client may create; anything else in an update is rejected. */
export const ALLOWED_ROOTS: readonly string[] = [NOTES_ROOT, CLUSTERS_ROOT_NAME, META_ROOT];

export const NOTE_COLORS = ["yellow", "green", "blue", "pink", "orange", "purple"] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

export const NOTE_MAX_TEXT = 1000;
export const NOTE_WIDTH = 200;
export const NOTE_HEIGHT = 140;
export const BOARD_WIDTH = 4000;
export const BOARD_HEIGHT = 3000;
/** Keyboard moves: a small step, or a larger one with Shift. */
export const KEYBOARD_STEP = 20;
export const KEYBOARD_BIG_STEP = 100;

export interface NoteData {
  id: string;
  text: string;
  x: number;
  y: number;
  color: NoteColor;
  authorId: string;
  createdAt: number;
  z: number;
}

export function isNoteColor(v: unknown): v is NoteColor {
  return typeof v === "string" && (NOTE_COLORS as readonly string[]).includes(v);
}

export function clampPosition(x: number, y: number): { x: number; y: number } {
  const cx = Number.isFinite(x) ? Math.round(x) : 0;
  const cy = Number.isFinite(y) ? Math.round(y) : 0;
  return {
    x: Math.min(Math.max(cx, 0), BOARD_WIDTH - NOTE_WIDTH),
    y: Math.min(Math.max(cy, 0), BOARD_HEIGHT - NOTE_HEIGHT),
  };
}

/**
 * Where a new note goes: the first free slot of a grid scanned row by row from the top
 * left, so that notes added with the keyboard never hide each other.
 */
export function nextFreeSlot(existing: ReadonlyArray<{ x: number; y: number }>, columns = 5): { x: number; y: number } {
  const gap = 20;
  const stepX = NOTE_WIDTH + gap;
  const stepY = NOTE_HEIGHT + gap;
  const taken = new Set(existing.map((n) => `${Math.round((n.x - gap) / stepX)}:${Math.round((n.y - gap) / stepY)}`));
  for (let i = 0; ; i++) {
    const col = i % columns;
    const row = Math.floor(i / columns);
    if (!taken.has(`${col}:${row}`)) return clampPosition(gap + col * stepX, gap + row * stepY);
  }
}

/**
 * Keyboard focus order: reading order (top to bottom, then left to right), with rows
 * tolerant to small vertical offsets so a dragged note does not jump out of its line.
 */
export function readingOrder<T extends { id: string; x: number; y: number }>(notes: readonly T[]): T[] {
  const rowHeight = NOTE_HEIGHT / 2;
  return [...notes].sort((a, b) => {
    const ra = Math.floor(a.y / rowHeight);
    const rb = Math.floor(b.y / rowHeight);
    if (ra !== rb) return ra - rb;
    if (a.x !== b.x) return a.x - b.x;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * The smallest edit turning `before` into `after` (common prefix and suffix kept), so that
 * two people typing in the same note merge character by character instead of overwriting.
 */
export function textDiff(before: string, after: string): { index: number; remove: number; insert: string } {
  let start = 0;
  const min = Math.min(before.length, after.length);
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { index: start, remove: endB - start, insert: after.slice(start, endA) };
}
