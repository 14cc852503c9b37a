"use client";
// The plenary on the big screen (ux.md, Projector): large type, the day's title, where everyone
// is asked to be, the message, the countdown, the join code with its QR code, the groups'
// progress, and after the regroup each angle's synthesis. In plenary, the quiz's question while
// one is on. No controls.
import { useEffect, useState } from "react";
import { BoardConnection } from "@/client/boardConnection";
import { EventClient, synthesisPath } from "@/client/event";
import { QuizClient } from "@/client/quiz";
import { api } from "@/client/api";
import { formatClock } from "@/client/seance";
import { formatJoinCode } from "@/domain/joinCode";
import type { AngleSynthesis } from "@/domain/angles";
import type { FacilitatorQuizView } from "@/domain/quiz";
import { CODEV_TEMPLATE, type MethodTemplate } from "@/domain/facilitation";
import { IC_TEMPLATE } from "@/domain/event";
import { useLocale, useT } from "../I18nProvider";
import { Logo } from "../Logo";
import { useCountdown, useEventState, useServerNow } from "./hooks";
import { plural, useQuizState, useQuizTimeLeft } from "../quiz/hooks";
import { QuestionImage } from "../quiz/QuestionImage";
import { CorrectAnswer, Explanation, RoomAnswers } from "../quiz/Results";
import type { CoordinatorState } from "./Dashboard";

const STEP_TEMPLATES: Record<string, MethodTemplate> = { codev: CODEV_TEMPLATE, intelligenceCollective: IC_TEMPLATE };
const SYNTHESIS_REFRESH_MS = 10_000;

export default function Projection({ code, token }: { code: string; token: string }) {
  const [parts, setParts] = useState<{ conn: BoardConnection; client: EventClient; quiz: QuizClient } | null>(null);
  useEffect(() => {
    const conn = new BoardConnection({ url: window.location.origin, code, token });
    const client = new EventClient(conn.socket);
    const quiz = new QuizClient(conn.socket);
    setParts({ conn, client, quiz });
    return () => {
      quiz.destroy();
      client.destroy();
      conn.destroy();
    };
  }, [code, token]);
  if (!parts) return null;
  return <Screen code={code} token={token} client={parts.client} quiz={parts.quiz} />;
}

function Screen({ code, token, client, quiz }: { code: string; token: string; client: EventClient; quiz: QuizClient }) {
  const t = useT();
  const locale = useLocale();
  const state = useEventState(client);
  const coord = state?.role === "coordinator" ? (state as CoordinatorState) : null;
  const ev = coord?.state;
  const left = useCountdown(client, ev?.timer?.endsAt);
  const now = useServerNow(client, !!coord?.rooms.some((r) => r.seance?.timerEndsAt));
  const [host, setHost] = useState("");
  useEffect(() => setHost(window.location.host), []);
  const synthesis = useSynthesis(code, token, locale, coord?.angles.regroupedAt ?? null);
  // The coordination's key: the quiz comes as the facilitator's view, answer key included. Only
  // the question's public part is shown, and the results once revealed (ProjectedQuiz).
  const quizState = useQuizState(quiz);
  const quizView = quizState?.prepared && quizState.role === "facilitator" ? quizState.view : null;

  if (!state) {
    return (
      <main id="contenu" className="flex min-h-dvh items-center justify-center">
        <p role="status" className="text-2xl font-semibold">
          {t("event.connecting")}
        </p>
      </main>
    );
  }
  if (!coord || !ev) {
    return (
      <main id="contenu" className="flex min-h-dvh items-center justify-center p-6 text-center">
        <p role="alert" className="max-w-xl text-2xl font-semibold">
          {t("event.projection.noKey")}
        </p>
      </main>
    );
  }
  const formatted = formatJoinCode(code);
  const showSynthesis = synthesis && ev.stage !== "groups";
  const showQuiz = ev.stage === "plenary" && quizView?.status === "running" && quizView.current !== null;

  return (
    <main id="contenu" className="flex min-h-dvh flex-col gap-6 bg-paper p-6 lg:p-10" data-testid="projection">
      <header className="flex items-start gap-6">
        <Logo size={64} />
        <div className="min-w-0 flex-1">
          <h1 className="text-4xl font-bold leading-tight lg:text-5xl" data-testid="projection-title">
            {ev.title}
          </h1>
          <p className="mt-2 text-2xl font-semibold text-accent lg:text-3xl" data-testid="projection-stage">
            {t(`event.stage.${ev.stage}`)}
          </p>
        </div>
        {ev.timer && left !== null && (
          <p className="shrink-0 rounded-2xl bg-white px-6 py-3 text-center ring-2 ring-accent" data-testid="projection-timer">
            {ev.timer.label && <span className="block text-xl font-semibold">{ev.timer.label}</span>}
            <span className="font-mono text-6xl font-bold tabular-nums">{left === 0 ? t("event.timeUp") : formatClock(left)}</span>
          </p>
        )}
      </header>

      {ev.message && (
        <p className="rounded-2xl border-4 border-daisy bg-daisy-soft px-6 py-4 text-3xl font-semibold lg:text-4xl" data-testid="projection-message">
          {ev.message.text}
        </p>
      )}

      <div className="grid flex-1 gap-6 lg:grid-cols-[1fr_auto]">
        <div className="min-w-0 space-y-6">
          {showQuiz && quizView ? (
            <ProjectedQuiz code={code} view={quizView} quiz={quiz} />
          ) : showSynthesis ? (
            <section aria-labelledby="proj-syn">
              <h2 id="proj-syn" className="text-3xl font-bold">
                {t("event.projection.synthesis")}
              </h2>
              <ul className="mt-4 grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="projection-synthesis">
                {synthesis.angles.map((a) => (
                  <li key={a.angleId} className="rounded-2xl bg-white p-5 ring-1 ring-line">
                    <h3 className="text-2xl font-bold">{a.label}</h3>
                    <p className="text-lg text-muted">{t("event.projection.perceptions", { count: a.perceptionCount })}</p>
                    {a.modalites.length === 0 ? (
                      <p className="mt-2 text-lg">{t("event.projection.noModalites")}</p>
                    ) : (
                      <ol className="mt-2 space-y-1 text-xl">
                        {a.modalites.slice(0, 5).map((m) => (
                          <li key={m.clusterId}>
                            <span className="font-bold">{m.rank}.</span> {m.name || "–"} <span className="text-base text-muted">({t("event.projection.votes", { count: m.votes })})</span>
                          </li>
                        ))}
                      </ol>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ) : (
            <section aria-labelledby="proj-rooms">
              <h2 id="proj-rooms" className="text-3xl font-bold">
                {t("event.projection.rooms")}
              </h2>
              <ul className="mt-4 grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="projection-rooms">
                {ev.rooms.map((room) => {
                  const d = coord.rooms.find((r) => r.roomId === room.id);
                  const tpl = STEP_TEMPLATES[room.templateId];
                  const s = d?.seance;
                  const step = s?.stepId && tpl ? tpl.steps.find((x) => x.id === s.stepId) : undefined;
                  const roomLeft = s?.timerEndsAt ? Math.max(0, s.timerEndsAt - now) : null;
                  return (
                    <li key={room.id} className="rounded-2xl bg-white p-5 ring-1 ring-line">
                      <h3 className="text-2xl font-bold">{room.name}</h3>
                      <p className="text-xl">
                        {!tpl
                          ? t("event.rooms.noSteps")
                          : !s || s.status === "lobby"
                            ? t("event.rooms.lobby")
                            : s.status === "ended"
                              ? t("event.rooms.ended")
                              : t("event.rooms.step", { index: s.stepIndex + 1, count: s.stepCount, title: step ? step.title[locale] : "" })}
                        {roomLeft !== null && <span className="ml-2 font-mono tabular-nums">{formatClock(roomLeft)}</span>}
                      </p>
                      {s && s.stepCount > 0 && s.status === "running" && (
                        <div className="mt-2 h-3 overflow-hidden rounded-full bg-line" aria-hidden="true">
                          <div className="h-full bg-accent" style={{ width: `${Math.round(((s.stepIndex + 1) / s.stepCount) * 100)}%` }} />
                        </div>
                      )}
                      <p className="mt-1 text-lg text-muted">{t("event.rooms.people", { present: d?.present ?? 0, seated: d?.seated ?? 0 })}</p>
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
        </div>

        <aside aria-label={t("event.projection.join")} className="flex h-fit flex-col items-center gap-2 rounded-2xl bg-white p-5 text-center ring-1 ring-line lg:w-96">
          <p className="text-2xl font-bold">{t("event.projection.join")}</p>
          <p className="text-lg">{t("event.projection.joinAt", { host: host || "…" })}</p>
          <p className="whitespace-nowrap font-mono text-6xl font-bold tracking-wider" data-testid="projection-code">
            {formatted}
          </p>
          <img src={api.qrUrl(code)} alt={t("event.projection.qrAlt", { code: formatted })} width={208} height={208} className="h-52 w-52" />
        </aside>
      </div>
    </main>
  );
}

/**
 * The question on the big screen: its prompt, the answers offered and how many answered while
 * it is open; the right answer and the room's answers only once the facilitator reveals it.
 * Never anything of `current.question` or, before the reveal, of `current.live`: they hold the key.
 */
function ProjectedQuiz({ code, view, quiz }: { code: string; view: FacilitatorQuizView; quiz: QuizClient }) {
  const t = useT();
  const locale = useLocale();
  const q = view.current!.public;
  const left = useQuizTimeLeft(quiz, q);
  const phase = q.phase === "open" && left === 0 ? "closed" : q.phase;
  const revealed = phase === "revealed";
  return (
    <section aria-labelledby="proj-quiz" className="space-y-5 rounded-2xl bg-white p-6 ring-1 ring-line lg:p-8" data-testid="projection-quiz" data-phase={phase}>
      <div className="flex items-start justify-between gap-6">
        <p className="text-2xl font-bold uppercase tracking-wide text-accent lg:text-3xl" data-testid="projection-quiz-position">
          {t("quiz.kicker")} · {t("quiz.questionOf", { index: q.index + 1, count: view.quiz.questions.length })}
        </p>
        {phase === "open" && left !== null && (
          <p role="timer" className={`shrink-0 font-mono text-5xl font-bold tabular-nums ${left <= 5_000 ? "text-danger" : ""}`} data-testid="projection-quiz-countdown">
            {formatClock(left)}
          </p>
        )}
        {phase === "closed" && q.timeLimitSec !== null && <p className="shrink-0 rounded-full bg-paper px-4 py-1 text-2xl font-bold ring-1 ring-line">{t("quiz.timeUp")}</p>}
      </div>
      <QuestionImage code={code} image={q.image} alt={q.imageAlt} tall />
      <h2 id="proj-quiz" className="whitespace-pre-line break-words text-4xl font-bold leading-tight lg:text-5xl" data-testid="projection-quiz-prompt">
        {q.prompt}
      </h2>
      {revealed ? (
        // The results are the quiz room's, at the size of the room's screen.
        <div className="grid gap-6 [zoom:1.5] xl:grid-cols-2" data-testid="projection-quiz-reveal">
          <RoomAnswers results={view.current!.live} mine={null} headingLevel={3} />
          <div className="space-y-3">
            <CorrectAnswer results={view.current!.live} question={q} headingLevel={3} />
            <Explanation results={view.current!.live} headingLevel={3} />
          </div>
        </div>
      ) : (
        <>
          {q.kind === "number" ? (
            <p className="text-3xl text-muted">
              {t("quiz.run.numberTitle")}
              {q.unit && <> ({t("quiz.run.unit", { unit: q.unit })})</>}
            </p>
          ) : (
            <>
              {q.kind === "ordering" && <p className="text-2xl text-muted">{t("quiz.run.orderTitle")}</p>}
              <ul className={`grid gap-4 ${q.options.length > 2 || q.kind === "trueFalse" ? "md:grid-cols-2" : ""}`} data-testid="projection-quiz-options">
                {q.options.map((o) => (
                  <li key={o.id} className="rounded-2xl border-2 border-line bg-paper px-5 py-4 text-3xl font-semibold">
                    {o.label}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="text-3xl font-bold tabular-nums" data-testid="projection-quiz-answered">
            {plural(t, locale, "quiz.run.answered", q.answeredCount)}
            {q.presentCount !== null && <span className="font-semibold text-muted"> {plural(t, locale, "quiz.run.ofPresent", q.presentCount)}</span>}
          </p>
          <p className="text-2xl">{phase === "open" ? t("event.projection.quizAnswer") : t("quiz.now.closed")}</p>
        </>
      )}
    </section>
  );
}

/** The synthesis as data (the coordination's token), refreshed while the angle rooms work; null before the regroup. */
function useSynthesis(code: string, token: string, locale: "fr" | "en", regroupedAt: number | null): AngleSynthesis | null {
  const [data, setData] = useState<AngleSynthesis | null>(null);
  useEffect(() => {
    if (regroupedAt === null) return setData(null);
    let stop = false;
    const load = async () => {
      try {
        const res = await fetch(synthesisPath(code, "json", locale), { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
        if (res.ok && !stop) setData(((await res.json()) as { synthesis: AngleSynthesis }).synthesis);
      } catch {
        // the next round tries again
      }
    };
    void load();
    const id = window.setInterval(() => void load(), SYNTHESIS_REFRESH_MS);
    return () => {
      stop = true;
      window.clearInterval(id);
    };
  }, [code, token, locale, regroupedAt]);
  return data;
}
