"use client";
// What the room sees once a question is revealed: the right answer, the room's answers as bars
// (with their numbers written: never colour alone), the explanation; the scores when a mode is
// on (never a person's name), and the facilitator's summary at the end.
import { quizAnswerText, type FacilitatorQuizView, type PublicQuestion, type QuestionResults, type QuizAnswer, type QuizOption, type Scoreboard as ScoreboardData } from "@/domain/quiz";
import { useLocale, useT } from "../I18nProvider";
import { formatNumber, plural } from "./hooks";

/** The answer in words ("24 mois", "Vrai", "A ; B", "20 heures"), in this screen's language. */
export function answerText(answer: QuizAnswer, options: readonly QuizOption[], unit: string | null, locale: "fr" | "en", t: (k: "quiz.trueLabel" | "quiz.falseLabel") => string): string {
  return quizAnswerText(answer, options, unit, locale, { true: t("quiz.trueLabel"), false: t("quiz.falseLabel") });
}

function Bar({ share, correct }: { share: number; correct: boolean }) {
  return (
    <div className="mt-1 h-3 w-full overflow-hidden rounded-full bg-[#eef0f2]" aria-hidden="true">
      <div className={`h-full rounded-full ${correct ? "bg-accent" : "bg-[#8a94a3]"}`} style={{ width: `${Math.round(share * 100)}%` }} />
    </div>
  );
}

function CorrectMark() {
  const t = useT();
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-accent px-2 py-0.5 text-sm font-bold text-white" data-testid="quiz-correct-mark">
      <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {t("quiz.results.correctBadge")}
    </span>
  );
}

/** The right answer, the room's bars and the explanation of a revealed question, one under the other. */
export function RevealPanel({ results, question, mine, headingLevel = 2 }: { results: QuestionResults; question: PublicQuestion | null; mine: QuizAnswer | null; headingLevel?: 2 | 3 }) {
  return (
    <div className="space-y-4" data-testid="quiz-reveal">
      <CorrectAnswer results={results} question={question} headingLevel={headingLevel} />
      <RoomAnswers results={results} mine={mine} headingLevel={headingLevel} />
      <Explanation results={results} headingLevel={headingLevel} />
    </div>
  );
}

function optionsIn(results: QuestionResults): QuizOption[] {
  const d = results.distribution;
  return d.kind === "number" ? [] : d.bars.map((b) => ({ id: b.optionId, label: b.label }));
}

export function CorrectAnswer({ results, question, headingLevel = 2 }: { results: QuestionResults; question: PublicQuestion | null; headingLevel?: 2 | 3 }) {
  const t = useT();
  const locale = useLocale();
  const H = headingLevel === 2 ? "h2" : "h3";
  const d = results.distribution;
  const options = optionsIn(results);
  const unit = d.kind === "number" ? d.unit : (question?.unit ?? null);
  const correctText =
    d.kind === "number" && d.tolerance > 0 && results.correctAnswer.kind === "number"
      ? t("quiz.results.withTolerance", { value: answerText(results.correctAnswer, options, unit, locale, t), tolerance: formatNumber(d.tolerance, locale) })
      : answerText(results.correctAnswer, options, unit, locale, t);
  return (
    <div className="rounded-xl border-2 border-accent bg-accent-soft p-3">
      <H className="text-sm font-bold uppercase tracking-wide text-accent">{t("quiz.results.correctAnswer")}</H>
      {results.correctAnswer.kind === "ordering" ? (
        <ol className="mt-1 space-y-0.5 text-lg font-semibold" data-testid="quiz-correct-answer">
          {results.correctAnswer.order.map((id, i) => (
            <li key={id}>
              {i + 1}. {options.find((o) => o.id === id)?.label ?? id}
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-0.5 text-xl font-bold" data-testid="quiz-correct-answer">
          {correctText}
        </p>
      )}
    </div>
  );
}

export function Explanation({ results, headingLevel = 2 }: { results: QuestionResults; headingLevel?: 2 | 3 }) {
  const t = useT();
  const H = headingLevel === 2 ? "h2" : "h3";
  if (!results.explanation) return null;
  return (
    <div className="rounded-xl bg-daisy-soft p-3" data-testid="quiz-explanation">
      <H className="font-bold">{t("quiz.results.explanation")}</H>
      <p className="whitespace-pre-line">{results.explanation}</p>
    </div>
  );
}

/** The room's answers as bars, each with its number written. */
export function RoomAnswers({ results, mine, headingLevel = 2 }: { results: QuestionResults; mine: QuizAnswer | null; headingLevel?: 2 | 3 }) {
  const t = useT();
  const locale = useLocale();
  const H = headingLevel === 2 ? "h2" : "h3";
  const d = results.distribution;
  const mineIds = new Set(mine?.kind === "single" ? [mine.optionId] : mine?.kind === "multiple" ? mine.optionIds : mine?.kind === "trueFalse" ? [String(mine.value)] : []);
  return (
    <div data-testid="quiz-room-answers">
        <H className="font-bold">{t("quiz.results.title")}</H>
        <p className="text-muted" data-testid="quiz-correct-count">
          {plural(t, locale, "quiz.results.count", results.answeredCount)}
          {results.answeredCount > 0 && <> · {t("quiz.results.correctCount", { correct: results.correctCount, answered: results.answeredCount })}</>}
        </p>
        {results.answeredCount === 0 ? (
          <p className="mt-2 italic text-muted">{t("quiz.results.noAnswers")}</p>
        ) : d.kind === "options" ? (
          <ul className="mt-2 space-y-2" data-testid="quiz-bars">
            {d.bars.map((b) => {
              const share = results.answeredCount ? b.count / results.answeredCount : 0;
              return (
                <li key={b.optionId} className={`rounded-xl border-2 p-2 ${b.correct ? "border-accent" : "border-line"}`} data-testid="quiz-bar" data-correct={b.correct}>
                  <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                    <span className="flex flex-wrap items-center gap-2 font-semibold">
                      <span>{b.label}</span>
                      {b.correct && <CorrectMark />}
                      {mineIds.has(b.optionId) && <span className="rounded-full bg-white px-2 py-0.5 text-sm ring-1 ring-ink">{t("quiz.results.yourPick")}</span>}
                    </span>
                    <span className="font-bold tabular-nums" data-testid="quiz-bar-count">
                      {plural(t, locale, "quiz.results.count", b.count)} ({Math.round(share * 100)} %)
                    </span>
                  </div>
                  <Bar share={share} correct={b.correct} />
                </li>
              );
            })}
          </ul>
        ) : d.kind === "ordering" ? (
          <>
            <p className="mt-1 font-semibold">{plural(t, locale, "quiz.results.orderingExact", d.exactCount)}</p>
            <ol className="mt-2 space-y-2" data-testid="quiz-bars">
              {d.bars.map((b) => {
                const share = results.answeredCount ? b.inPlace / results.answeredCount : 0;
                return (
                  <li key={b.optionId} className="rounded-xl border-2 border-line p-2" data-testid="quiz-bar">
                    <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                      <span className="font-semibold">
                        {b.position}. {b.label}
                      </span>
                      <span className="tabular-nums" data-testid="quiz-bar-count">
                        {plural(t, locale, "quiz.results.inPlace", b.inPlace)}
                      </span>
                    </div>
                    <Bar share={share} correct />
                  </li>
                );
              })}
            </ol>
          </>
        ) : (
          <ul className="mt-2 space-y-2" data-testid="quiz-bars">
            {d.bars.map((b) => {
              const share = results.answeredCount ? b.count / results.answeredCount : 0;
              const mineHere = mine?.kind === "number" && mine.value === b.value;
              return (
                <li key={b.value} className={`rounded-xl border-2 p-2 ${b.correct ? "border-accent" : "border-line"}`} data-testid="quiz-bar" data-correct={b.correct}>
                  <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                    <span className="flex flex-wrap items-center gap-2 font-semibold">
                      <span>
                        {formatNumber(b.value, locale)}
                        {d.unit ? ` ${d.unit}` : ""}
                      </span>
                      {b.correct && <CorrectMark />}
                      {mineHere && <span className="rounded-full bg-white px-2 py-0.5 text-sm ring-1 ring-ink">{t("quiz.results.yourPick")}</span>}
                    </span>
                    <span className="font-bold tabular-nums" data-testid="quiz-bar-count">
                      {plural(t, locale, "quiz.results.count", b.count)}
                    </span>
                  </div>
                  <Bar share={share} correct={b.correct} />
                </li>
              );
            })}
          </ul>
        )}
    </div>
  );
}

/** Scores shared with the room: how many people reached each score, or the teams. Never a name. */
export function Scoreboard({ board }: { board: ScoreboardData }) {
  const t = useT();
  const locale = useLocale();
  if (board.mode === "none") return null;
  if (board.mode === "anonymous") {
    const max = Math.max(1, ...board.distribution.map((r) => r.count));
    return (
      <section aria-labelledby="quiz-scoreboard" className="card p-3" data-testid="quiz-scoreboard">
        <h2 id="quiz-scoreboard" className="font-bold">
          {t("quiz.scoreboard.anonymousTitle")}
        </h2>
        <ul className="mt-2 space-y-1.5">
          {[...board.distribution].reverse().map((r) => (
            <li key={r.points}>
              <div className="flex justify-between gap-3">
                <span className="font-semibold">{plural(t, locale, "quiz.scoreboard.points", r.points)}</span>
                <span className="tabular-nums">{plural(t, locale, "quiz.results.people", r.count)}</span>
              </div>
              <Bar share={r.count / max} correct={false} />
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section aria-labelledby="quiz-scoreboard" className="card p-3" data-testid="quiz-scoreboard">
      <h2 id="quiz-scoreboard" className="font-bold">
        {t("quiz.scoreboard.teamTitle")}
      </h2>
      <ol className="mt-2 space-y-1.5">
        {board.teams.map((team) => (
          <li key={team.teamId} className="flex flex-wrap items-baseline gap-x-3 rounded-xl border border-line p-2">
            <span className="font-bold tabular-nums">{t("quiz.scoreboard.rank", { rank: team.rank })}</span>
            <span className="flex-1 font-semibold">
              {team.name}
              {team.tied && <span className="ml-2 text-sm font-normal text-muted">({t("quiz.scoreboard.tied")})</span>}
            </span>
            <span className="text-sm">
              {plural(t, locale, "quiz.scoreboard.average", team.average)} · {plural(t, locale, "quiz.scoreboard.members", team.members)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The facilitator's end screen: each question, how many answered, how many were right. */
export function Summary({ view }: { view: FacilitatorQuizView }) {
  const t = useT();
  return (
    <section aria-labelledby="quiz-summary" className="card overflow-x-auto p-3" data-testid="quiz-summary">
      <h2 id="quiz-summary" className="text-lg font-bold">
        {t("quiz.summary.title")}
      </h2>
      <table className="mt-2 w-full border-collapse text-left">
        <thead>
          <tr className="border-b-2 border-line">
            <th scope="col" className="py-1.5 pr-3">
              {t("quiz.summary.question")}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right">
              {t("quiz.summary.answered")}
            </th>
            <th scope="col" className="py-1.5 pl-2 text-right">
              {t("quiz.summary.correct")}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.quiz.questions.map((q, i) => {
            const s = view.shown.find((x) => x.questionId === q.id);
            return (
              <tr key={q.id} className="border-b border-line align-top" data-testid="quiz-summary-row">
                <th scope="row" className="py-1.5 pr-3 font-normal">
                  <span className="font-semibold">{i + 1}.</span> {q.prompt}
                </th>
                {s ? (
                  <>
                    <td className="px-2 py-1.5 text-right tabular-nums">{s.answeredCount}</td>
                    <td className="py-1.5 pl-2 text-right tabular-nums">{s.correctCount}</td>
                  </>
                ) : (
                  <td colSpan={2} className="py-1.5 pl-2 text-right italic text-muted">
                    {t("quiz.summary.notShown")}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
