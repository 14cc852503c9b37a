"use client";
// The coordination's tab for what happens in plenary (issue 6): the day's quiz, run from here
// as in a quiz session (the editor with its sample, the ready screen, the question with the
// live count, the reveal, the bar), shown on the participants' plenary screens and on the
// projector; the feedback questionnaire, opened at the end of the day; the day's synthesis. The QuizClient is
// the event connection's (EventRoom): the quiz is followed while another tab is shown.
import { useId } from "react";
import type { QuizClient } from "@/client/quiz";
import type { EventStage } from "@/protocol";
import { FeedbackCard } from "../feedback/FeedbackCard";
import { useLocale, useT } from "../I18nProvider";
import { QuizBar, ReadyView, RunView } from "../quiz/FacilitatorQuiz";
import { useQuizState } from "../quiz/hooks";
import { useQuizNow } from "../quiz/now";
import { useQuizRun } from "../quiz/useQuizRun";
import { QuizEditor } from "../quiz/QuizEditor";
import { QuizNow } from "../quiz/QuizNow";
import { SynthesisDownload } from "./SynthesisDownload";

const NOTHING_SENT = {};

export function PlenaryActivities({ code, token, title, stage, quiz }: { code: string; token: string; title: string; stage: EventStage; quiz: QuizClient }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const state = useQuizState(quiz);
  const { editing, setEditing, started, busy, notice, setNotice, run } = useQuizRun(quiz, code, state, true);

  const facilitator = state?.role === "facilitator";
  const showEditor = facilitator && (!state.prepared || (editing && !started));
  const { facView, timeUp, now } = useQuizNow(quiz, state, { facilitator, editing: showEditor, sent: NOTHING_SENT });

  return (
    <div className="space-y-6" data-testid="plenary-activities">
      <section aria-labelledby={`${id}-quiz`} className="space-y-3">
        <div>
          <h2 id={`${id}-quiz`} className="text-xl font-bold">
            {t("event.plenary.quizTitle")}
          </h2>
          <p data-testid="plenary-quiz-intro">{t("event.plenary.quizIntro")}</p>
          {stage !== "plenary" && (
            <p className="mt-1 rounded-lg bg-daisy-soft px-3 py-2 font-semibold" data-testid="plenary-not-now">
              {t("event.plenary.notInPlenary", { stage: t(`event.stage.${stage}`) })}
            </p>
          )}
        </div>

        {!state ? (
          <p role="status" className="font-semibold">
            {t("quiz.connecting")}
          </p>
        ) : !facilitator ? (
          <p role="alert" className="font-semibold">
            {t("event.plenary.notFacilitator")}
          </p>
        ) : (
          <>
            <div className="overflow-hidden rounded-xl border border-line">
              <QuizNow {...now} />
            </div>
            {notice && (
              <div role="alert" className="flex items-center gap-3 rounded-xl border-2 border-[#8a5a00] bg-[#fde49a] px-3 py-2" data-testid="quiz-notice">
                <p className="flex-1 font-semibold">{notice}</p>
                <button type="button" className="btn-ghost shrink-0" onClick={() => setNotice(null)} aria-label={t("quiz.refused.dismiss")}>
                  ✕
                </button>
              </div>
            )}
            {showEditor ? (
              <QuizEditor
                code={code}
                token={token}
                client={quiz}
                locale={locale}
                sessionTitle={title}
                prepared={facView?.quiz ?? null}
                scoring={facView ? { mode: facView.scoring, teams: facView.teams } : null}
                onSaved={() => setEditing(false)}
                onCancel={state.prepared ? () => setEditing(false) : undefined}
              />
            ) : facView ? (
              <>
                {facView.status === "lobby" ? (
                  <ReadyView view={facView} code={code} run={run} busy={busy} onEdit={() => setEditing(true)} />
                ) : (
                  <>
                    <RunView view={facView} code={code} timeUp={timeUp} />
                    {facView.status === "running" && <p className="text-sm text-muted">{t("event.plenary.projectorHint")}</p>}
                  </>
                )}
                <QuizBar view={facView} run={run} busy={busy} inline />
              </>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby={`${id}-feedback`} className="space-y-3 border-t border-line pt-4">
        <div>
          <h2 id={`${id}-feedback`} className="text-xl font-bold">
            {t("event.plenary.feedbackTitle")}
          </h2>
          <p>{t("event.plenary.feedbackIntro")}</p>
        </div>
        <FeedbackCard code={code} token={token} className="max-w-md" />
      </section>

      <SynthesisDownload code={code} token={token} className="max-w-xl" />
    </div>
  );
}
