// The browser's calls to the session API (src/app/api). Every call resolves, never throws:
// a network failure is { ok: false, network: true }.
import type {
  CreateSessionResponse,
  ErrorCode,
  GroupOverview,
  JoinSessionResponse,
  MeResponse,
  Method,
  SessionSummary,
} from "../protocol/index.ts";

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ErrorCode | "network"; message: string; network: boolean };

async function call<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, cache: "no-store" });
  } catch (err) {
    return { ok: false, status: 0, error: "network", message: (err as Error).message, network: true };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  const e = (body ?? {}) as { error?: ErrorCode; message?: string };
  return { ok: false, status: res.status, error: e.error ?? "internal", message: e.message ?? res.statusText, network: false };
}

const json = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export const api = {
  createSession: (title: string, method: Method = "board") => call<CreateSessionResponse>("/api/sessions", json({ title, method })),
  getSession: (code: string) => call<SessionSummary>(`/api/sessions/${encodeURIComponent(code)}`),
  join: (code: string, displayName: string) =>
    call<JoinSessionResponse>(`/api/sessions/${encodeURIComponent(code)}/participants`, json({ displayName })),
  me: (code: string, token: string) =>
    call<MeResponse>(`/api/sessions/${encodeURIComponent(code)}/me`, { headers: { authorization: `Bearer ${token}` } }),
  /** The facilitator deletes the session and everything in it (204, no body). */
  deleteSession: (code: string, token: string) =>
    call<null>(`/api/sessions/${encodeURIComponent(code)}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } }),
  qrUrl: (code: string) => `/api/sessions/${encodeURIComponent(code)}/qr`,
  group: (code: string, token: string) =>
    call<GroupOverview>(`/api/sessions/${encodeURIComponent(code)}/group`, { headers: { authorization: `Bearer ${token}` } }),
  nextSeance: (code: string, token: string) => {
    const init = json({});
    return call<CreateSessionResponse>(`/api/sessions/${encodeURIComponent(code)}/next`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
  },
};

export const joinPath = (code: string) => `/rejoindre/${code}`;
export const roomPath = (code: string) => `/s/${code}`;
