// Seeded fuzz of the live quiz: the facilitator moves through the questions while bursts of
// answers arrive, some late, some twice, some stamped out of order, some garbage. A failing
// seed is reported by number; pin it as a named test. Seeds replay only with this generator.
import { describe, expect, it } from "vitest";
import { mulberry32, shuffled } from "../seededRandom.ts";
import { type QuizActor, type QuizCommand, type QuizQuestion, type QuizState, QuizError, applyQuiz, createQuiz, participantView, questionResults, quizInvariantViolations } from "./index.ts";
import { FAC, OBS, SEC, T0, quiz } from "./testkit.ts";

const PEOPLE: QuizActor[] = [...["p1", "p2", "p3", "p4", "p5", "p6", "__proto__", "constructor"].map((id) => ({ id, role: "participant" as const })), OBS, FAC];

function randomAnswer(q: QuizQuestion, random: () => number): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  if (random() < 0.05) return pick([null, { kind: "single" }, { kind: q.kind, value: "x" }, { kind: "ordering", order: [] }]);
  switch (q.kind) {
    case "single":
      return { kind: "single", optionId: pick([...q.options.map((o) => o.id), "ghost"]) };
    case "multiple":
      return { kind: "multiple", optionIds: q.options.filter(() => random() < 0.5).map((o) => o.id) };
    case "trueFalse":
      return { kind: "trueFalse", value: random() < 0.5 };
    case "ordering":
      return { kind: "ordering", order: shuffled(q.options.map((o) => o.id), random) };
    case "number":
      return { kind: "number", value: pick([24, 23, 12, 24.5, Number.NaN]) };
  }
}

describe("quiz fuzz", () => {
  it("Z5, Z6, Z11: concurrent and late answers: each participant counted once, nothing after the limit, totals equal the accepted answers", () => {
    const def = quiz();
    const refusals = new Set<string>();
    let total = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
      let s: QuizState = createQuiz(def, { now: T0, graceMs: pick([0, 500, 2000]) });
      let now = T0;
      const accepted = new Map<string, number>();
      for (let step = 0; step < 60; step++) {
        now += Math.floor(random() * 8 * SEC);
        const batch: [QuizCommand, QuizActor, number][] = [];
        if (random() < 0.3) batch.push([pick<QuizCommand>([{ type: "next" }, { type: "next" }, { type: "reveal" }, { type: "show", index: Math.floor(random() * 6) }, { type: "setScoring", mode: pick(["none", "anonymous"]) }]), FAC, now]);
        if (random() < 0.01) batch.push([{ type: "end" }, FAC, now]);
        const q = s.current === null ? pick(def.questions) : def.questions[s.current];
        for (let i = 0; i < 6; i++) {
          const target = random() < 0.9 ? q : pick(def.questions);
          // stamps jitter around now: the server may see them in any order
          batch.push([{ type: "answer", questionId: target.id, answer: randomAnswer(target, random) } as QuizCommand, pick(PEOPLE), now + Math.floor((random() - 0.5) * 4 * SEC)]);
        }
        for (const [command, actor, at] of shuffled(batch, random)) {
          const r = applyQuiz(s, command, actor, at);
          if (!r.ok) {
            expect(r.code, `seed ${seed}`).not.toBe(QuizError.internal);
            refusals.add(r.code);
            continue;
          }
          if (command.type === "answer") {
            const key = JSON.stringify([actor.id, command.questionId]);
            accepted.set(key, (accepted.get(key) ?? 0) + 1);
            total++;
          }
          s = r.state;
          expect(quizInvariantViolations(s), `seed ${seed}`).toEqual([]);
        }
        // the room never learns the open question's key
        const room = participantView(s, "p1", now);
        if (room.question && room.question.phase !== "revealed") expect(room.reveal, `seed ${seed}`).toBeNull();
      }
      for (const n of accepted.values()) expect(n, `seed ${seed}`).toBe(1);
      def.questions.forEach((q, index) => {
        const r = questionResults(s, index);
        const mine = [...accepted.keys()].filter((k) => JSON.parse(k)[1] === q.id).length;
        if (!r) return expect(mine, `seed ${seed}`).toBe(0);
        expect(r.answeredCount, `seed ${seed} ${q.id}`).toBe(mine);
        const d = r.distribution;
        const answers = s.answers.filter((a) => a.questionId === q.id);
        if (d.kind === "number") expect(d.bars.reduce((n, b) => n + b.count, 0)).toBe(mine);
        if (d.kind === "options") {
          const picks = answers.reduce((n, a) => n + (a.answer.kind === "multiple" ? a.answer.optionIds.length : 1), 0);
          expect(d.bars.reduce((n, b) => n + b.count, 0), `seed ${seed} ${q.id}`).toBe(picks);
        }
        if (d.kind === "ordering") expect(d.exactCount).toBeLessThanOrEqual(mine);
      });
    }
    // the generator reaches every way an answer can be refused, and accepts plenty
    for (const code of ["time_up", "already_answered", "question_not_open", "bad_answer", "observer_cannot_answer"]) expect(refusals).toContain(code);
    expect(total).toBeGreaterThan(2000);
  });
});
