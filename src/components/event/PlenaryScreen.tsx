"use client";
// A participant's screen while the day is in plenary (ux.md: the current step and what to do
// now are always visible): everyone is asked into the main room, so the screen says so (the
// banner above keeps the message and the timer), where they sit, and the groups' answers as the room is shown them
// (I6), instead of opening their group's board as if work went on there. Their group stays one
// button away (to read their notes again). The plenary's quiz, once the coordination starts it,
// comes first with its own now and next (the question, what to do, the countdown), as in a quiz
// room; the feedback questionnaire's invitation while it is open.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { EventClient } from "@/client/event";
import type { QuizClient } from "@/client/quiz";
import type { QuizAnswer } from "@/domain/quiz";
import type { RoomTicket, WallEntry } from "@/protocol";
import { FeedbackInvite } from "../feedback/FeedbackCard";
import { useT } from "../I18nProvider";
import { useQuizState } from "../quiz/hooks";
import { useQuizNow } from "../quiz/now";
import { ParticipantQuiz, type SentAnswers } from "../quiz/ParticipantQuiz";
import { QuizNow } from "../quiz/QuizNow";

/** The wall moves only when a group edits its answer: read again this often while shown. */
const WALL_REFRESH_MS = 15_000;

export function PlenaryScreen({
  code,
  token,
  role,
  ticket,
  client,
  quiz,
  onOpenRoom,
}: {
  /** The day's join code and this person's token for it: the quiz's pictures and the questionnaire are the day's. */
  code: string;
  token: string;
  role: string;
  /** Their group; null while they wait to be placed (the quiz opens the day, often before the placement). */
  ticket: RoomTicket | null;
  client: EventClient;
  quiz: QuizClient;
  onOpenRoom: () => void;
}) {
  const t = useT();
  const wall = useWall(client, ticket !== null);
  const wallId = useId();
  const quizState = useQuizState(quiz);
  const [sent, setSent] = useState<SentAnswers>({});
  const onSent = useCallback((questionId: string, answer: QuizAnswer) => setSent((s) => ({ ...s, [questionId]: answer })), []);
  const { partView, question, timeUp, now } = useQuizNow(quiz, quizState, { facilitator: false, editing: false, sent });
  // Shown once started (a late joiner lands on the current question) and after its end (their score).
  const quizOn = quizState !== null && partView !== null && partView.status !== "lobby";
  // A new question, its reveal, the end: the screen starts at its top, where they are.
  const main = useRef<HTMLElement>(null);
  const screen = `${quizOn}|${partView?.status ?? ""}|${question?.questionId ?? ""}|${question?.phase === "revealed"}`;
  useEffect(() => {
    main.current?.scrollTo({ top: 0 });
  }, [screen]);
  return (
    <main ref={main} id="contenu" tabIndex={-1} className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-5 overflow-y-auto px-4 py-6 outline-none" data-testid="event-plenary">
      {/* While a question is on, the quiz's own now and next heads the screen (the banner says "Plénière"). */}
      {quizOn && partView.status === "running" ? (
        <h1 className="sr-only">{t("event.participant.plenaryTitle")}</h1>
      ) : (
        <header className="space-y-1 text-center">
          <h1 className="text-3xl font-bold">{t("event.participant.plenaryTitle")}</h1>
          <p className="text-lg">{t("event.participant.plenaryLead")}</p>
        </header>
      )}
      <div className="shrink-0 overflow-hidden rounded-xl empty:hidden">
        <FeedbackInvite code={code} token={token} role={role} />
      </div>
      {quizOn && quizState && (
        <div className="card shrink-0 overflow-hidden" data-testid="plenary-quiz">
          <QuizNow {...now} />
          <div className="p-3 sm:p-4">
            <ParticipantQuiz code={code} state={quizState} view={partView} client={quiz} timeUp={timeUp} sent={sent} onSent={onSent} />
          </div>
        </div>
      )}
      {ticket ? (
        <div className="card flex flex-wrap items-center justify-between gap-3 p-3">
          <p className="font-semibold">{t("event.participant.placedNamed", { room: ticket.roomName })}</p>
          <button type="button" className="btn-secondary min-h-11" onClick={onOpenRoom} data-testid="open-my-room">
            {t("event.participant.openMyRoom")}
          </button>
        </div>
      ) : (
        <div className="card p-3" data-testid="plenary-not-placed">
          <p className="font-semibold">{t("event.participant.waiting")}</p>
          <p className="text-muted">{t("event.participant.stayHere")}</p>
        </div>
      )}
      {wall.length > 0 && (
        <section aria-labelledby={wallId} className="space-y-3" data-testid="plenary-wall">
          <h2 id={wallId} className="text-xl font-bold">
            {t("event.participant.wallTitle")}
          </h2>
          <ul className="grid gap-3 md:grid-cols-2">
            {wall.map((w) => (
              <li key={w.roomId} className="card space-y-2 p-3" data-testid="wall-entry">
                <h3 className="font-bold">{w.roomName}</h3>
                {w.problem && (
                  <p className="text-sm text-muted">
                    <span className="font-semibold">{t("event.participant.wallProblem")} : </span>
                    <span className="whitespace-pre-wrap">{w.problem}</span>
                  </p>
                )}
                {w.answered ? <p className="whitespace-pre-wrap text-lg">{w.answer}</p> : <p className="italic text-muted">{t("event.participant.wallNoAnswer")}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

/** The groups' answers while this screen is shown; empty when the day has none (or the plenary just ended), or for someone not placed (I6). */
function useWall(client: EventClient, placed: boolean): WallEntry[] {
  const [wall, setWall] = useState<WallEntry[]>([]);
  useEffect(() => {
    if (!placed) return setWall([]);
    let live = true;
    const read = async () => {
      const res = await client.send({ type: "plenaryWall" });
      if (live && res.ok) setWall(res.wall ?? []);
    };
    void read();
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void read();
    }, WALL_REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [client, placed]);
  return wall;
}
