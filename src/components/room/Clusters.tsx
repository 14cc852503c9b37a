"use client";
// Clusters on the board: the frame drawn around a cluster's notes (its header names it and
// holds collapse and edit), the card a collapsed cluster shrinks to, and the dialogs that
// rename, colour, merge, split and dissolve a cluster, group a note with the keyboard, and
// edit a note's tags.
import { memo, useEffect, useId, useRef, useState } from "react";
import { NOTE_COLORS, type NoteColor } from "@/domain/board";
import { CLUSTER_NAME_MAX } from "@/domain/clusters";
import { TAG_MAX } from "@/domain/clusters/layout";
import { useT } from "../I18nProvider";
import type { BoardModel, ClusterDisplay, Snapshot } from "./boardModel";
import { Modal } from "./Modal";

export const COLLAPSED_WIDTH = 240;
export const COLLAPSED_HEIGHT = 116;

/** Tailwind needs literal class names: the family's tint and outline. */
const FAMILY: Record<NoteColor | "none", string> = {
  none: "bg-white/55 border-[#8a8f98]",
  yellow: "bg-note-yellow/45 border-[#b89500]",
  green: "bg-note-green/45 border-[#2f7d4f]",
  blue: "bg-note-blue/45 border-[#3f6fb0]",
  pink: "bg-note-pink/45 border-[#b0456f]",
  orange: "bg-note-orange/45 border-[#b8672a]",
  purple: "bg-note-purple/45 border-[#6b4fa8]",
};

export function useClusterName(): (c: { name: string }, index: number) => string {
  const t = useT();
  return (c, index) => c.name || t("clusters.unnamedN", { n: index + 1 });
}

function countText(t: ReturnType<typeof useT>, n: number): string {
  return n === 1 ? t("clusters.countOne") : t("clusters.count", { count: n });
}

export const ClusterFrame = memo(function ClusterFrame({
  cluster,
  name,
  readOnly,
  onToggle,
  onOptions,
  register,
}: {
  cluster: ClusterDisplay;
  name: string;
  readOnly: boolean;
  onToggle: (id: string, collapsed: boolean) => void;
  onOptions: (id: string) => void;
  register: (id: string, el: HTMLElement | null) => void;
}) {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    register(`cluster:${cluster.id}`, ref.current);
    return () => register(`cluster:${cluster.id}`, null);
  }, [cluster.id, register]);
  const count = countText(t, cluster.noteIds.length);
  const family = FAMILY[cluster.color ?? "none"];
  const f = cluster.frame;
  const collapsed = cluster.collapsed;
  return (
    <section
      ref={ref}
      aria-label={t("clusters.frameLabel", { name, count })}
      data-cluster-id={cluster.id}
      data-collapsed={collapsed ? "" : undefined}
      className={`absolute left-0 top-0 rounded-2xl border-2 ${family} ${collapsed ? "shadow-md" : ""}`}
      style={{
        transform: `translate(${f.x}px, ${f.y}px)`,
        width: collapsed ? COLLAPSED_WIDTH : f.width,
        height: collapsed ? COLLAPSED_HEIGHT : f.height,
        zIndex: collapsed ? 5 : 1,
      }}
    >
      <div className={`flex items-start gap-1 px-2 pt-1.5 ${collapsed ? "flex-col" : ""}`}>
        <h2 className="min-w-0 flex-1 truncate pt-1.5 text-[15px] font-bold leading-tight" data-testid="cluster-name" title={name}>
          {name}
          <span className="ml-2 text-sm font-normal text-muted">{count}</span>
        </h2>
        <div className="flex shrink-0 gap-1">
          <button
            type="button"
            className="btn-ghost min-h-9 px-2 py-1 text-sm"
            aria-expanded={!collapsed}
            aria-label={t(collapsed ? "clusters.expandLabel" : "clusters.collapseLabel", { name })}
            onClick={() => onToggle(cluster.id, !collapsed)}
            data-testid="cluster-toggle"
          >
            <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false" className={collapsed ? "-rotate-90" : ""}>
              <path d="M6 9l6 6 6-6" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            {t(collapsed ? "clusters.expand" : "clusters.collapse")}
          </button>
          {!readOnly && (
            <button
              type="button"
              className="btn-ghost min-h-9 px-2 py-1 text-sm"
              aria-label={t("clusters.optionsLabel", { name })}
              onClick={() => onOptions(cluster.id)}
              data-testid="cluster-options"
            >
              {t("clusters.options")}
            </button>
          )}
        </div>
      </div>
    </section>
  );
});

export function ClusterDialog({ model, snapshot, clusterId, names, onClose }: { model: BoardModel; snapshot: Snapshot; clusterId: string; names: ReadonlyMap<string, string>; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const cluster = snapshot.clusters.find((c) => c.id === clusterId);
  const [name, setName] = useState(cluster?.name ?? "");
  const [mergeTarget, setMergeTarget] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [splitName, setSplitName] = useState("");
  useEffect(() => {
    if (!cluster) onClose();
  }, [cluster, onClose]);
  if (!cluster) return null;
  const display = names.get(cluster.id) ?? cluster.name;
  const others = snapshot.clusters.filter((c) => c.id !== cluster.id);
  const splitAll = chosen.length >= cluster.noteIds.length;
  return (
    <Modal title={`${t("clusters.dialogTitle")} : ${display}`} onClose={onClose} testId="cluster-dialog">
      <div className="space-y-5">
        <form
          className="space-y-1"
          onSubmit={(e) => {
            e.preventDefault();
            model.renameCluster(cluster.id, name);
          }}
        >
          <label htmlFor={`${id}-name`} className="font-semibold">
            {t("clusters.nameLabel")}
          </label>
          <div className="flex gap-2">
            <input
              id={`${id}-name`}
              className="field min-w-0 flex-1"
              value={name}
              maxLength={CLUSTER_NAME_MAX}
              placeholder={t("clusters.namePlaceholder")}
              onChange={(e) => setName(e.target.value)}
              onBlur={() => model.renameCluster(cluster.id, name)}
              autoFocus
            />
            <button type="submit" className="btn-primary">
              {t("clusters.rename")}
            </button>
          </div>
        </form>

        <fieldset>
          <legend className="font-semibold">{t("clusters.familyLabel")}</legend>
          <div className="mt-1 flex flex-wrap gap-1">
            {([null, ...NOTE_COLORS] as const).map((c) => {
              const current = cluster.color === c;
              const label = c ? t(`colors.${c}`) : t("clusters.noFamily");
              return (
                <button
                  key={c ?? "none"}
                  type="button"
                  aria-pressed={current}
                  aria-label={t("clusters.familyButton", { color: label })}
                  className="flex h-11 w-11 items-center justify-center rounded-lg hover:bg-gray-100"
                  onClick={() => model.setClusterColor(cluster.id, c)}
                  data-family={c ?? "none"}
                >
                  <span className={`${c ? `note-${c}` : "bg-white"} h-7 w-7 rounded-full border-2 ${current ? "border-ink ring-2 ring-accent" : "border-black/25"}`} />
                </button>
              );
            })}
          </div>
        </fieldset>

        {others.length > 0 && (
          <div className="space-y-1">
            <label htmlFor={`${id}-merge`} className="font-semibold">
              {t("clusters.mergeLabel")}
            </label>
            <div className="flex gap-2">
              <select id={`${id}-merge`} className="field min-w-0 flex-1" value={mergeTarget} onChange={(e) => setMergeTarget(e.target.value)}>
                <option value="">{t("clusters.mergeChoose")}</option>
                {others.map((c) => (
                  <option key={c.id} value={c.id}>
                    {names.get(c.id) ?? c.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn-secondary"
                disabled={!mergeTarget}
                onClick={() => {
                  if (model.mergeClusters(cluster.id, mergeTarget)) onClose();
                }}
              >
                {t("clusters.merge")}
              </button>
            </div>
          </div>
        )}

        {cluster.noteIds.length > 1 && (
          <fieldset className="space-y-2">
            <legend className="font-semibold">{t("clusters.splitLegend")}</legend>
            <ul className="max-h-48 space-y-1 overflow-y-auto rounded-xl border border-line p-2">
              {cluster.noteIds.map((nid) => {
                const n = snapshot.byId.get(nid);
                return (
                  <li key={nid}>
                    <label className="flex min-h-11 items-center gap-2">
                      <input
                        type="checkbox"
                        className="h-5 w-5 accent-[#1f5c3f]"
                        checked={chosen.includes(nid)}
                        onChange={(e) => setChosen((cur) => (e.target.checked ? [...cur, nid] : cur.filter((x) => x !== nid)))}
                      />
                      <span className="line-clamp-2">{n?.text.trim() || t("board.noteEmpty")}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
            <label htmlFor={`${id}-split`} className="block text-sm font-semibold">
              {t("clusters.splitName")}
            </label>
            <div className="flex gap-2">
              <input id={`${id}-split`} className="field min-w-0 flex-1" value={splitName} maxLength={CLUSTER_NAME_MAX} onChange={(e) => setSplitName(e.target.value)} />
              <button
                type="button"
                className="btn-secondary"
                disabled={chosen.length === 0 || splitAll}
                onClick={() => {
                  if (model.splitCluster(cluster.id, chosen, splitName)) {
                    setChosen([]);
                    setSplitName("");
                  }
                }}
              >
                {t("clusters.split")}
              </button>
            </div>
            {splitAll && <p className="text-sm text-danger">{t("clusters.splitAll")}</p>}
          </fieldset>
        )}

        <div className="flex flex-wrap items-center gap-3 border-t border-line pt-4">
          <button
            type="button"
            className="btn-danger"
            onClick={() => {
              model.dissolveCluster(cluster.id);
              onClose();
            }}
          >
            {t("clusters.dissolve")}
          </button>
          <p className="text-sm text-muted">{t("clusters.dissolveHelp")}</p>
        </div>
      </div>
    </Modal>
  );
}

/** Keyboard grouping: choose a cluster, or a lone note to start one with. */
export function GroupWithDialog({
  snapshot,
  noteId,
  names,
  onPick,
  onClose,
}: {
  snapshot: Snapshot;
  noteId: string;
  names: ReadonlyMap<string, string>;
  onPick: (target: { kind: "note"; noteId: string } | { kind: "cluster"; clusterId: string }, name: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const own = snapshot.clusterOf.get(noteId)?.id ?? null;
  const clusters = snapshot.clusters.filter((c) => c.id !== own);
  const lone = snapshot.notes.filter((n) => n.id !== noteId && !snapshot.clusterOf.has(n.id));
  const preview = (text: string) => {
    const p = text.trim().replace(/\s+/g, " ");
    return p ? (p.length > 70 ? `${p.slice(0, 70)}…` : p) : t("board.noteEmpty");
  };
  return (
    <Modal title={t("clusters.groupWithTitle")} onClose={onClose} testId="group-with-dialog">
      <p className="mb-3 text-muted">{t("clusters.groupWithHelp")}</p>
      {clusters.length === 0 && lone.length === 0 && <p>{t("clusters.groupWithNone")}</p>}
      <div className="max-h-[60dvh] space-y-4 overflow-y-auto">
        {clusters.length > 0 && (
          <section>
            <h3 className="mb-1 font-semibold">{t("clusters.groupWithClusters")}</h3>
            <ul className="space-y-1">
              {clusters.map((c) => {
                const name = names.get(c.id) ?? c.name;
                return (
                  <li key={c.id}>
                    <button type="button" className="btn-secondary w-full justify-start text-left" onClick={() => onPick({ kind: "cluster", clusterId: c.id }, name)}>
                      {name} <span className="font-normal text-muted">({countText(t, c.noteIds.length)})</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        {lone.length > 0 && (
          <section>
            <h3 className="mb-1 font-semibold">{t("clusters.groupWithNotes")}</h3>
            <ul className="space-y-1">
              {lone.map((n) => (
                <li key={n.id}>
                  <button type="button" className="btn-ghost w-full justify-start border-line text-left font-normal" onClick={() => onPick({ kind: "note", noteId: n.id }, t("clusters.unnamed"))}>
                    <span className={`note-${n.color} mr-1 inline-block h-4 w-4 shrink-0 rounded border border-black/20`} aria-hidden="true" />
                    {preview(n.text)}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </Modal>
  );
}

export function TagsDialog({ model, snapshot, noteId, onClose }: { model: BoardModel; snapshot: Snapshot; noteId: string; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState("");
  const note = snapshot.byId.get(noteId);
  useEffect(() => {
    if (!note) onClose();
  }, [note, onClose]);
  if (!note) return null;
  return (
    <Modal title={t("notes.tagsTitle")} onClose={onClose} testId="tags-dialog">
      {note.tags.length === 0 ? (
        <p className="text-muted">{t("notes.tagsNone")}</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {note.tags.map((tag) => (
            <li key={tag} className="flex items-center gap-1 rounded-full bg-accent-soft pl-3">
              <span className="font-semibold">#{tag}</span>
              <button type="button" className="btn-ghost min-h-9 px-2 py-1" aria-label={t("notes.tagRemove", { tag })} onClick={() => model.removeTag(noteId, tag)}>
                <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="mt-4 space-y-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (model.addTag(noteId, value)) setValue("");
        }}
      >
        <label htmlFor={`${id}-tag`} className="font-semibold">
          {t("notes.tagNew")}
        </label>
        <div className="flex gap-2">
          <input id={`${id}-tag`} className="field min-w-0 flex-1" value={value} maxLength={TAG_MAX + 1} list={`${id}-known`} onChange={(e) => setValue(e.target.value)} autoFocus />
          <datalist id={`${id}-known`}>
            {snapshot.tags.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
          <button type="submit" className="btn-primary">
            {t("notes.tagAdd")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
