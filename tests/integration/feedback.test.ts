// The feedback questionnaire over HTTP against a real server (issue 6; rule ids F… and X… in
// src/domain/SPEC.md): prepared from the default template, answered once each and edited,
// anonymous results for the facilitator with pinned quotes, CSV safe against formulas,
// Markdown and PDF, nothing after the closing date, and answering after the session closed.
import { describe, expect, it } from "vitest";
import type { FeedbackViewResponse } from "../../src/protocol/index.ts";
import { createSession, joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { callRoute } from "../helpers/http.ts";

const server = useServer();

const call = (path: string, token: string, body?: unknown) => callRoute(server.url, path, token, body);

describe("the feedback questionnaire", () => {
  it("F1-F9, X1: prepared, answered once and edited, anonymous results, quotes, exports", async () => {
    const s = await createSession(server.url, "Journée nationale 2026");
    const fac = s.facilitatorToken;
    const awa = await joinSession(server.url, s.code, "Awa");
    const ben = await joinSession(server.url, s.code, "Ben");
    const base = `/api/sessions/${s.code}/feedback`;

    expect((await call(base, fac)).json).toEqual({ role: "facilitator", prepared: false });
    expect((await call(base, awa.token, { type: "create" })).status).toBe(403);
    const created = await call(base, fac, { type: "create", template: "nationalDay" });
    expect(created.status).toBe(200);
    expect(created.json.status).toBe("draft");
    expect(created.json.anonymous).toBe(true);
    // A draft is not shown to participants.
    expect((await call(base, awa.token)).json).toEqual({ role: "participant", prepared: false });
    expect((await call(`${base}/response`, awa.token, { type: "submit", answers: [] })).status).toBe(409);

    expect((await call(base, fac, { type: "open", closesAt: null })).json.accepting).toBe(true);
    const form = (await call(base, awa.token)).json as Extract<FeedbackViewResponse, { prepared: true; role: "participant" | "observer" }>;
    expect(form.definition.questions.map((q) => q.id)).toEqual(["satisfaction", "usefulness", "organisation", "takeaway", "suggestions"]);
    expect(form.mine).toBeNull();

    const injection = '=HYPERLINK("http://evil.example","clic")';
    expect(
      (await call(`${base}/response`, awa.token, { type: "submit", answers: [{ questionId: "satisfaction", value: 5 }, { questionId: "takeaway", value: "La confiance entre collègues" }] })).status,
    ).toBe(200);
    // Editing keeps one response (F3).
    const edited = await call(`${base}/response`, awa.token, {
      type: "submit",
      answers: [
        { questionId: "satisfaction", value: 4 },
        { questionId: "takeaway", value: "La confiance entre collègues" },
        { questionId: "suggestions", value: injection },
      ],
    });
    expect(edited.json.mine.answers).toHaveLength(3);
    expect((await call(`${base}/response`, ben.token, { type: "submit", answers: [{ questionId: "satisfaction", value: 2 }] })).status).toBe(200);
    expect((await call(`${base}/response`, ben.token, { type: "submit", answers: [{ questionId: "satisfaction", value: 9 }] })).status).toBe(400);
    expect((await call(`${base}/response`, fac, { type: "submit", answers: [{ questionId: "satisfaction", value: 5 }] })).status).toBe(403);

    const results = (await call(base, fac)).json as Extract<FeedbackViewResponse, { prepared: true; role: "facilitator" }>;
    expect(results.results.respondents).toBe(2);
    const satisfaction = results.results.questions.find((q) => q.questionId === "satisfaction");
    expect(satisfaction).toMatchObject({ kind: "scale", average: 3 });
    // Anonymous: no participant id anywhere in the facilitator's results (F7).
    expect(JSON.stringify(results)).not.toContain(awa.participantId);
    const takeaway = results.results.questions.find((q) => q.questionId === "takeaway");
    const quote = takeaway?.kind === "text" ? takeaway.answers[0] : null;
    expect(quote?.text).toBe("La confiance entre collègues");
    const pinned = await call(base, fac, { type: "pin", responseId: quote!.responseId, questionId: "takeaway" });
    expect(pinned.json.results.quotes.map((q: { text: string }) => q.text)).toEqual(["La confiance entre collègues"]);
    expect((await call(base, awa.token, { type: "pin", responseId: quote!.responseId, questionId: "takeaway" })).status).toBe(403);

    // Exports: the facilitator's only; CSV neutralises formulas (X1); Markdown has the quote.
    expect((await call(`${base}/export?format=csv`, awa.token)).status).toBe(403);
    const csv = await call(`${base}/export?format=csv`, fac);
    expect(csv.status).toBe(200);
    // A UTF-8 BOM for Excel (fetch's text() drops it: read the bytes).
    const raw = await fetch(`${server.url}${base}/export?format=csv`, { headers: { authorization: `Bearer ${fac}` } });
    expect([...new Uint8Array(await raw.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text).toContain("'=HYPERLINK");
    expect(csv.text).not.toMatch(/(^|[;,\n"])=HYPERLINK/);
    expect(csv.text).not.toContain("Awa");
    const md = await call(`${base}/export?format=md&lang=fr`, fac);
    expect(md.text).toContain("La confiance entre collègues");
    const pdf = await fetch(`${server.url}${base}/export?format=pdf`, { headers: { authorization: `Bearer ${fac}` } });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");

    // The session closes: those who joined still answer through the questionnaire's link (F4).
    const closed = await fetch(`${server.url}/api/sessions/${s.code}/close`, { method: "POST", headers: { authorization: `Bearer ${fac}` } });
    expect(closed.status).toBe(200);
    const late = await joinSession(server.url, s.code, "Chloé").catch((err: Error) => err);
    expect(late).toBeInstanceOf(Error);
    expect((await call(`${base}/response`, ben.token, { type: "submit", answers: [{ questionId: "satisfaction", value: 3 }] })).status).toBe(200);

    // A closing date: answers stop there (F4).
    const soon = Date.now() + 1500;
    expect((await call(base, fac, { type: "open", closesAt: soon })).status).toBe(200);
    await new Promise((r) => setTimeout(r, soon - Date.now() + 200));
    const after = await call(`${base}/response`, ben.token, { type: "submit", answers: [{ questionId: "satisfaction", value: 1 }] });
    expect(after.status).toBe(409);
    expect(after.json.error).toBe("not_open");
    const final = (await call(base, fac)).json;
    expect(final.accepting).toBe(false);
    expect(final.results.questions[0].average).toBe(3.5);
  }, 60_000);

  it("crafted bodies are refused with a clear error", async () => {
    const s = await createSession(server.url, "Séminaire");
    const base = `/api/sessions/${s.code}/feedback`;
    expect((await call(base, s.facilitatorToken, { type: "nope" })).status).toBe(400);
    expect((await call(base, s.facilitatorToken, { type: "edit", definition: {} })).status).toBe(404);
    expect((await call(base, s.facilitatorToken, { type: "create", template: "seminar" })).status).toBe(200);
    const bad = await call(base, s.facilitatorToken, { type: "edit", definition: { title: { fr: "", en: "" }, questions: [] } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/^title|^questions/);
    expect((await call(base, "x".repeat(43))).status).toBe(401);
  }, 30_000);
});
