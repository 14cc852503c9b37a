// An answer against its question: is it well-formed for the kind (Z7), and what is it worth
// (Z8). A question is worth 1 point; partial credit gives a fraction, rounded to 4 decimals so
// that sums and ties are exact on every machine.
import { mulberry32, shuffled } from "../seededRandom.ts";
import type { QuizAnswer, QuizDefinition, QuizOption, QuizQuestion } from "./model.ts";
import { QUIZ_LIMITS } from "./validate.ts";

export function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

const TRUE_FALSE_LABELS = { fr: ["Vrai", "Faux"], en: ["True", "False"] } as const;

/** The options a question is answered with, in definition order; true/false get "true" and "false". */
export function optionsOf(question: QuizQuestion, locale: QuizDefinition["locale"]): readonly QuizOption[] {
  if (question.kind === "trueFalse") {
    const [t, f] = TRUE_FALSE_LABELS[locale];
    return [
      { id: "true", label: t },
      { id: "false", label: f },
    ];
  }
  return question.kind === "number" ? [] : question.options;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Z9: an ordering question is written in its correct order, so participants get the items in
 * another order: the same on every screen (seeded by the question id), never the answer.
 */
export function presentedOptions(question: QuizQuestion, locale: QuizDefinition["locale"]): readonly QuizOption[] {
  const opts = optionsOf(question, locale);
  if (question.kind !== "ordering") return opts;
  const out = shuffled(opts, mulberry32(hash(question.id)));
  if (out.every((o, i) => o.id === opts[i].id)) out.push(out.shift()!);
  return out;
}

/** The correct answer, in the shape participants answer with (given out on reveal only). */
export function correctAnswerOf(question: QuizQuestion): QuizAnswer {
  switch (question.kind) {
    case "single":
      return { kind: "single", optionId: question.correctOptionId };
    case "multiple":
      return { kind: "multiple", optionIds: [...question.correctOptionIds] };
    case "trueFalse":
      return { kind: "trueFalse", value: question.correct };
    case "ordering":
      return { kind: "ordering", order: question.options.map((o) => o.id) };
    case "number":
      return { kind: "number", value: question.correct };
  }
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

/**
 * Z7: the answer, copied and normalised (multiple choices in option order), if its shape
 * fits the question; otherwise a reason.
 */
export function checkAnswer(question: QuizQuestion, answer: unknown): { ok: true; answer: QuizAnswer } | { ok: false; message: string } {
  const bad = (message: string) => ({ ok: false as const, message });
  if (typeof answer !== "object" || answer === null) return bad("an answer is an object");
  const a = answer as Record<string, unknown>;
  if (a.kind !== question.kind) return bad(`this question expects a ${question.kind} answer`);
  switch (question.kind) {
    case "single":
      if (typeof a.optionId !== "string" || !question.options.some((o) => o.id === a.optionId)) return bad("choose one of the options");
      return { ok: true, answer: { kind: "single", optionId: a.optionId } };
    case "multiple": {
      const ids = a.optionIds;
      if (!isStringList(ids) || ids.length === 0) return bad("choose at least one option");
      if (new Set(ids).size !== ids.length) return bad("each option once");
      if (!ids.every((x) => question.options.some((o) => o.id === x))) return bad("choose among the options");
      return { ok: true, answer: { kind: "multiple", optionIds: question.options.filter((o) => ids.includes(o.id)).map((o) => o.id) } };
    }
    case "trueFalse":
      if (typeof a.value !== "boolean") return bad("true or false");
      return { ok: true, answer: { kind: "trueFalse", value: a.value } };
    case "ordering": {
      const order = a.order;
      const ids = question.options.map((o) => o.id);
      if (!isStringList(order) || order.length !== ids.length || new Set(order).size !== ids.length || !order.every((x) => ids.includes(x)))
        return bad("put every item in order, each once");
      return { ok: true, answer: { kind: "ordering", order: [...order] } };
    }
    case "number":
      if (typeof a.value !== "number" || !Number.isFinite(a.value) || Math.abs(a.value) > QUIZ_LIMITS.maxNumber) return bad("a number is expected");
      return { ok: true, answer: { kind: "number", value: a.value } };
  }
}

/** Z8: points from 0 to 1 for an answer that passed `checkAnswer`. */
export function scoreAnswer(question: QuizQuestion, answer: QuizAnswer): number {
  switch (question.kind) {
    case "single":
      return answer.kind === "single" && answer.optionId === question.correctOptionId ? 1 : 0;
    case "trueFalse":
      return answer.kind === "trueFalse" && answer.value === question.correct ? 1 : 0;
    case "multiple": {
      if (answer.kind !== "multiple") return 0;
      const right = answer.optionIds.filter((x) => question.correctOptionIds.includes(x)).length;
      const wrong = answer.optionIds.length - right;
      if (question.scoring === "exact") return wrong === 0 && right === question.correctOptionIds.length ? 1 : 0;
      return round4(Math.max(0, (right - wrong) / question.correctOptionIds.length));
    }
    case "ordering": {
      if (answer.kind !== "ordering") return 0;
      const inPlace = question.options.filter((o, i) => answer.order[i] === o.id).length;
      if (question.scoring === "exact") return inPlace === question.options.length ? 1 : 0;
      return round4(inPlace / question.options.length);
    }
    case "number":
      // A small epsilon so that 0.1 + 0.2 within a tolerance of 0.3 counts as written.
      return answer.kind === "number" && Math.abs(answer.value - question.correct) <= question.tolerance + 1e-9 * Math.max(1, Math.abs(question.correct)) ? 1 : 0;
  }
}
