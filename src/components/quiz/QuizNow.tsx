"use client";
// Now and next for the quiz (ux.md §1), on every screen: the quiz's title, "Question 3 sur 10",
// what to do now, the countdown; a gentle notice when a new question arrives.
import { useEffect, useRef, useState } from "react";
import { formatClock } from "@/client/seance";
import { useT } from "../I18nProvider";
import type { QuizNowProps } from "./now";

export function QuizNow({ title, position, heading, instruction, left, timed, chips, known, showChange }: QuizNowProps & { chips?: React.ReactNode }) {
  const t = useT();
  const [changed, setChanged] = useState<string | null>(null);
  const previous = useRef<string | null | undefined>(undefined);
  const questionId = position?.questionId ?? null;
  const index = position?.index ?? 0;
  const count = position?.count ?? 0;

  useEffect(() => {
    if (!known) return;
    if (previous.current !== undefined && questionId && questionId !== previous.current) {
      setChanged(t("quiz.newQuestion", { index, count }));
      previous.current = questionId;
      const timer = window.setTimeout(() => setChanged(null), 5_000);
      return () => window.clearTimeout(timer);
    }
    previous.current = questionId;
  }, [known, questionId, index, count, t]);

  return (
    <section aria-labelledby="quiz-now-heading" className="border-b border-line bg-daisy-soft" data-testid="quiz-now">
      <div className="px-3 py-2 sm:px-4 sm:py-3">
        <div className="flex items-start justify-between gap-3 sm:gap-4">
          <div className="min-w-0">
            <p className="text-xs font-bold uppercase tracking-wide text-accent sm:text-sm">
              {t("quiz.kicker")}
              {position && (
                <>
                  {" · "}
                  <span data-testid="quiz-position">{t("quiz.questionOf", { index: position.index, count: position.count })}</span>
                </>
              )}
            </p>
            <h2 id="quiz-now-heading" className="line-clamp-2 break-words text-lg font-bold leading-snug sm:text-2xl" data-testid="quiz-heading">
              {heading}
            </h2>
            {title && title !== heading && (
              <p className="truncate text-sm font-semibold text-muted" data-testid="quiz-title">
                {title}
              </p>
            )}
          </div>
          {timed === "running" && left !== null && (
            <div className="shrink-0 text-right" data-testid="quiz-countdown-box">
              <p className="text-xs font-semibold text-muted sm:text-sm">{t("quiz.timeLeft")}</p>
              <p
                role="timer"
                aria-label={t("quiz.timeLeftLabel", { time: formatClock(left) })}
                className={`font-mono text-2xl font-bold leading-tight tabular-nums sm:text-4xl ${left <= 5_000 ? "text-danger" : ""}`}
                data-testid="quiz-countdown"
              >
                {formatClock(left)}
              </p>
            </div>
          )}
          {timed === "up" && (
            <p className="shrink-0 rounded-full bg-white px-3 py-1 font-bold ring-1 ring-line" data-testid="quiz-time-up">
              {t("quiz.timeUp")}
            </p>
          )}
        </div>
        <p className="mt-1 font-semibold leading-snug sm:text-lg" data-testid="quiz-instruction">
          {instruction}
        </p>
        {chips && <div className="mt-1 flex flex-wrap items-center gap-1.5 text-sm">{chips}</div>}
        <p role="status" aria-live="polite" className={changed && showChange ? "mt-2 inline-block rounded-lg bg-accent px-3 py-1 font-semibold text-white" : "sr-only"} data-testid="quiz-changed">
          {changed ?? ""}
        </p>
      </div>
    </section>
  );
}
