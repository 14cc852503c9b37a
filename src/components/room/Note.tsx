"use client";
// One sticky note: text (read as React text, never as HTML), drag with a pointer (dropped on
// a note or a cluster it groups), keyboard moves, and a small toolbar shown while the note is
// selected: colours, reactions, "group with…", tags, delete.
import { memo, useEffect, useLayoutEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { NOTE_COLORS, NOTE_HEIGHT, NOTE_MAX_TEXT, NOTE_WIDTH, clampPosition, type NoteColor } from "@/domain/board";
import type { DropTarget } from "@/domain/clusters";
import { useT } from "../I18nProvider";
import { LOCAL_ORIGIN, REACTIONS, transformIndex, type NoteView, type Reaction } from "./boardModel";
import type { OtherOnNote } from "./hooks";

export type DropAt = DropTarget | "out" | null;

export interface NoteActions {
  select(id: string): void;
  edit(id: string): void;
  stopEdit(id: string, refocus: boolean): void;
  setText(id: string, value: string): void;
  move(id: string, x: number, y: number): void;
  nudge(id: string, dx: -1 | 0 | 1, dy: -1 | 0 | 1, big: boolean): void;
  setColor(id: string, color: NoteColor): void;
  remove(id: string): void;
  text(id: string): Y.Text | null;
  register(id: string, el: HTMLDivElement | null): void;
  /** What a note dragged with the pointer at (px, py), board coordinates, would be dropped on. */
  targetAt(id: string, px: number, py: number): DropAt;
  /** Shows (or clears) the drop target under a dragged note, without a render. */
  highlight(target: DropAt): void;
  drop(id: string, x: number, y: number, target: DropAt): void;
  react(id: string, emoji: Reaction): void;
  openGroupWith(id: string): void;
  moveOut(id: string): void;
  openTags(id: string): void;
}

interface NoteProps {
  note: NoteView;
  index: number;
  count: number;
  selected: boolean;
  editing: boolean;
  readOnly: boolean;
  others: OtherOnNote[] | undefined;
  actions: NoteActions;
  hintId: string;
  /** the cluster it is shown in (its display name), null when on its own */
  clusterName: string | null;
  /** a search or filter leaves it out */
  dimmed: boolean;
}

const DRAG_THRESHOLD = 4;

interface DragState {
  pointerId: number;
  startX: number;
  startY: number;
  /** where in the note the pointer took it */
  grabX: number;
  grabY: number;
  moved: boolean;
  onText: boolean;
  x: number;
  y: number;
  frame: number | null;
}

export const Note = memo(function Note({ note, index, count, selected, editing, readOnly, others, actions, hintId, clusterName, dimmed }: NoteProps) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<DragState | null>(null);
  // While dragging, the position is written to the element's transform once per frame, with
  // no React render; only the start and the end of a drag render this note.
  const [dragging, setDragging] = useState(false);

  useLayoutEffect(() => {
    actions.register(note.id, ref.current);
    return () => actions.register(note.id, null);
  }, [actions, note.id]);

  const x = note.x;
  const y = note.y;
  const colorName = t(`colors.${note.color}`);
  const preview = note.text.trim().replace(/\s+/g, " ");
  const extras = [
    clusterName !== null ? t("clusters.noteIn", { name: clusterName }) : "",
    note.reactions.length ? t("notes.reactionsSummary", { list: note.reactions.map((r) => `${r.emoji} ${r.count}`).join(", ") }) : "",
    note.tags.length ? t("notes.tagsSummary", { list: note.tags.join(", ") }) : "",
  ].filter(Boolean);
  const label = t("board.noteLabel", {
    index,
    count,
    color: extras.length ? `${colorName}, ${extras.join(", ")}` : colorName,
    text: preview ? (preview.length > 120 ? `${preview.slice(0, 120)}…` : preview) : t("board.noteEmpty"),
  });
  const canEdit = !readOnly && note.editable;
  const writing = others?.find((o) => o.editing);

  function onPointerDown(e: React.PointerEvent<HTMLDivElement>) {
    if (readOnly || e.button !== 0 || drag.current) return;
    const target = e.target as HTMLElement;
    if (target.closest("textarea, button, [data-no-drag]")) return;
    const onGrip = Boolean(target.closest("[data-grip]"));
    // On touch screens only the grip drags, so that swiping over notes scrolls the board.
    if (e.pointerType === "touch" && !onGrip) return;
    const rect = e.currentTarget.getBoundingClientRect();
    drag.current = {
      pointerId: e.pointerId,
      startX: e.clientX,
      startY: e.clientY,
      grabX: e.clientX - rect.left,
      grabY: e.clientY - rect.top,
      moved: false,
      onText: Boolean(target.closest("[data-note-text]")),
      x: note.x,
      y: note.y,
      frame: null,
    };
    e.currentTarget.setPointerCapture(e.pointerId);
  }

  function paint() {
    const d = drag.current;
    const el = ref.current;
    if (!d || !el) return;
    d.frame = null;
    el.style.transform = `translate(${d.x}px, ${d.y}px)`;
    actions.highlight(actions.targetAt(note.id, d.x + d.grabX, d.y + d.grabY));
  }

  function onPointerMove(e: React.PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const dx = e.clientX - d.startX;
    const dy = e.clientY - d.startY;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!d.moved) {
      d.moved = true;
      setDragging(true);
    }
    const p = clampPosition(note.x + dx, note.y + dy);
    d.x = p.x;
    d.y = p.y;
    if (d.frame === null) d.frame = requestAnimationFrame(paint);
  }

  function endDrag(e: React.PointerEvent<HTMLDivElement>, cancelled: boolean) {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = null;
    if (d.frame !== null) cancelAnimationFrame(d.frame);
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (d.moved) {
      actions.highlight(null);
      const el = ref.current;
      if (cancelled) {
        if (el) el.style.transform = `translate(${note.x}px, ${note.y}px)`;
      } else {
        const p = clampPosition(note.x + (e.clientX - d.startX), note.y + (e.clientY - d.startY));
        // React only rewrites the transform when the note's position changes: set it here so
        // a drop that changes nothing leaves the element where the note is.
        if (el) el.style.transform = `translate(${p.x}px, ${p.y}px)`;
        actions.drop(note.id, p.x, p.y, actions.targetAt(note.id, p.x + d.grabX, p.y + d.grabY));
      }
      setDragging(false);
      ref.current?.focus({ preventScroll: true });
    } else if (!cancelled && d.onText && canEdit) {
      actions.edit(note.id);
    } else {
      actions.select(note.id);
    }
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
    const arrows: Record<string, [-1 | 0 | 1, -1 | 0 | 1]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    if (e.key in arrows) {
      e.preventDefault();
      if (!readOnly) actions.nudge(note.id, arrows[e.key][0], arrows[e.key][1], e.shiftKey);
    } else if ((e.key === "Enter" || e.key === "F2") && canEdit) {
      e.preventDefault();
      actions.edit(note.id);
    } else if ((e.key === "Delete" || e.key === "Backspace") && !readOnly) {
      e.preventDefault();
      actions.remove(note.id);
    }
  }

  function onBlur(e: React.FocusEvent<HTMLDivElement>) {
    if (!editing) return;
    const next = e.relatedTarget as Node | null;
    if (next && e.currentTarget.contains(next)) return;
    if (next) return actions.stopEdit(note.id, false);
    // Focus went nowhere: a click on the empty board, or the note moved in the page (the board
    // puts it back at once). Decide once things settle.
    const el = e.currentTarget;
    requestAnimationFrame(() => {
      if (!el.isConnected || !el.contains(document.activeElement)) actions.stopEdit(note.id, false);
    });
  }

  return (
    <div
      ref={ref}
      data-note-id={note.id}
      data-color={note.color}
      data-x={note.x}
      data-y={note.y}
      data-cluster={clusterName !== null ? "" : undefined}
      data-dimmed={dimmed ? "" : undefined}
      role="group"
      aria-label={label}
      aria-describedby={hintId}
      tabIndex={0}
      className={`note-${note.color} group absolute left-0 top-0 flex select-none flex-col rounded-lg border border-black/15 text-ink shadow-sm focus-visible:outline-offset-4 ${
        dragging ? "cursor-grabbing shadow-xl will-change-transform" : readOnly ? "" : "cursor-grab"
      } ${selected ? "ring-2 ring-accent" : ""} ${dimmed && !selected ? "opacity-35" : ""}`}
      style={{
        width: NOTE_WIDTH,
        height: NOTE_HEIGHT,
        transform: `translate(${x}px, ${y}px)`,
        zIndex: selected || dragging ? 2_000_001 : note.z + 10,
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={(e) => endDrag(e, false)}
      onPointerCancel={(e) => endDrag(e, true)}
      onKeyDown={onKeyDown}
      onBlur={onBlur}
    >
      {others && others.length > 0 && (
        <>
          <span aria-hidden="true" className="pointer-events-none absolute -inset-1.5 rounded-xl border-2 border-dashed border-[#6b4fa8]" />
          <span className="pointer-events-none absolute -top-6 left-0 max-w-full truncate rounded-md bg-[#6b4fa8] px-1.5 py-0.5 text-xs font-semibold text-white">
            {writing ? t("board.othersWriting", { name: writing.name }) : t("board.othersOn", { names: others.map((o) => o.name).join(", ") })}
          </span>
        </>
      )}
      {!readOnly && (
        <div data-grip className="flex h-8 shrink-0 cursor-grab touch-none items-center justify-center rounded-t-lg" aria-hidden="true" title={t("board.move")}>
          <GripIcon />
        </div>
      )}
      {editing && canEdit ? (
        <NoteEditor
          id={note.id}
          ytext={actions.text(note.id)}
          actions={actions}
          label={t("board.textLabel")}
          placeholder={t("board.placeholder")}
        />
      ) : (
        <div
          data-note-text
          className={`min-h-0 flex-1 overflow-hidden whitespace-pre-wrap break-words px-3 pb-2 text-[15px] leading-snug ${readOnly ? "pt-3" : ""} ${
            canEdit ? "cursor-text" : ""
          }`}
        >
          {note.text ? note.text : <span className="italic text-muted">{t("board.placeholder")}</span>}
        </div>
      )}
      {(note.reactions.length > 0 || note.tags.length > 0) && (
        <div aria-hidden="true" className="flex shrink-0 items-center gap-1 overflow-hidden whitespace-nowrap px-2 pb-1.5 text-xs" data-note-extras>
          {note.reactions.map((r) => (
            <span key={r.emoji} className={`rounded-full px-1.5 py-0.5 ${r.mine ? "bg-white ring-1 ring-ink/40" : "bg-white/60"}`}>
              {t("notes.reactionCount", { emoji: r.emoji, count: r.count })}
            </span>
          ))}
          {note.tags.map((tag) => (
            <span key={tag} className="rounded-full bg-white/60 px-1.5 py-0.5 font-semibold text-ink" data-tag={tag}>
              #{tag}
            </span>
          ))}
        </div>
      )}
      {selected && !readOnly && !dragging && <NoteToolbar note={note} editing={editing} canEdit={canEdit} actions={actions} inCluster={clusterName !== null} />}
    </div>
  );
});

function NoteEditor({ id, ytext, actions, label, placeholder }: { id: string; ytext: Y.Text | null; actions: NoteActions; label: string; placeholder: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (document.activeElement !== el) el.focus({ preventScroll: false });
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  // Someone else typed in this note: take their edit without moving my caret.
  useEffect(() => {
    if (!ytext) return;
    const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
      if (tr.origin === LOCAL_ORIGIN) return;
      const el = ref.current;
      if (!el) return;
      const next = ytext.toString();
      if (el.value === next) return;
      const focused = document.activeElement === el;
      const start = el.selectionStart;
      const end = el.selectionEnd;
      const dir = el.selectionDirection;
      el.value = next;
      if (focused) el.setSelectionRange(transformIndex(start, event.delta), transformIndex(end, event.delta), dir);
    };
    ytext.observe(onChange);
    return () => ytext.unobserve(onChange);
  }, [ytext]);

  return (
    <textarea
      ref={ref}
      defaultValue={ytext?.toString() ?? ""}
      maxLength={NOTE_MAX_TEXT}
      aria-label={label}
      placeholder={placeholder}
      data-testid="note-editor"
      className="min-h-0 flex-1 resize-none rounded-b-lg bg-white/45 px-3 pb-2 pt-1 text-[15px] leading-snug text-ink placeholder:text-muted focus-visible:outline-2 focus-visible:-outline-offset-2"
      onInput={(e) => actions.setText(id, e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === "Escape" || (e.key === "Enter" && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          e.stopPropagation();
          actions.stopEdit(id, true);
        }
      }}
    />
  );
}

/** A single Tab stop (ARIA toolbar): arrows go from one button to the next. */
function NoteToolbar({ note, editing, canEdit, actions, inCluster }: { note: NoteView; editing: boolean; canEdit: boolean; actions: NoteActions; inCluster: boolean }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);

  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>("button") ?? []);
    const i = buttons.indexOf(e.target as HTMLButtonElement);
    if (i < 0) return;
    let next = -1;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") next = (i + 1) % buttons.length;
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = (i - 1 + buttons.length) % buttons.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = buttons.length - 1;
    else if (e.key === "Escape") {
      e.preventDefault();
      actions.stopEdit(note.id, true);
      return;
    }
    if (next >= 0) {
      e.preventDefault();
      setActive(next);
      buttons[next].focus();
    }
  }

  let i = 0;
  const tab = (n: number) => (n === active ? 0 : -1);
  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={t("board.actions")}
      data-no-drag
      className="absolute left-0 top-full mt-2 flex w-max cursor-default flex-col gap-1 rounded-xl border border-line bg-white p-1.5 shadow-lg"
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>("button") ?? []);
        const idx = buttons.indexOf(e.target as unknown as HTMLButtonElement);
        if (idx >= 0) setActive(idx);
      }}
    >
      <div className="flex gap-0.5">
        {NOTE_COLORS.map((c) => {
          const n = i++;
          const current = note.color === c;
          return (
            <button
              key={c}
              type="button"
              tabIndex={tab(n)}
              aria-pressed={current}
              aria-label={t("board.colorButton", { color: t(`colors.${c}`) })}
              data-color-choice={c}
              className="flex h-11 w-11 items-center justify-center rounded-lg hover:bg-gray-100"
              onClick={() => actions.setColor(note.id, c)}
            >
              <span className={`note-${c} flex h-7 w-7 items-center justify-center rounded-full border-2 ${current ? "border-ink" : "border-black/25"}`}>
                {current && (
                  <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="#1f2937" strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" />
                  </svg>
                )}
              </span>
            </button>
          );
        })}
      </div>
      <div className="flex gap-0.5" role="group" aria-label={t("notes.reactionsLabel")}>
        {REACTIONS.map((emoji) => {
          const n = i++;
          const mine = note.reactions.some((r) => r.emoji === emoji && r.mine);
          return (
            <button
              key={emoji}
              type="button"
              tabIndex={tab(n)}
              aria-pressed={mine}
              aria-label={t("notes.reactionButton", { emoji })}
              data-reaction={emoji}
              className={`flex h-11 w-11 items-center justify-center rounded-lg text-xl hover:bg-gray-100 ${mine ? "bg-accent-soft ring-2 ring-accent" : ""}`}
              onClick={() => actions.react(note.id, emoji)}
            >
              <span aria-hidden="true">{emoji}</span>
            </button>
          );
        })}
      </div>
      <div className="grid grid-cols-2 gap-1">
        {(() => {
          const n = i++;
          return (
            <button type="button" tabIndex={tab(n)} className="btn-ghost text-sm" onClick={() => actions.openGroupWith(note.id)} data-testid="group-with">
              {t("clusters.groupWith")}
            </button>
          );
        })()}
        {inCluster
          ? (() => {
              const n = i++;
              return (
                <button type="button" tabIndex={tab(n)} className="btn-ghost text-sm" onClick={() => actions.moveOut(note.id)} data-testid="move-out">
                  {t("clusters.moveOut")}
                </button>
              );
            })()
          : null}
        {(() => {
          const n = i++;
          return (
            <button type="button" tabIndex={tab(n)} className="btn-ghost text-sm" onClick={() => actions.openTags(note.id)}>
              {t("notes.tagsButton")}
            </button>
          );
        })()}
      </div>
      <div className="flex gap-1">
        {canEdit &&
          (() => {
            const n = i++;
            return editing ? (
              <button type="button" tabIndex={tab(n)} className="btn-ghost flex-1 text-sm" onClick={() => actions.stopEdit(note.id, true)}>
                {t("board.done")}
              </button>
            ) : (
              <button type="button" tabIndex={tab(n)} className="btn-ghost flex-1 text-sm" onClick={() => actions.edit(note.id)}>
                <PencilIcon />
                {t("board.edit")}
              </button>
            );
          })()}
        {(() => {
          const n = i++;
          return (
            <button
              type="button"
              tabIndex={tab(n)}
              className="btn-ghost flex-1 text-sm text-danger"
              aria-label={t("board.deleteNote")}
              onClick={() => actions.remove(note.id)}
            >
              <TrashIcon />
              {t("board.delete")}
            </button>
          );
        })()}
      </div>
    </div>
  );
}

function GripIcon() {
  return (
    <svg width="28" height="10" viewBox="0 0 28 10" aria-hidden="true" focusable="false" className="opacity-50">
      {[2, 10, 18, 26].map((cx) => (
        <g key={cx}>
          <circle cx={cx} cy="2.5" r="1.6" fill="#1f2937" />
          <circle cx={cx} cy="7.5" r="1.6" fill="#1f2937" />
        </g>
      ))}
    </svg>
  );
}

function PencilIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M4 20h4L19 9l-4-4L4 16v4z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}

function TrashIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}
