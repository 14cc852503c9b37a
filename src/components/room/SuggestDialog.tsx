"use client";
// Suggested groups (facilitator): computed here in the browser by the domain's grouping
// (nothing leaves the machine), previewed with names and notes, accepted all or in part.
import { useEffect, useId, useState } from "react";
import type { Suggestion } from "@/domain/grouping";
import { CLUSTER_NAME_MAX } from "@/domain/clusters";
import { useT } from "../I18nProvider";
import type { BoardModel, Snapshot } from "./boardModel";
import { Modal } from "./Modal";

export function SuggestDialog({ model, snapshot, onDone, onClose }: { model: BoardModel; snapshot: Snapshot; onDone: (created: number) => void; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [kept, setKept] = useState<boolean[]>([]);
  const [names, setNames] = useState<string[]>([]);
  // Notes already grouped by people stay as they are: the suggestion is for the others.
  const [candidates] = useState(() => snapshot.notes.filter((n) => !snapshot.clusterOf.has(n.id) && n.text.trim() !== "").map((n) => ({ id: n.id, text: n.text })));

  useEffect(() => {
    let live = true;
    // The grouping code is loaded when first asked for; it runs on this machine.
    void import("@/domain/grouping").then(({ suggestGroups }) => {
      if (!live) return;
      const s = candidates.length >= 2 ? suggestGroups(candidates) : { language: "fr" as const, groups: [], ungrouped: candidates.map((c) => c.id) };
      setSuggestion(s);
      setKept(s.groups.map(() => true));
      setNames(s.groups.map((g) => g.name));
    });
    return () => {
      live = false;
    };
  }, [candidates]);

  const accept = (which: boolean[]) => {
    if (!suggestion) return;
    const groups = suggestion.groups.flatMap((g, i) => (which[i] ? [{ ...g, name: names[i] ?? g.name }] : []));
    onDone(model.acceptSuggestion(groups));
  };
  const count = kept.filter(Boolean).length;
  const text = (noteId: string) => snapshot.byId.get(noteId)?.text.trim() ?? "";

  return (
    <Modal title={t("suggest.title")} onClose={onClose} wide testId="suggest-dialog">
      <p className="mb-3 text-muted">{t("suggest.lead")}</p>
      {!suggestion ? (
        <p role="status">{t("suggest.computing")}</p>
      ) : suggestion.groups.length === 0 ? (
        <p role="status">{candidates.length < 2 ? t("suggest.tooFew") : t("suggest.none")}</p>
      ) : (
        <>
          <ul className="grid max-h-[58dvh] gap-3 overflow-y-auto sm:grid-cols-2" data-testid="suggested-groups">
            {suggestion.groups.map((g, i) => (
              <li key={g.noteIds[0]} className={`rounded-xl border-2 p-3 ${kept[i] ? "border-accent bg-accent-soft/60" : "border-line"}`} data-testid="suggested-group">
                <div className="flex items-center gap-2">
                  <input
                    id={`${id}-keep-${i}`}
                    type="checkbox"
                    className="h-6 w-6 shrink-0 accent-[#1f5c3f]"
                    checked={kept[i] ?? false}
                    onChange={(e) => setKept((cur) => cur.map((v, j) => (j === i ? e.target.checked : v)))}
                  />
                  <label htmlFor={`${id}-keep-${i}`} className="sr-only">
                    {t("suggest.groupLabel", { name: names[i] ?? g.name, count: g.noteIds.length })}
                  </label>
                  <input
                    className="field min-h-11 min-w-0 flex-1 py-1 text-base font-semibold"
                    aria-label={t("clusters.nameLabel")}
                    value={names[i] ?? ""}
                    maxLength={CLUSTER_NAME_MAX}
                    onChange={(e) => setNames((cur) => cur.map((v, j) => (j === i ? e.target.value : v)))}
                    data-testid="suggested-name"
                  />
                </div>
                <ul className="mt-2 space-y-1 text-sm">
                  {g.noteIds.map((nid) => (
                    <li key={nid} className="line-clamp-2 rounded-md bg-white px-2 py-1">
                      {text(nid) || t("board.noteEmpty")}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {suggestion.ungrouped.length > 0 && <p className="mt-2 text-sm text-muted">{suggestion.ungrouped.length === 1 ? t("suggest.leftAloneOne") : t("suggest.leftAlone", { count: suggestion.ungrouped.length })}</p>}
        </>
      )}
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <button type="button" className="btn-ghost" onClick={onClose}>
          {t("suggest.cancel")}
        </button>
        {suggestion && suggestion.groups.length > 0 && (
          <>
            <button type="button" className="btn-secondary" onClick={() => accept(suggestion.groups.map(() => true))} data-testid="suggest-accept-all">
              {t("suggest.acceptAll")}
            </button>
            <button type="button" className="btn-primary" disabled={count === 0} onClick={() => accept(kept)} data-testid="suggest-accept">
              {t("suggest.acceptSelected", { count })}
            </button>
          </>
        )}
      </div>
    </Modal>
  );
}
