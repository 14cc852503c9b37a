// Checking a quiz the facilitator prepared (Z1, Z2): anything that reaches the live quiz has
// passed here, so the state machine and the views can trust the definition's shape. Returns a
// normalised copy (texts NFC and trimmed, defaults filled); refusals are values, never thrown.
import { QUIZ_KINDS, type QuizDefinition, type QuizOption, type QuizQuestion } from "./model.ts";

export const QUIZ_LIMITS = {
  questions: 100,
  title: 200,
  prompt: 500,
  optionLabel: 200,
  explanation: 1000,
  unit: 20,
  minOptions: 2,
  maxOptions: 10,
  maxOrderingItems: 8,
  minTimeLimitSec: 5,
  maxTimeLimitSec: 600,
  /** Numbers beyond this are typos, and they stay exact in a double. */
  maxNumber: 1e12,
  image: 2048,
  /** The image's text alternative: a sentence, read aloud in place of the picture. */
  imageAlt: 250,
} as const;

export const QuizDefinitionError = {
  badInput: "bad_input",
  required: "required",
  tooLong: "too_long",
  tooFew: "too_few",
  tooMany: "too_many",
  badId: "bad_id",
  duplicateId: "duplicate_id",
  unknownOption: "unknown_option",
  outOfRange: "out_of_range",
  badImage: "bad_image",
  /** An image on another site: blocked by our content security policy, and it could track participants. */
  externalImage: "external_image",
  badKind: "bad_kind",
} as const;
export type QuizDefinitionErrorCode = (typeof QuizDefinitionError)[keyof typeof QuizDefinitionError];
/** `path` points at the field ("questions[2].options[0].label") so the editor can show it. */
export type QuizDefinitionRefusal = { ok: false; code: QuizDefinitionErrorCode; path: string; message: string };
export type QuizDefinitionResult = { ok: true; quiz: QuizDefinition } | QuizDefinitionRefusal;

const E = QuizDefinitionError;
const L = QUIZ_LIMITS;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const UPLOAD_ID = /^[A-Za-z0-9_-]{1,128}$/;
// C0 and C1 controls except tab and newline, and the bidi overrides that can disguise text.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Internal only: validateQuiz catches it and returns it as a value. */
class Invalid {
  constructor(readonly code: QuizDefinitionErrorCode, readonly path: string, readonly message: string) {}
}

function fail(code: QuizDefinitionErrorCode, path: string, message: string): never {
  throw new Invalid(code, path, message);
}

function record(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(E.badInput, path, "an object is expected");
  return v as Record<string, unknown>;
}

function list(v: unknown, path: string, min: number, max: number): unknown[] {
  if (!Array.isArray(v)) fail(E.badInput, path, "a list is expected");
  if (v.length < min) fail(E.tooFew, path, `at least ${min}`);
  if (v.length > max) fail(E.tooMany, path, `at most ${max}`);
  return v;
}

/** Single-line text: NFC, trimmed, inner whitespace folded. */
function text(v: unknown, path: string, max: number, required: boolean): string {
  if (v === undefined || v === null) v = "";
  if (typeof v !== "string") fail(E.badInput, path, "a text is expected");
  if (CONTROL.test(v)) fail(E.badInput, path, "control characters are not allowed");
  const s = v.normalize("NFC").replace(/\s+/g, " ").trim();
  if (required && s.length === 0) fail(E.required, path, "required");
  if (s.length > max) fail(E.tooLong, path, `at most ${max} characters`);
  return s;
}

/** Multi-line text (the explanation): line breaks kept, each line trimmed at its end. */
function paragraph(v: unknown, path: string, max: number): string {
  if (v === undefined || v === null) v = "";
  if (typeof v !== "string") fail(E.badInput, path, "a text is expected");
  if (CONTROL.test(v)) fail(E.badInput, path, "control characters are not allowed");
  const s = v.normalize("NFC").replace(/\r\n?/g, "\n").replace(/[ \t]+\n/g, "\n").trim();
  if (s.length > max) fail(E.tooLong, path, `at most ${max} characters`);
  return s;
}

function id(v: unknown, path: string): string {
  if (typeof v !== "string" || !ID.test(v)) fail(E.badId, path, "an id is 1 to 64 letters, digits, - or _");
  return v;
}

/**
 * Z2: an image is shown to every participant, so it comes from our own site: the id of a file
 * uploaded to the session (served by us), or a path here (not an API route). An image on
 * another site is "external": the page's content security policy would block it, and its host
 * would learn who opens the quiz and when.
 */
export function checkImage(v: unknown): string | null | "invalid" | "external" {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v !== "string" || v.length > L.image || CONTROL.test(v) || /\s/.test(v)) return "invalid";
  if (UPLOAD_ID.test(v)) return v;
  if (v.startsWith("/") && !v.startsWith("//") && !v.includes("\\")) return /^\/api(\/|$)/i.test(v) ? "invalid" : v;
  if (/^(https?:)?\/\//i.test(v)) return "external";
  return "invalid";
}

function options(v: unknown, path: string, max: number): QuizOption[] {
  const raw = list(v, path, L.minOptions, max);
  const seen = new Set<string>();
  return raw.map((o, i) => {
    const r = record(o, `${path}[${i}]`);
    const optionId = id(r.id, `${path}[${i}].id`);
    if (seen.has(optionId)) fail(E.duplicateId, `${path}[${i}].id`, "option ids are unique in a question");
    seen.add(optionId);
    return { id: optionId, label: text(r.label, `${path}[${i}].label`, L.optionLabel, true) };
  });
}

function finite(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(E.badInput, path, "a finite number is expected");
  if (v < min || v > max) fail(E.outOfRange, path, `from ${min} to ${max}`);
  return v;
}

function question(v: unknown, path: string): QuizQuestion {
  const r = record(v, path);
  const base = {
    id: id(r.id, `${path}.id`),
    prompt: text(r.prompt, `${path}.prompt`, L.prompt, true),
    image: null as string | null,
    imageAlt: "",
    explanation: paragraph(r.explanation, `${path}.explanation`, L.explanation),
    timeLimitSec: null as number | null,
  };
  const image = checkImage(r.image);
  if (image === "external") fail(E.externalImage, `${path}.image`, "an image from another site would be blocked by this site's security policy and could track participants: upload the file instead");
  if (image === "invalid") fail(E.badImage, `${path}.image`, "an image is an uploaded file's id or a path on this site");
  base.image = image;
  // Read aloud in place of the picture: required with one (Z2), nothing without.
  if (image !== null) base.imageAlt = text(r.imageAlt, `${path}.imageAlt`, L.imageAlt, true);
  if (r.timeLimitSec !== undefined && r.timeLimitSec !== null) {
    const t = r.timeLimitSec;
    if (typeof t !== "number" || !Number.isInteger(t) || t < L.minTimeLimitSec || t > L.maxTimeLimitSec)
      fail(E.outOfRange, `${path}.timeLimitSec`, `a time limit is a whole number of seconds from ${L.minTimeLimitSec} to ${L.maxTimeLimitSec}`);
    base.timeLimitSec = t;
  }
  switch (r.kind) {
    case "single": {
      const opts = options(r.options, `${path}.options`, L.maxOptions);
      if (!opts.some((o) => o.id === r.correctOptionId)) fail(E.unknownOption, `${path}.correctOptionId`, "the correct option is one of the options");
      return { ...base, kind: "single", options: opts, correctOptionId: r.correctOptionId as string };
    }
    case "multiple": {
      const opts = options(r.options, `${path}.options`, L.maxOptions);
      const correct = list(r.correctOptionIds, `${path}.correctOptionIds`, 1, opts.length);
      if (new Set(correct).size !== correct.length) fail(E.duplicateId, `${path}.correctOptionIds`, "each correct option is listed once");
      if (!correct.every((c) => opts.some((o) => o.id === c))) fail(E.unknownOption, `${path}.correctOptionIds`, "the correct options are among the options");
      const scoring = r.scoring ?? "exact";
      if (scoring !== "exact" && scoring !== "partial") fail(E.badInput, `${path}.scoring`, "scoring is exact or partial");
      // Kept in option order: the key then reads like the question.
      const ids = opts.filter((o) => correct.includes(o.id)).map((o) => o.id);
      return { ...base, kind: "multiple", options: opts, correctOptionIds: ids, scoring };
    }
    case "trueFalse":
      if (typeof r.correct !== "boolean") fail(E.badInput, `${path}.correct`, "true or false");
      return { ...base, kind: "trueFalse", correct: r.correct };
    case "ordering": {
      const opts = options(r.options, `${path}.options`, L.maxOrderingItems);
      const scoring = r.scoring ?? "exact";
      if (scoring !== "exact" && scoring !== "positional") fail(E.badInput, `${path}.scoring`, "scoring is exact or positional");
      return { ...base, kind: "ordering", options: opts, scoring };
    }
    case "number": {
      const correct = finite(r.correct, `${path}.correct`, -L.maxNumber, L.maxNumber);
      const tolerance = r.tolerance === undefined ? 0 : finite(r.tolerance, `${path}.tolerance`, 0, L.maxNumber);
      return { ...base, kind: "number", correct, tolerance, unit: text(r.unit, `${path}.unit`, L.unit, false) };
    }
    default:
      return fail(E.badKind, `${path}.kind`, `a question is one of ${QUIZ_KINDS.join(", ")}`);
  }
}

/** Z1: total; the returned quiz is a fresh copy, never the input. */
export function validateQuiz(input: unknown): QuizDefinitionResult {
  try {
    const r = record(input, "");
    const locale = r.locale ?? "fr";
    if (locale !== "fr" && locale !== "en") fail(E.badInput, "locale", "fr or en");
    const questions = list(r.questions, "questions", 1, L.questions).map((q, i) => question(q, `questions[${i}]`));
    const seen = new Set<string>();
    questions.forEach((q, i) => {
      if (seen.has(q.id)) fail(E.duplicateId, `questions[${i}].id`, "question ids are unique");
      seen.add(q.id);
    });
    return { ok: true, quiz: { title: text(r.title, "title", L.title, true), locale, questions } };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, code: e.code, path: e.path, message: e.message };
    return { ok: false, code: E.badInput, path: "", message: "not a quiz" };
  }
}
