"use client";
// The bar above the board: search and filter, my undo and redo, and the grouping tools
// (suggested groups for the facilitator, the daisy for everyone), and the facilitator's poll.
import { useId, useSyncExternalStore, type ReactNode } from "react";
import { NOTE_COLORS } from "@/domain/board";
import type { NoteFilter } from "@/domain/clusters/layout";
import { useT } from "../I18nProvider";
import type { BoardModel } from "./boardModel";

export function BoardBar({
  model,
  filter,
  onFilter,
  tags,
  matches,
  total,
  readOnly,
  isFacilitator,
  onSuggest,
  onDaisy,
  extra,
}: {
  model: BoardModel;
  filter: NoteFilter;
  onFilter: (f: NoteFilter) => void;
  tags: readonly string[];
  matches: number | null;
  total: number;
  readOnly: boolean;
  isFacilitator: boolean;
  onSuggest: () => void;
  onDaisy: () => void;
  /** More of the facilitator's tools (the poll button), before the daisy. */
  extra?: ReactNode;
}) {
  const t = useT();
  const id = useId();
  const undo = useSyncExternalStore(model.subscribeUndo, model.getUndoState, model.getUndoState);
  const filtering = matches !== null;
  return (
    <div role="toolbar" aria-label={t("boardBar.label")} aria-orientation="horizontal" className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-line bg-white px-3 py-1.5 sm:px-4" data-testid="board-bar">
      {/* never narrower than its fields: the toolbar wraps instead of letting them overlap the buttons */}
      <div className="flex flex-1 basis-52 items-center gap-2">
        <label htmlFor={`${id}-q`} className="sr-only">
          {t("boardBar.search")}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          className="field min-h-11 min-w-[8rem] flex-1 py-1 text-base"
          placeholder={t("boardBar.searchPlaceholder")}
          value={filter.query}
          onChange={(e) => onFilter({ ...filter, query: e.target.value })}
          data-testid="board-search"
        />
        <label htmlFor={`${id}-c`} className="sr-only">
          {t("boardBar.colorFilter")}
        </label>
        <select
          id={`${id}-c`}
          className="field hidden min-h-11 w-auto shrink-0 py-1 text-base sm:block"
          value={filter.color ?? ""}
          onChange={(e) => onFilter({ ...filter, color: e.target.value || null })}
          title={t("boardBar.colorFilter")}
        >
          <option value="">
            {t("boardBar.colorFilter")} : {t("boardBar.all")}
          </option>
          {NOTE_COLORS.map((c) => (
            <option key={c} value={c}>
              {t(`colors.${c}`)}
            </option>
          ))}
        </select>
        {tags.length > 0 && (
          <>
            <label htmlFor={`${id}-t`} className="sr-only">
              {t("boardBar.tagFilter")}
            </label>
            <select
              id={`${id}-t`}
              className="field hidden min-h-11 w-auto shrink-0 py-1 text-base sm:block"
              value={filter.tag ?? ""}
              onChange={(e) => onFilter({ ...filter, tag: e.target.value || null })}
              title={t("boardBar.tagFilter")}
            >
              <option value="">
                {t("boardBar.tagFilter")} : {t("boardBar.all")}
              </option>
              {tags.map((tag) => (
                <option key={tag} value={tag}>
                  #{tag}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <p role="status" className={`text-sm font-semibold text-muted ${filtering ? "" : "sr-only"}`} data-testid="filter-count">
        {filtering ? t("boardBar.matches", { count: matches, total }) : ""}
      </p>
      {filtering && (
        <button type="button" className="btn-ghost text-sm" onClick={() => onFilter({ query: "", color: null, tag: null })}>
          {t("boardBar.clearFilter")}
        </button>
      )}
      <div className="flex flex-wrap items-center gap-1">
        {!readOnly && (
          <>
            <button type="button" className="btn-ghost px-2 text-sm" disabled={!undo.canUndo} aria-label={t("boardBar.undoLabel")} title={t("boardBar.undoLabel")} aria-keyshortcuts="Control+Z" onClick={() => model.undo()} data-testid="undo">
              <UndoIcon />
              <span className="hidden md:inline">{t("boardBar.undo")}</span>
            </button>
            <button type="button" className="btn-ghost px-2 text-sm" disabled={!undo.canRedo} aria-label={t("boardBar.redoLabel")} title={t("boardBar.redoLabel")} aria-keyshortcuts="Control+Shift+Z" onClick={() => model.redo()} data-testid="redo">
              <UndoIcon flip />
              <span className="hidden md:inline">{t("boardBar.redo")}</span>
            </button>
          </>
        )}
        {isFacilitator && !readOnly && (
          <button type="button" className="btn-secondary px-3 text-sm" onClick={onSuggest} aria-label={t("boardBar.suggest")} data-testid="suggest-open">
            <span className="hidden md:inline">{t("boardBar.suggest")}</span>
            <span className="md:hidden">{t("boardBar.suggestShort")}</span>
          </button>
        )}
        {extra}
        <button type="button" className="btn-secondary px-3 text-sm" onClick={onDaisy} aria-label={t("boardBar.daisyLabel")} data-testid="daisy-open">
          <DaisyIcon />
          {t("boardBar.daisy")}
        </button>
      </div>
    </div>
  );
}

function UndoIcon({ flip = false }: { flip?: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false" className={flip ? "-scale-x-100" : ""}>
      <path d="M9 14L4 9l5-5M4 9h10a6 6 0 010 12h-3" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function DaisyIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {[0, 45, 90, 135, 180, 225, 270, 315].map((a) => (
        <ellipse key={a} cx="12" cy="5" rx="2.4" ry="4" fill="#fff" stroke="currentColor" strokeWidth="1.4" transform={`rotate(${a} 12 12)`} />
      ))}
      <circle cx="12" cy="12" r="3.2" fill="#f5c400" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}
