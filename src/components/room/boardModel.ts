// The board's notes as React sees them: an immutable snapshot of the Yjs map, rebuilt when
// the document changes, and the edits people make (add, type, move, colour, delete).
// Imported only by the client-only room chunk (never server-rendered).
import * as Y from "yjs";
import {
  KEYBOARD_BIG_STEP,
  KEYBOARD_STEP,
  NOTE_HEIGHT,
  NOTE_MAX_TEXT,
  NOTE_WIDTH,
  NOTES_ROOT,
  clampPosition,
  isNoteColor,
  nextFreeSlot,
  readingOrder,
  textDiff,
  type NoteColor,
  type NoteData,
} from "@/domain/board";
import { randomId } from "@/client/clipboard";

/** Transaction origin of this browser's own edits. */
export const LOCAL_ORIGIN = { local: true } as const;

export interface NoteView extends NoteData {
  /** false when the text is not a Y.Text (a malformed note from another program) */
  editable: boolean;
}

export interface Snapshot {
  /** in reading order: the DOM order, so Tab follows it */
  notes: readonly NoteView[];
  byId: ReadonlyMap<string, NoteView>;
}

const EMPTY: Snapshot = { notes: [], byId: new Map() };

export class BoardModel {
  readonly notes: Y.Map<Y.Map<unknown>>;
  private snapshot: Snapshot = EMPTY;
  private dirty = true;
  private listeners = new Set<() => void>();

  constructor(
    readonly doc: Y.Doc,
    private readonly authorId: string,
  ) {
    this.notes = doc.getMap(NOTES_ROOT) as Y.Map<Y.Map<unknown>>;
    this.notes.observeDeep(this.onChange);
  }

  destroy(): void {
    this.notes.unobserveDeep(this.onChange);
    this.listeners.clear();
  }

  private onChange = () => {
    this.dirty = true;
    for (const fn of this.listeners) fn();
  };

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): Snapshot => {
    if (!this.dirty) return this.snapshot;
    this.dirty = false;
    const previous = this.snapshot.byId;
    const views: NoteView[] = [];
    this.notes.forEach((value, id) => {
      const view = readNote(id, value);
      if (!view) return;
      const before = previous.get(id);
      // Keep the same object when nothing changed, so memoised notes do not re-render.
      views.push(before && sameNote(before, view) ? before : view);
    });
    const notes = readingOrder(views);
    this.snapshot = { notes, byId: new Map(notes.map((n) => [n.id, n])) };
    return this.snapshot;
  };

  text(id: string): Y.Text | null {
    const t = this.notes.get(id)?.get("text");
    return t instanceof Y.Text ? t : null;
  }

  private maxZ(): number {
    let z = 0;
    this.notes.forEach((n) => {
      const v = n instanceof Y.Map ? n.get("z") : 0;
      if (typeof v === "number" && Number.isFinite(v) && v > z) z = v;
    });
    return z;
  }

  /** Adds an empty note in the first free slot; returns its id. */
  add(columns: number, color: NoteColor = "yellow"): string {
    const id = randomId();
    const existing = this.getSnapshot().notes;
    const { x, y } = nextFreeSlot(existing, columns);
    const z = this.maxZ() + 1;
    this.doc.transact(() => {
      const note = new Y.Map<unknown>();
      this.notes.set(id, note);
      note.set("text", new Y.Text());
      note.set("x", x);
      note.set("y", y);
      note.set("color", color);
      note.set("authorId", this.authorId);
      note.set("createdAt", Date.now());
      note.set("z", z);
    }, LOCAL_ORIGIN);
    return id;
  }

  /** Applies what the textarea now holds as the smallest edit, so concurrent typing merges. */
  setText(id: string, value: string): void {
    const text = this.text(id);
    if (!text) return;
    const next = value.slice(0, NOTE_MAX_TEXT);
    const { index, remove, insert } = textDiff(text.toString(), next);
    if (remove === 0 && insert === "") return;
    this.doc.transact(() => {
      if (remove > 0) text.delete(index, remove);
      if (insert) text.insert(index, insert);
    }, LOCAL_ORIGIN);
  }

  move(id: string, x: number, y: number, toFront = false): void {
    const note = this.notes.get(id);
    if (!(note instanceof Y.Map)) return;
    const p = clampPosition(x, y);
    const z = toFront ? this.maxZ() + 1 : null;
    this.doc.transact(() => {
      if (note.get("x") !== p.x) note.set("x", p.x);
      if (note.get("y") !== p.y) note.set("y", p.y);
      if (z !== null && note.get("z") !== z - 1) note.set("z", z);
    }, LOCAL_ORIGIN);
  }

  /** Keyboard move: one step, or a big one with Shift. */
  nudge(id: string, dx: -1 | 0 | 1, dy: -1 | 0 | 1, big: boolean): void {
    const n = this.getSnapshot().byId.get(id);
    if (!n) return;
    const step = big ? KEYBOARD_BIG_STEP : KEYBOARD_STEP;
    this.move(id, n.x + dx * step, n.y + dy * step);
  }

  setColor(id: string, color: NoteColor): void {
    const note = this.notes.get(id);
    if (!(note instanceof Y.Map) || note.get("color") === color) return;
    this.doc.transact(() => note.set("color", color), LOCAL_ORIGIN);
  }

  /** Deletes a note and returns what is needed to put it back. */
  remove(id: string): NoteData | null {
    const n = this.getSnapshot().byId.get(id);
    if (!n || !this.notes.has(id)) return null;
    this.doc.transact(() => this.notes.delete(id), LOCAL_ORIGIN);
    return { id: n.id, text: n.text, x: n.x, y: n.y, color: n.color, authorId: n.authorId, createdAt: n.createdAt, z: n.z };
  }

  restore(data: NoteData): void {
    if (this.notes.has(data.id)) return;
    this.doc.transact(() => {
      const note = new Y.Map<unknown>();
      this.notes.set(data.id, note);
      note.set("text", new Y.Text(data.text.slice(0, NOTE_MAX_TEXT)));
      note.set("x", data.x);
      note.set("y", data.y);
      note.set("color", data.color);
      note.set("authorId", data.authorId);
      note.set("createdAt", data.createdAt);
      note.set("z", data.z);
    }, LOCAL_ORIGIN);
  }
}

function num(v: unknown, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) ? v : fallback;
}

/** Reads one note defensively: other clients are not trusted to write a well-formed note. */
function readNote(id: string, value: unknown): NoteView | null {
  if (!(value instanceof Y.Map)) return null;
  const raw = value.get("text");
  const text = raw instanceof Y.Text ? raw.toString() : typeof raw === "string" ? raw : "";
  const pos = clampPosition(num(value.get("x"), 0), num(value.get("y"), 0));
  const color = value.get("color");
  const authorId = value.get("authorId");
  return {
    id,
    text: text.slice(0, NOTE_MAX_TEXT * 2),
    x: pos.x,
    y: pos.y,
    color: isNoteColor(color) ? color : "yellow",
    authorId: typeof authorId === "string" ? authorId : "",
    createdAt: num(value.get("createdAt"), 0),
    z: Math.max(0, Math.min(1_000_000, Math.round(num(value.get("z"), 0)))),
    editable: raw instanceof Y.Text,
  };
}

function sameNote(a: NoteView, b: NoteView): boolean {
  return (
    a.text === b.text &&
    a.x === b.x &&
    a.y === b.y &&
    a.color === b.color &&
    a.z === b.z &&
    a.authorId === b.authorId &&
    a.createdAt === b.createdAt &&
    a.editable === b.editable
  );
}

/** How many columns new notes fill: as many as the visible board shows (1 to 5). */
export function columnsFor(viewportWidth: number): number {
  return Math.max(1, Math.min(5, Math.floor((viewportWidth - 20) / (NOTE_WIDTH + 20))));
}

/** The scrollable surface: large enough for every note and the toolbar under the lowest. */
export function surfaceSize(notes: readonly { x: number; y: number }[]): { width: number; height: number } {
  let w = 0;
  let h = 0;
  for (const n of notes) {
    w = Math.max(w, n.x + NOTE_WIDTH);
    h = Math.max(h, n.y + NOTE_HEIGHT);
  }
  return { width: w + 140, height: h + 170 };
}

/**
 * Moves a caret through a remote edit of the text (a Yjs delta), so that someone else
 * typing earlier in the same note does not shift what I am writing.
 */
export function transformIndex(index: number, delta: ReadonlyArray<{ retain?: number; insert?: unknown; delete?: number }>): number {
  let pos = 0;
  let result = index;
  for (const op of delta) {
    if (op.retain !== undefined) {
      pos += op.retain;
    } else if (op.insert !== undefined) {
      const len = typeof op.insert === "string" ? op.insert.length : 1;
      if (pos <= result) result += len;
      pos += len;
    } else if (op.delete !== undefined) {
      if (pos < result) result -= Math.min(op.delete, result - pos);
    }
    if (pos > result) break;
  }
  return result;
}
