"use client";
// React views of the connection: status, presence, and where the others are on the board.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { BoardConnection, ConnectionStatus } from "@/client/boardConnection";
import type { PresenceEntry } from "@/protocol";

export function useConnectionStatus(conn: BoardConnection): ConnectionStatus {
  return useSyncExternalStore(
    (fn) => conn.on("status", fn),
    () => conn.status,
    () => "connecting" as ConnectionStatus,
  );
}

export function usePresence(conn: BoardConnection): PresenceEntry[] | null {
  const [people, setPeople] = useState<PresenceEntry[] | null>(null);
  useEffect(() => conn.on("presence", (p) => setPeople(p.participants)), [conn]);
  return people;
}

export interface OtherOnNote {
  clientId: number;
  name: string;
  editing: boolean;
}

const NO_ONE: ReadonlyMap<string, OtherOnNote[]> = new Map();

/** noteId -> the other people who have it selected (or are writing in it). */
export function useOthersOnNotes(awareness: Awareness): ReadonlyMap<string, OtherOnNote[]> {
  const [store] = useState(() => {
    let cache: ReadonlyMap<string, OtherOnNote[]> = NO_ONE;
    const compute = () => {
      const map = new Map<string, OtherOnNote[]>();
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID || !state) return;
        const focus = (state as { focus?: unknown }).focus;
        if (typeof focus !== "string") return;
        const user = (state as { user?: { name?: unknown } }).user;
        const name = typeof user?.name === "string" ? user.name.slice(0, 60) : "?";
        const list = map.get(focus) ?? [];
        list.push({ clientId, name, editing: (state as { editing?: unknown }).editing === true });
        map.set(focus, list);
      });
      cache = map.size === 0 ? NO_ONE : map;
    };
    compute();
    return {
      subscribe(fn: () => void) {
        const onChange = () => {
          compute();
          fn();
        };
        awareness.on("change", onChange);
        return () => awareness.off("change", onChange);
      },
      get: () => cache,
    };
  });
  return useSyncExternalStore(store.subscribe, store.get, () => NO_ONE);
}

/** True when the viewport is at least `px` wide (false on the server and on phones). */
export function useMinWidth(px: number): boolean {
  return useSyncExternalStore(
    (fn) => {
      const mq = window.matchMedia(`(min-width: ${px}px)`);
      mq.addEventListener("change", fn);
      return () => mq.removeEventListener("change", fn);
    },
    () => window.matchMedia(`(min-width: ${px}px)`).matches,
    () => false,
  );
}
