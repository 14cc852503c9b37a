import { describe, expect, it } from "vitest";
import { type MultipleQuestion, type NumberQuestion, type OrderingQuestion, type QuizAnswer, type QuizCommand, type SingleQuestion, type TrueFalseQuestion, applyQuiz, checkImage, createQuiz, scoreAnswer, validateQuiz } from "./index.ts";
import { ANA, BEN, FAC, OBS, RAW_QUIZ, SEC, T0, quiz, run, started } from "./testkit.ts";

const answer = (questionId: string, a: QuizAnswer): QuizCommand => ({ type: "answer", questionId, answer: a });
const single = (optionId: string): QuizAnswer => ({ kind: "single", optionId });

describe("quiz definition", () => {
  it("Z1: a valid quiz is normalised: texts trimmed and NFC, defaults filled, multiple keys in option order", () => {
    const r = validateQuiz({ ...RAW_QUIZ, title: "  Quiz   d’accueil  ", locale: undefined });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.quiz.title).toBe("Quiz d’accueil");
    expect(r.quiz.locale).toBe("fr");
    expect(r.quiz.questions[1]).toMatchObject({ kind: "multiple", correctOptionIds: ["mob", "log", "gar"], scoring: "partial" });
    expect(r.quiz.questions[0]).toMatchObject({ image: null, explanation: "Environ une personne sur cinq." });
    expect(r.quiz.questions[4]).toMatchObject({ kind: "number", tolerance: 0, unit: "mois", timeLimitSec: null });
    expect(r.quiz.questions[2].explanation).toBe("C'est une structure de l'IAE, souvent associative.");
  });

  it("Z1: malformed quizzes are refused with a code and the path of the field, never thrown", () => {
    const q = RAW_QUIZ.questions;
    const cases: [unknown, string, string][] = [
      [null, "bad_input", ""],
      [{ ...RAW_QUIZ, questions: [] }, "too_few", "questions"],
      [{ ...RAW_QUIZ, title: "   " }, "required", "title"],
      [{ ...RAW_QUIZ, questions: [q[0], { ...q[1], id: "q1" }] }, "duplicate_id", "questions[1].id"],
      [{ ...RAW_QUIZ, questions: [{ ...q[0], kind: "essay" }] }, "bad_kind", "questions[0].kind"],
      [{ ...RAW_QUIZ, questions: [{ ...q[0], correctOptionId: "z" }] }, "unknown_option", "questions[0].correctOptionId"],
      [{ ...RAW_QUIZ, questions: [{ ...q[0], options: [q[0].options![0]] }] }, "too_few", "questions[0].options"],
      [{ ...RAW_QUIZ, questions: [{ ...q[0], options: [q[0].options![0], q[0].options![0]] }] }, "duplicate_id", "questions[0].options[1].id"],
      [{ ...RAW_QUIZ, questions: [{ ...q[0], options: [q[0].options![0], { id: "x", label: "" }] }] }, "required", "questions[0].options[1].label"],
      [{ ...RAW_QUIZ, questions: [{ ...q[0], prompt: "x".repeat(501) }] }, "too_long", "questions[0].prompt"],
      [{ ...RAW_QUIZ, questions: [{ ...q[0], timeLimitSec: 2 }] }, "out_of_range", "questions[0].timeLimitSec"],
      [{ ...RAW_QUIZ, questions: [{ ...q[0], timeLimitSec: 12.5 }] }, "out_of_range", "questions[0].timeLimitSec"],
      [{ ...RAW_QUIZ, questions: [{ ...q[1], correctOptionIds: [] }] }, "too_few", "questions[0].correctOptionIds"],
      [{ ...RAW_QUIZ, questions: [{ ...q[1], correctOptionIds: ["mob", "zz"] }] }, "unknown_option", "questions[0].correctOptionIds"],
      [{ ...RAW_QUIZ, questions: [{ ...q[2], correct: "false" }] }, "bad_input", "questions[0].correct"],
      [{ ...RAW_QUIZ, questions: [{ ...q[4], correct: Number.NaN }] }, "bad_input", "questions[0].correct"],
      [{ ...RAW_QUIZ, questions: [{ ...q[4], tolerance: -1 }] }, "out_of_range", "questions[0].tolerance"],
      [{ ...RAW_QUIZ, questions: [{ ...q[0], id: "a b" }] }, "bad_id", "questions[0].id"],
      [{ ...RAW_QUIZ, questions: [{ ...q[0], prompt: "Bonjour\u202etxt.exe" }] }, "bad_input", "questions[0].prompt"],
      [{ ...RAW_QUIZ, locale: "de" }, "bad_input", "locale"],
    ];
    for (const [input, code, path] of cases) expect(validateQuiz(input), JSON.stringify(input)?.slice(0, 80)).toMatchObject({ ok: false, code, path });
    const getter = { get questions() { throw new Error("boom"); } };
    expect(validateQuiz(getter)).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("Z2: an image is an uploaded file's id or a path on our site; nothing that can run, and nothing from another site", () => {
    expect(checkImage("Yh3kQ9xW2mZr7bLc1nPd8sTf")).toBe("Yh3kQ9xW2mZr7bLc1nPd8sTf");
    expect(checkImage("/images/parcours.png")).toBe("/images/parcours.png");
    expect(checkImage("")).toBeNull();
    expect(checkImage(null)).toBeNull();
    // Another site's picture would be blocked by our CSP, and its host would see every participant.
    for (const external of ["https://example.org/a.png", "http://example.org/a.png", "//evil.example/a.png", "HTTPS://EXAMPLE.ORG/A.PNG"]) expect(checkImage(external), external).toBe("external");
    for (const bad of ["javascript:alert(1)", "data:image/png;base64,AAAA", "/a b.png", "/api/sessions/ABCDEF", "/api", "\\\\evil\\a.png", "x".repeat(129), 42, {}])
      expect(checkImage(bad), String(bad)).toBe("invalid");
    const q0 = RAW_QUIZ.questions[0];
    expect(validateQuiz({ ...RAW_QUIZ, questions: [{ ...q0, image: "https://example.org/a.png", imageAlt: "Une photo" }] })).toMatchObject({ ok: false, code: "external_image", path: "questions[0].image" });
    expect(validateQuiz({ ...RAW_QUIZ, questions: [{ ...q0, image: "javascript:alert(1)", imageAlt: "x" }] })).toMatchObject({ ok: false, code: "bad_image", path: "questions[0].image" });
  });

  it("Z2: an image needs its text alternative (NFC, trimmed, at most 250 characters); without an image there is none", () => {
    const q0 = RAW_QUIZ.questions[0];
    const withImage = (imageAlt: unknown) => validateQuiz({ ...RAW_QUIZ, questions: [{ ...q0, image: "Yh3kQ9xW2mZr7bLc1nPd8sTf", imageAlt }] });
    for (const missing of [undefined, "", "   "]) expect(withImage(missing), String(missing)).toMatchObject({ ok: false, code: "required", path: "questions[0].imageAlt" });
    expect(withImage("x".repeat(251))).toMatchObject({ ok: false, code: "too_long", path: "questions[0].imageAlt" });
    expect(withImage("Carte\u202e")).toMatchObject({ ok: false, code: "bad_input", path: "questions[0].imageAlt" });
    expect(withImage(42)).toMatchObject({ ok: false, code: "bad_input", path: "questions[0].imageAlt" });
    const ok = withImage("  Carte   de la re\u0301gion  ");
    expect(ok.ok && ok.quiz.questions[0]).toMatchObject({ image: "Yh3kQ9xW2mZr7bLc1nPd8sTf", imageAlt: "Carte de la région" });
    const none = validateQuiz({ ...RAW_QUIZ, questions: [{ ...q0, imageAlt: "left from a removed image" }] });
    expect(none.ok && none.quiz.questions[0]).toMatchObject({ image: null, imageAlt: "" });
    expect(quiz().questions[4]).toMatchObject({ image: "Yh3kQ9xW2mZr7bLc1nPd8sTf", imageAlt: "Frise d'un parcours : accueil, contrat, sortie" });
  });
});

describe("live quiz", () => {
  it("Z3: only the facilitator runs the quiz; only participants answer", () => {
    const s = createQuiz(quiz(), { now: T0 });
    const commands: QuizCommand[] = [{ type: "next" }, { type: "show", index: 0 }, { type: "reveal" }, { type: "end" }, { type: "setScoring", mode: "anonymous" }];
    for (const who of [ANA, OBS]) for (const c of commands) expect(applyQuiz(s, c, who, T0)).toMatchObject({ ok: false, code: "not_facilitator" });
    const open = started();
    expect(applyQuiz(open, answer("q1", single("a")), OBS, T0)).toMatchObject({ ok: false, code: "observer_cannot_answer" });
    expect(applyQuiz(open, answer("q1", single("a")), FAC, T0)).toMatchObject({ ok: false, code: "facilitator_does_not_answer" });
  });

  it("Z4: showing a question opens it with an absolute end time; next goes on; leaving closes it; shown again it stays closed", () => {
    let s = started(quiz(), T0 + 5);
    expect(s.runs).toEqual([{ questionId: "q1", openedAt: T0 + 5, closesAt: T0 + 5 + 30 * SEC, closedAt: null, revealedAt: null }]);
    s = run(s, [{ type: "next" }, FAC, T0 + 10 * SEC]);
    expect(s.current).toBe(1);
    expect(s.runs[0].closedAt).toBe(T0 + 10 * SEC);
    expect(s.runs[1]).toMatchObject({ questionId: "q2", openedAt: T0 + 10 * SEC, closesAt: T0 + 55 * SEC });
    s = run(s, [{ type: "show", index: 0 }, FAC, T0 + 11 * SEC]);
    expect(s.runs).toHaveLength(2);
    expect(applyQuiz(s, answer("q1", single("b")), ANA, T0 + 12 * SEC)).toMatchObject({ ok: false, code: "question_not_open" });
    expect(applyQuiz(s, { type: "show", index: 0 }, FAC, T0)).toMatchObject({ ok: false, code: "same_question" });
    expect(applyQuiz(s, { type: "show", index: 5 }, FAC, T0)).toMatchObject({ ok: false, code: "out_of_range" });
    s = run(s, [{ type: "show", index: 4 }, FAC, T0 + 20 * SEC]);
    expect(s.runs[2]).toMatchObject({ questionId: "q5", closesAt: null });
    expect(applyQuiz(s, { type: "next" }, FAC, T0)).toMatchObject({ ok: false, code: "no_next_question" });
  });

  it("Z5: answers are accepted until the limit plus the grace, and never after the reveal or after leaving", () => {
    const s = started();
    const limit = T0 + 30 * SEC;
    expect(applyQuiz(s, answer("q1", single("a")), ANA, limit + 500)).toMatchObject({ ok: true });
    expect(applyQuiz(s, answer("q1", single("a")), ANA, limit + 501)).toMatchObject({ ok: false, code: "time_up" });
    const strict = run(createQuiz(quiz(), { now: T0, graceMs: 0 }), [{ type: "next" }, FAC, T0]);
    expect(applyQuiz(strict, answer("q1", single("a")), ANA, limit + 1)).toMatchObject({ ok: false, code: "time_up" });
    const revealed = run(s, [{ type: "reveal" }, FAC, T0 + SEC]);
    expect(applyQuiz(revealed, answer("q1", single("a")), ANA, T0 + 2 * SEC)).toMatchObject({ ok: false, code: "question_not_open" });
    expect(applyQuiz(s, answer("q2", { kind: "multiple", optionIds: ["mob"] }), ANA, T0)).toMatchObject({ ok: false, code: "question_not_open" });
    expect(applyQuiz(s, answer("nope", single("a")), ANA, T0)).toMatchObject({ ok: false, code: "unknown_question" });
    expect(createQuiz(quiz(), { now: T0, graceMs: 1e9 }).graceMs).toBe(5000);
  });

  it("Z6: one answer per participant per question, a second one is refused even if identical", () => {
    const s = run(started(), [answer("q1", single("a")), ANA, T0 + SEC]);
    expect(applyQuiz(s, answer("q1", single("a")), ANA, T0 + 2 * SEC)).toMatchObject({ ok: false, code: "already_answered" });
    expect(applyQuiz(s, answer("q1", single("b")), ANA, T0 + 2 * SEC)).toMatchObject({ ok: false, code: "already_answered" });
    expect(applyQuiz(s, answer("q1", single("b")), BEN, T0 + 2 * SEC)).toMatchObject({ ok: true });
  });

  it("Z7: the answer's shape must fit the question's kind", () => {
    const def = quiz();
    const at = (index: number) => run(createQuiz(def, { now: T0 }), [{ type: "show", index }, FAC, T0]);
    const bad: [number, unknown][] = [
      [0, { kind: "single", optionId: "z" }],
      [0, { kind: "multiple", optionIds: ["a"] }],
      [0, "b"],
      [1, { kind: "multiple", optionIds: [] }],
      [1, { kind: "multiple", optionIds: ["mob", "mob"] }],
      [1, { kind: "multiple", optionIds: ["mob", "zz"] }],
      [2, { kind: "trueFalse", value: "false" }],
      [3, { kind: "ordering", order: ["acc", "diag", "contrat"] }],
      [3, { kind: "ordering", order: ["acc", "acc", "contrat", "sortie"] }],
      [3, { kind: "ordering", order: ["acc", "diag", "contrat", "x"] }],
      [4, { kind: "number", value: Number.POSITIVE_INFINITY }],
      [4, { kind: "number", value: "24" }],
    ];
    for (const [i, a] of bad) expect(applyQuiz(at(i), answer(def.questions[i].id, a as QuizAnswer), ANA, T0), JSON.stringify(a)).toMatchObject({ ok: false, code: "bad_answer" });
    const s = run(at(1), [answer("q2", { kind: "multiple", optionIds: ["gar", "mob"] }), ANA, T0]);
    expect(s.answers[0].answer).toEqual({ kind: "multiple", optionIds: ["mob", "gar"] });
  });

  it("Z8: scoring: exact for single and true/false; exact or partial sets; exact or positional orders; numbers within tolerance", () => {
    const [q1, q2, q3, q4, q5] = quiz().questions as [SingleQuestion, MultipleQuestion, TrueFalseQuestion, OrderingQuestion, NumberQuestion];
    expect(scoreAnswer(q1, single("b"))).toBe(1);
    expect(scoreAnswer(q1, single("a"))).toBe(0);
    expect(scoreAnswer(q3, { kind: "trueFalse", value: false })).toBe(1);
    expect(scoreAnswer(q3, { kind: "trueFalse", value: true })).toBe(0);
    // partial: (right - wrong) / right options, never below 0
    expect(scoreAnswer(q2, { kind: "multiple", optionIds: ["mob", "log", "gar"] })).toBe(1);
    expect(scoreAnswer(q2, { kind: "multiple", optionIds: ["mob", "log"] })).toBe(0.6667);
    expect(scoreAnswer(q2, { kind: "multiple", optionIds: ["mob", "log", "gar", "cv"] })).toBe(0.6667);
    expect(scoreAnswer(q2, { kind: "multiple", optionIds: ["mob", "cv"] })).toBe(0);
    const exact2 = { ...q2, scoring: "exact" as const };
    expect(scoreAnswer(exact2, { kind: "multiple", optionIds: ["mob", "log"] })).toBe(0);
    expect(scoreAnswer(exact2, { kind: "multiple", optionIds: ["mob", "log", "gar"] })).toBe(1);
    // positional: share of items in their place
    expect(scoreAnswer(q4, { kind: "ordering", order: ["acc", "diag", "contrat", "sortie"] })).toBe(1);
    expect(scoreAnswer(q4, { kind: "ordering", order: ["acc", "contrat", "diag", "sortie"] })).toBe(0.5);
    expect(scoreAnswer({ ...q4, scoring: "exact" as const }, { kind: "ordering", order: ["acc", "contrat", "diag", "sortie"] })).toBe(0);
    expect(scoreAnswer(q5, { kind: "number", value: 24 })).toBe(1);
    expect(scoreAnswer(q5, { kind: "number", value: 23 })).toBe(0);
    const tol = { ...q5, correct: 0.3, tolerance: 0.1 };
    expect(scoreAnswer(tol, { kind: "number", value: 0.4 })).toBe(1);
    expect(scoreAnswer(tol, { kind: "number", value: 0.1 + 0.1 })).toBe(1);
    expect(scoreAnswer(tol, { kind: "number", value: 0.41 })).toBe(0);
  });
});
