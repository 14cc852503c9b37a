"use client";
// The board: notes in reading order (the DOM order, so Tab follows it), selection and
// editing, keyboard shortcuts, the others' focus, and the undo toast after a delete; the
// clusters' frames, search and filter, undo and redo, and the grouping dialogs.
import { forwardRef, useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { Awareness } from "y-protocols/awareness";
import { NOTE_HEIGHT, NOTE_WIDTH, type NoteData } from "@/domain/board";
import { BOARD_MARGIN, NO_FILTER, clusterFrame, isFiltering, matchingNotes, type NoteFilter } from "@/domain/clusters/layout";
import { useT } from "../I18nProvider";
import { columnsFor, surfaceSize, type BoardModel } from "./boardModel";
import { BoardBar } from "./BoardBar";
import { COLLAPSED_HEIGHT, COLLAPSED_WIDTH, ClusterDialog, ClusterFrame, GroupWithDialog, TagsDialog } from "./Clusters";
import { DaisyView } from "./DaisyView";
import { useOthersOnNotes } from "./hooks";
import { Note, type DropAt, type NoteActions } from "./Note";
import { SuggestDialog } from "./SuggestDialog";

type Dialog = { kind: "cluster" | "groupWith" | "tags"; id: string } | { kind: "suggest" | "daisy" } | null;

export interface BoardHandle {
  addNote(): void;
}

interface Toast {
  key: number;
  message: string;
  undo?: NoteData;
}

const TOAST_MS = 8000;

export const Board = forwardRef<BoardHandle, { model: BoardModel; awareness: Awareness; readOnly: boolean; isFacilitator?: boolean; title?: string; barExtra?: ReactNode }>(function Board(
  { model, awareness, readOnly, isFacilitator = false, title = "", barExtra },
  handle,
) {
  const t = useT();
  const hintId = useId();
  const snapshot = useSyncExternalStore(model.subscribe, model.getSnapshot, model.getSnapshot);
  const others = useOthersOnNotes(awareness);
  const [filter, setFilter] = useState<NoteFilter>(NO_FILTER);
  const [dialog, setDialog] = useState<Dialog>(null);
  const closeDialog = useCallback(() => setDialog(null), []);
  /** cluster id -> the name shown (unnamed ones are numbered in display order) */
  const names = useMemo(() => new Map(snapshot.clusters.map((c, i) => [c.id, c.name || t("clusters.unnamedN", { n: i + 1 })])), [snapshot.clusters, t]);
  /** notes inside a collapsed cluster are not drawn */
  const hidden = useMemo(() => new Set(snapshot.clusters.flatMap((c) => (c.collapsed ? c.noteIds : []))), [snapshot.clusters]);
  const visible = useMemo(() => (hidden.size ? snapshot.notes.filter((n) => !hidden.has(n.id)) : snapshot.notes), [snapshot.notes, hidden]);
  const matches = useMemo(
    () =>
      isFiltering(filter)
        ? matchingNotes(
            snapshot.notes.map((n) => ({ id: n.id, text: n.text, color: n.color, tags: n.tags, clusterName: names.get(snapshot.clusterOf.get(n.id)?.id ?? "") ?? "" })),
            filter,
          )
        : null,
    [filter, snapshot, names],
  );
  const hiddenRef = useRef(hidden);
  hiddenRef.current = hidden;
  const frames = useRef(new Map<string, HTMLElement>());
  const highlighted = useRef<HTMLElement | null>(null);
  const registerFrame = useCallback((key: string, el: HTMLElement | null) => {
    if (el) frames.current.set(key, el);
    else frames.current.delete(key);
  }, []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const viewportRef = useRef<HTMLDivElement>(null);
  const elements = useRef(new Map<string, HTMLDivElement>());
  /** Focus to give once the next render is on screen. */
  const pendingFocus = useRef<{ id: string; text: boolean } | null>(null);
  /** The note that has the focus, to give it back if a reorder of the page took it away. */
  const lastFocus = useRef<{ id: string; text: boolean } | null>(null);
  const snapshotRef = useRef(snapshot);
  snapshotRef.current = snapshot;

  // Tell the others where I am (the server adds who I am).
  useEffect(() => {
    const focus = editingId ?? selectedId;
    awareness.setLocalStateField("focus", focus);
    awareness.setLocalStateField("editing", editingId !== null);
  }, [awareness, selectedId, editingId]);

  // A note that disappears (deleted by someone) cannot stay selected or edited.
  useEffect(() => {
    if (selectedId && (!snapshot.byId.has(selectedId) || hidden.has(selectedId))) setSelectedId(null);
    if (editingId && (!snapshot.byId.has(editingId) || hidden.has(editingId))) setEditingId(null);
  }, [snapshot, hidden, selectedId, editingId]);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y): my own last edits, unless a text field has the keys.
  useEffect(() => {
    if (readOnly) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented) return;
      const key = e.key.toLowerCase();
      if (key !== "z" && key !== "y") return;
      const el = e.target as HTMLElement | null;
      if (el?.closest?.("input, textarea, select, [contenteditable='true'], dialog[open]")) return;
      e.preventDefault();
      if (key === "y" || e.shiftKey) model.redo();
      else model.undo();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [model, readOnly]);

  useLayoutEffect(() => {
    const p = pendingFocus.current;
    if (p) {
      const el = elements.current.get(p.id);
      if (el) {
        pendingFocus.current = null;
        const target = (p.text && el.querySelector("textarea")) || el;
        target.focus();
        return;
      }
    }
    const last = lastFocus.current;
    const active = document.activeElement;
    if (last && (!active || active === document.body)) {
      const el = elements.current.get(last.id);
      if (!el) {
        lastFocus.current = null;
        return;
      }
      const target = (last.text && el.querySelector("textarea")) || el;
      target.focus({ preventScroll: true });
    }
  });

  // Forget the focused note when the person clicks or moves focus elsewhere on purpose.
  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Element | null;
      if (!target?.closest?.("[data-note-id]")) lastFocus.current = null;
    };
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target as Element | null;
      const note = target?.closest?.("[data-note-id]") as HTMLElement | null;
      lastFocus.current = note ? { id: note.dataset.noteId!, text: target?.tagName === "TEXTAREA" } : null;
    };
    document.addEventListener("pointerdown", onPointerDown, true);
    document.addEventListener("focusin", onFocusIn);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown, true);
      document.removeEventListener("focusin", onFocusIn);
    };
  }, []);

  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast((cur) => (cur?.key === toast.key ? null : cur)), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast]);

  const focusNote = useCallback((id: string, text = false) => {
    pendingFocus.current = { id, text };
    const el = elements.current.get(id);
    if (el && !text) {
      pendingFocus.current = null;
      el.focus();
    }
  }, []);

  const actions = useMemo<NoteActions>(
    () => ({
      select: (id) => setSelectedId(id),
      edit: (id) => {
        setSelectedId(id);
        setEditingId(id);
        pendingFocus.current = { id, text: true };
      },
      stopEdit: (id, refocus) => {
        setEditingId((cur) => (cur === id ? null : cur));
        if (refocus) {
          pendingFocus.current = { id, text: false };
          lastFocus.current = { id, text: false };
        }
      },
      setText: (id, value) => model.setText(id, value),
      move: (id, x, y) => model.move(id, x, y, true),
      nudge: (id, dx, dy, big) => {
        lastFocus.current = { id, text: false };
        model.nudge(id, dx, dy, big);
        requestAnimationFrame(() => elements.current.get(id)?.scrollIntoView({ block: "nearest", inline: "nearest" }));
      },
      setColor: (id, color) => model.setColor(id, color),
      remove: (id) => {
        const order = snapshotRef.current.notes;
        const at = order.findIndex((n) => n.id === id);
        const data = model.remove(id);
        if (!data) return;
        setEditingId((cur) => (cur === id ? null : cur));
        setSelectedId((cur) => (cur === id ? null : cur));
        setToast({ key: Date.now(), message: t("board.deleted"), undo: data });
        const neighbour = order[at + 1] ?? order[at - 1];
        if (neighbour) focusNote(neighbour.id);
        else {
          lastFocus.current = null;
          viewportRef.current?.focus();
        }
      },
      text: (id) => model.text(id),
      register: (id, el) => {
        if (el) elements.current.set(id, el);
        else elements.current.delete(id);
      },
      targetAt: (id, px, py): DropAt => {
        const s = snapshotRef.current;
        const hiddenNow = hiddenRef.current;
        let best: { id: string; z: number } | null = null;
        for (const n of s.notes) {
          if (n.id === id || hiddenNow.has(n.id)) continue;
          if (px >= n.x && px < n.x + NOTE_WIDTH && py >= n.y && py < n.y + NOTE_HEIGHT && (!best || n.z > best.z)) best = n;
        }
        if (best) return { kind: "note", noteId: best.id };
        const own = s.clusterOf.get(id);
        for (let i = s.clusters.length - 1; i >= 0; i--) {
          const c = s.clusters[i];
          const r = c.collapsed
            ? { ...c.frame, width: COLLAPSED_WIDTH, height: COLLAPSED_HEIGHT }
            : c.id === own?.id
              ? clusterFrame(c.noteIds.filter((n) => n !== id).map((n) => s.byId.get(n)!))
              : c.frame;
          if (r && px >= r.x && px < r.x + r.width && py >= r.y && py < r.y + r.height) return c.id === own?.id ? null : { kind: "cluster", clusterId: c.id };
        }
        return own ? "out" : null;
      },
      highlight: (target) => {
        const el =
          target && target !== "out" ? (target.kind === "note" ? elements.current.get(target.noteId) : frames.current.get(`cluster:${target.clusterId}`)) ?? null : null;
        if (highlighted.current === el) return;
        highlighted.current?.removeAttribute("data-drop-target");
        el?.setAttribute("data-drop-target", "");
        highlighted.current = el;
      },
      drop: (id, x, y, target) => {
        lastFocus.current = { id, text: false };
        model.drop(id, x, y, target);
      },
      react: (id, emoji) => model.toggleReaction(id, emoji),
      openGroupWith: (id) => setDialog({ kind: "groupWith", id }),
      moveOut: (id) => {
        if (model.moveOut(id)) {
          setToast({ key: Date.now(), message: t("clusters.movedOut") });
          focusNote(id);
        }
      },
      openTags: (id) => setDialog({ kind: "tags", id }),
    }),
    [model, t, focusNote],
  );

  const toggleCluster = useCallback((id: string, collapsed: boolean) => model.setClusterCollapsed(id, collapsed), [model]);
  const openCluster = useCallback((id: string) => setDialog({ kind: "cluster", id }), []);

  useImperativeHandle(
    handle,
    () => ({
      addNote() {
        if (readOnly) return;
        const width = viewportRef.current?.clientWidth ?? 1000;
        const id = model.add(columnsFor(width));
        setSelectedId(id);
        setEditingId(id);
        pendingFocus.current = { id, text: true };
      },
    }),
    [model, readOnly],
  );

  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey || !target.dataset.noteId) return;
    const key = e.key.toLowerCase();
    if (key !== "j" && key !== "k") return;
    const order = visible;
    const at = order.findIndex((n) => n.id === target.dataset.noteId);
    const next = order[key === "j" ? at + 1 : at - 1];
    e.preventDefault();
    if (next) focusNote(next.id);
  }

  const size = surfaceSize(snapshot.notes);
  const count = visible.length;

  return (
    <div className="relative flex min-h-[320px] min-w-0 flex-1 flex-col">
      <BoardBar
        model={model}
        filter={filter}
        onFilter={setFilter}
        tags={snapshot.tags}
        matches={matches ? matches.size : null}
        total={snapshot.notes.length}
        readOnly={readOnly}
        isFacilitator={isFacilitator}
        onSuggest={() => setDialog({ kind: "suggest" })}
        onDaisy={() => setDialog({ kind: "daisy" })}
        extra={barExtra}
      />
      <p id={hintId} className="sr-only">
        {t("board.hint")}
      </p>
      <div
        ref={viewportRef}
        role="region"
        aria-label={t("board.label")}
        aria-describedby={hintId}
        tabIndex={-1}
        className="board-surface relative min-h-0 flex-1 overflow-auto focus-visible:outline-offset-[-3px]"
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          const note = (e.target as HTMLElement).closest("[data-note-id]") as HTMLElement | null;
          if (note) setSelectedId(note.dataset.noteId!);
        }}
        onBlur={(e) => {
          const next = e.relatedTarget as HTMLElement | null;
          const note = next?.closest?.("[data-note-id]");
          if (!note && (!next || !viewportRef.current?.contains(next))) {
            // Only a real departure clears the selection; a reorder gives focus back at once.
            requestAnimationFrame(() => {
              const active = document.activeElement as HTMLElement | null;
              if (!active?.closest?.("[data-note-id]")) setSelectedId(null);
            });
          }
        }}
        data-testid="board"
      >
        <div className="relative" style={{ width: size.width + BOARD_MARGIN.x, height: size.height + BOARD_MARGIN.y, minWidth: "100%", minHeight: "100%" }}>
          {/* Board coordinates start inside a margin, so a cluster's header above notes at the top still shows. */}
          <div className="absolute" style={{ left: BOARD_MARGIN.x, top: BOARD_MARGIN.y }}>
          {snapshot.clusters.map((c) => (
            <ClusterFrame key={c.id} cluster={c} name={names.get(c.id)!} readOnly={readOnly} onToggle={toggleCluster} onOptions={openCluster} register={registerFrame} />
          ))}
          {visible.map((note, i) => {
            const cluster = snapshot.clusterOf.get(note.id);
            return (
              <Note
                key={note.id}
                note={note}
                index={i + 1}
                count={count}
                selected={selectedId === note.id}
                editing={editingId === note.id}
                readOnly={readOnly}
                others={others.get(note.id)}
                actions={actions}
                hintId={hintId}
                clusterName={cluster ? names.get(cluster.id)! : null}
                dimmed={matches !== null && !matches.has(note.id)}
              />
            );
          })}
          </div>
        </div>
        {count === 0 && (
          <div className="pointer-events-none absolute inset-0 flex items-center justify-center p-6">
            <div className="max-w-sm rounded-2xl border-2 border-dashed border-line bg-white/90 p-6 text-center">
              <p className="text-lg font-semibold">{t("board.empty")}</p>
              {!readOnly && <p className="mt-1 text-muted">{t("board.emptyAction")}</p>}
            </div>
          </div>
        )}
      </div>
      {dialog?.kind === "cluster" && <ClusterDialog model={model} snapshot={snapshot} clusterId={dialog.id} names={names} onClose={closeDialog} />}
      {dialog?.kind === "groupWith" && (
        <GroupWithDialog
          snapshot={snapshot}
          noteId={dialog.id}
          names={names}
          onClose={closeDialog}
          onPick={(target, name) => {
            const id = dialog.id;
            setDialog(null);
            if (model.groupWith(id, target)) {
              setToast({ key: Date.now(), message: t("clusters.grouped", { name }) });
              focusNote(id);
            }
          }}
        />
      )}
      {dialog?.kind === "tags" && <TagsDialog model={model} snapshot={snapshot} noteId={dialog.id} onClose={closeDialog} />}
      {dialog?.kind === "suggest" && (
        <SuggestDialog
          model={model}
          snapshot={snapshot}
          onClose={closeDialog}
          onDone={(created) => {
            setDialog(null);
            setToast({ key: Date.now(), message: t("suggest.done", { count: created }) });
          }}
        />
      )}
      {dialog?.kind === "daisy" && <DaisyView model={model} snapshot={snapshot} names={names} sessionTitle={title} readOnly={readOnly} onClose={closeDialog} />}
      <div aria-live="polite" role="status" className="pointer-events-none absolute inset-x-0 bottom-4 z-[2000010] flex justify-center px-4">
        {toast && (
          <div className="pointer-events-auto flex items-center gap-3 rounded-xl bg-ink px-4 py-2 text-white shadow-lg" data-testid="toast">
            <span className="font-semibold">{toast.message}</span>
            {toast.undo && (
              <button
                type="button"
                className="btn-ghost min-h-11 text-daisy hover:bg-white/10"
                onClick={() => {
                  const data = toast.undo!;
                  model.restore(data);
                  setToast({ key: Date.now(), message: t("board.restored") });
                  focusNote(data.id);
                }}
              >
                {t("board.undo")}
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
});
