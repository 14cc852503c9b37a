// The quiz questions' pictures against a real server (issue 6; rules Z2 and Z18 in
// src/domain/SPEC.md): the facilitator uploads a file, anyone of the session gets it back
// byte for byte from our own site; everything else is refused with its code; a quiz naming
// another site's picture, or another session's, is refused; deleting the session takes its pictures.
import { afterAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { Events, PROTOCOL_VERSION, type QuizImageUploadResponse, type QuizStateEvent } from "../../src/protocol/index.ts";
import type { ParticipantQuizView } from "../../src/domain/quiz/index.ts";
import { openDatabase } from "../../src/server/persistence/database.ts";
import { createSession, joinSession, removeDir, startServer } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";
import { daisyPng, makePng } from "../helpers/png.ts";

const server = useServer();
const PNG = daisyPng(64, 36);

function upload(code: string, token: string | null, body: BodyInit, headers: Record<string, string> = { "content-type": "image/png" }): Promise<Response> {
  return fetch(`${server.url}/api/sessions/${code}/quiz/images`, {
    method: "POST",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body,
    // A stream has no Content-Length: the server must count what it reads.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function refusal(res: Response): Promise<{ status: number; error: string }> {
  const body = (await res.json()) as { error: string };
  return { status: res.status, error: body.error };
}

const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.disconnect()));

async function quizScreen(code: string, token: string) {
  const s = io(server.url, { auth: { v: PROTOCOL_VERSION, code, token }, transports: ["websocket"], reconnection: false, autoConnect: false });
  sockets.push(s);
  const states: QuizStateEvent[] = [];
  s.on(Events.quizState, (st: QuizStateEvent) => states.push(st));
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
    s.connect();
  });
  await waitFor(() => states.length > 0, 10_000, "first quiz state");
  const command = (cmd: unknown) => withTimeout(new Promise<{ ok: boolean; code?: string; message?: string }>((resolve) => s.emit(Events.quizCommand, cmd, resolve)), 20_000, "quiz ack");
  return { states, command };
}

const question = (image: unknown, imageAlt?: unknown) => ({
  title: "Quiz illustré",
  questions: [{ id: "q1", kind: "trueFalse", prompt: "Cette fleur est une marguerite ?", correct: true, image, imageAlt }],
});

describe("quiz images", () => {
  it("Z18: the facilitator uploads a PNG; anyone of the session gets the same bytes back, typed, unsniffable and cached for good", async () => {
    const session = await createSession(server.url, "Quiz illustré", "quiz");
    const res = await upload(session.code, session.facilitatorToken, new Uint8Array(PNG), { "content-type": "application/octet-stream" });
    expect(res.status).toBe(201);
    const image = (await res.json()) as QuizImageUploadResponse;
    expect(image).toMatchObject({ contentType: "image/png", byteSize: PNG.length, url: `/api/sessions/${session.code}/quiz/images/${image.id}` });
    expect(image.id).toMatch(/^[A-Za-z0-9_-]{24}$/);

    // No token needed: an <img> sends none. The code written another way is the same session.
    for (const code of [session.code, session.code.toLowerCase()]) {
      const got = await fetch(`${server.url}/api/sessions/${code}/quiz/images/${image.id}`);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe("image/png");
      expect(got.headers.get("x-content-type-options")).toBe("nosniff");
      expect(got.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
      expect(got.headers.get("cross-origin-resource-policy")).toBe("same-origin");
      expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
    }

    // Another session's code, an unknown id, a malformed id: one answer, 404.
    const other = await createSession(server.url, "Autre quiz", "quiz");
    for (const path of [`${other.code}/quiz/images/${image.id}`, `${session.code}/quiz/images/${image.id}x`, `${session.code}/quiz/images/..%2F..%2Fqr`]) {
      const got = await fetch(`${server.url}/api/sessions/${path}`);
      expect(await refusal(got), path).toEqual({ status: 404, error: "image_not_found" });
    }
  });

  it("Z18: refuses a participant, no token, another site, an HTML page sent as image/png, an SVG, an empty body and a 3 MB file", async () => {
    const session = await createSession(server.url, "Quiz illustré", "quiz");
    const person = await joinSession(server.url, session.code, "Awa");
    const fac = session.facilitatorToken;

    expect(await refusal(await upload(session.code, person.token, new Uint8Array(PNG)))).toEqual({ status: 403, error: "not_facilitator" });
    expect(await refusal(await upload(session.code, null, new Uint8Array(PNG)))).toEqual({ status: 401, error: "unauthorized" });
    const crossSite = await upload(session.code, fac, new Uint8Array(PNG), { "content-type": "image/png", origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(await refusal(crossSite)).toEqual({ status: 403, error: "forbidden" });

    const html = new TextEncoder().encode("<!doctype html><title>x</title><script>alert(document.cookie)</script>");
    expect(await refusal(await upload(session.code, fac, html, { "content-type": "image/png" }))).toEqual({ status: 415, error: "unsupported_image" });
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect(await refusal(await upload(session.code, fac, svg, { "content-type": "image/svg+xml" }))).toEqual({ status: 415, error: "unsupported_image" });
    expect(await refusal(await upload(session.code, fac, new Uint8Array(0)))).toEqual({ status: 400, error: "image_empty" });

    const big = new Uint8Array(3 * 1024 * 1024);
    big.set(PNG);
    expect(await refusal(await upload(session.code, fac, big))).toEqual({ status: 413, error: "image_too_large" });
    // Without a Content-Length (a stream), the server stops reading past 2 MB.
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(big.subarray(i * 512 * 1024, (i + 1) * 512 * 1024));
        controller.close();
      },
    });
    expect(await refusal(await upload(session.code, fac, streamed))).toEqual({ status: 413, error: "image_too_large" });

    // Exactly 2 MB is accepted.
    const limit = new Uint8Array(2 * 1024 * 1024);
    limit.set(PNG);
    expect((await upload(session.code, fac, limit)).status).toBe(201);

    // A closed session takes no more pictures.
    const closed = await fetch(`${server.url}/api/sessions/${session.code}/close`, { method: "POST", headers: { authorization: `Bearer ${fac}` } });
    expect(closed.status).toBe(200);
    expect(await refusal(await upload(session.code, fac, new Uint8Array(PNG)))).toEqual({ status: 410, error: "session_closed" });
  });

  it("Z18: at most 50 pictures per session, even when 60 arrive at once", async () => {
    const session = await createSession(server.url, "Quiz très illustré", "quiz");
    const files = Array.from({ length: 60 }, (_, i) => makePng(4, 4, () => [i, 100, 200]));
    const answers = await Promise.all(files.map((f) => upload(session.code, session.facilitatorToken, new Uint8Array(f))));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    const refused = answers.find((r) => r.status === 409)!;
    expect((await refused.json()) as unknown).toMatchObject({ error: "too_many_images" });
  });

  it("Z2: a quiz names an uploaded picture with its alt text; another site's picture or a missing alt text is refused", async () => {
    const session = await createSession(server.url, "Quiz illustré", "quiz");
    const fac = await quizScreen(session.code, session.facilitatorToken);
    const image = (await (await upload(session.code, session.facilitatorToken, new Uint8Array(PNG))).json()) as QuizImageUploadResponse;

    const external = await fac.command({ type: "prepare", quiz: question("https://tracker.example/pixel.png", "Une marguerite") });
    expect(external).toMatchObject({ ok: false, code: "external_image" });
    expect(external.message).toMatch(/^questions\[0\]\.image: /);
    expect(await fac.command({ type: "prepare", quiz: question("//tracker.example/pixel.png", "Une marguerite") })).toMatchObject({ ok: false, code: "external_image" });
    expect(await fac.command({ type: "prepare", quiz: question(image.id, "  ") })).toMatchObject({ ok: false, code: "required", message: expect.stringMatching(/^questions\[0\]\.imageAlt: /) });
    // Another session's picture (its id is well formed) is not this quiz's to show; nor a made-up id.
    const other = await createSession(server.url, "Un autre quiz", "quiz");
    const theirs = (await (await upload(other.code, other.facilitatorToken, new Uint8Array(PNG))).json()) as QuizImageUploadResponse;
    const borrowed = await fac.command({ type: "prepare", quiz: question(theirs.id, "Une marguerite") });
    expect(borrowed).toMatchObject({ ok: false, code: "image_not_found" });
    expect(borrowed.message).toMatch(/^questions\[0\]\.image: /);
    expect(await fac.command({ type: "prepare", quiz: question("A".repeat(24), "Une marguerite") })).toMatchObject({ ok: false, code: "image_not_found" });
    expect(await fac.command({ type: "prepare", quiz: question(image.id, "Une marguerite blanche dans un pré") })).toMatchObject({ ok: true });

    const person = await joinSession(server.url, session.code, "Awa");
    const screen = await quizScreen(session.code, person.token);
    expect(await fac.command({ type: "next" })).toMatchObject({ ok: true });
    await waitFor(() => (screen.states.at(-1)?.view as ParticipantQuizView | null)?.question !== null && screen.states.at(-1)?.prepared === true, 10_000, "the question");
    const q = (screen.states.at(-1)!.view as ParticipantQuizView).question!;
    expect(q).toMatchObject({ image: image.id, imageAlt: "Une marguerite blanche dans un pré" });
  });

  it("deleting the session takes its pictures: gone from the site and from the database, another session's stay", async () => {
    // Its own server, so that its database can be read once it has stopped.
    const own = await startServer();
    try {
      const send = (code: string, token: string) =>
        fetch(`${own.url}/api/sessions/${code}/quiz/images`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "image/png" }, body: new Uint8Array(PNG) });
      const doomed = await createSession(own.url, "Quiz à supprimer", "quiz");
      const kept = await createSession(own.url, "Quiz gardé", "quiz");
      const image = (await (await send(doomed.code, doomed.facilitatorToken)).json()) as QuizImageUploadResponse;
      await send(doomed.code, doomed.facilitatorToken);
      expect((await send(kept.code, kept.facilitatorToken)).status).toBe(201);
      expect((await fetch(`${own.url}${image.url}`)).status).toBe(200);

      const gone = await fetch(`${own.url}/api/sessions/${doomed.code}`, { method: "DELETE", headers: { authorization: `Bearer ${doomed.facilitatorToken}` } });
      expect(gone.status).toBe(204);
      expect((await fetch(`${own.url}${image.url}`)).status).toBe(404);

      expect(await own.stop()).toBe(0);
      const db = await openDatabase({ dataDir: own.dataDir });
      try {
        expect(await db.prisma.quizImage.count({ where: { sessionId: doomed.sessionId } })).toBe(0);
        expect(await db.prisma.quizImage.count({ where: { sessionId: kept.sessionId } })).toBe(1);
      } finally {
        await db.close();
      }
    } finally {
      if (own.proc.exitCode === null) await own.stop();
      removeDir(own.dataDir);
    }
  });
});
