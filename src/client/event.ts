// A national day seen from a browser (docs/protocol.md §10): follows `event:state` on the event
// session's socket (newest version, clock skew, acked `event:command`: follower.ts); the
// roster CSV upload and the synthesis export over HTTP; a listener's own perceptions, kept in
// this browser (the server sends only how many they wrote). No React here.
import type { Socket } from "socket.io-client";
import { Events, type EventAck, type EventStateEvent, type EventWireCommand, type RosterImportResponse } from "../protocol/index.ts";
import { StateFollower, type Refused } from "./follower.ts";
import { saveBlob } from "./download.ts";

export type EventResult = EventAck | Refused;

export class EventClient extends StateFollower<EventStateEvent, EventWireCommand, EventAck> {
  constructor(socket: Socket) {
    super(socket, { state: Events.eventState, command: Events.eventCommand }, (s) => s.serverNow);
  }
}

/** Milliseconds left before `endsAt` (server time), never below 0; null without a timer. */
export function msLeft(endsAt: number | null | undefined, serverNow: number): number | null {
  return endsAt === null || endsAt === undefined ? null : Math.max(0, endsAt - serverNow);
}

/** A seed for the placement commands: another click, another (equally balanced) placement. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

export type RosterUpload =
  | { ok: true; report: RosterImportResponse }
  | { ok: false; status: number; code: string; message: string };

/** POST /api/sessions/{code}/event/roster: the CSV file itself as the body. */
export async function uploadRoster(code: string, token: string, file: Blob): Promise<RosterUpload> {
  let res: Response;
  try {
    res = await fetch(`/api/sessions/${encodeURIComponent(code)}/event/roster`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/csv; charset=utf-8" },
      body: file,
      cache: "no-store",
    });
  } catch (err) {
    return { ok: false, status: 0, code: "network", message: (err as Error).message };
  }
  const body = (await res.json().catch(() => null)) as (RosterImportResponse & { error?: string; message?: string }) | null;
  if (res.ok && body) return { ok: true, report: body };
  return { ok: false, status: res.status, code: body?.error ?? "internal", message: body?.message ?? res.statusText };
}

export const synthesisPath = (code: string, format: "md" | "pdf" | "json", lang: "fr" | "en") =>
  `/api/sessions/${encodeURIComponent(code)}/event/synthesis?format=${format}&lang=${lang}`;

/** The day's synthesis as a file (the coordination's bearer token): Markdown or PDF. */
export async function downloadSynthesis(code: string, token: string, format: "md" | "pdf", lang: "fr" | "en"): Promise<{ ok: true; fileName: string } | { ok: false; status: number }> {
  let res: Response;
  try {
    res = await fetch(synthesisPath(code, format, lang), { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
  } catch {
    return { ok: false, status: 0 };
  }
  if (!res.ok) return { ok: false, status: res.status };
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `synthese-${code}.${format}`;
  saveBlob(await res.blob(), name);
  return { ok: true, fileName: name };
}

// ---- a listener's own perceptions ----------------------------------------------------------

export interface MyPerception {
  storyId: string;
  text: string;
  at: number;
}

const perceptionsKey = (code: string, participantId: string) => `marguerite:perceptions:${code}:${participantId}`;

export function loadPerceptions(code: string, participantId: string): MyPerception[] {
  try {
    const raw = window.localStorage.getItem(perceptionsKey(code, participantId));
    const list = raw ? (JSON.parse(raw) as MyPerception[]) : [];
    return Array.isArray(list) ? list.filter((p) => typeof p?.text === "string" && typeof p.storyId === "string") : [];
  } catch {
    return [];
  }
}

export function savePerceptions(code: string, participantId: string, list: readonly MyPerception[]): void {
  try {
    window.localStorage.setItem(perceptionsKey(code, participantId), JSON.stringify(list));
  } catch {
    // not kept across reloads: the server has them anyway
  }
}
