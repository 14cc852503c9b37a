// The feedback questionnaire seen from a browser (docs/protocol.md §9): read it, the
// facilitator's commands, a participant's response, and the results' downloads. Every call
// carries the person's bearer token (the one the room keeps in this browser) and resolves,
// never throws: a network failure is { ok: false, network: true }.
import type { FeedbackCommandBody, FeedbackResponseBody, FeedbackViewResponse } from "../protocol/index.ts";
import { saveBlob } from "./download.ts";

export type FeedbackCall =
  | { ok: true; data: FeedbackViewResponse }
  | { ok: false; status: number; error: string; message: string; network: boolean; questionId: string | null };

const base = (code: string) => `/api/sessions/${encodeURIComponent(code)}/feedback`;

async function call(path: string, token: string, body?: unknown): Promise<FeedbackCall> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch (err) {
    return { ok: false, status: 0, error: "network", message: (err as Error).message, network: true, questionId: null };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (res.ok && json && typeof json === "object") return { ok: true, data: json as FeedbackViewResponse };
  const e = (json ?? {}) as { error?: string; message?: string };
  const message = e.message ?? res.statusText;
  // A refused answer's message starts with the question's id ("satisfaction: …").
  const questionId = /^([A-Za-z0-9_-]{1,64}): /.exec(message)?.[1] ?? null;
  return { ok: false, status: res.status, error: e.error ?? "internal", message, network: false, questionId };
}

export const feedbackApi = {
  view: (code: string, token: string) => call(base(code), token),
  command: (code: string, token: string, body: FeedbackCommandBody) => call(base(code), token, body),
  respond: (code: string, token: string, body: FeedbackResponseBody) => call(`${base(code)}/response`, token, body),
};

export type FeedbackFormat = "csv" | "pdf" | "md";

/** Fetches an export with the facilitator's token and hands it to the browser as a file. */
export async function downloadFeedback(code: string, token: string, format: FeedbackFormat, lang: "fr" | "en"): Promise<{ ok: true; fileName: string } | { ok: false; status: number }> {
  let res: Response;
  try {
    res = await fetch(`${base(code)}/export?format=${format}&lang=${lang}`, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
  } catch {
    return { ok: false, status: 0 };
  }
  if (!res.ok) return { ok: false, status: res.status };
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `retours-${code}.${format}`;
  saveBlob(await res.blob(), name);
  return { ok: true, fileName: name };
}

/** The participant's page of the questionnaire. */
export const feedbackPath = (code: string) => `/s/${code}/retours`;

/** "mardi 12 mars à 18:00" in the page's language. */
export function formatWhen(ts: number, locale: "fr" | "en"): string {
  return new Date(ts).toLocaleString(locale === "fr" ? "fr-FR" : "en-GB", { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
}

/** A 1 to 5 average with one decimal, a decimal comma in French. */
export function formatAverage(value: number, locale: "fr" | "en"): string {
  return new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}
