"use client";
// React views of a national day: its state, the countdowns, and what a refusal says.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { EventStateEvent } from "@/protocol";
import { msLeft, type EventClient } from "@/client/event";
import type { Refused } from "@/client/follower";
import type { MessageKey } from "@/i18n";
import type { TFunction } from "../I18nProvider";

export function useEventState(client: EventClient): EventStateEvent | null {
  return useSyncExternalStore(client.subscribe, client.getSnapshot, () => null);
}

/** The server's clock, refreshed 4 times a second while `on` (a countdown is shown). */
export function useServerNow(client: EventClient, on: boolean): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const id = window.setInterval(() => setTick((n) => n + 1), 250);
    return () => window.clearInterval(id);
  }, [on]);
  return client.serverNow();
}

export function useCountdown(client: EventClient, endsAt: number | null | undefined): number | null {
  const now = useServerNow(client, endsAt !== null && endsAt !== undefined);
  return msLeft(endsAt, now);
}

/** The French (or English) sentence of a refusal: the catalogue's, by code. */
export function refusalText(t: TFunction, res: Refused): string {
  if (res.code === "network" || res.code === "timeout") return t("app.networkError");
  const key = `event.refused.${res.code}` as MessageKey;
  const text = t(key);
  return text === key ? t("event.refused.internal") : text;
}

/**
 * The coordination's way into a room (a group's or an angle's): asks for its ticket and opens
 * the room in a new tab. The tab is opened at the click, while it still counts as the user's:
 * one opened after the answer may be blocked.
 */
export function useEnterRoom(client: EventClient, t: TFunction, roomId: string): { enter: () => Promise<void>; opening: boolean; error: string | null } {
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function enter() {
    setError(null);
    setOpening(true);
    const w = window.open("", "_blank");
    const res = await client.send({ type: "roomTicket", roomId });
    setOpening(false);
    if (!res.ok || !res.ticket) {
      w?.close();
      setError(res.ok ? t("event.refused.room_not_ready") : refusalText(t, res));
      return;
    }
    const url = `/s/${res.ticket.code}#cle=${res.ticket.token}`;
    if (w) {
      w.opener = null;
      w.location.href = url;
    } else window.location.href = url;
  }
  return { enter, opening, error };
}
