"use client";
// The facilitator's quiz once saved: the ready screen (questions, join code, scoring), then the
// question on screen with the live count and, once revealed, the room's answers; at the end the
// summary and the scores. The bar at the bottom drives it: reveal, next question, end.
import { useEffect, useId, useState } from "react";
import type { QuizClient } from "@/client/quiz";
import type { CommandResult } from "@/client/seance";
import { formatJoinCode } from "@/domain/joinCode";
import { MAX_TEAMS, TEAM_NAME_MAX, type FacilitatorQuizView, type QuizQuestion, type QuizTeam, type ScoringMode } from "@/domain/quiz";
import type { QuizWireCommand } from "@/protocol";
import { useLocale, useT } from "../I18nProvider";
import { formatNumber, plural } from "./hooks";
import { answerText, CorrectAnswer, Explanation, RoomAnswers, Scoreboard, Summary } from "./Results";
import { QuestionImage } from "./QuestionImage";

export type RunCommand = (command: QuizWireCommand) => Promise<CommandResult>;

/** `onShare`: opens the share panel (the quiz room); a national day's dashboard shows its code in its header and has none. */
export function ReadyView({ view, code, run, busy, onEdit, onShare }: { view: FacilitatorQuizView; code: string; run: RunCommand; busy: boolean; onEdit: () => void; onShare?: () => void }) {
  const t = useT();
  return (
    <div className="mx-auto grid max-w-5xl gap-4 lg:grid-cols-[1fr_22rem]" data-testid="quiz-ready">
      <section aria-labelledby="quiz-ready-list" className="card p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="quiz-ready-list" className="text-lg font-bold">
            {t("quiz.ready.questions")}
          </h2>
          <button type="button" className="btn-secondary" onClick={onEdit} data-testid="quiz-edit">
            {t("quiz.ready.edit")}
          </button>
        </div>
        <ol className="mt-3 space-y-2">
          {view.quiz.questions.map((q, i) => (
            <li key={q.id} className="flex gap-3 rounded-xl border border-line p-2">
              <span className="w-6 shrink-0 font-bold text-accent">{i + 1}.</span>
              <span className="min-w-0 flex-1">
                <span className="block break-words font-semibold">{q.prompt}</span>
                <span className="text-sm text-muted">
                  {t(`quiz.editor.kinds.${q.kind}`)} · {q.timeLimitSec === null ? t("quiz.noLimit") : t("quiz.ready.limit", { seconds: q.timeLimitSec })}
                </span>
              </span>
            </li>
          ))}
        </ol>
      </section>
      <div className="space-y-4">
        <section className="card p-4" aria-labelledby="quiz-ready-code">
          <h2 id="quiz-ready-code" className="font-semibold">
            {t("quiz.ready.joinWith")}
          </h2>
          <p className="font-mono text-4xl font-bold tracking-wider" data-testid="quiz-join-code">
            {formatJoinCode(code)}
          </p>
          {onShare && (
            <button type="button" className="btn-secondary mt-2" onClick={onShare}>
              {t("quiz.ready.showShare")}
            </button>
          )}
        </section>
        <ScoringChoice view={view} run={run} busy={busy} />
      </div>
    </div>
  );
}

function ScoringChoice({ view, run, busy }: { view: FacilitatorQuizView; run: RunCommand; busy: boolean }) {
  const t = useT();
  const id = useId();
  const defaults = (): QuizTeam[] => [1, 2].map((n) => ({ id: `t${n}`, name: t("quiz.scoring.defaultTeam", { index: n }) }));
  const [teams, setTeams] = useState<QuizTeam[]>(() => (view.teams.length >= 2 ? [...view.teams] : defaults()));
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!dirty && view.teams.length >= 2) setTeams([...view.teams]);
  }, [view.teams, dirty]);

  // The choice shows at once; the server's word follows (and wins if it refuses).
  // The ack may come before the new state does: the choice stays until the state shows it, so
  // it never flips back for a moment.
  const [pending, setPending] = useState<ScoringMode | null>(null);
  const current = pending ?? view.scoring;
  useEffect(() => {
    if (pending !== null && view.scoring === pending) setPending(null);
  }, [pending, view.scoring]);
  const choose = async (mode: ScoringMode) => {
    setSaved(false);
    setPending(mode);
    const res = await run({ type: "setScoring", mode, teams: mode === "team" ? teams : undefined });
    if (!res.ok) setPending(null);
    else {
      setSaved(true);
      setDirty(false);
    }
  };
  const modes: ScoringMode[] = ["none", "anonymous", "team"];
  return (
    <fieldset className="card p-4" data-testid="quiz-scoring">
      <legend className="px-1 text-lg font-bold">{t("quiz.scoring.legend")}</legend>
      <p className="text-sm text-muted">{t("quiz.scoring.hint")}</p>
      <div className="mt-2 space-y-2">
        {modes.map((m) => (
          <label key={m} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-xl border-2 border-line p-2 has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-accent">
            <input type="radio" name={`${id}-scoring`} className="mt-1 h-5 w-5 shrink-0 accent-[#1f5c3f]" checked={current === m} onChange={() => void choose(m)} data-testid={`quiz-scoring-${m}`} />
            <span>
              <span className="block font-semibold">{t(`quiz.scoring.${m}`)}</span>
              <span className="block text-sm text-muted">{t(`quiz.scoring.${m}Help`)}</span>
            </span>
          </label>
        ))}
      </div>
      {current === "team" && (
        <div className="mt-3 space-y-2">
          {teams.map((team, i) => (
            <div key={team.id} className="flex items-center gap-2">
              <label htmlFor={`${id}-${team.id}`} className="sr-only">
                {t("quiz.scoring.teamName", { index: i + 1 })}
              </label>
              <input
                id={`${id}-${team.id}`}
                className="field"
                value={team.name}
                maxLength={TEAM_NAME_MAX}
                onChange={(e) => {
                  const v = e.target.value;
                  setTeams((ts) => ts.map((x) => (x.id === team.id ? { ...x, name: v } : x)));
                  setDirty(true);
                  setSaved(false);
                }}
              />
              <button
                type="button"
                className="btn-ghost px-2 text-danger disabled:opacity-40"
                disabled={teams.length <= 2}
                aria-label={t("quiz.scoring.removeTeam", { index: i + 1 })}
                onClick={() => {
                  setTeams((ts) => ts.filter((x) => x.id !== team.id));
                  setDirty(true);
                }}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </div>
          ))}
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-ghost text-accent disabled:opacity-40"
              disabled={teams.length >= MAX_TEAMS}
              onClick={() => {
                const n = teams.length + 1;
                const taken = new Set(teams.map((x) => x.id));
                let k = n;
                while (taken.has(`t${k}`)) k++;
                setTeams([...teams, { id: `t${k}`, name: t("quiz.scoring.defaultTeam", { index: n }) }]);
                setDirty(true);
              }}
            >
              <span aria-hidden="true">+</span> {t("quiz.scoring.addTeam")}
            </button>
            {dirty && (
              <button type="button" className="btn-primary" disabled={busy} onClick={() => void choose("team")}>
                {t("quiz.scoring.saveTeams")}
              </button>
            )}
          </div>
        </div>
      )}
      <p role="status" className="mt-2 text-sm font-semibold text-accent">
        {saved ? t("quiz.scoring.saved") : ""}
      </p>
    </fieldset>
  );
}

/** The question on screen: prompt, answers offered, live count; the room's answers once revealed. */
export function RunView({ view, code, timeUp }: { view: FacilitatorQuizView; code: string; timeUp: boolean }) {
  const t = useT();
  const locale = useLocale();
  if (view.status === "ended") {
    return (
      <div className="mx-auto max-w-3xl space-y-4" data-testid="quiz-ended">
        <Summary view={view} />
        <Scoreboard board={view.scoreboard} />
      </div>
    );
  }
  const cur = view.current;
  if (!cur) return null;
  const q = cur.public;
  const phase = q.phase === "open" && timeUp ? "closed" : q.phase;
  const present = q.presentCount;
  const share = present ? Math.min(1, q.answeredCount / present) : 0;

  return (
    // On a phone the live count comes first; on a laptop it heads the right-hand column.
    <div className="mx-auto grid max-w-5xl gap-4 lg:grid-cols-[1fr_20rem] lg:grid-rows-[auto_1fr]" data-testid="quiz-run" data-phase={phase}>
      <div className="min-w-0 space-y-4 lg:row-span-2">
        <QuestionImage code={code} image={q.image} alt={q.imageAlt} tall />
        <h2 className="whitespace-pre-line break-words text-2xl font-bold leading-snug sm:text-3xl" data-testid="quiz-prompt">
          {q.prompt}
        </h2>
        {phase === "revealed" ? (
          <div data-testid="quiz-reveal">
            <RoomAnswers results={cur.live} mine={null} headingLevel={3} />
          </div>
        ) : (
          <>
            <QuestionPreview question={cur.question} options={q.options} />
            <details className="card p-3" data-testid="quiz-key">
              <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-accent">{t("quiz.run.showKey")}</summary>
              <p className="text-sm text-muted">{t("quiz.run.showKeyHint")}</p>
              <p className="mt-1 text-lg font-bold">
                {cur.live.distribution.kind === "number" && cur.live.distribution.tolerance > 0
                  ? t("quiz.results.withTolerance", {
                      value: answerText(cur.live.correctAnswer, [], cur.live.distribution.unit, locale, t),
                      tolerance: formatNumber(cur.live.distribution.tolerance, locale),
                    })
                  : answerText(cur.live.correctAnswer, optionsOf(cur.question, t), q.unit, locale, t)}
              </p>
            </details>
          </>
        )}
      </div>
      <div className="card order-first self-start p-4 lg:order-none lg:col-start-2 lg:row-start-1" data-testid="quiz-live-count">
        <p className="text-2xl font-bold tabular-nums sm:text-3xl" data-testid="quiz-answered">
          {plural(t, locale, "quiz.run.answered", q.answeredCount)}
          {present !== null && " "}
          {present !== null && <span className="block text-lg font-semibold text-muted">{plural(t, locale, "quiz.run.ofPresent", present)}</span>}
        </p>
        {present !== null && present > 0 && (
          <div className="mt-2 h-3 w-full overflow-hidden rounded-full bg-[#eef0f2]" aria-hidden="true">
            <div className="h-full rounded-full bg-accent" style={{ width: `${Math.round(share * 100)}%` }} />
          </div>
        )}
      </div>
      {phase === "revealed" && (
        <div className="space-y-3 self-start lg:col-start-2 lg:row-start-2">
          <CorrectAnswer results={cur.live} question={q} headingLevel={3} />
          <Explanation results={cur.live} headingLevel={3} />
          <Scoreboard board={view.scoreboard} />
        </div>
      )}
    </div>
  );
}

function optionsOf(q: QuizQuestion, t: (k: "quiz.trueLabel" | "quiz.falseLabel") => string) {
  if (q.kind === "trueFalse") return [{ id: "true", label: t("quiz.trueLabel") }, { id: "false", label: t("quiz.falseLabel") }];
  return q.kind === "number" ? [] : q.options;
}

/** The answers offered, as participants see them (ordering: shuffled), without the key. */
function QuestionPreview({ question, options }: { question: QuizQuestion; options: readonly { id: string; label: string }[] }) {
  const t = useT();
  if (question.kind === "number") {
    return (
      <p className="text-lg text-muted">
        {t("quiz.run.numberTitle")}
        {question.unit && <> ({t("quiz.run.unit", { unit: question.unit })})</>}
      </p>
    );
  }
  return (
    <div>
      <h3 className="font-semibold text-muted">{question.kind === "ordering" ? t("quiz.run.orderTitle") : t("quiz.run.optionsTitle")}</h3>
      <ul className="mt-1 grid gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <li key={o.id} className="rounded-xl border-2 border-line bg-white p-3 text-lg font-semibold">
            {o.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The facilitator's bar: one primary action at a time (start, reveal, next), end always at hand.
 * At the foot of the quiz room's screen; `inline`: inside a page that scrolls (a national day's
 * dashboard tab), held at the bottom of the window while its panel is in view.
 */
export function QuizBar({ view, run, busy, inline = false }: { view: FacilitatorQuizView; run: RunCommand; busy: boolean; inline?: boolean }) {
  const t = useT();
  const [confirmEnd, setConfirmEnd] = useState(false);
  if (view.status === "ended") return null;
  const cur = view.current;
  const revealed = cur?.public.phase === "revealed";
  const isLast = cur !== null && cur.public.index >= view.quiz.questions.length - 1;
  const next = () => void run({ type: "next" });
  return (
    <nav
      aria-label={t("quiz.run.barLabel")}
      className={inline ? "sticky bottom-2 z-10 rounded-xl border-2 border-accent bg-white shadow-lg" : "border-t-2 border-accent bg-white"}
      data-testid="quiz-bar"
    >
      {confirmEnd ? (
        <div className="flex flex-wrap items-center gap-2 px-3 py-2" role="group" aria-label={t("quiz.run.endConfirm")}>
          <p className="font-semibold">{t("quiz.run.endConfirm")}</p>
          <button type="button" className="btn-danger" disabled={busy} onClick={() => void run({ type: "end" }).then(() => setConfirmEnd(false))} data-testid="quiz-end-yes">
            {t("quiz.run.endYes")}
          </button>
          <button type="button" className="btn-secondary" onClick={() => setConfirmEnd(false)} autoFocus>
            {t("quiz.run.cancel")}
          </button>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-2 px-2 py-2 sm:px-3">
          {view.status === "lobby" && (
            <button type="button" className="btn-primary grow text-lg sm:grow-0" disabled={busy} onClick={next} data-testid="quiz-start">
              {t("quiz.ready.start")} <span aria-hidden="true">→</span>
            </button>
          )}
          {view.status === "running" && cur && !revealed && (
            <>
              <button type="button" className="btn-primary grow text-lg sm:grow-0" disabled={busy} onClick={() => void run({ type: "reveal" })} data-testid="quiz-reveal-button">
                {t("quiz.run.reveal")}
              </button>
              {!isLast && (
                <button type="button" className="btn-secondary px-3 sm:px-4" disabled={busy} onClick={next} data-testid="quiz-next">
                  {t("quiz.run.next")} <span aria-hidden="true">→</span>
                </button>
              )}
            </>
          )}
          {view.status === "running" && cur && revealed && !isLast && (
            <button type="button" className="btn-primary grow text-lg sm:grow-0" disabled={busy} onClick={next} data-testid="quiz-next">
              {t("quiz.run.next")} <span aria-hidden="true">→</span>
            </button>
          )}
          <span className="hidden flex-1 sm:block" />
          {view.status === "running" && (
            <button
              type="button"
              className={revealed && isLast ? "btn-primary text-lg" : "btn-danger px-3 sm:px-4"}
              disabled={busy}
              onClick={() => (revealed && isLast ? void run({ type: "end" }) : setConfirmEnd(true))}
              data-testid="quiz-end"
            >
              {t("quiz.run.end")}
            </button>
          )}
        </div>
      )}
    </nav>
  );
}
