"use client";
// A participant's quiz (phone first): the waiting screen, the question with large answers and
// one "Valider", "Réponse envoyée" once the server has it, the time-up state, then the reveal
// (kindly worded), the room's answers, the explanation and my own score. Never a ranking of people.
import { useEffect, useId, useRef, useState } from "react";
import { parseNumber, type QuizClient } from "@/client/quiz";
import type { ParticipantQuizView, PublicQuestion, QuizAnswer } from "@/domain/quiz";
import type { QuizStateEvent, QuizWireCommand } from "@/protocol";

type WireAnswer = Extract<QuizWireCommand, { type: "answer" }>["answer"];
import { useLocale, useT } from "../I18nProvider";
import { answerRefusal, formatNumber, plural } from "./hooks";
import { answerText, RevealPanel, Scoreboard } from "./Results";
import { QuestionImage } from "./QuestionImage";

export type SentAnswers = Record<string, QuizAnswer>;

export function ParticipantQuiz({
  code,
  state,
  view,
  client,
  timeUp,
  sent,
  onSent,
}: {
  /** The session's join code: the question's picture is served under it. */
  code: string;
  state: QuizStateEvent;
  view: ParticipantQuizView | null;
  client: QuizClient;
  /** The countdown reached 0 here (the server says so too, a moment later). */
  timeUp: boolean;
  sent: SentAnswers;
  onSent: (questionId: string, answer: QuizAnswer) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const observer = state.role === "observer";
  if (!view || view.status === "lobby") {
    return (
      <div className="mx-auto max-w-xl space-y-4" data-testid="quiz-waiting">
        <div className="card flex items-center gap-4 p-4">
          <WaitingIcon />
          <p className="text-lg">{t("quiz.waitingCard")}</p>
        </div>
        {view && view.scoring === "team" && !observer && <TeamPicker view={view} client={client} />}
      </div>
    );
  }
  if (view.status === "ended") {
    return (
      <div className="mx-auto max-w-xl space-y-4" data-testid="quiz-ended">
        {view.mine && <MyScore view={view} final />}
        <Scoreboard board={view.scoreboard} />
      </div>
    );
  }
  const q = view.question;
  if (!q) return null;
  const mine = view.mine;
  const myAnswer = mine?.answer ?? sent[q.questionId] ?? null;
  const phase = q.phase === "open" && timeUp ? "closed" : q.phase;

  return (
    <div className="mx-auto max-w-xl space-y-4" data-testid="quiz-question" data-phase={phase}>
      {view.scoring === "team" && !observer && phase !== "revealed" && <TeamPicker view={view} client={client} compact />}
      <QuestionImage code={code} image={q.image} alt={q.imageAlt} />
      <h2 className="whitespace-pre-line break-words text-xl font-bold leading-snug sm:text-2xl" data-testid="quiz-prompt">
        {q.prompt}
      </h2>

      {phase === "open" && !myAnswer && !observer && <AnswerForm key={q.questionId} q={q} client={client} onSent={onSent} />}

      {phase === "open" && observer && <OptionsPreview q={q} />}

      {phase !== "revealed" && myAnswer && (
        <div role="status" className="card border-2 border-accent p-4" data-testid="quiz-sent">
          <p className="flex items-center gap-2 text-lg font-bold text-accent">
            <CheckIcon /> {t("quiz.answer.sent")}
          </p>
          <p className="mt-1 break-words">{t("quiz.answer.yourAnswer", { answer: answerText(myAnswer, q.options, q.unit, locale, t) })}</p>
        </div>
      )}

      {phase === "closed" && !myAnswer && !observer && (
        <p role="status" className="card p-4 text-lg" data-testid="quiz-missed">
          {t("quiz.answer.timeUpNoAnswer")}
        </p>
      )}

      {phase === "revealed" && view.reveal && (
        <>
          {mine && <MyResult view={view} />}
          <RevealPanel results={view.reveal} question={q} mine={myAnswer} />
          {mine && <MyScore view={view} />}
          <Scoreboard board={view.scoreboard} />
        </>
      )}
    </div>
  );
}

function MyResult({ view }: { view: ParticipantQuizView }) {
  const t = useT();
  const locale = useLocale();
  const r = view.mine?.result;
  const answered = view.mine?.answered;
  let text: string;
  let tone: string;
  if (!answered || !r) {
    text = t("quiz.mine.none");
    tone = "border-line bg-white";
  } else if (r.correct) {
    text = t("quiz.mine.correct");
    tone = "border-accent bg-accent-soft";
  } else if (r.points > 0) {
    text = t("quiz.mine.partial", { points: formatNumber(r.points, locale) });
    tone = "border-daisy bg-daisy-soft";
  } else {
    text = t("quiz.mine.wrong");
    tone = "border-line bg-white";
  }
  return (
    <p role="status" className={`rounded-xl border-2 p-3 text-lg font-bold ${tone}`} data-testid="quiz-my-result" data-correct={r?.correct ?? false}>
      {r?.correct && <CheckIcon />} {text}
    </p>
  );
}

function MyScore({ view, final = false }: { view: ParticipantQuizView; final?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const s = view.mine?.score;
  if (!s || (s.revealedQuestions === 0 && !final)) return null;
  return (
    <div className={final ? "card border-2 border-accent p-4" : "card p-3"} data-testid="quiz-my-score">
      {final && <h2 className="text-xl font-bold">{t("quiz.mine.finalTitle")}</h2>}
      {s.revealedQuestions > 0 && <p className="text-lg font-bold">{t("quiz.mine.score", { points: formatNumber(s.points, locale), total: s.revealedQuestions })}</p>}
      {final && <p>{plural(t, locale, "quiz.mine.answered", s.answered, { total: view.questionCount })}</p>}
      <p className="text-sm text-muted">{t("quiz.mine.scoreHint")}</p>
    </div>
  );
}

function TeamPicker({ view, client, compact = false }: { view: ParticipantQuizView; client: QuizClient; compact?: boolean }) {
  const t = useT();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = view.mine?.teamId ?? null;
  const team = view.teams.find((x) => x.id === mine);
  const [open, setOpen] = useState(!compact || !team);
  useEffect(() => {
    if (compact && team) setOpen(false);
  }, [compact, team]);
  // Once in a team, the header says which (and a question is no time to change).
  if (!open && team) return null;
  return (
    <fieldset className="card p-3" data-testid="quiz-team-picker">
      <legend className="px-1 font-bold">{team ? t("quiz.team.legend") : t("quiz.team.none")}</legend>
      <div className="mt-1 grid grid-cols-2 gap-2">
        {view.teams.map((x) => (
          <label key={x.id} className="flex min-h-12 cursor-pointer items-center gap-2 rounded-xl border-2 border-line px-3 has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-accent">
            <input
              type="radio"
              name={`${id}-team`}
              className="h-5 w-5 shrink-0 accent-[#1f5c3f]"
              checked={mine === x.id}
              disabled={busy}
              onChange={async () => {
                setBusy(true);
                const res = await client.send({ type: "joinTeam", teamId: x.id });
                setBusy(false);
                setError(res.ok ? null : answerRefusal(t, res));
              }}
            />
            <span className="font-semibold">{x.name}</span>
          </label>
        ))}
      </div>
      {team && (
        <p role="status" className="mt-2 text-sm">
          {t("quiz.team.joined", { name: team.name })}
        </p>
      )}
      {error && (
        <p role="alert" className="error-text mt-1">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function OptionsPreview({ q }: { q: PublicQuestion }) {
  if (q.kind === "number") return null;
  return (
    <ul className="space-y-2">
      {q.options.map((o) => (
        <li key={o.id} className="rounded-xl border-2 border-line bg-white p-3 text-lg">
          {o.label}
        </li>
      ))}
    </ul>
  );
}

/** The answer form of the question's kind, and one "Valider". */
function AnswerForm({ q, client, onSent }: { q: PublicQuestion; client: QuizClient; onSent: (questionId: string, answer: QuizAnswer) => void }) {
  const t = useT();
  const id = useId();
  const [picked, setPicked] = useState<string[]>([]);
  const [order, setOrder] = useState<string[]>(() => q.options.map((o) => o.id));
  const [number, setNumber] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [moved, setMoved] = useState("");
  const focusAfter = useRef<string | null>(null);

  useEffect(() => {
    if (!focusAfter.current) return;
    const el = document.getElementById(focusAfter.current);
    focusAfter.current = null;
    el?.focus();
  });

  function build(): WireAnswer | string {
    switch (q.kind) {
      case "single":
        return picked[0] ? { kind: "single", optionId: picked[0] } : t("quiz.answer.pickOne");
      case "trueFalse":
        return picked[0] ? { kind: "trueFalse", value: picked[0] === "true" } : t("quiz.answer.pickOne");
      case "multiple":
        return picked.length ? { kind: "multiple", optionIds: q.options.filter((o) => picked.includes(o.id)).map((o) => o.id) } : t("quiz.answer.pickSome");
      case "ordering":
        return { kind: "ordering", order };
      case "number": {
        const n = parseNumber(number);
        return Number.isFinite(n) ? { kind: "number", value: n } : t("quiz.answer.numberInvalid");
      }
    }
  }

  async function submit() {
    const answer = build();
    if (typeof answer === "string") {
      setError(answer);
      return;
    }
    setBusy(true);
    setError(null);
    const res = await client.send({ type: "answer", questionId: q.questionId, answer });
    setBusy(false);
    if (res.ok || res.code === "already_answered") onSent(q.questionId, answer);
    else setError(answerRefusal(t, res));
  }

  const move = (from: number, by: -1 | 1) => {
    const to = from + by;
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    [next[from], next[to]] = [next[to], next[from]];
    setOrder(next);
    const label = q.options.find((o) => o.id === next[to])?.label ?? "";
    setMoved(t("quiz.answer.moved", { label, index: to + 1, count: order.length }));
    // The focus follows the item; at an end, it goes to the arrow that still works.
    const atEnd = (by < 0 && to === 0) || (by > 0 && to === order.length - 1);
    focusAfter.current = `${id}-${next[to]}-${atEnd ? (by < 0 ? "down" : "up") : by < 0 ? "up" : "down"}`;
  };

  const choice = q.kind === "single" || q.kind === "trueFalse" || q.kind === "multiple";
  const errorId = `${id}-error`;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
      className="space-y-3"
      data-testid="quiz-answer-form"
    >
      {choice && (
        <fieldset aria-describedby={error ? errorId : undefined}>
          <legend className="sr-only">{q.prompt}</legend>
          <div className="space-y-2">
            {q.options.map((o) => (
              <label
                key={o.id}
                className="flex min-h-14 cursor-pointer items-center gap-3 rounded-xl border-2 border-line bg-white px-4 py-2 text-lg font-semibold has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent"
                data-testid="quiz-choice"
              >
                <input
                  type={q.kind === "multiple" ? "checkbox" : "radio"}
                  name={`${id}-choice`}
                  value={o.id}
                  className="h-6 w-6 shrink-0 accent-[#1f5c3f]"
                  checked={picked.includes(o.id)}
                  onChange={(e) => {
                    setError(null);
                    if (q.kind === "multiple") setPicked((p) => (e.target.checked ? [...p, o.id] : p.filter((x) => x !== o.id)));
                    else setPicked([o.id]);
                  }}
                />
                <span className="min-w-0 break-words">{o.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {q.kind === "ordering" && (
        <div>
          <ol className="space-y-2" aria-describedby={error ? errorId : undefined} data-testid="quiz-order">
            {order.map((oid, i) => {
              const label = q.options.find((o) => o.id === oid)?.label ?? oid;
              return (
                <li key={oid} className="flex items-center gap-2 rounded-xl border-2 border-line bg-white py-1 pl-3 pr-1" data-testid="quiz-order-item">
                  <span className="w-6 shrink-0 text-lg font-bold text-accent" aria-hidden="true">
                    {i + 1}.
                  </span>
                  <span className="min-w-0 flex-1 break-words text-lg font-semibold">{label}</span>
                  <button
                    id={`${id}-${oid}-up`}
                    type="button"
                    className="btn-secondary h-12 w-12 shrink-0 p-0 disabled:opacity-30"
                    disabled={i === 0}
                    aria-label={t("quiz.answer.moveUp", { label })}
                    onClick={() => move(i, -1)}
                  >
                    <ArrowIcon up />
                  </button>
                  <button
                    id={`${id}-${oid}-down`}
                    type="button"
                    className="btn-secondary h-12 w-12 shrink-0 p-0 disabled:opacity-30"
                    disabled={i === order.length - 1}
                    aria-label={t("quiz.answer.moveDown", { label })}
                    onClick={() => move(i, 1)}
                  >
                    <ArrowIcon />
                  </button>
                </li>
              );
            })}
          </ol>
          <p role="status" aria-live="polite" className="sr-only">
            {moved}
          </p>
        </div>
      )}

      {q.kind === "number" && (
        <div>
          <label htmlFor={`${id}-number`} className="block text-lg font-semibold">
            {t("quiz.answer.numberLabel")}
          </label>
          <div className="mt-1 flex items-center gap-2">
            <input
              id={`${id}-number`}
              className="field max-w-48 text-2xl"
              inputMode="decimal"
              autoComplete="off"
              value={number}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => {
                setNumber(e.target.value);
                setError(null);
              }}
              data-testid="quiz-number"
            />
            {q.unit && <span className="text-lg font-semibold">{q.unit}</span>}
          </div>
        </div>
      )}

      {/* Sticky: "Valider" stays in sight however long the answers are. */}
      <div className="sticky bottom-0 -mx-3 space-y-1 bg-paper/95 px-3 py-2 sm:-mx-4 sm:px-4">
        {error && (
          <p id={errorId} role="alert" className="error-text" data-testid="quiz-answer-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn-primary w-full text-xl sm:w-auto sm:min-w-48" disabled={busy} aria-busy={busy} data-testid="quiz-submit">
          {busy ? t("quiz.answer.sending") : t("quiz.answer.submit")}
        </button>
      </div>
    </form>
  );
}

function ArrowIcon({ up = false }: { up?: boolean }) {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={up ? "M12 19V5M5.5 11.5L12 5l6.5 6.5" : "M12 5v14M5.5 12.5L12 19l6.5-6.5"} fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="inline-block shrink-0 align-[-4px]">
      <circle cx="12" cy="12" r="11" fill="#1f5c3f" />
      <path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function WaitingIcon() {
  return (
    <svg width="48" height="48" viewBox="0 0 48 48" aria-hidden="true" focusable="false" className="shrink-0">
      <circle cx="24" cy="24" r="8" fill="#f5c400" stroke="#1f2937" strokeWidth="1.2" />
      {[0, 60, 120, 180, 240, 300].map((a) => (
        <ellipse key={a} cx="24" cy="9" rx="5" ry="7" fill="#fff" stroke="#1f2937" strokeWidth="1.2" transform={`rotate(${a} 24 24)`} />
      ))}
      <circle cx="24" cy="24" r="8" fill="#f5c400" stroke="#1f2937" strokeWidth="1.2" />
    </svg>
  );
}
