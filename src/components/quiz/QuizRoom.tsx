"use client";
// The quiz room: now and next on top (quiz title, "Question 3 sur 10", what to do now, the
// countdown), then the facilitator's editor, ready screen or live question with the bar, or the
// participant's waiting screen, question and reveal. Follows `quiz:state` on the board
// connection's socket; commands go with `quiz:command`. Browser only.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BoardConnection } from "@/client/boardConnection";
import { clearIdentity, type StoredIdentity } from "@/client/identity";
import { joinPath } from "@/client/api";
import { QuizClient } from "@/client/quiz";
import { formatJoinCode } from "@/domain/joinCode";
import type { QuizAnswer } from "@/domain/quiz";
import { useLocale, useT } from "../I18nProvider";
import { LanguageSwitch } from "../LanguageSwitch";
import { RoomTitle } from "../room/RoomTitle";
import { useConnectionStatus, useMinWidth, usePresence } from "../room/hooks";
import { PresenceStrip } from "../room/PresenceStrip";
import { OfflineBanner } from "../room/SaveStatus";
import { SharePanel } from "../room/SharePanel";
import { useRoomTools } from "../board-tools/RoomTools";
import { useQuizState } from "./hooks";
import { useQuizNow } from "./now";
import { useQuizRun } from "./useQuizRun";
import { QuizNow } from "./QuizNow";
import { QuizEditor } from "./QuizEditor";
import { QuizBar, ReadyView, RunView } from "./FacilitatorQuiz";
import { ParticipantQuiz, type SentAnswers } from "./ParticipantQuiz";

export default function QuizRoomView({ code, identity }: { code: string; identity: StoredIdentity }) {
  const [parts, setParts] = useState<{ conn: BoardConnection; quiz: QuizClient } | null>(null);
  useEffect(() => {
    const conn = new BoardConnection({ url: window.location.origin, code, token: identity.token });
    const quiz = new QuizClient(conn.socket);
    conn.awareness.setLocalState({ focus: null, editing: false });
    setParts({ conn, quiz });
    return () => {
      quiz.destroy();
      conn.destroy();
    };
  }, [code, identity.token]);
  if (!parts) return null;
  return <QuizRoom code={code} identity={identity} conn={parts.conn} client={parts.quiz} />;
}

function QuizRoom({ code, identity, conn, client }: { code: string; identity: StoredIdentity; conn: BoardConnection; client: QuizClient }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const status = useConnectionStatus(conn);
  const presence = usePresence(conn);
  const state = useQuizState(client);
  const wide = useMinWidth(1024);
  const isFacilitator = state ? state.role === "facilitator" : identity.role === "facilitator";
  const { editing, setEditing, started, busy, notice, setNotice, run } = useQuizRun(client, code, state, identity.role === "facilitator");
  const [shareOpen, setShareOpen] = useState(false);
  const [sent, setSent] = useState<SentAnswers>({});

  useEffect(() => {
    if (status === "refused" && conn.refusal === "unauthorized") {
      clearIdentity(code);
      router.replace(`${joinPath(code)}?acces=perdu`);
    }
  }, [status, conn, code, router]);

  const onSent = useCallback((questionId: string, answer: QuizAnswer) => setSent((s) => ({ ...s, [questionId]: answer })), []);

  const view = state?.prepared ? state.view : null;
  const showEditor = isFacilitator && state !== null && (!state.prepared || (editing && !started));
  const { facView, partView, question, timeUp, running, now } = useQuizNow(client, state, { facilitator: isFacilitator, editing: showEditor, sent });
  const sessionTitle = identity.title ?? formatJoinCode(code);
  // A new screen (editor, ready, another question, its reveal, the end) starts at its top.
  const screen = `${showEditor}|${view?.status ?? "none"}|${question?.questionId ?? ""}|${question?.phase === "revealed"}`;
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [screen]);
  const presenceMe = useMemo(() => ({ id: identity.participantId, name: identity.displayName, role: identity.role }), [identity]);
  const myTeam = partView?.scoring === "team" ? partView.teams.find((x) => x.id === partView.mine?.teamId) : undefined;
  // A poll may be launched between two questions, as in any session (board tools).
  const tools = useRoomTools({ socket: conn.socket, doc: conn.doc, role: isFacilitator ? "facilitator" : identity.role === "observer" ? "observer" : "participant", switches: false });

  return (
    <div className="flex min-h-dvh flex-col [@media(min-height:560px)]:h-dvh">
      <header className="border-b border-line bg-white">
        <div className="flex items-center gap-2 px-3 py-1.5 sm:gap-3 sm:px-4">
          <RoomTitle title={sessionTitle} status={status} />
          {isFacilitator && (
            <button type="button" className="btn-secondary shrink-0 px-3" aria-expanded={shareOpen} aria-controls="partage" onClick={() => setShareOpen(!shareOpen)}>
              <span className="hidden sm:inline">{t("share.show", { code: formatJoinCode(code) })}</span>
              <span className="font-mono sm:hidden">{formatJoinCode(code)}</span>
            </button>
          )}
          {isFacilitator && <div className="shrink-0">{tools.pollButton("bar")}</div>}
          <LanguageSwitch className="shrink-0" />
        </div>
      </header>

      <OfflineBanner status={status} refusal={conn.refusal} code={code} />

      <QuizNow
        {...now}
        chips={myTeam ? <span className="rounded-full bg-white px-2.5 py-0.5 font-semibold ring-1 ring-line">{t("quiz.team.yours", { name: myTeam.name })}</span> : undefined}
      />

      {notice && (
        <div role="alert" className="flex items-center gap-3 border-b-2 border-[#8a5a00] bg-[#fde49a] px-4 py-2" data-testid="quiz-notice">
          <p className="flex-1 font-semibold">{notice}</p>
          <button type="button" className="btn-ghost shrink-0" onClick={() => setNotice(null)} aria-label={t("quiz.refused.dismiss")}>
            ✕
          </button>
        </div>
      )}

      <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
        {/* relative: screen-reader-only labels (absolute) stay inside the scroller, so the page itself never scrolls */}
        <div ref={scroller} className="relative flex min-h-0 min-w-0 flex-1 flex-col overflow-y-auto">
          {(isFacilitator || !running) && <PresenceStrip people={presence} me={presenceMe} />}
          {tools.poll}
          <main id="contenu" tabIndex={-1} className="min-w-0 flex-1 bg-paper p-3 outline-none sm:p-4" data-testid="quiz-main">
            {!state ? (
              <p role="status" className="text-lg font-semibold">
                {t("quiz.connecting")}
              </p>
            ) : showEditor ? (
              <QuizEditor
                code={code}
                token={identity.token}
                client={client}
                locale={locale}
                sessionTitle={sessionTitle}
                prepared={facView?.quiz ?? null}
                scoring={facView ? { mode: facView.scoring, teams: facView.teams } : null}
                onSaved={() => setEditing(false)}
                onCancel={state.prepared ? () => setEditing(false) : undefined}
              />
            ) : facView ? (
              facView.status === "lobby" ? (
                <ReadyView view={facView} code={code} run={run} busy={busy} onEdit={() => setEditing(true)} onShare={() => setShareOpen(true)} />
              ) : (
                <RunView view={facView} code={code} timeUp={timeUp} />
              )
            ) : (
              <ParticipantQuiz code={code} state={state} view={partView} client={client} timeUp={timeUp} sent={sent} onSent={onSent} />
            )}
          </main>
        </div>
        {isFacilitator && shareOpen && (
          <aside
            id="partage"
            aria-label={t("share.title")}
            className={`${wide ? "" : "fixed inset-0 z-50"} overflow-y-auto bg-white lg:static lg:w-[22rem] lg:shrink-0 lg:border-l lg:border-line`}
          >
            <SharePanel code={code} token={identity.token} title={sessionTitle} onClose={() => setShareOpen(false)} />
          </aside>
        )}
      </div>

      {facView && !showEditor && <QuizBar view={facView} run={run} busy={busy} />}
    </div>
  );
}
