"use client";
// The board: notes in reading order (the DOM order, so Tab follows it), selection and
// editing, keyboard shortcuts, the others' focus, and the undo toast after a delete.
import { forwardRef, useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { NoteData } from "@/domain/board";
import { useT } from "../I18nProvider";
import { columnsFor, surfaceSize, type BoardModel } from "./boardModel";
import { useOthersOnNotes } from "./hooks";
import { Note, type NoteActions } from "./Note";

export interface BoardHandle {
  addNote(): void;
}

interface Toast {
  key: number;
  message: string;
  undo?: NoteData;
}

const TOAST_MS = 8000;

export const Board = forwardRef<BoardHandle, { model: BoardModel; awareness: Awareness; readOnly: boolean }>(function Board({ model, awareness, readOnly }, handle) {
  const t = useT();
  const hintId = useId();
  const snapshot = useSyncExternalStore(model.subscribe, model.getSnapshot, model.getSnapshot);
  const others = useOthersOnNotes(awareness);
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
    if (selectedId && !snapshot.byId.has(selectedId)) setSelectedId(null);
    if (editingId && !snapshot.byId.has(editingId)) setEditingId(null);
  }, [snapshot, selectedId, editingId]);

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
    }),
    [model, t, focusNote],
  );

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
    const order = snapshot.notes;
    const at = order.findIndex((n) => n.id === target.dataset.noteId);
    const next = order[key === "j" ? at + 1 : at - 1];
    e.preventDefault();
    if (next) focusNote(next.id);
  }

  const size = surfaceSize(snapshot.notes);
  const count = snapshot.notes.length;

  return (
    <div className="relative flex min-h-[320px] min-w-0 flex-1 flex-col">
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
        <div className="relative" style={{ width: size.width, height: size.height, minWidth: "100%", minHeight: "100%" }}>
          {snapshot.notes.map((note, i) => (
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
            />
          ))}
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
