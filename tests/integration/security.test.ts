// Security basics against a real server: join codes cannot be guessed (throttle per client
// address, closed codes admit nobody new), the facilitator's secret never reaches a
// participant, writes come from our own pages (CSRF), and every page carries its headers.
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { Events, PROTOCOL_VERSION, type CreateSessionResponse, type JoinSessionResponse } from "../../src/protocol/index.ts";
import { createSession, joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";

// One reverse proxy in front: each test speaks from its own X-Forwarded-For address.
// A burst of 20, refilled at 1 a minute: the tests count on an emptied bucket staying empty for
// their few seconds (at 20 a minute, one token came back after 3 s on a loaded CI machine).
const server = useServer({ env: { TRUST_PROXY: "1", JOIN_ATTEMPTS_PER_MINUTE: "1", JOIN_BURST: "20" } });
const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.disconnect()));

let lastAddress = 0;
const newAddress = () => `203.0.113.${++lastAddress}`;

async function createCodev(): Promise<CreateSessionResponse> {
  const res = await fetch(`${server.url}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Codev", method: "codev" }),
  });
  return (await res.json()) as CreateSessionResponse;
}

function connect(code: string, token: string, address?: string): Promise<{ socket: Socket; received: unknown[] }> {
  const received: unknown[] = [];
  const socket = io(server.url, {
    auth: { v: PROTOCOL_VERSION, code, token },
    transports: ["websocket"],
    reconnection: false,
    autoConnect: false,
    extraHeaders: address ? { "x-forwarded-for": address } : {},
  });
  sockets.push(socket);
  socket.onAny((event, ...args) => received.push({ event, args }));
  return withTimeout(
    new Promise((resolve, reject) => {
      socket.once("connect", () => resolve({ socket, received }));
      socket.once("connect_error", (err) => reject(Object.assign(err, { code: (err as { data?: { code?: string } }).data?.code })));
      socket.connect();
    }),
    10_000,
    "connect",
  );
}

const command = (s: Socket, c: unknown) => withTimeout(new Promise<{ ok: boolean }>((r) => s.emit(Events.seanceCommand, c, r)), 5000, "ack");

describe("join codes cannot be guessed", () => {
  it("wrong codes from one address are refused with 429, rate_limited and Retry-After after the burst", async () => {
    const from = newAddress();
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${server.url}/api/sessions/ACDEF${"ACDEFGHJKMNPQRTUVWXY"[i]}`, { headers: { "x-forwarded-for": from } });
      expect(res.status).toBe(404);
    }
    const refused = await fetch(`${server.url}/api/sessions/ACDEFG`, { headers: { "x-forwarded-for": from } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: "rate_limited" });
    // Joining counts on the same budget, and so does a handshake.
    const s = await createSession(server.url);
    const join = await fetch(`${server.url}/api/sessions/${s.code}/participants`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": from },
      body: JSON.stringify({ displayName: "Awa" }),
    });
    expect(join.status).toBe(429);
    await expect(connect(s.code, s.facilitatorToken, from)).rejects.toMatchObject({ code: "rate_limited" });
    // A first hop the client wrote itself is not believed: only the proxy's own entry counts.
    const spoofed = await fetch(`${server.url}/api/sessions/${s.code}`, { headers: { "x-forwarded-for": `198.51.100.99, ${from}` } });
    expect(spoofed.status).toBe(429);
    // Another address is not affected.
    expect((await fetch(`${server.url}/api/sessions/${s.code}`, { headers: { "x-forwarded-for": newAddress() } })).status).toBe(200);
  });

  it("a right code costs little: forty people behind one address join in the same minute", async () => {
    const from = newAddress();
    const s = await createSession(server.url);
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${server.url}/api/sessions/${s.code}/participants`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": from },
        body: JSON.stringify({ displayName: `P${i}` }),
      });
      expect(res.status).toBe(201);
    }
  });

  it("wrong tokens at the handshake cost like wrong codes", async () => {
    const from = newAddress();
    const s = await createSession(server.url);
    for (let i = 0; i < 20; i++) await expect(connect(s.code, "A".repeat(43), from)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(connect(s.code, s.facilitatorToken, from)).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("a closed session's code admits nobody new; the people already in keep their access", async () => {
    const s = await createSession(server.url);
    const awa = await joinSession(server.url, s.code, "Awa");
    const close = (token: string) => fetch(`${server.url}/api/sessions/${s.code}/close`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect((await close(awa.token)).status).toBe(403);
    const closed = await close(s.facilitatorToken);
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ code: s.code, status: "closed" });
    const late = await fetch(`${server.url}/api/sessions/${s.code}/participants`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: "Late" }) });
    expect([late.status, (await late.json()).error]).toEqual([410, "session_closed"]);
    expect((await fetch(`${server.url}/api/sessions/${s.code}/me`, { headers: { authorization: `Bearer ${awa.token}` } })).status).toBe(200);
    const { socket } = await connect(s.code, awa.token);
    expect(socket.connected).toBe(true);
  });

  it("the end of a séance closes its session", async () => {
    const s = await createCodev();
    const fac = await connect(s.code, s.facilitatorToken);
    await waitFor(() => fac.received.length > 0, 10_000, "first state");
    // Acknowledged once stored, closed and published.
    expect(await command(fac.socket, { type: "end" })).toEqual({ ok: true });
    const summary = await (await fetch(`${server.url}/api/sessions/${s.code}`)).json();
    expect(summary.status).toBe("closed");
  });
});

describe("tokens", () => {
  it("are 256 random bits, and a participant never receives the facilitator's token or its hash", async () => {
    const s = await createCodev();
    const secret = s.facilitatorToken;
    const hash = createHash("sha256").update(secret, "utf8").digest("hex");
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const seen: string[] = [];
    const joined: JoinSessionResponse = await joinSession(server.url, s.code, "Awa");
    seen.push(JSON.stringify(joined));
    expect(joined.token).not.toBe(secret);
    for (const path of ["", "/me"]) {
      const res = await fetch(`${server.url}/api/sessions/${s.code}${path}`, { headers: { authorization: `Bearer ${joined.token}` } });
      seen.push(await res.text());
    }
    seen.push(await (await fetch(`${server.url}/api/sessions/${s.code}/qr`)).text());
    seen.push(await (await fetch(`${server.url}/rejoindre/${s.code}`)).text());
    const awa = await connect(s.code, joined.token);
    const fac = await connect(s.code, secret);
    await waitFor(() => fac.received.length > 0, 10_000, "facilitator's first state");
    // The facilitator runs the séance: every change is published to the participant.
    expect(await command(fac.socket, { type: "assignRole", participantId: joined.participantId, role: "caseHolder" })).toEqual({ ok: true });
    expect(await command(fac.socket, { type: "start" })).toEqual({ ok: true });
    await waitFor(() => awa.received.filter((r) => (r as { event: string }).event === Events.seanceState).length >= 3, 10_000, "states");
    await waitFor(() => awa.received.some((r) => (r as { event: string }).event === Events.presence), 10_000, "presence");
    seen.push(JSON.stringify(awa.received));
    for (const text of seen) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(hash);
    }
  });
});

describe("CSRF: state-changing routes answer only our own pages", () => {
  it("refuse another site's Origin or Sec-Fetch-Site with 403, whatever the authentication", async () => {
    const s = await createSession(server.url);
    const write = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
      fetch(`${server.url}${path}`, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const evil = { origin: "https://evil.example" };
    const bearer = { authorization: `Bearer ${s.facilitatorToken}` };
    for (const res of [
      await write("POST", "/api/sessions", evil, { title: "x" }),
      await write("POST", "/api/sessions", { "sec-fetch-site": "cross-site" }, { title: "x" }),
      await write("POST", `/api/sessions/${s.code}/participants`, evil, { displayName: "Awa" }),
      await write("POST", `/api/sessions/${s.code}/close`, { ...evil, ...bearer }),
      await write("DELETE", `/api/sessions/${s.code}`, { ...evil, ...bearer }),
      await write("DELETE", `/api/sessions/${s.code}`, { "sec-fetch-site": "same-site", ...bearer }),
    ]) {
      expect([res.status, (await res.json()).error]).toEqual([403, "forbidden"]);
    }
    // Still there, and our own pages may write.
    expect((await fetch(`${server.url}/api/sessions/${s.code}`)).status).toBe(200);
    const own = await write("POST", `/api/sessions/${s.code}/participants`, { origin: server.url, "sec-fetch-site": "same-origin" }, { displayName: "Awa" });
    expect(own.status).toBe(201);
  });
});

describe("security headers", () => {
  it("every page has a nonce-based CSP, no-referrer, nosniff, no framing and a permissions policy", async () => {
    const nonces: string[] = [];
    for (const path of ["/", "/rejoindre", "/s/ACDEFG"]) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      const script = csp.split("; ").find((d) => d.startsWith("script-src")) ?? "";
      expect(script).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
      const nonce = script.match(/'nonce-([^']+)'/)![1];
      nonces.push(nonce);
      // Every script Next writes carries this response's nonce.
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});
