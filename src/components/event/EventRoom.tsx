"use client";
// A national day's session: one connection to the event (its plenary board's socket carries
// `event:state`, and `quiz:state` for the plenary's quiz), then the coordination's dashboard or
// a participant's screen. Browser only.
import { useEffect, useState } from "react";
import { BoardConnection } from "@/client/boardConnection";
import { EventClient } from "@/client/event";
import { QuizClient } from "@/client/quiz";
import type { StoredIdentity } from "@/client/identity";
import { useT } from "../I18nProvider";
import { Logo } from "../Logo";
import { useEventState } from "./hooks";
import { Dashboard } from "./Dashboard";
import { ParticipantEvent } from "./ParticipantEvent";

export default function EventRoomView({ code, identity }: { code: string; identity: StoredIdentity }) {
  const [parts, setParts] = useState<{ conn: BoardConnection; client: EventClient; quiz: QuizClient } | null>(null);
  useEffect(() => {
    const conn = new BoardConnection({ url: window.location.origin, code, token: identity.token });
    const client = new EventClient(conn.socket);
    // Made with the connection, before its first message: the quiz's state is followed from the
    // start, whichever tab or screen shows it.
    const quiz = new QuizClient(conn.socket);
    setParts({ conn, client, quiz });
    return () => {
      quiz.destroy();
      client.destroy();
      conn.destroy();
    };
  }, [code, identity.token]);
  if (!parts) return null;
  return <EventRoom code={code} identity={identity} conn={parts.conn} client={parts.client} quiz={parts.quiz} />;
}

function EventRoom({ code, identity, conn, client, quiz }: { code: string; identity: StoredIdentity; conn: BoardConnection; client: EventClient; quiz: QuizClient }) {
  const t = useT();
  const state = useEventState(client);
  if (!state) {
    return (
      <main id="contenu" className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
        <Logo size={56} />
        <p role="status" className="text-lg font-semibold">
          {t("event.connecting")}
        </p>
      </main>
    );
  }
  if (state.role === "coordinator") return <Dashboard code={code} identity={identity} conn={conn} client={client} quiz={quiz} state={state} />;
  return <ParticipantEvent code={code} identity={identity} conn={conn} client={client} quiz={quiz} state={state} />;
}
