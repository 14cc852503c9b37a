// The board's notes as React sees them: an immutable snapshot of the Yjs maps, rebuilt when
// the document changes (only the notes that changed are read again), and the edits people
// make (add, type, move, colour, delete, group, react, tag), with a per-person undo.
// Imported only by the client-only room chunk (never server-rendered).
import * as Y from "yjs";
import {
  CLUSTERS_ROOT,
  type ClusterBoard,
  type ClusterPatch,
  type ClusterRecord,
  type ClusterResult,
  type DropTarget,
  applyPatches,
  boardView,
  dissolve,
  memberships,
  groupOnto,
  isNoteColorOrNull,
  liveCluster,
  merge,
  moveOut,
  rename,
  setCollapsed,
  setColor as setClusterColor,
  split,
} from "@/domain/clusters";
import { type Box, blockPositions, clusterFrame, freeSpot, normaliseTag, noteBox, packGroups } from "@/domain/clusters/layout";
import { acceptSuggestion } from "@/domain/grouping/accept";
import type { SuggestedGroup } from "@/domain/grouping/suggest";
import {
  META_ROOT,
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

/** The few reactions a note can get; one of each per person. */
export const REACTIONS = ["👍", "❤️", "💡", "❓", "⭐"] as const;
export type Reaction = (typeof REACTIONS)[number];
const REACTION_PREFIX = "r:";
const TAG_PREFIX = "tag:";

export interface ReactionCount {
  emoji: Reaction;
  count: number;
  mine: boolean;
}

export interface NoteView extends NoteData {
  /** false when the text is not a Y.Text (a malformed note from another program) */
  editable: boolean;
  /** the note's stored cluster field (K1), unresolved */
  rawCluster: string | null;
  reactions: readonly ReactionCount[];
  tags: readonly string[];
}

export interface ClusterDisplay {
  id: string;
  name: string;
  collapsed: boolean;
  color: ClusterRecord["color"];
  noteIds: readonly string[];
  frame: { x: number; y: number; width: number; height: number };
}

export interface Snapshot {
  /** in reading order: the DOM order, so Tab follows it */
  notes: readonly NoteView[];
  byId: ReadonlyMap<string, NoteView>;
  /** clusters shown (K11), in display order */
  clusters: readonly ClusterDisplay[];
  /** noteId -> the cluster it is shown in */
  clusterOf: ReadonlyMap<string, ClusterDisplay>;
  /** every tag on the board, sorted */
  tags: readonly string[];
}

const EMPTY: Snapshot = { notes: [], byId: new Map(), clusters: [], clusterOf: new Map(), tags: [] };

export class BoardModel {
  readonly notes: Y.Map<Y.Map<unknown>>;
  readonly clusters: Y.Map<Y.Map<unknown>>;
  readonly meta: Y.Map<unknown>;
  readonly undoManager: Y.UndoManager;
  private snapshot: Snapshot = EMPTY;
  private dirty = true;
  /** notes to read again; null: all of them */
  private dirtyNotes: Set<string> | null = null;
  private cache = new Map<string, NoteView>();
  private listeners = new Set<() => void>();
  /** An anonymous board: notes are written without author (the server refuses one, A5). */
  anonymous = false;
  private undoListeners = new Set<() => void>();
  private undoState = { canUndo: false, canRedo: false };

  constructor(
    readonly doc: Y.Doc,
    private readonly authorId: string,
  ) {
    this.notes = doc.getMap(NOTES_ROOT) as Y.Map<Y.Map<unknown>>;
    this.clusters = doc.getMap(CLUSTERS_ROOT) as Y.Map<Y.Map<unknown>>;
    this.meta = doc.getMap(META_ROOT);
    this.notes.observeDeep(this.onNotesChange);
    this.clusters.observeDeep(this.onChange);
    this.meta.observe(this.onChange);
    // Undo and redo are mine only: the manager tracks this browser's own transactions.
    this.undoManager = new Y.UndoManager([this.notes, this.clusters, this.meta], { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 400 });
    for (const ev of ["stack-item-added", "stack-item-popped", "stack-cleared"] as const) this.undoManager.on(ev, this.onUndoChange);
  }

  destroy(): void {
    this.notes.unobserveDeep(this.onNotesChange);
    this.clusters.unobserveDeep(this.onChange);
    this.meta.unobserve(this.onChange);
    this.undoManager.destroy();
    this.listeners.clear();
    this.undoListeners.clear();
  }

  private onNotesChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    const set = this.dirtyNotes;
    if (set) {
      for (const e of events) {
        if (e.target === this.notes) for (const k of e.changes.keys.keys()) set.add(k);
        else if (typeof e.path[0] === "string") set.add(e.path[0]);
      }
    }
    this.onChange();
  };

  private onChange = () => {
    this.dirty = true;
    for (const fn of this.listeners) fn();
  };

  private onUndoChange = () => {
    const next = { canUndo: this.undoManager.canUndo(), canRedo: this.undoManager.canRedo() };
    if (next.canUndo === this.undoState.canUndo && next.canRedo === this.undoState.canRedo) return;
    this.undoState = next;
    for (const fn of this.undoListeners) fn();
  };

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  subscribeUndo = (fn: () => void): (() => void) => {
    this.undoListeners.add(fn);
    return () => this.undoListeners.delete(fn);
  };

  getUndoState = () => this.undoState;

  undo(): void {
    this.undoManager.undo();
  }

  redo(): void {
    this.undoManager.redo();
  }

  getSnapshot = (): Snapshot => {
    if (!this.dirty) return this.snapshot;
    this.dirty = false;
    const dirtyNotes = this.dirtyNotes;
    this.dirtyNotes = new Set();
    const cache = this.cache;
    if (dirtyNotes === null) {
      const next = new Map<string, NoteView>();
      this.notes.forEach((value, id) => {
        const view = readNote(id, value, this.authorId);
        if (!view) return;
        const before = cache.get(id);
        // Keep the same object when nothing changed, so memoised notes do not re-render.
        next.set(id, before && sameNote(before, view) ? before : view);
      });
      this.cache = next;
    } else {
      for (const id of dirtyNotes) {
        const view = readNote(id, this.notes.get(id), this.authorId);
        const before = cache.get(id);
        if (!view) cache.delete(id);
        else if (!before || !sameNote(before, view)) cache.set(id, view);
      }
    }
    const views = [...this.cache.values()];
    const notes = readingOrder(views);
    const byId = new Map(notes.map((n) => [n.id, n]));
    const board = this.clusterBoardFrom(notes);
    const view = boardView(board);
    const prevClusters = new Map(this.snapshot.clusters.map((c) => [c.id, c]));
    const clusters: ClusterDisplay[] = [];
    const clusterOf = new Map<string, ClusterDisplay>();
    for (const c of view.clusters) {
      const frame = clusterFrame(c.noteIds.map((id) => byId.get(id)!))!;
      const before = prevClusters.get(c.id);
      const display: ClusterDisplay =
        before && sameCluster(before, c, frame) ? before : { id: c.id, name: c.name, collapsed: c.collapsed, color: c.color, noteIds: c.noteIds, frame };
      clusters.push(display);
      for (const n of c.noteIds) clusterOf.set(n, display);
    }
    const tags = [...new Set(notes.flatMap((n) => n.tags))].sort((a, b) => a.localeCompare(b));
    this.snapshot = { notes, byId, clusters, clusterOf, tags };
    return this.snapshot;
  };

  /** The clusters' pure model (../domain/clusters) over what the document holds now. */
  clusterBoard(): ClusterBoard {
    return this.clusterBoardFrom(this.getSnapshot().notes);
  }

  private clusterBoardFrom(notes: readonly NoteView[]): ClusterBoard {
    const clusters = new Map<string, ClusterRecord>();
    this.clusters.forEach((value, id) => {
      if (!(value instanceof Y.Map)) return;
      const rec = readCluster(value);
      if (rec) clusters.set(id, rec);
    });
    return { notes: new Map(notes.map((n) => [n.id, n.rawCluster])), clusters };
  }

  /** Applies a cluster operation's patches (and note moves) as one edit, one undo step. */
  private commit(result: ClusterResult, moves: ReadonlyMap<string, { x: number; y: number }> = new Map()): boolean {
    if (!result.ok) return false;
    if (result.patches.length === 0 && moves.size === 0) return true;
    this.undoManager.stopCapturing();
    this.doc.transact(() => {
      for (const [id, p] of moves) {
        const note = this.notes.get(id);
        if (!(note instanceof Y.Map)) continue;
        const c = clampPosition(p.x, p.y);
        if (note.get("x") !== c.x) note.set("x", c.x);
        if (note.get("y") !== c.y) note.set("y", c.y);
      }
      applyToDoc(this.notes, this.clusters, result.patches);
    }, LOCAL_ORIGIN);
    this.undoManager.stopCapturing();
    return true;
  }

  /**
   * Where the notes of the cluster `noteId` is in after `result` go: one tidy block, at the
   * free place nearest to where the cluster was, its frame (header included) covering no other
   * note or cluster. The note that just joined comes last.
   */
  private arranged(result: ClusterResult, noteId: string): Map<string, { x: number; y: number }> {
    if (!result.ok) return new Map();
    const snap = this.getSnapshot();
    const after = applyPatches(this.clusterBoard(), result.patches);
    const live = liveCluster(after, after.notes.get(noteId));
    const memberSet = new Set(live === null ? [noteId] : (memberships(after).get(live) ?? [noteId]));
    const ordered = snap.notes.filter((n) => memberSet.has(n.id) && n.id !== noteId).map((n) => n.id);
    const wasIn = live !== null && snap.clusterOf.get(noteId)?.id === live;
    const members = wasIn ? snap.notes.filter((n) => memberSet.has(n.id)).map((n) => n.id) : [...ordered, noteId];
    const anchorNotes = (ordered.length ? ordered : [noteId]).map((id) => snap.byId.get(id)!).filter(Boolean);
    const anchor = { x: Math.min(...anchorNotes.map((n) => n.x)), y: Math.min(...anchorNotes.map((n) => n.y)) };
    const origin = freeSpot(members.length, anchor, this.obstacles(memberSet), members.length > 1);
    return blockPositions(members, origin);
  }

  /** Everything a block of `members` must not cover: lone notes and the frames of other clusters. */
  private obstacles(members: ReadonlySet<string>): Box[] {
    const snap = this.getSnapshot();
    const out: Box[] = [];
    for (const n of snap.notes) if (!members.has(n.id) && !snap.clusterOf.has(n.id)) out.push(noteBox(n));
    for (const c of snap.clusters) {
      const rest = c.noteIds.filter((id) => !members.has(id));
      const f = rest.length ? clusterFrame(rest.map((id) => snap.byId.get(id)!)) : null;
      if (f) out.push(c.collapsed ? { ...f, width: Math.max(240, f.width), height: Math.max(116, f.height) } : f);
    }
    return out;
  }

  /**
   * The end of a drag: the note is put down at (x, y); on a note or a cluster it joins it
   * (K3, K4) and the cluster is laid out again as a block; dropped outside its own cluster it
   * leaves it and stays where it was put.
   */
  drop(id: string, x: number, y: number, target: DropTarget | "out" | null): boolean {
    const board = this.clusterBoard();
    const moves = new Map([[id, { x, y }]]);
    if (target === null) return this.commit({ ok: true, patches: [] }, moves);
    if (target === "out") return this.commit(moveOut(board, id), moves);
    const result = groupOnto(board, id, target, randomId());
    return this.commit(result, this.arranged(result, id));
  }

  /** "Grouper avec…": the keyboard's drop. */
  groupWith(id: string, target: DropTarget): boolean {
    const result = groupOnto(this.clusterBoard(), id, target, randomId());
    return this.commit(result, this.arranged(result, id));
  }

  moveOut(id: string): boolean {
    const snap = this.getSnapshot();
    const c = snap.clusterOf.get(id);
    const moves = new Map<string, { x: number; y: number }>();
    if (c) {
      // Out of the frame, to its right, so the note is visibly on its own.
      moves.set(id, freeSpot(1, { x: c.frame.x + c.frame.width + 24, y: c.frame.y + 60 }, this.obstacles(new Set([id])), false));
    }
    return this.commit(moveOut(this.clusterBoard(), id), moves);
  }

  renameCluster(clusterId: string, name: string): boolean {
    return this.commit(rename(this.clusterBoard(), clusterId, name));
  }

  setClusterCollapsed(clusterId: string, collapsed: boolean): boolean {
    return this.commit(setCollapsed(this.clusterBoard(), clusterId, collapsed));
  }

  setClusterColor(clusterId: string, color: ClusterRecord["color"]): boolean {
    return this.commit(setClusterColor(this.clusterBoard(), clusterId, color));
  }

  mergeClusters(sourceId: string, targetId: string): boolean {
    const snap = this.getSnapshot();
    const source = snap.clusters.find((c) => c.id === sourceId);
    const result = merge(this.clusterBoard(), sourceId, targetId);
    // The source's notes come after the target's, and the merged cluster is one block again.
    return this.commit(result, source ? this.arranged(result, source.noteIds[0]) : undefined);
  }

  splitCluster(clusterId: string, noteIds: readonly string[], name: string): boolean {
    const result = split(this.clusterBoard(), clusterId, noteIds, randomId(), name);
    if (!result.ok || noteIds.length === 0) return this.commit(result);
    // The notes that leave form their own block beside the old one.
    const snap = this.getSnapshot();
    const c = snap.clusters.find((k) => k.id === clusterId);
    const chosen = new Set(noteIds);
    const members = snap.notes.filter((n) => chosen.has(n.id)).map((n) => n.id);
    const obstacles = this.obstacles(chosen);
    const anchor = c ? { x: c.frame.x + c.frame.width + 40, y: c.frame.y + 60 } : snap.byId.get(members[0]) ?? { x: 0, y: 0 };
    return this.commit(result, blockPositions(members, freeSpot(members.length, anchor, obstacles)));
  }

  dissolveCluster(clusterId: string): boolean {
    return this.commit(dissolve(this.clusterBoard(), clusterId));
  }

  /** Accepts suggested groups (G8): each becomes a named cluster, its notes packed together under the board's other notes. */
  acceptSuggestion(groups: readonly SuggestedGroup[]): number {
    const board = this.clusterBoard();
    const ids = groups.map(() => randomId());
    const result = acceptSuggestion(board, groups, ids);
    if (!result.ok) return 0;
    const created = result.patches.filter((p) => p.type === "createCluster").length;
    const moving = new Set(result.patches.flatMap((p) => (p.type === "setNoteCluster" ? [p.noteId] : [])));
    const staying = this.getSnapshot().notes.filter((n) => !moving.has(n.id));
    const top = staying.reduce((m, n) => Math.max(m, n.y + NOTE_HEIGHT), 0) + (staying.length ? 40 : 0);
    const blocks = groups.map((g) => g.noteIds.filter((id) => moving.has(id)));
    this.commit(result, packGroups(blocks, top, 2));
    return created;
  }

  toggleReaction(id: string, emoji: Reaction): void {
    const note = this.notes.get(id);
    if (!(note instanceof Y.Map) || !(REACTIONS as readonly string[]).includes(emoji)) return;
    const key = `${REACTION_PREFIX}${emoji}:${this.authorId}`;
    this.doc.transact(() => (note.get(key) === true ? note.delete(key) : note.set(key, true)), LOCAL_ORIGIN);
  }

  addTag(id: string, raw: string): string | null {
    const note = this.notes.get(id);
    const tag = normaliseTag(raw);
    if (!(note instanceof Y.Map) || !tag) return null;
    if (note.get(TAG_PREFIX + tag) !== true) this.doc.transact(() => note.set(TAG_PREFIX + tag, true), LOCAL_ORIGIN);
    return tag;
  }

  removeTag(id: string, tag: string): void {
    const note = this.notes.get(id);
    if (!(note instanceof Y.Map) || !note.has(TAG_PREFIX + tag)) return;
    this.doc.transact(() => note.delete(TAG_PREFIX + tag), LOCAL_ORIGIN);
  }

  /** The daisy's centre title: the board's own, or the session's until someone sets one. */
  title(fallback: string): string {
    const v = this.meta.get("title");
    return typeof v === "string" && v.trim() ? v.slice(0, 200) : fallback;
  }

  setTitle(title: string): void {
    const next = title.replace(/\s+/g, " ").trim().slice(0, 200);
    if (this.meta.get("title") === next) return;
    this.doc.transact(() => this.meta.set("title", next), LOCAL_ORIGIN);
  }

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
      if (!this.anonymous) note.set("authorId", this.authorId);
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
      if (!this.anonymous && data.authorId) note.set("authorId", data.authorId);
      note.set("createdAt", data.createdAt);
      note.set("z", data.z);
    }, LOCAL_ORIGIN);
  }
}

function num(v: unknown, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) ? v : fallback;
}

/** Reads one note defensively: other clients are not trusted to write a well-formed note. */
function readNote(id: string, value: unknown, me: string): NoteView | null {
  if (!(value instanceof Y.Map)) return null;
  const counts = new Map<string, { count: number; mine: boolean }>();
  const tags: string[] = [];
  for (const key of value.keys()) {
    if (key.startsWith(REACTION_PREFIX)) {
      if (value.get(key) !== true) continue;
      const rest = key.slice(REACTION_PREFIX.length);
      const at = rest.indexOf(":");
      const emoji = rest.slice(0, at);
      if (at < 0 || !(REACTIONS as readonly string[]).includes(emoji)) continue;
      const c = counts.get(emoji) ?? { count: 0, mine: false };
      c.count++;
      if (rest.slice(at + 1) === me) c.mine = true;
      counts.set(emoji, c);
    } else if (key.startsWith(TAG_PREFIX) && value.get(key) === true) {
      const tag = normaliseTag(key.slice(TAG_PREFIX.length));
      if (tag && !tags.includes(tag) && tags.length < 20) tags.push(tag);
    }
  }
  const reactions: ReactionCount[] = REACTIONS.flatMap((emoji) => {
    const c = counts.get(emoji);
    return c ? [{ emoji, count: c.count, mine: c.mine }] : [];
  });
  tags.sort((a, b) => a.localeCompare(b));
  const rawCluster = value.get("clusterId");
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
    rawCluster: typeof rawCluster === "string" && rawCluster.length > 0 && rawCluster.length <= 256 ? rawCluster : null,
    reactions,
    tags,
  };
}

function readCluster(value: Y.Map<unknown>): ClusterRecord | null {
  const name = value.get("name");
  const order = value.get("order");
  const color = value.get("color");
  const mergedInto = value.get("mergedInto");
  return {
    name: typeof name === "string" ? name.slice(0, 80) : "",
    collapsed: value.get("collapsed") === true,
    order: typeof order === "number" && Number.isFinite(order) ? order : 0,
    color: isNoteColorOrNull(color) ? color : null,
    mergedInto: typeof mergedInto === "string" ? mergedInto : null,
  };
}

/** Writes cluster patches (K1) into the document; the caller holds the transaction. */
export function applyToDoc(notes: Y.Map<Y.Map<unknown>>, clusters: Y.Map<Y.Map<unknown>>, patches: readonly ClusterPatch[]): void {
  for (const p of patches) {
    if (p.type === "setNoteCluster") {
      const note = notes.get(p.noteId);
      if (note instanceof Y.Map && note.get("clusterId") !== p.clusterId) note.set("clusterId", p.clusterId);
    } else if (p.type === "createCluster") {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(p.cluster)) m.set(k, v);
      clusters.set(p.clusterId, m);
    } else if (p.type === "setClusterField") {
      const c = clusters.get(p.clusterId);
      if (c instanceof Y.Map) c.set(p.field, p.value);
    } else clusters.delete(p.clusterId);
  }
}

function sameCluster(a: ClusterDisplay, c: { name: string; collapsed: boolean; color: ClusterRecord["color"]; noteIds: string[] }, frame: ClusterDisplay["frame"]): boolean {
  return (
    a.name === c.name &&
    a.collapsed === c.collapsed &&
    a.color === c.color &&
    a.noteIds.length === c.noteIds.length &&
    a.noteIds.every((id, i) => id === c.noteIds[i]) &&
    a.frame.x === frame.x &&
    a.frame.y === frame.y &&
    a.frame.width === frame.width &&
    a.frame.height === frame.height
  );
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
    a.editable === b.editable &&
    a.rawCluster === b.rawCluster &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i]) &&
    a.reactions.length === b.reactions.length &&
    a.reactions.every((r, i) => r.emoji === b.reactions[i].emoji && r.count === b.reactions[i].count && r.mine === b.reactions[i].mine)
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
