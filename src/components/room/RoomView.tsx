"use client";
// The room: header (title, what to do now, save status), presence strip, the board, and for
// the facilitator the share panel. Loaded in the browser only (it pulls in Yjs).
import { useRouter } from "next/navigation";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BoardConnection } from "@/client/boardConnection";
import { clearIdentity, type StoredIdentity } from "@/client/identity";
import { joinPath } from "@/client/api";
import { DEFAULT_METHOD } from "@/client/methods";
import { formatJoinCode } from "@/domain/joinCode";
import { useT } from "../I18nProvider";
import { LanguageSwitch } from "../LanguageSwitch";
import { RoomTitle } from "./RoomTitle";
import { Board, type BoardHandle } from "./Board";
import { BoardModel } from "./boardModel";
import { useConnectionStatus, useMinWidth, usePresence } from "./hooks";
import { PresenceStrip } from "./PresenceStrip";
import { OfflineBanner } from "./SaveStatus";
import { SharePanel } from "./SharePanel";
import { useRoomTools } from "../board-tools/RoomTools";
import { FeedbackInvite } from "../feedback/FeedbackCard";

const SeanceRoomView = dynamic(() => import("../seance/SeanceRoom"), { ssr: false });
const QuizRoomView = dynamic(() => import("../quiz/QuizRoom"), { ssr: false });
const EventRoomView = dynamic(() => import("../event/EventRoom"), { ssr: false });

/** A method with steps gets the séance room; the quiz, its room; a national day, its event screens; the free board, the board room. */
export default function RoomView({ code, identity }: { code: string; identity: StoredIdentity }) {
  if (identity.method === "event") return <EventRoomView code={code} identity={identity} />;
  if (identity.method === "codev" || identity.method === "intelligenceCollective") return <SeanceRoomView code={code} identity={identity} />;
  if (identity.method === "quiz") return <QuizRoomView code={code} identity={identity} />;
  return <BoardRoomView code={code} identity={identity} />;
}

function BoardRoomView({ code, identity }: { code: string; identity: StoredIdentity }) {
  const [conn, setConn] = useState<BoardConnection | null>(null);
  const [model, setModel] = useState<BoardModel | null>(null);

  useEffect(() => {
    const c = new BoardConnection({ url: window.location.origin, code, token: identity.token });
    const m = new BoardModel(c.doc, identity.participantId);
    c.awareness.setLocalState({ focus: null, editing: false });
    setConn(c);
    setModel(m);
    return () => {
      m.destroy();
      c.destroy();
    };
  }, [code, identity.token, identity.participantId]);

  if (!conn || !model) return null;
  return <Room code={code} identity={identity} conn={conn} model={model} />;
}

function Room({ code, identity, conn, model }: { code: string; identity: StoredIdentity; conn: BoardConnection; model: BoardModel }) {
  const t = useT();
  const router = useRouter();
  const status = useConnectionStatus(conn);
  const presence = usePresence(conn);
  const wide = useMinWidth(1024);
  const boardRef = useRef<BoardHandle>(null);
  const isFacilitator = identity.role === "facilitator";
  // A national day's group room: its people come through the day; nothing to share or delete here.
  const canShare = isFacilitator && !identity.inEvent;
  const readOnly = identity.role === "observer";
  const method = DEFAULT_METHOD;
  const shareKey = `marguerite:share-open:${code}`;
  const [shareOpen, setShareOpen] = useState<boolean>(() => {
    try {
      return window.localStorage.getItem(shareKey) !== "0";
    } catch {
      return true;
    }
  });
  const toggleShare = useCallback(
    (open: boolean) => {
      setShareOpen(open);
      try {
        window.localStorage.setItem(shareKey, open ? "1" : "0");
      } catch {
        // not remembered: fine
      }
    },
    [shareKey],
  );

  // A refused connection: the identity is gone (send to the join page) or the session closed.
  useEffect(() => {
    if (status === "refused" && conn.refusal === "unauthorized") {
      clearIdentity(code);
      router.replace(`${joinPath(code)}?acces=perdu`);
    }
  }, [status, conn, code, router]);

  const tools = useRoomTools({ socket: conn.socket, doc: conn.doc, role: identity.role, switches: isFacilitator, setAnonymous: useCallback((on: boolean) => void (model.anonymous = on), [model]) });
  const interceptAddNote = tools.interceptAddNote;
  const addNote = useCallback(() => {
    if (!interceptAddNote()) boardRef.current?.addNote();
  }, [interceptAddNote]);

  // N adds a note from anywhere, unless one is typing somewhere.
  useEffect(() => {
    if (readOnly) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "n" && e.key !== "N") return;
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || e.repeat) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.closest("input, textarea, select, [contenteditable='true']") || el.closest("dialog[open]"))) return;
      e.preventDefault();
      addNote();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [addNote, readOnly]);

  const title = identity.title ?? formatJoinCode(code);
  const me = useMemo(() => ({ id: identity.participantId, name: identity.displayName, role: identity.role }), [identity]);

  return (
    <div className="flex min-h-dvh flex-col [@media(min-height:560px)]:h-dvh">
      <header className="border-b border-line bg-white">
        <div className="flex items-center gap-2 px-3 py-1.5 sm:gap-3 sm:px-4">
          <RoomTitle title={title} status={status} />
          {canShare && !(shareOpen && wide) && (
            <button
              type="button"
              className="btn-secondary shrink-0 px-3"
              aria-expanded={shareOpen}
              aria-controls="partage"
              onClick={() => toggleShare(!shareOpen)}
            >
              <ShareIcon />
              <span className="hidden sm:inline">{t("share.show", { code: formatJoinCode(code) })}</span>
              <span className="font-mono sm:hidden">{formatJoinCode(code)}</span>
            </button>
          )}
          {tools.toggle}
          <LanguageSwitch className="shrink-0" />
        </div>
      </header>

      <OfflineBanner status={status} refusal={conn.refusal} code={code} />

      <section aria-labelledby="maintenant" className="border-b border-line bg-daisy-soft">
        <div className="flex flex-col gap-2 px-3 py-2 sm:flex-row sm:items-center sm:gap-4 sm:px-4 sm:py-3">
          <div className="min-w-0 flex-1">
            <p className="text-sm font-bold uppercase tracking-wide text-accent">
              {t("room.nowLabel")} · {t(method.name)}
            </p>
            <p id="maintenant" className="font-semibold leading-snug sm:text-lg">
              {readOnly ? t("board.readOnly") : t(method.instruction)}{" "}
              {!readOnly && <span className="hidden font-normal md:inline">{t(method.instructionMore)}</span>}
            </p>
          </div>
          {!readOnly && (
            <button
              type="button"
              className="btn-primary shrink-0 text-lg sm:px-6"
              onClick={addNote}
              aria-keyshortcuts="N"
              title={t("room.addNoteShortcut")}
              data-testid="add-note"
            >
              <PlusIcon />
              {t("room.addNote")}
            </button>
          )}
        </div>
      </section>

      {tools.strip}
      {tools.poll}
      <FeedbackInvite code={code} token={identity.token} role={identity.role} />

      <PresenceStrip people={presence} me={me} />

      <div className="relative flex min-h-0 flex-1 flex-col lg:flex-row">
        {canShare && shareOpen && (
          // On a phone the panel covers the board (hide it to see the notes); beside it on a laptop.
          <aside
            id="partage"
            aria-label={t("share.title")}
            className="absolute inset-0 z-[2000020] overflow-y-auto bg-white lg:static lg:order-2 lg:w-[22rem] lg:shrink-0 lg:border-l lg:border-line"
          >
            <SharePanel code={code} token={identity.token} title={title} onClose={() => toggleShare(false)} />
          </aside>
        )}
        {tools.panel}
        <Board
          ref={boardRef}
          model={model}
          awareness={conn.awareness}
          readOnly={readOnly}
          isFacilitator={isFacilitator}
          title={title}
          barExtra={isFacilitator && !readOnly ? tools.pollButton("board") : null}
        />
      </div>
    </div>
  );
}

function PlusIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 5v14M5 12h14" stroke="currentColor" strokeWidth="2.8" strokeLinecap="round" />
    </svg>
  );
}

function ShareIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="6" cy="12" r="2.6" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="18" cy="6" r="2.6" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="18" cy="18" r="2.6" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8.3 10.8l7.4-3.6M8.3 13.2l7.4 3.6" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
