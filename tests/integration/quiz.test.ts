// The quiz against a real server (issue 6; rule ids Z… in src/domain/SPEC.md): 150 sockets
// answer a 10-question quiz; every accepted answer is counted once and the totals match what
// was sent; second answers, late answers and a participant's facilitator commands are refused;
// nothing a participant's socket receives before a reveal holds the answer key.
import { afterAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { Events, PROTOCOL_VERSION, type QuizStateEvent } from "../../src/protocol/index.ts";
import type { FacilitatorQuizView, ParticipantQuizView } from "../../src/domain/quiz/index.ts";
import { createSession, joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";

const server = useServer();
type Ack = { ok: boolean; code?: string; message?: string };
const PEOPLE = 150;
const SECRET = "EXPLICATION-SECRETE";

/** Ten questions of every kind; option "a" or true is right; the explanations carry a marker. */
function tenQuestions(): unknown[] {
  const out: unknown[] = [];
  const opts = [
    { id: "a", label: "Réponse A" },
    { id: "b", label: "Réponse B" },
    { id: "c", label: "Réponse C" },
  ];
  for (let i = 0; i < 10; i++) {
    const base = { id: `q${i}`, prompt: `Question ${i + 1}`, explanation: `${SECRET} ${i}`, timeLimitSec: 120 };
    switch (i % 5) {
      case 0:
        out.push({ ...base, kind: "single", options: opts, correctOptionId: "a" });
        break;
      case 1:
        out.push({ ...base, kind: "multiple", options: opts, correctOptionIds: ["a", "b"] });
        break;
      case 2:
        out.push({ ...base, kind: "trueFalse", correct: true });
        break;
      case 3:
        out.push({ ...base, kind: "ordering", options: opts });
        break;
      default:
        out.push({ ...base, kind: "number", correct: 42, tolerance: 0, unit: "%" });
    }
  }
  return out;
}

/** Person k answers right when k % 3 !== 0: a third of the room is wrong. */
function answerOf(kind: string, k: number): unknown {
  const right = k % 3 !== 0;
  switch (kind) {
    case "single":
      return { kind, optionId: right ? "a" : "c" };
    case "multiple":
      return { kind, optionIds: right ? ["a", "b"] : ["c"] };
    case "trueFalse":
      return { kind, value: right };
    case "ordering":
      return { kind, order: right ? ["a", "b", "c"] : ["c", "b", "a"] };
    default:
      return { kind, value: right ? 42 : 7 };
  }
}

class Screen {
  states: QuizStateEvent[] = [];
  /** Everything received, as text, to search for leaks. */
  wire: string[] = [];
  constructor(readonly socket: Socket) {
    socket.on(Events.quizState, (s: QuizStateEvent) => this.states.push(s));
    socket.onAny((event: string, ...args: unknown[]) => {
      if (event !== Events.presence) this.wire.push(JSON.stringify(args));
    });
  }
  get last(): QuizStateEvent | undefined {
    return this.states[this.states.length - 1];
  }
  command(cmd: unknown): Promise<Ack> {
    return withTimeout(new Promise<Ack>((resolve) => this.socket.emit(Events.quizCommand, cmd, resolve)), 20_000, `ack of ${JSON.stringify(cmd).slice(0, 60)}`);
  }
}

const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.disconnect()));

async function screen(url: string, code: string, token: string): Promise<Screen> {
  // Listening before connecting: the first state may arrive in the same read as the connection.
  const s = io(url, { auth: { v: PROTOCOL_VERSION, code, token }, transports: ["websocket"], reconnection: false, autoConnect: false });
  sockets.push(s);
  const sc = new Screen(s);
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
    s.connect();
  });
  await waitFor(() => sc.states.length > 0, 10_000, "first quiz state");
  return sc;
}

describe("a quiz with 150 people", () => {
  it("Z5, Z6, Z9: every accepted answer counted once, totals match, no answer key before the reveal", async () => {
    const session = await createSession(server.url, "Quiz de la journée nationale", "quiz");
    expect(session.method).toBe("quiz");
    const fac = await screen(server.url, session.code, session.facilitatorToken);
    expect(fac.last?.prepared).toBe(false);

    // Z1: a faulty definition is refused with the field named; a participant cannot prepare.
    const bad = await fac.command({ type: "prepare", quiz: { title: "Q", questions: [{ id: "q0", kind: "single", prompt: "?", options: [{ id: "a", label: "A" }], correctOptionId: "a" }] } });
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain("questions[0].options");
    expect((await fac.command({ type: "prepare", quiz: { title: "Quiz", locale: "fr", questions: tenQuestions() } })).ok).toBe(true);

    const people: Screen[] = [];
    for (let k = 0; k < PEOPLE; k += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, PEOPLE - k) }, async (_, j) => {
          const joined = await joinSession(server.url, session.code, `Personne ${k + j}`);
          return screen(server.url, session.code, joined.token);
        }),
      );
      people.push(...batch);
    }
    expect((await people[0].command({ type: "prepare", quiz: { title: "Pirate", questions: tenQuestions() } })).code).toBe("not_facilitator");
    expect((await people[0].command({ type: "reveal" })).code).toBe("not_facilitator");

    const facView = () => fac.last!.view as FacilitatorQuizView;
    for (let i = 0; i < 10; i++) {
      expect((await fac.command(i === 0 ? { type: "show", index: 0 } : { type: "next" })).ok).toBe(true);
      await waitFor(() => people.every((p) => (p.last?.view as ParticipantQuizView | null)?.question?.index === i), 10_000, `question ${i} on every screen`);
      const kind = (people[0].last!.view as ParticipantQuizView).question!.kind;
      // Everyone answers at once, and everyone tries a second time (Z6).
      const acks = await Promise.all(people.map((p, k) => p.command({ type: "answer", questionId: `q${i}`, answer: answerOf(kind, k) })));
      expect(acks.filter((a) => !a.ok)).toEqual([]);
      const again = await Promise.all(people.slice(0, 20).map((p, k) => p.command({ type: "answer", questionId: `q${i}`, answer: answerOf(kind, k + 1) })));
      expect(again.every((a) => a.code === "already_answered")).toBe(true);
      await waitFor(() => facView().current?.public.answeredCount === PEOPLE, 10_000, "every answer counted");
      // Z9: before the reveal, nothing a participant received names the right answer.
      for (const p of people.slice(0, 30)) {
        const text = p.wire.join("\n");
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain('"correct');
      }
      expect((await fac.command({ type: "reveal" })).ok).toBe(true);
      await waitFor(() => people.every((p) => (p.last?.view as ParticipantQuizView).reveal?.questionId === `q${i}`), 10_000, "reveal on every screen");
      const reveal = (people[0].last!.view as ParticipantQuizView).reveal!;
      expect(reveal.answeredCount).toBe(PEOPLE);
      expect(reveal.correctCount).toBe(people.filter((_, k) => k % 3 !== 0).length);
      expect(reveal.explanation).toBe(`${SECRET} ${i}`);
      if (reveal.distribution.kind === "options" && kind === "single") {
        expect(reveal.distribution.bars.map((b) => [b.optionId, b.count])).toEqual([
          ["a", 100],
          ["b", 0],
          ["c", 50],
        ]);
      }
      // A late answer to a revealed question is refused (Z5).
      expect((await people[1].command({ type: "answer", questionId: `q${i}`, answer: answerOf(kind, 1) })).ok).toBe(false);
      for (const p of people) p.wire = [];
    }
    expect((await fac.command({ type: "end" })).ok).toBe(true);
    await waitFor(() => facView().status === "ended", 10_000, "ended");
    const shown = facView().shown;
    expect(shown).toHaveLength(10);
    expect(shown.every((q) => q.answeredCount === PEOPLE && q.correctCount === 100)).toBe(true);
    // My score: mine alone, never a ranking of names.
    const mine = (people[1].last!.view as ParticipantQuizView).mine!;
    expect(mine.score.points).toBe(10);
    expect(JSON.stringify(people[1].last)).not.toContain("Personne 2");
  }, 180_000);

  it("Z5: an answer after the time limit (and its grace) is refused; a late joiner lands on the open question", async () => {
    const session = await createSession(server.url, "Quiz minuté", "quiz");
    const fac = await screen(server.url, session.code, session.facilitatorToken);
    const quiz = { title: "Minuté", questions: [{ id: "t", kind: "trueFalse", prompt: "Vrai ?", correct: true, timeLimitSec: 5 }] };
    expect((await fac.command({ type: "prepare", quiz })).ok).toBe(true);
    const early = await screen(server.url, session.code, (await joinSession(server.url, session.code, "Awa")).token);
    expect((await fac.command({ type: "show", index: 0 })).ok).toBe(true);
    const late = await screen(server.url, session.code, (await joinSession(server.url, session.code, "Bruno")).token);
    const q = (late.last!.view as ParticipantQuizView).question!;
    expect(q.questionId).toBe("t");
    expect(q.phase).toBe("open");
    expect((await early.command({ type: "answer", questionId: "t", answer: { kind: "trueFalse", value: true } })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, q.closesAt! - Date.now() + 800));
    expect((await late.command({ type: "answer", questionId: "t", answer: { kind: "trueFalse", value: true } })).code).toBe("time_up");
    // The screens are told the question closed, without anyone acting.
    await waitFor(() => (early.last!.view as ParticipantQuizView).question?.phase === "closed", 5000, "closed on screen");
  }, 60_000);

  it("crafted commands are refused at the boundary and change nothing", async () => {
    const session = await createSession(server.url, "Quiz", "quiz");
    const fac = await screen(server.url, session.code, session.facilitatorToken);
    const p = await screen(server.url, session.code, (await joinSession(server.url, session.code, "Chloé")).token);
    for (const cmd of [null, 42, { type: "show", index: -1 }, { type: "answer", questionId: "x", answer: { kind: "number", value: "NaN" } }, { type: "answer", questionId: "x", answer: { kind: "single", optionIds: ["a"] } }]) {
      expect((await p.command(cmd)).code).toBe("bad_request");
    }
    expect((await p.command({ type: "answer", questionId: "x", answer: { kind: "trueFalse", value: true } })).code).toBe("not_prepared");
    expect(fac.last?.version).toBeDefined();
  }, 30_000);
});
