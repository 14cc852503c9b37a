"use client";
// What the quiz's "now" says on a screen (ux.md §1): the heading, the instruction for this role
// and this moment, "Question 3 sur 10", the countdown. One reading of `quiz:state` for every
// screen that runs a quiz: the quiz room, and a national day's plenary (dashboard and phones).
import type { QuizClient } from "@/client/quiz";
import type { FacilitatorQuizView, ParticipantQuizView, PublicQuestion } from "@/domain/quiz";
import type { QuizStateEvent } from "@/protocol";
import { useT, type TFunction } from "../I18nProvider";
import { useQuizTimeLeft } from "./hooks";
import type { SentAnswers } from "./ParticipantQuiz";

/** What "now" says: the heading, the instruction, for this screen and this moment. */
export function nowTexts(t: TFunction, state: QuizStateEvent | null, editing: boolean, answered: boolean, timeUp: boolean): { heading: string; instruction: string } {
  if (!state) return { heading: t("quiz.connecting"), instruction: "" };
  const fac = state.role === "facilitator";
  if (fac && (!state.prepared || editing)) return { heading: t("quiz.heading.preparing"), instruction: t("quiz.now.facPreparing") };
  if (!state.prepared) return { heading: t("quiz.heading.waiting"), instruction: state.role === "observer" ? t("quiz.now.observer") : t("quiz.now.waiting") };
  const view = state.view;
  if (view.status === "lobby") {
    if (fac) return { heading: t("quiz.heading.ready"), instruction: t("quiz.now.facReady") };
    const pv = view as ParticipantQuizView;
    const needsTeam = pv.scoring === "team" && pv.mine !== null && pv.mine.teamId === null;
    return { heading: t("quiz.heading.waiting"), instruction: needsTeam ? t("quiz.now.waitingTeam") : t("quiz.now.waiting") };
  }
  if (view.status === "ended") return { heading: t("quiz.heading.ended"), instruction: fac ? t("quiz.now.facEnded") : t("quiz.now.ended") };
  const q: PublicQuestion | null = fac ? ((view as FacilitatorQuizView).current?.public ?? null) : (view as ParticipantQuizView).question;
  if (!q) return { heading: view.title, instruction: "" };
  const phase = q.phase === "open" && timeUp ? "closed" : q.phase;
  const last = q.index >= (fac ? (view as FacilitatorQuizView).quiz.questions.length : (view as ParticipantQuizView).questionCount) - 1;
  let instruction: string;
  if (fac) instruction = phase === "open" ? t("quiz.now.facOpen") : phase === "closed" ? t("quiz.now.facClosed") : last ? t("quiz.now.facRevealedLast") : t("quiz.now.facRevealed");
  else if (state.role === "observer") instruction = phase === "revealed" ? t("quiz.now.revealed") : t("quiz.now.observer");
  else if (phase === "revealed") instruction = last ? t("quiz.now.revealedLast") : t("quiz.now.revealed");
  else if (phase === "closed") instruction = answered ? t("quiz.now.closedAnswered") : t("quiz.now.closed");
  else instruction = answered ? t("quiz.now.sent") : t(`quiz.now.${q.kind}`);
  return { heading: view.title, instruction };
}

/** QuizNow's props, bar the chips. */
export interface QuizNowProps {
  /** The quiz's title; "" before it is prepared (the header has the session's). */
  title: string;
  /** The question on screen (1-based) and how many there are; null before the first. */
  position: { index: number; count: number; questionId: string } | null;
  heading: string;
  instruction: string;
  /** Milliseconds left on the countdown; null when none runs. */
  left: number | null;
  /** The question has a time limit (its countdown, or "Temps écoulé"). */
  timed: "running" | "up" | "none" | null;
  /** The quiz's state has arrived: what is on screen then is not news. */
  known: boolean;
  /** Show the "new question" notice on screen (participants, while the question is open); else screen readers only. */
  showChange: boolean;
}

export interface QuizNowModel {
  facView: FacilitatorQuizView | null;
  partView: ParticipantQuizView | null;
  /** The question on screen (public part), or null. */
  question: PublicQuestion | null;
  left: number | null;
  /** The countdown reached 0 on this screen. */
  timeUp: boolean;
  /** A question is on screen (the quiz runs). */
  running: boolean;
  now: QuizNowProps;
}

/**
 * Reads a screen's quiz state into what it shows. `facilitator`: this screen drives the quiz
 * (the state's role once it has come); `editing`: the facilitator's editor is open; `sent`:
 * the answers this screen sent that the server has not echoed yet.
 */
export function useQuizNow(client: QuizClient, state: QuizStateEvent | null, { facilitator, editing, sent }: { facilitator: boolean; editing: boolean; sent: SentAnswers }): QuizNowModel {
  const t = useT();
  const view = state?.prepared ? state.view : null;
  const facView = facilitator && view ? (view as FacilitatorQuizView) : null;
  const partView = !facilitator && view ? (view as ParticipantQuizView) : null;
  const question: PublicQuestion | null = facView ? (facView.current?.public ?? null) : (partView?.question ?? null);
  const left = useQuizTimeLeft(client, view?.status === "running" ? question : null);
  const timeUp = question?.phase === "open" && left === 0;
  const answered = question ? Boolean(partView?.mine?.answered || sent[question.questionId]) : false;
  const texts = nowTexts(t, state, editing, answered, timeUp);
  const running = view?.status === "running" && question !== null;
  const timed: QuizNowProps["timed"] = !running || !question ? null : question.timeLimitSec === null ? "none" : question.phase === "revealed" ? null : question.phase === "closed" || timeUp ? "up" : "running";
  return {
    facView,
    partView,
    question,
    left,
    timeUp,
    running,
    now: {
      title: editing ? "" : (view?.title ?? ""),
      position: running && question && view ? { index: question.index + 1, count: facView ? facView.quiz.questions.length : (partView?.questionCount ?? 0), questionId: question.questionId } : null,
      heading: texts.heading,
      instruction: texts.instruction,
      left,
      timed,
      known: state !== null,
      showChange: !facilitator && question?.phase === "open" && !timeUp,
    },
  };
}
