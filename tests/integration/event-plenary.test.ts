// A national day's plenary runs a quiz and a feedback questionnaire (issue 6): the event's own
// session carries `quiz:command` / `quiz:state` as a quiz session does (the coordination
// prepares and runs it, the day's participants answer from their plenary screen, nobody else
// commands it), the questionnaire's HTTP routes take the coordination's token, and both close
// the day's synthesis (Z19, F10, L12), which a day without angles d'écoute now has too.
import { afterAll, describe, expect, it } from "vitest";
import { Events, type QuizStateEvent } from "../../src/protocol/index.ts";
import type { ParticipantQuizView } from "../../src/domain/quiz/index.ts";
import { RAW_QUIZ } from "../../src/domain/quiz/testkit.ts";
import { createSession, joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { callRoute } from "../helpers/http.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";
import { EventScreen, connect, sockets } from "../helpers/events.ts";

const server = useServer();
afterAll(() => sockets.splice(0).forEach((s) => s.disconnect()));

interface Ack {
  ok: boolean;
  code?: string;
  message?: string;
}

/** An event screen that follows the plenary's quiz too. */
async function plenaryScreen(code: string, token: string): Promise<{ event: EventScreen; quiz: QuizStateEvent[]; quizCommand(cmd: unknown): Promise<Ack> }> {
  const s = await connect(server.url, code, token);
  const event = new EventScreen(s);
  const quiz: QuizStateEvent[] = [];
  s.on(Events.quizState, (st: QuizStateEvent) => quiz.push(st));
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
    s.connect();
  });
  await waitFor(() => event.states.length > 0 && quiz.length > 0, 10_000, "first event and quiz states");
  return { event, quiz, quizCommand: (cmd) => withTimeout(new Promise<Ack>((resolve) => s.emit(Events.quizCommand, cmd, resolve)), 20_000, "quiz ack") };
}

const call = (path: string, token: string, body?: unknown) => callRoute(server.url, path, token, body);

// The domain tests' quiz, without the picture its last question names (no picture is uploaded here).
const QUIZ = { ...RAW_QUIZ, questions: RAW_QUIZ.questions.map((q) => ({ ...q, image: null, imageAlt: "" })) };

describe("a national day's plenary", () => {
  it("runs a quiz the coordination commands and the day's participants answer; a questionnaire; both in the synthesis", async () => {
    const created = await createSession(server.url, "Journée nationale du réseau", "event");
    const coord = await plenaryScreen(created.code, created.facilitatorToken);
    expect(coord.quiz.at(-1)).toMatchObject({ role: "facilitator", prepared: false });
    expect((await coord.event.command({ type: "importPeople", people: [1, 2, 3].map((k) => ({ id: `p${k}`, name: `Personne ${k}`, structure: "S", territory: "Bretagne" })) })).ok).toBe(true);
    const people: ({ token: string } & Awaited<ReturnType<typeof plenaryScreen>>)[] = [];
    for (const k of [1, 2, 3]) {
      const who = await joinSession(server.url, created.code, `Personne ${k}`);
      const screen = await plenaryScreen(created.code, who.token);
      expect((await screen.event.command({ type: "join", personId: `p${k}` })).ok).toBe(true);
      people.push({ token: who.token, ...screen });
    }
    const [awa, ben, clo] = people;
    expect(awa.quiz.at(-1)).toMatchObject({ role: "participant", prepared: false });

    // Only the coordination prepares and runs it (a participant's crafted command is refused).
    const crafted = await awa.quizCommand({ type: "prepare", quiz: QUIZ });
    expect(crafted).toMatchObject({ ok: false, code: "not_facilitator" });
    expect((await coord.quizCommand({ type: "prepare", quiz: QUIZ })).ok).toBe(true);
    expect((await coord.quizCommand({ type: "next" })).ok).toBe(true);
    expect((await awa.quizCommand({ type: "reveal" })).ok).toBe(false);
    await waitFor(() => people.every((p) => (p.quiz.at(-1)?.view as ParticipantQuizView | null)?.question?.questionId === "q1"), 10_000, "q1 on every plenary screen");
    // No answer key before the reveal (Z9).
    expect(JSON.stringify(awa.quiz.at(-1))).not.toContain("correct");
    expect((await awa.quizCommand({ type: "answer", questionId: "q1", answer: { kind: "single", optionId: "b" } })).ok).toBe(true);
    expect((await ben.quizCommand({ type: "answer", questionId: "q1", answer: { kind: "single", optionId: "a" } })).ok).toBe(true);
    expect((await clo.quizCommand({ type: "answer", questionId: "q1", answer: { kind: "single", optionId: "b" } })).ok).toBe(true);
    expect((await clo.quizCommand({ type: "answer", questionId: "q1", answer: { kind: "single", optionId: "a" } })).ok).toBe(false);
    expect((await coord.quizCommand({ type: "reveal" })).ok).toBe(true);
    await waitFor(() => (awa.quiz.at(-1)?.view as ParticipantQuizView | null)?.mine?.result?.correct === true, 10_000, "Awa's result after the reveal");
    expect((await coord.quizCommand({ type: "next" })).ok).toBe(true);
    expect((await ben.quizCommand({ type: "answer", questionId: "q2", answer: { kind: "multiple", optionIds: ["mob"] } })).ok).toBe(true);

    // A late joiner lands on the current question.
    const late = await joinSession(server.url, created.code, "Personne tardive");
    const lateScreen = await plenaryScreen(created.code, late.token);
    expect((lateScreen.quiz.at(-1)?.view as ParticipantQuizView | null)?.question?.questionId).toBe("q2");

    // The questionnaire of the day, with the coordination's token.
    const base = `/api/sessions/${created.code}/feedback`;
    expect((await call(base, awa.token, { type: "create" })).status).toBe(403);
    expect((await call(base, created.facilitatorToken, { type: "create", template: "nationalDay" })).status).toBe(200);
    expect((await call(base, created.facilitatorToken, { type: "open", closesAt: null })).json.accepting).toBe(true);
    expect((await call(`${base}/response`, awa.token, { type: "submit", answers: [{ questionId: "satisfaction", value: 5 }] })).status).toBe(200);
    expect((await call(`${base}/response`, ben.token, { type: "submit", answers: [{ questionId: "satisfaction", value: 4 }] })).status).toBe(200);

    // The synthesis, without any angles d'écoute: the quiz (q2 not revealed: no key), then the feedback.
    const md = await call(`/api/sessions/${created.code}/event/synthesis?format=md`, created.facilitatorToken);
    expect(md.status).toBe(200);
    expect(md.text).toContain("## Quiz : Les personnes que nous accompagnons");
    expect(md.text).toContain("2 questions posées sur 5, 3 personnes ont répondu");
    expect(md.text).toContain("Environ 20 %");
    expect(md.text).toContain("Réponse non dévoilée pendant le quiz.");
    expect(md.text).toContain("## Retours des participant·e·s");
    expect(md.text).toContain("2 réponses au questionnaire.");
    expect(md.text).not.toContain("Personne 1");
    expect(md.text).not.toContain("Modalités d'action par angle");
    const pdf = await fetch(`${server.url}/api/sessions/${created.code}/event/synthesis?format=pdf`, { headers: { authorization: `Bearer ${created.facilitatorToken}` } });
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    // The projector's data stays the angles': none yet.
    expect((await call(`/api/sessions/${created.code}/event/synthesis?format=json`, created.facilitatorToken)).status).toBe(404);
    expect((await call(`/api/sessions/${created.code}/event/synthesis?format=md`, awa.token)).status).toBe(403);
  });
});
