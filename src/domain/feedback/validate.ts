// Checking a questionnaire the facilitator edited (F1) and a participant's answers (F6).
// Total: refusals are values; what passes is a normalised copy.
import { FEEDBACK_LIMITS as L, type FeedbackAnswer, type FeedbackDefinition, type FeedbackOption, type FeedbackQuestion, type LocalText } from "./model.ts";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
// C0 and C1 controls except tab and newline, and the bidi overrides that can disguise text.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export type DefinitionErrorCode = "bad_input" | "required" | "too_long" | "too_few" | "too_many" | "bad_id" | "duplicate_id" | "out_of_range" | "bad_kind";
export type FeedbackDefinitionResult = { ok: true; definition: FeedbackDefinition } | { ok: false; code: DefinitionErrorCode; path: string; message: string };

class Invalid {
  constructor(readonly code: DefinitionErrorCode, readonly path: string, readonly message: string) {}
}
function fail(code: DefinitionErrorCode, path: string, message: string): never {
  throw new Invalid(code, path, message);
}

/** One line: NFC, whitespace folded, trimmed. */
function line(v: unknown, path: string, max: number): string {
  if (v === undefined || v === null) return "";
  if (typeof v !== "string" || CONTROL.test(v)) fail(E_BAD, path, "a text without control characters");
  const s = v.normalize("NFC").replace(/\s+/g, " ").trim();
  if (s.length > max) fail("too_long", path, `at most ${max} characters`);
  return s;
}
const E_BAD = "bad_input" as const;

/** A plain string is French only (the English falls back to it). */
function local(v: unknown, path: string, max: number, required: boolean): LocalText {
  const r = typeof v === "string" || v === undefined || v === null ? { fr: v, en: "" } : v;
  if (typeof r !== "object" || Array.isArray(r)) fail(E_BAD, path, "a text in French and English");
  const o = r as Record<string, unknown>;
  const text = { fr: line(o.fr, `${path}.fr`, max), en: line(o.en, `${path}.en`, max) };
  if (required && text.fr === "") fail("required", `${path}.fr`, "required in French");
  return text;
}

function id(v: unknown, path: string): string {
  if (typeof v !== "string" || !ID.test(v)) fail("bad_id", path, "an id is 1 to 64 letters, digits, - or _");
  return v;
}

function options(v: unknown, path: string): FeedbackOption[] {
  if (!Array.isArray(v)) fail(E_BAD, path, "a list");
  if (v.length < L.minOptions) fail("too_few", path, `at least ${L.minOptions} options`);
  if (v.length > L.maxOptions) fail("too_many", path, `at most ${L.maxOptions} options`);
  const out: FeedbackOption[] = [];
  v.forEach((o, i) => {
    const r = (typeof o === "object" && o !== null ? o : fail(E_BAD, `${path}[${i}]`, "an option")) as Record<string, unknown>;
    const optionId = id(r.id, `${path}[${i}].id`);
    if (out.some((x) => x.id === optionId)) fail("duplicate_id", `${path}[${i}].id`, "option ids are unique");
    out.push({ id: optionId, label: local(r.label, `${path}[${i}].label`, L.optionLabel, true) });
  });
  return out;
}

function question(v: unknown, path: string): FeedbackQuestion {
  if (typeof v !== "object" || v === null) fail(E_BAD, path, "a question");
  const r = v as Record<string, unknown>;
  const required = r.required ?? false;
  if (typeof required !== "boolean") fail(E_BAD, `${path}.required`, "true or false");
  const base = { id: id(r.id, `${path}.id`), label: local(r.label, `${path}.label`, L.label, true), required };
  switch (r.kind) {
    case "scale":
      return { ...base, kind: "scale", minLabel: local(r.minLabel, `${path}.minLabel`, L.scaleLabel, false), maxLabel: local(r.maxLabel, `${path}.maxLabel`, L.scaleLabel, false) };
    case "single":
      return { ...base, kind: "single", options: options(r.options, `${path}.options`) };
    case "multiple": {
      const opts = options(r.options, `${path}.options`);
      const max = r.maxChoices ?? opts.length;
      if (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > opts.length) fail("out_of_range", `${path}.maxChoices`, "from 1 to the number of options");
      return { ...base, kind: "multiple", options: opts, maxChoices: max };
    }
    case "text": {
      const max = r.maxLength ?? L.defaultTextLength;
      if (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > L.maxTextLength) fail("out_of_range", `${path}.maxLength`, `from 1 to ${L.maxTextLength}`);
      return { ...base, kind: "text", maxLength: max };
    }
    default:
      return fail("bad_kind", `${path}.kind`, "scale, single, multiple or text");
  }
}

/** F1. */
export function validateFeedbackDefinition(input: unknown): FeedbackDefinitionResult {
  try {
    if (typeof input !== "object" || input === null) fail(E_BAD, "", "a questionnaire");
    const r = input as Record<string, unknown>;
    if (!Array.isArray(r.questions)) fail(E_BAD, "questions", "a list");
    if (r.questions.length < 1) fail("too_few", "questions", "at least one question");
    if (r.questions.length > L.questions) fail("too_many", "questions", `at most ${L.questions} questions`);
    const questions = r.questions.map((q, i) => question(q, `questions[${i}]`));
    questions.forEach((q, i) => {
      if (questions.findIndex((x) => x.id === q.id) !== i) fail("duplicate_id", `questions[${i}].id`, "question ids are unique");
    });
    return { ok: true, definition: { title: local(r.title, "title", L.title, true), intro: local(r.intro, "intro", L.intro, false), questions } };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, code: e.code, path: e.path, message: e.message };
    return { ok: false, code: E_BAD, path: "", message: "not a questionnaire" };
  }
}

/** A free text: NFC, line breaks kept (made \n), trimmed. */
export function cleanText(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const text = v.replace(/\r\n?/g, "\n");
  return CONTROL.test(text) ? null : text.normalize("NFC").trim();
}

export type AnswersCheck = { ok: true; answers: FeedbackAnswer[] } | { ok: false; code: "bad_answer" | "required_missing"; questionId?: string; message: string };

/**
 * F6: every answer fits its question; unknown or repeated questions are refused; an empty
 * text or an empty multiple choice counts as not answered. Answers come back in the
 * questionnaire's order.
 */
export function checkAnswers(definition: FeedbackDefinition, input: unknown): AnswersCheck {
  if (!Array.isArray(input)) return { ok: false, code: "bad_answer", message: "answers are a list" };
  const given = new Map<string, unknown>();
  for (const a of input as unknown[]) {
    if (typeof a !== "object" || a === null) return { ok: false, code: "bad_answer", message: "an answer has a questionId and a value" };
    const { questionId, value } = a as Record<string, unknown>;
    if (typeof questionId !== "string" || !definition.questions.some((q) => q.id === questionId)) return { ok: false, code: "bad_answer", message: "no such question" };
    if (given.has(questionId)) return { ok: false, code: "bad_answer", questionId, message: "one answer per question" };
    given.set(questionId, value);
  }
  const answers: FeedbackAnswer[] = [];
  for (const q of definition.questions) {
    const bad = (message: string): AnswersCheck => ({ ok: false, code: "bad_answer", questionId: q.id, message });
    const v = given.get(q.id);
    let value: FeedbackAnswer["value"] | null = null;
    if (v !== undefined && v !== null) {
      switch (q.kind) {
        case "scale":
          if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 5) return bad("a whole number from 1 to 5");
          value = v;
          break;
        case "single":
          if (typeof v !== "string" || !q.options.some((o) => o.id === v)) return bad("one of the options");
          value = v;
          break;
        case "multiple": {
          if (!Array.isArray(v) || new Set(v).size !== v.length || v.length > q.maxChoices || !v.every((x) => q.options.some((o) => o.id === x)))
            return bad(`up to ${q.maxChoices} of the options, each once`);
          value = v.length === 0 ? null : q.options.filter((o) => v.includes(o.id)).map((o) => o.id);
          break;
        }
        case "text": {
          const text = cleanText(v);
          if (text === null) return bad("a text without control characters");
          if (text.length > q.maxLength) return bad(`at most ${q.maxLength} characters`);
          value = text === "" ? null : text;
          break;
        }
      }
    }
    if (value === null) {
      if (q.required) return { ok: false, code: "required_missing", questionId: q.id, message: "this question needs an answer" };
      continue;
    }
    answers.push({ questionId: q.id, value });
  }
  return { ok: true, answers };
}
