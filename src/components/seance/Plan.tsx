"use client";
// The séance tools beyond the step views: the facilitator's preparation of the plan (M19,
// T8), the subject choice (M14-M18), and the spotlight and summon everyone sees (M10).
import { useEffect, useId, useRef, useState } from "react";
import {
  CODEV_COLLECTION as C,
  MAX_STEP_MINUTES,
  MAX_SUBJECT_TITLE,
  MIN_STEP_MINUTES,
  type MethodRole,
  type MethodTemplate,
} from "@/domain/facilitation";
import type { CollectionsModel } from "@/client/collections";
import type { PresenceEntry, SeanceStateEvent } from "@/protocol";
import { useT } from "../I18nProvider";
import { useItems } from "./hooks";
import type { Run } from "./SeanceRoom";

// ---- preparation -----------------------------------------------------------------------

interface Row {
  minutes: string;
  enabled: boolean;
}

function rowsFrom(template: MethodTemplate, state: SeanceStateEvent): Record<string, Row> {
  return Object.fromEntries(
    template.steps.map((s) => {
      const planned = state.plan.find((p) => p.stepId === s.id);
      return [s.id, { minutes: String(planned ? Math.round(planned.durationMs / 60_000) : s.defaultDurationMin), enabled: planned !== undefined }];
    }),
  );
}

function wholeMinutes(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= MIN_STEP_MINUTES && n <= MAX_STEP_MINUTES ? n : null;
}

/** The facilitator, in the lobby: each step's duration in minutes, optional steps on or off. */
export function PreparationPanel({ template, state, run, busy, locale }: { template: MethodTemplate; state: SeanceStateEvent; run: Run; busy: boolean; locale: "fr" | "en" }) {
  const t = useT();
  const id = useId();
  const [rows, setRows] = useState(() => rowsFrom(template, state));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const set = (stepId: string, change: Partial<Row>) => {
    setSaved(false);
    setRows((r) => ({ ...r, [stepId]: { ...r[stepId], ...change } }));
  };
  const total = template.steps.reduce((sum, s) => sum + (rows[s.id]?.enabled ? (wholeMinutes(rows[s.id].minutes) ?? 0) : 0), 0);

  const save = async () => {
    const found: Record<string, string> = {};
    const steps: Record<string, { durationMin: number; enabled?: boolean }> = {};
    for (const s of template.steps) {
      const row = rows[s.id];
      const minutes = wholeMinutes(row.minutes);
      if (minutes === null) {
        if (row.enabled) found[s.id] = t("seance.prep.invalid", { title: s.title[locale] });
        if (row.enabled || !s.optional) continue;
      }
      steps[s.id] = { durationMin: minutes ?? s.defaultDurationMin, ...(s.optional ? { enabled: row.enabled } : {}) };
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`${id}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    const res = await run({ type: "prepare", preparation: { steps } });
    setSaved(res.ok);
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card p-4" data-testid="preparation">
      <h3 id={`${id}-title`} className="text-lg font-bold">
        {t("seance.prep.title")}
      </h3>
      <p className="text-muted">{t("seance.prep.lead")}</p>
      <form
        className="mt-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <ol className="space-y-1">
          {template.steps.map((s) => {
            const row = rows[s.id];
            const title = s.title[locale];
            const error = errors[s.id];
            return (
              <li key={s.id} className="border-b border-line py-2 last:border-0" data-testid="prep-step">
                <div className="flex flex-wrap items-center justify-between gap-3">
                  {s.optional ? (
                    <label className="flex min-h-11 cursor-pointer items-center gap-2 font-semibold">
                      <input
                        type="checkbox"
                        className="h-5 w-5 accent-[#1f5c3f]"
                        checked={row.enabled}
                        onChange={(e) => set(s.id, { enabled: e.target.checked })}
                        aria-label={t("seance.prep.include", { title })}
                        data-testid={`prep-enable-${s.id}`}
                      />
                      <span>{title}</span>
                      <span className="text-sm font-normal text-muted">({t("seance.prep.optional")})</span>
                    </label>
                  ) : (
                    <span className="font-semibold">{title}</span>
                  )}
                  <span className="flex items-center gap-2">
                    <label htmlFor={`${id}-${s.id}`} className="sr-only">
                      {t("seance.prep.minutes", { title })}
                    </label>
                    <input
                      id={`${id}-${s.id}`}
                      type="number"
                      inputMode="numeric"
                      min={MIN_STEP_MINUTES}
                      max={MAX_STEP_MINUTES}
                      step={1}
                      className="field min-h-11 w-24 py-1 text-right text-base disabled:opacity-50"
                      value={row.minutes}
                      disabled={!row.enabled}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-${s.id}-err` : undefined}
                      onChange={(e) => set(s.id, { minutes: e.target.value })}
                      data-testid={`prep-minutes-${s.id}`}
                    />
                    <span aria-hidden="true">{t("seance.prep.minutesUnit")}</span>
                  </span>
                </div>
                {error && (
                  <p id={`${id}-${s.id}-err`} className="error-text mt-1" data-testid="prep-error">
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button type="submit" className="btn-primary" disabled={busy} data-testid="prep-save">
            {t("seance.prep.save")}
          </button>
          <span className="text-muted">{t("seance.prep.total", { minutes: total })}</span>
          <p role="status" className={saved ? "font-semibold text-accent" : "sr-only"} data-testid="prep-saved">
            {saved ? t("seance.prep.saved") : ""}
          </p>
        </div>
      </form>
    </section>
  );
}

// ---- subject choice --------------------------------------------------------------------

export function SubjectChoiceView({ state, role, run, busy, presence }: { state: SeanceStateEvent; role: MethodRole; run: Run; busy: boolean; presence: PresenceEntry[] | null }) {
  const t = useT();
  const id = useId();
  const me = state.you.participantId;
  const participates = role !== "facilitator" && role !== "observer";
  const mine = state.subjects.find((s) => s.proposerId === me);
  const [draft, setDraft] = useState(mine?.title ?? "");
  const [error, setError] = useState<string | null>(null);
  const leading = state.subjects.filter((s) => s.leading);
  const tie = leading.length > 1;
  const chosen = state.subjects.find((s) => s.subjectId === state.chosenSubjectId);
  const nameOf = (pid: string) => presence?.find((p) => p.id === pid)?.displayName ?? t("seance.subject.someone");

  return (
    <div className="mx-auto max-w-3xl space-y-4" data-testid="subject-choice">
      {chosen && (
        <p role="status" className="rounded-xl border-2 border-accent bg-accent-soft p-3 text-lg font-semibold" data-testid="subject-chosen">
          {t("seance.subject.chosenNotice", { title: chosen.title })}
        </p>
      )}
      {participates && (
        <form
          className="card space-y-2 p-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const title = draft.trim();
            if (!title) return;
            if (title.length > MAX_SUBJECT_TITLE) {
              setError(t("seance.subject.tooLong"));
              return;
            }
            setError(null);
            void run({ type: "proposeSubject", title });
          }}
        >
          <label htmlFor={id} className="block font-semibold">
            {t("seance.subject.proposeLabel")}
          </label>
          <p id={`${id}-h`} className="text-sm text-muted">
            {t("seance.subject.proposeHint")}
          </p>
          <input
            id={id}
            className="field"
            maxLength={MAX_SUBJECT_TITLE}
            aria-describedby={`${id}-h`}
            aria-invalid={error ? true : undefined}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="subject-input"
          />
          {error && <p className="error-text">{error}</p>}
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="btn-primary" disabled={busy || !draft.trim()} data-testid="subject-propose">
              {mine ? t("seance.subject.rename") : t("seance.subject.propose")}
            </button>
            {mine && (
              <button
                type="button"
                className="btn-secondary"
                disabled={busy}
                onClick={() => void run({ type: "withdrawSubject" }).then((r) => r.ok && setDraft(""))}
                data-testid="subject-withdraw"
              >
                {t("seance.subject.withdraw")}
              </button>
            )}
          </div>
          {mine && <p className="text-sm">{t("seance.subject.proposed")}</p>}
        </form>
      )}
      <section aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} className="text-lg font-bold">
          {t("seance.subject.listTitle")} ({state.subjects.length})
        </h2>
        {tie && (
          <p className="mt-1 rounded-lg bg-daisy-soft px-3 py-1 font-semibold" data-testid="subject-tie">
            {t("seance.subject.tieNotice", { count: leading.length })}
          </p>
        )}
        {state.subjects.length === 0 && <p className="italic text-muted">{t("seance.subject.empty")}</p>}
        <ul className="mt-2 space-y-2">
          {state.subjects.map((s) => {
            const myVote = state.you.vote === s.subjectId;
            const isChosen = s.subjectId === state.chosenSubjectId;
            return (
              <li key={s.subjectId} className={`rounded-xl border bg-white p-3 ${isChosen ? "border-2 border-accent" : myVote ? "border-2 border-daisy" : "border-line"}`} data-testid="subject">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="break-words text-lg font-semibold" data-testid="subject-title">
                      {s.title}
                    </p>
                    <p className="text-sm text-muted">{s.proposerId === me ? t("seance.subject.byMe") : t("seance.subject.by", { name: nameOf(s.proposerId) })}</p>
                  </div>
                  <p className="flex shrink-0 flex-wrap items-center gap-2">
                    {s.leading && (
                      <span className="rounded-full bg-daisy px-2.5 py-0.5 text-sm font-semibold text-ink" data-testid="subject-leading">
                        {tie ? t("seance.subject.tie") : t("seance.subject.leading")}
                      </span>
                    )}
                    {myVote && <span className="rounded-full bg-daisy-soft px-2.5 py-0.5 text-sm font-semibold ring-1 ring-daisy">✓ {t("seance.subject.myVote")}</span>}
                    {isChosen && <span className="rounded-full bg-accent px-2.5 py-0.5 text-sm font-semibold text-white">{t("seance.subject.chosen")}</span>}
                    <span className="font-mono text-lg font-bold" data-testid="subject-votes">
                      {t("seance.subject.votes", { count: s.votes })}
                    </span>
                  </p>
                </div>
                <div className="mt-2 flex flex-wrap gap-2">
                  {participates && (
                    <button
                      type="button"
                      className={myVote ? "btn-primary" : "btn-secondary"}
                      aria-pressed={myVote}
                      aria-label={myVote ? t("seance.subject.unvoteLabel", { title: s.title }) : t("seance.subject.voteLabel", { title: s.title })}
                      disabled={busy}
                      onClick={() => void run({ type: "vote", subjectId: myVote ? null : s.subjectId })}
                      data-testid="subject-vote"
                    >
                      {myVote ? t("seance.subject.unvote") : t("seance.subject.vote")}
                    </button>
                  )}
                  {role === "facilitator" && !isChosen && (
                    <button
                      type="button"
                      className="btn-primary"
                      aria-label={t("seance.subject.pickLabel", { title: s.title })}
                      disabled={busy}
                      onClick={() => void run({ type: "pickSubject", subjectId: s.subjectId })}
                      data-testid="subject-pick"
                    >
                      {t("seance.subject.pick")}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

// ---- spotlight and summon --------------------------------------------------------------

export interface Spotlight {
  itemId: string | null;
  /** Only for the facilitator: spotlight an item, or clear with null. */
  set?: (itemId: string | null) => void;
}

export function SpotlightButton({ spotlight, itemId, text }: { spotlight?: Spotlight; itemId: string; text: string }) {
  const t = useT();
  if (!spotlight?.set) return null;
  const on = spotlight.itemId === itemId;
  return (
    <button
      type="button"
      className={on ? "btn-primary" : "btn-secondary"}
      aria-pressed={on}
      aria-label={on ? t("seance.spotlight.clear") : t("seance.spotlight.buttonLabel", { text: text.slice(0, 80) })}
      onClick={() => spotlight.set?.(on ? null : itemId)}
      data-testid="spotlight-button"
    >
      {on ? t("seance.spotlight.clear") : t("seance.spotlight.button")}
    </button>
  );
}

/** Everyone sees the spotlighted item, large, under the now panel. */
export function SpotlightBanner({ state, model, onClear }: { state: SeanceStateEvent; model: CollectionsModel; onClear?: () => void }) {
  const t = useT();
  const questions = useItems(model, C.questions);
  const suggestions = useItems(model, C.suggestions);
  const notes = useItems(model, C.notes);
  const itemId = state.spotlight?.itemId;
  if (!itemId) return null;
  const item = [...questions, ...suggestions, ...notes].find((i) => i.id === itemId);
  const text = item && typeof item.values.text === "string" ? item.values.text : null;
  return (
    <section aria-label={t("seance.spotlight.title")} className="border-b-2 border-daisy bg-daisy-soft px-4 py-3" data-testid="spotlight">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-bold uppercase tracking-wide text-accent">★ {t("seance.spotlight.title")}</p>
          <p role="status" className="whitespace-pre-wrap break-words text-2xl font-semibold leading-snug" data-testid="spotlight-text">
            {text ?? "…"}
          </p>
        </div>
        {onClear && (
          <button type="button" className="btn-secondary shrink-0" onClick={onClear} data-testid="spotlight-clear">
            {t("seance.spotlight.clear")}
          </button>
        )}
      </div>
    </section>
  );
}

/** Participants follow each new summon once: the step's content scrolls into view and takes the focus. */
export function useFollowSummon(state: SeanceStateEvent | null, isFacilitator: boolean, targetId: string): string | null {
  const followed = useRef<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const t = useT();
  const at = state?.summon?.at ?? null;
  useEffect(() => {
    if (isFacilitator || at === null || followed.current === at) {
      if (at === null) setNotice(null);
      return;
    }
    followed.current = at;
    const target = document.getElementById(targetId);
    if (target) {
      const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      target.scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "start" });
      target.focus({ preventScroll: true });
    }
    setNotice(t("seance.summon.followed"));
  }, [at, isFacilitator, targetId, t]);
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), 8_000);
    return () => window.clearTimeout(timer);
  }, [notice]);
  return notice;
}
