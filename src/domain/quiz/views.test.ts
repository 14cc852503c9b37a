import { describe, expect, it } from "vitest";
import { type QuizAnswer, type QuizCommand, type QuizState, applyQuiz, createQuiz, facilitatorView, participantView, presentedOptions, questionResults, revealView, scoreboard } from "./index.ts";
import { ANA, BEN, CLO, FAC, SEC, T0, deepFreeze, quiz, run, started } from "./testkit.ts";

const answer = (questionId: string, a: QuizAnswer): QuizCommand => ({ type: "answer", questionId, answer: a });
const single = (optionId: string): QuizAnswer => ({ kind: "single", optionId });
const multiple = (...optionIds: string[]): QuizAnswer => ({ kind: "multiple", optionIds });
const order = (...ids: string[]): QuizAnswer => ({ kind: "ordering", order: ids });

/** Every question shown and answered by Ana, Ben and Chloé, the current one not yet revealed. */
function playedUpTo(index: number): QuizState {
  let s = createQuiz(quiz(), { now: T0 });
  const answers: [string, QuizAnswer, QuizAnswer, QuizAnswer][] = [
    ["q1", single("b"), single("a"), single("b")],
    ["q2", multiple("mob", "log", "gar"), multiple("cv"), multiple("mob", "log")],
    ["q3", { kind: "trueFalse", value: false }, { kind: "trueFalse", value: true }, { kind: "trueFalse", value: false }],
    ["q4", order("acc", "diag", "contrat", "sortie"), order("diag", "acc", "contrat", "sortie"), order("acc", "diag", "sortie", "contrat")],
    ["q5", { kind: "number", value: 24 }, { kind: "number", value: 12 }, { kind: "number", value: 24 }],
  ];
  for (let i = 0; i <= index; i++) {
    const t = T0 + i * 100 * SEC;
    const [id, a, b, c] = answers[i];
    s = run(s, [{ type: "show", index: i }, FAC, t], [answer(id, a), ANA, t + SEC], [answer(id, b), BEN, t + 2 * SEC], [answer(id, c), CLO, t + 3 * SEC]);
    if (i < index) s = run(s, [{ type: "reveal" }, FAC, t + 4 * SEC]);
  }
  return s;
}

const SECRET_KEYS = /"(correct|correctOptionId|correctOptionIds|correctAnswer|correctCount|explanation|tolerance|points)"/;

describe("quiz views", () => {
  it("Z9: before the reveal a participant and the room get no answer key, no explanation, no correctness, no score change", () => {
    const def = quiz();
    for (let i = 0; i < def.questions.length; i++) {
      const s = playedUpTo(i);
      const before = participantView(s, "ana", T0 + i * 100 * SEC + 5 * SEC);
      const room = participantView(s, null, T0);
      for (const v of [before, room]) {
        const json = JSON.stringify({ ...v, mine: v.mine && { ...v.mine, score: null } });
        expect(json, def.questions[i].id).not.toMatch(SECRET_KEYS);
        expect(v.reveal).toBeNull();
        expect(v.mine?.result ?? null).toBeNull();
        if (def.questions[i].explanation) expect(json).not.toContain(def.questions[i].explanation);
      }
      // the score counts revealed questions only: answering the open one moves nothing
      expect(before.mine!.score.revealedQuestions).toBe(i);
      const unanswered = { ...s, answers: s.answers.filter((a) => a.questionId !== def.questions[i].id) };
      expect(participantView(s, "ana", T0).mine!.score.points).toBe(participantView(unanswered, "ana", T0).mine!.score.points);
    }
    const q4 = def.questions[3];
    const shown = presentedOptions(q4, "fr").map((o) => o.id);
    expect(shown).not.toEqual(q4.kind === "ordering" && q4.options.map((o) => o.id));
    expect([...shown].sort()).toEqual(["acc", "contrat", "diag", "sortie"]);
    expect(presentedOptions(q4, "fr")).toEqual(presentedOptions(q4, "fr"));
    // two items: the only other order
    const two = quiz({ questions: [{ id: "o", kind: "ordering", prompt: "Ordre", options: [{ id: "x", label: "X" }, { id: "y", label: "Y" }] }] });
    expect(presentedOptions(two.questions[0], "fr").map((o) => o.id)).toEqual(["y", "x"]);
  });

  it("Z10: everyone sees how many answered (and how many are present); a participant sees their own answer", () => {
    const s = run(started(), [answer("q1", single("c")), ANA, T0 + SEC], [answer("q1", single("b")), BEN, T0 + 2 * SEC]);
    const ana = participantView(s, "ana", T0 + 3 * SEC, 12);
    expect(ana.question).toMatchObject({ questionId: "q1", answeredCount: 2, presentCount: 12, phase: "open", closesAt: T0 + 30 * SEC });
    expect(ana.mine).toMatchObject({ answered: true, answer: single("c"), result: null });
    expect(participantView(s, "clo", T0).mine).toMatchObject({ answered: false, answer: null });
    expect(participantView(s, null, T0).question!.presentCount).toBeNull();
    expect(JSON.stringify(participantView(s, "ana", T0))).not.toContain("ben");
    expect(participantView(s, "ana", T0 + 30 * SEC + 1).question!.phase).toBe("closed");
  });

  it("Z11: the reveal gives the correct answer, the explanation and the distribution in option order", () => {
    const s = run(playedUpTo(0), [{ type: "reveal" }, FAC, T0 + 5 * SEC]);
    const view = participantView(s, "ben", T0 + 6 * SEC);
    expect(view.reveal).toEqual({
      index: 0,
      questionId: "q1",
      kind: "single",
      prompt: "Quelle part des salarié·e·s en insertion a moins de 26 ans ?",
      correctAnswer: single("b"),
      explanation: "Environ une personne sur cinq.",
      answeredCount: 3,
      correctCount: 2,
      distribution: {
        kind: "options",
        bars: [
          { optionId: "a", label: "Moins de 10 %", count: 1, correct: false },
          { optionId: "b", label: "Environ 20 %", count: 2, correct: true },
          { optionId: "c", label: "Plus de 50 %", count: 0, correct: false },
        ],
      },
    });
    expect(view.mine!.result).toEqual({ points: 0, correct: false });
    expect(view.question!.phase).toBe("revealed");
    const all = run(playedUpTo(4), [{ type: "reveal" }, FAC, T0 + 500 * SEC]);
    expect(revealView(all, 1)!.distribution).toMatchObject({ kind: "options", bars: [{ optionId: "mob", count: 2 }, { optionId: "log", count: 2 }, { optionId: "cv", count: 1 }, { optionId: "gar", count: 1 }] });
    expect(revealView(all, 2)!.distribution).toEqual({ kind: "options", bars: [{ optionId: "true", label: "Vrai", count: 1, correct: false }, { optionId: "false", label: "Faux", count: 2, correct: true }] });
    expect(revealView(all, 3)!.distribution).toEqual({
      kind: "ordering",
      exactCount: 1,
      bars: [
        { optionId: "acc", label: "Accueil", position: 1, inPlace: 2 },
        { optionId: "diag", label: "Diagnostic", position: 2, inPlace: 2 },
        { optionId: "contrat", label: "Contrat", position: 3, inPlace: 2 },
        { optionId: "sortie", label: "Sortie", position: 4, inPlace: 2 },
      ],
    });
    expect(revealView(all, 3)!.correctAnswer).toEqual(order("acc", "diag", "contrat", "sortie"));
    expect(revealView(all, 4)!.distribution).toEqual({ kind: "number", tolerance: 0, unit: "mois", bars: [{ value: 12, count: 1, correct: false }, { value: 24, count: 2, correct: true }] });
    expect(revealView(playedUpTo(0), 0)).toBeNull();
    expect(questionResults(playedUpTo(0), 3)).toBeNull();
  });

  it("Z12: without scoring each participant sees only their own score; no ranking and no other person's score is sent to anyone", () => {
    const s = run(playedUpTo(4), [{ type: "reveal" }, FAC, T0 + 500 * SEC]);
    expect(participantView(s, "ana", T0).mine!.score).toEqual({ points: 5, answered: 5, revealedQuestions: 5 });
    expect(participantView(s, "clo", T0).mine!.score).toEqual({ points: 4.1667, answered: 5, revealedQuestions: 5 });
    expect(participantView(s, "ana", T0).scoreboard).toEqual({ mode: "none" });
    for (const view of [participantView(s, "ana", T0), participantView(s, null, T0), facilitatorView(s, T0)]) {
      const json = JSON.stringify(view);
      for (const other of ["ben", "clo"]) expect(json).not.toContain(`"${other}"`);
    }
    expect(JSON.stringify(facilitatorView(s, T0))).not.toContain('"ana"');
  });

  it("Z13: anonymous scoring shows how many people reached each whole score, without names", () => {
    const s = run(playedUpTo(2), [{ type: "reveal" }, FAC, T0 + 300 * SEC], [{ type: "setScoring", mode: "anonymous" }, FAC, T0 + 301 * SEC]);
    // ana 1 + 1 + 1 = 3; ben 0 + 0 + 0 = 0; chloé 1 + 0.6667 + 1 = 2.6667 -> 2
    expect(scoreboard(s)).toEqual({ mode: "anonymous", players: 3, distribution: [{ points: 0, count: 1 }, { points: 1, count: 0 }, { points: 2, count: 1 }, { points: 3, count: 1 }] });
    const json = JSON.stringify(participantView(s, null, T0));
    for (const id of ["ana", "ben", "clo"]) expect(json).not.toContain(`"${id}"`);
  });

  it("Z14: teams: points go to the team one was in when answering; teams ranked by average per member, ties shared", () => {
    const teams = [{ id: "t1", name: "  Les  Tournesols " }, { id: "t2", name: "Les Coquelicots" }, { id: "t3", name: "Les Bleuets" }];
    let s = run(createQuiz(quiz(), { now: T0 }), [{ type: "setScoring", mode: "team", teams }, FAC, T0], [{ type: "joinTeam", teamId: "t1" }, ANA, T0], [{ type: "joinTeam", teamId: "t2" }, BEN, T0], [{ type: "joinTeam", teamId: "t2" }, CLO, T0]);
    expect(s.teams[0].name).toBe("Les Tournesols");
    s = run(s, [{ type: "next" }, FAC, T0], [answer("q1", single("b")), ANA, T0], [answer("q1", single("b")), BEN, T0], [answer("q1", single("a")), CLO, T0], [{ type: "joinTeam", teamId: "t1" }, CLO, T0], [{ type: "reveal" }, FAC, T0]);
    // t1: ana 1 / 1 member; t2: ben 1 + chloé 0 (answered while in t2) / 2 members
    expect(scoreboard(s)).toEqual({
      mode: "team",
      teams: [
        { teamId: "t1", name: "Les Tournesols", points: 1, members: 1, average: 1, rank: 1, tied: false },
        { teamId: "t2", name: "Les Coquelicots", points: 1, members: 2, average: 0.5, rank: 2, tied: false },
        { teamId: "t3", name: "Les Bleuets", points: 0, members: 0, average: 0, rank: 3, tied: false },
      ],
    });
    expect(participantView(s, "clo", T0).mine!.teamId).toBe("t1");
    expect(JSON.stringify(scoreboard(s))).not.toMatch(/ana|ben|clo/);
    expect(applyQuiz(s, { type: "joinTeam", teamId: "t9" }, ANA, T0)).toMatchObject({ ok: false, code: "unknown_team" });
    expect(applyQuiz(s, { type: "setScoring", mode: "team", teams: [teams[0]] }, FAC, T0)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyQuiz(s, { type: "setScoring", mode: "team", teams: [teams[0], { id: "t1", name: "x" }] }, FAC, T0)).toMatchObject({ ok: false, code: "bad_input" });
    const none = run(s, [{ type: "setScoring", mode: "none" }, FAC, T0]);
    expect(applyQuiz(none, { type: "joinTeam", teamId: "t1" }, ANA, T0)).toMatchObject({ ok: false, code: "not_team_mode" });
    // back to teams without new ones: the same teams and members
    expect(run(none, [{ type: "setScoring", mode: "team" }, FAC, T0]).membership).toEqual(s.membership);
    const tie = run(createQuiz(quiz(), { now: T0 }), [{ type: "setScoring", mode: "team", teams }, FAC, T0]);
    expect(scoreboard(tie)).toMatchObject({ teams: [{ rank: 1, tied: true }, { rank: 1, tied: true }, { rank: 1, tied: true }] });
  });

  it("Z15: a late joiner gets the current question and may answer while it is open", () => {
    const s = playedUpTo(1);
    const late = participantView(s, "newcomer", T0 + 110 * SEC);
    expect(late.question).toMatchObject({ index: 1, questionId: "q2", phase: "open" });
    expect(late.mine).toMatchObject({ answered: false, score: { points: 0, answered: 0 } });
    expect(applyQuiz(s, answer("q2", multiple("mob")), { id: "newcomer", role: "participant" }, T0 + 110 * SEC)).toMatchObject({ ok: true });
  });

  it("Z16: after the end every command is refused; the views stay", () => {
    const s = run(playedUpTo(0), [{ type: "end" }, FAC, T0 + 10 * SEC]);
    expect(s.runs[0].closedAt).toBe(T0 + 10 * SEC);
    const cmds: [QuizCommand, typeof FAC][] = [[{ type: "next" }, FAC], [{ type: "reveal" }, FAC], [{ type: "end" }, FAC], [{ type: "setScoring", mode: "anonymous" }, FAC], [answer("q1", single("b")), { id: "dan", role: "participant" }], [{ type: "joinTeam", teamId: "t1" }, ANA]];
    for (const [c, a] of cmds) expect(applyQuiz(s, c, a, T0 + 11 * SEC)).toMatchObject({ ok: false, code: "ended" });
    expect(participantView(s, "ana", T0).status).toBe("ended");
    expect(facilitatorView(s, T0).shown).toEqual([{ index: 0, questionId: "q1", phase: "closed", answeredCount: 3, correctCount: 2 }]);
  });

  it("Z17: applyQuiz is total, never changes its input, and time never goes backwards", () => {
    const s = deepFreeze(started());
    const garbage: unknown[] = [null, 3, {}, { type: "answer" }, { type: "answer", questionId: 4 }, { type: "show", index: "0" }, { type: "show", index: 0.5 }, { type: "toString" }, { type: "__proto__" }, { type: "setScoring", mode: "king" }, { type: "setScoring", mode: "team", teams: "t1" }, { type: "setScoring", mode: "team", teams: [null, 1] }];
    for (const g of garbage) {
      const r = applyQuiz(s, g as QuizCommand, g && (g as { type?: string }).type === "answer" ? ANA : FAC, T0);
      expect(r.ok, JSON.stringify(g)).toBe(false);
      if (!r.ok) expect(["bad_input", "out_of_range"]).toContain(r.code);
    }
    expect(applyQuiz(s, { type: "next" }, { id: "", role: "facilitator" }, T0)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyQuiz(s, { type: "next" }, FAC, Number.NaN)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyQuiz(null as never, { type: "next" }, FAC, T0)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyQuiz({ ...s, quiz: { ...s.quiz, questions: [null] } } as never, { type: "answer", questionId: "q1", answer: single("a") }, ANA, T0)).toMatchObject({ ok: false });
    // a message stamped before the latest time seen counts at that time: it cannot slip under a limit
    const later = run(s, [answer("q1", single("a")), ANA, T0 + 31 * SEC - 600]);
    expect(later.clock).toBe(T0 + 31 * SEC - 600);
    const r = applyQuiz(run(later, [{ type: "setScoring", mode: "anonymous" }, FAC, T0 + 40 * SEC]), answer("q1", single("a")), BEN, T0 + SEC);
    expect(r).toMatchObject({ ok: false, code: "time_up" });
  });
});
