// The JSON routes against a real server: every refusal has its status and error code.
import { describe, expect, it } from "vitest";
import { createSession, joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";

const server = useServer();

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("HTTP routes", () => {
  it("create a session with a join code, links and a secret the database never stores in clear", async () => {
    const s = await createSession(server.url, "  Codev   du mardi ");
    expect(s.title).toBe("Codev du mardi");
    expect(s.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(s.joinUrl).toBe(`${server.url}/rejoindre/${s.code}`);
    expect(s.facilitatorUrl).toBe(`${server.url}/s/${s.code}#cle=${s.facilitatorToken}`);
    const me = await fetch(`${server.url}/api/sessions/${s.code.toLowerCase()}/me`, { headers: { authorization: `Bearer ${s.facilitatorToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: "facilitator", title: "Codev du mardi" });
  });

  it("answer 404 for an unknown code and 401 for a token of nobody", async () => {
    const unknown = await fetch(`${server.url}/api/sessions/ACDEFG`);
    expect([unknown.status, (await unknown.json()).error]).toEqual([404, "session_not_found"]);
    const s = await createSession(server.url);
    const me = await fetch(`${server.url}/api/sessions/${s.code}/me`, { headers: { authorization: `Bearer ${"A".repeat(43)}` } });
    expect([me.status, (await me.json()).error]).toEqual([401, "unauthorized"]);
    const noAuth = await fetch(`${server.url}/api/sessions/${s.code}/me`);
    expect(noAuth.status).toBe(401);
    const joinUnknown = await post(`/api/sessions/ACDEFG/participants`, { displayName: "Awa" });
    expect(joinUnknown.status).toBe(404);
  });

  it("refuse malformed bodies, non-JSON writes and cross-site writes", async () => {
    const s = await createSession(server.url);
    const cases: Array<[Response, number, string]> = [
      [await post("/api/sessions", "{not json"), 400, "bad_request"],
      [await post("/api/sessions", { title: "" }), 400, "bad_request"],
      [await post("/api/sessions", { title: 12 }), 400, "bad_request"],
      [await post(`/api/sessions/${s.code}/participants`, { displayName: "x".repeat(200) }), 400, "bad_request"],
      [await post("/api/sessions", { title: "x".repeat(20_000) }), 413, "too_large"],
      [await post("/api/sessions", { title: "ok" }, { "content-type": "text/plain" }), 415, "bad_request"],
      [await post("/api/sessions", { title: "ok" }, { origin: "https://evil.example" }), 403, "forbidden"],
    ];
    for (const [res, status, code] of cases) expect([res.status, (await res.json()).error]).toEqual([status, code]);
  });

  it("serve the join link as a QR code and security headers on every page", async () => {
    const s = await createSession(server.url);
    const qr = await fetch(`${server.url}/api/sessions/${s.code}/qr`);
    expect(qr.headers.get("content-type")).toBe("image/svg+xml");
    expect(await qr.text()).toMatch(/^<svg/);
    const home = await fetch(`${server.url}/`);
    expect(home.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("give each participant their own token", async () => {
    const s = await createSession(server.url);
    const a = await joinSession(server.url, s.code, "Awa");
    const b = await joinSession(server.url, s.code, "Awa");
    expect(a.token).not.toBe(b.token);
    expect(a.participantId).not.toBe(b.participantId);
    expect(a.role).toBe("participant");
  });
});
