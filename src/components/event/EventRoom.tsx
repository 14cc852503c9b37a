"use client";
// A national day's session: one connection to the event (its plenary board's socket carries
// `event:state`), then the coordination's dashboard or a participant's screen. Browser only.
import { useEffect, useState } from "react";
import { BoardConnection } from "@/client/boardConnection";
import { EventClient } from "@/client/event";
import type { StoredIdentity } from "@/client/identity";
import { useT } from "../I18nProvider";
import { Logo } from "../Logo";
import { useEventState } from "./hooks";
import { Dashboard } from "./Dashboard";
import { ParticipantEvent } from "./ParticipantEvent";

export default function EventRoomView({ code, identity }: { code: string; identity: StoredIdentity }) {
  const [parts, setParts] = useState<{ conn: BoardConnection; client: EventClient } | null>(null);
  useEffect(() => {
    const conn = new BoardConnection({ url: window.location.origin, code, token: identity.token });
    const client = new EventClient(conn.socket);
    setParts({ conn, client });
    return () => {
      client.destroy();
      conn.destroy();
    };
  }, [code, identity.token]);
  if (!parts) return null;
  return <EventRoom code={code} identity={identity} conn={parts.conn} client={parts.client} />;
}

function EventRoom({ code, identity, conn, client }: { code: string; identity: StoredIdentity; conn: BoardConnection; client: EventClient }) {
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
  if (state.role === "coordinator") return <Dashboard code={code} identity={identity} conn={conn} client={client} state={state} />;
  return <ParticipantEvent code={code} identity={identity} conn={conn} client={client} state={state} />;
}
