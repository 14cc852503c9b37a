"use client";
// A participant's screen while the day is in plenary (ux.md: the current step and what to do
// now are always visible): everyone is asked into the main room, so the screen says so (the
// banner above keeps the message and the timer), where they sit, and the groups' answers as the room is shown them
// (I6), instead of opening their group's board as if work went on there. Their group stays one
// button away (to read their notes again).
import { useEffect, useId, useState } from "react";
import type { EventClient } from "@/client/event";
import type { RoomTicket, WallEntry } from "@/protocol";
import { useT } from "../I18nProvider";

/** The wall moves only when a group edits its answer: read again this often while shown. */
const WALL_REFRESH_MS = 15_000;

export function PlenaryScreen({ ticket, client, onOpenRoom }: { ticket: RoomTicket; client: EventClient; onOpenRoom: () => void }) {
  const t = useT();
  const wall = useWall(client);
  const wallId = useId();
  return (
    <main id="contenu" tabIndex={-1} className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-5 overflow-y-auto px-4 py-6 outline-none" data-testid="event-plenary">
      <header className="space-y-1 text-center">
        <h1 className="text-3xl font-bold">{t("event.participant.plenaryTitle")}</h1>
        <p className="text-lg">{t("event.participant.plenaryLead")}</p>
      </header>
      <div className="card flex flex-wrap items-center justify-between gap-3 p-3">
        <p className="font-semibold">{t("event.participant.placedNamed", { room: ticket.roomName })}</p>
        <button type="button" className="btn-secondary min-h-11" onClick={onOpenRoom} data-testid="open-my-room">
          {t("event.participant.openMyRoom")}
        </button>
      </div>
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

/** The groups' answers while this screen is shown; empty when the day has none (or the plenary just ended). */
function useWall(client: EventClient): WallEntry[] {
  const [wall, setWall] = useState<WallEntry[]>([]);
  useEffect(() => {
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
  }, [client]);
  return wall;
}
