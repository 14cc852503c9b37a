// The quiz seen from a browser (docs/protocol.md §8): follows `quiz:state` on a board
// connection's socket (newest version, clock skew, acked `quiz:command`: follower.ts). Also
// the editor's draft (what the facilitator types, kept as text) and its conversion to the
// definition the server checks. No React here: the UI subscribes.
import type { Socket } from "socket.io-client";
import { Events, type QuizImageUploadResponse, type QuizStateEvent, type QuizWireCommand } from "../protocol/index.ts";
import type { QuizDefinition, QuizKind, QuizQuestion } from "../domain/quiz/index.ts";
import type { CommandResult } from "./seance.ts";
import { StateFollower } from "./follower.ts";

export class QuizClient extends StateFollower<QuizStateEvent, QuizWireCommand, CommandResult> {
  constructor(socket: Socket) {
    super(socket, { state: Events.quizState, command: Events.quizCommand }, (s) => s.serverNow);
  }

  override send(command: QuizWireCommand): Promise<CommandResult> {
    return super.send(command) as Promise<CommandResult>;
  }
}

/** Milliseconds left before `closesAt` (server time), never below 0; null without a limit. */
export function quizTimeLeftMs(closesAt: number | null, serverNow: number): number | null {
  return closesAt === null ? null : Math.max(0, closesAt - serverNow);
}

/**
 * A refusal of `prepare` reads "questions[2].options[0].label: required" (the domain's path,
 * then its message): the path tells the editor where to show it. "" when none is named.
 */
export function refusalPath(message: string): string {
  const m = /^((?:title|locale|questions)(?:\[\d+\]|\.[A-Za-z]+)*): /.exec(message);
  return m ? m[1] : "";
}

/** A number typed the French way ("12,5", "1 000") or the English way; NaN when it is not one. */
export function parseNumber(text: string): number {
  const s = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return Number.NaN;
  return Number(s);
}

// ---- the editor's draft -------------------------------------------------------------------

export interface DraftOption {
  id: string;
  label: string;
}

/** One question as the facilitator edits it: every kind's fields kept, numbers as typed. */
export interface DraftQuestion {
  id: string;
  kind: QuizKind;
  prompt: string;
  /** single, multiple, ordering (ordering: in the correct order). */
  options: DraftOption[];
  /** single: one id; multiple: one or more. */
  correctIds: string[];
  /** Multiple: a point shared out when some of the right options are ticked. */
  partial: boolean;
  trueFalse: boolean | null;
  numberCorrect: string;
  tolerance: string;
  unit: string;
  explanation: string;
  /** Seconds as typed; "" for no limit. */
  timeLimit: string;
  /** An uploaded picture's id (or a site path); "" for none (Z2). */
  image: string;
  /** The picture's text alternative, as typed. */
  imageAlt: string;
}

export interface QuizDraft {
  title: string;
  questions: DraftQuestion[];
}

let counter = 0;
/** Short ids the domain accepts (letters, digits, - and _), unique enough within a quiz. */
export function newId(prefix: string): string {
  counter = (counter + 1) % 1296;
  return `${prefix}${Date.now().toString(36).slice(-5)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function newOption(label = ""): DraftOption {
  return { id: newId("o"), label };
}

export function newQuestion(kind: QuizKind = "single"): DraftQuestion {
  const options = [newOption(), newOption()];
  return {
    id: newId("q"),
    kind,
    prompt: "",
    options,
    correctIds: kind === "single" || kind === "multiple" ? [options[0].id] : [],
    partial: false,
    trueFalse: null,
    numberCorrect: "",
    tolerance: "",
    unit: "",
    explanation: "",
    timeLimit: "",
    image: "",
    imageAlt: "",
  };
}

/** Changing a question's kind keeps what fits: the prompt, the explanation, the options. */
export function withKind(q: DraftQuestion, kind: QuizKind): DraftQuestion {
  const options = q.options.length >= 2 ? q.options : [...q.options, ...Array.from({ length: 2 - q.options.length }, () => newOption())];
  let correctIds = q.correctIds.filter((id) => options.some((o) => o.id === id));
  if (kind === "single") correctIds = correctIds.slice(0, 1);
  if ((kind === "single" || kind === "multiple") && correctIds.length === 0) correctIds = [options[0].id];
  return { ...q, kind, options, correctIds };
}

function numberOrRaw(text: string): number | string {
  const n = parseNumber(text);
  return Number.isFinite(n) ? n : text;
}

/**
 * The definition sent with `prepare`. Nothing is checked here: the server's validateQuiz does,
 * and names the field. A number that does not parse is sent as typed, so that the refusal
 * points at it instead of the field being quietly dropped.
 */
export function draftToDefinition(draft: QuizDraft, locale: "fr" | "en"): unknown {
  return {
    title: draft.title,
    locale,
    questions: draft.questions.map((q) => {
      const base = {
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        explanation: q.explanation,
        timeLimitSec: q.timeLimit.trim() === "" ? null : numberOrRaw(q.timeLimit),
        image: q.image === "" ? null : q.image,
        imageAlt: q.image === "" ? "" : q.imageAlt,
      };
      const options = q.options.map((o) => ({ id: o.id, label: o.label }));
      switch (q.kind) {
        case "single":
          return { ...base, options, correctOptionId: q.correctIds[0] ?? null };
        case "multiple":
          return { ...base, options, correctOptionIds: q.correctIds.filter((id) => q.options.some((o) => o.id === id)), scoring: q.partial ? "partial" : "exact" };
        case "trueFalse":
          return { ...base, correct: q.trueFalse };
        case "ordering":
          return { ...base, options, scoring: "exact" };
        case "number":
          return {
            ...base,
            correct: q.numberCorrect.trim() === "" ? null : numberOrRaw(q.numberCorrect),
            tolerance: q.tolerance.trim() === "" ? 0 : numberOrRaw(q.tolerance),
            unit: q.unit,
          };
      }
    }),
  };
}

function numberText(n: number, locale: "fr" | "en"): string {
  return locale === "fr" ? String(n).replace(".", ",") : String(n);
}

/** The prepared quiz back into the editor (to change it before the first question). */
export function definitionToDraft(quiz: QuizDefinition, locale: "fr" | "en"): QuizDraft {
  return {
    title: quiz.title,
    questions: quiz.questions.map((q: QuizQuestion) => {
      const blank = newQuestion(q.kind);
      const common = {
        ...blank,
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        explanation: q.explanation,
        timeLimit: q.timeLimitSec === null ? "" : String(q.timeLimitSec),
        image: q.image ?? "",
        imageAlt: q.imageAlt ?? "",
      };
      switch (q.kind) {
        case "single":
          return { ...common, options: q.options.map((o) => ({ ...o })), correctIds: [q.correctOptionId] };
        case "multiple":
          return { ...common, options: q.options.map((o) => ({ ...o })), correctIds: [...q.correctOptionIds], partial: q.scoring === "partial" };
        case "trueFalse":
          return { ...common, trueFalse: q.correct };
        case "ordering":
          return { ...common, options: q.options.map((o) => ({ ...o })), correctIds: [] };
        case "number":
          return { ...common, numberCorrect: numberText(q.correct, locale), tolerance: q.tolerance === 0 ? "" : numberText(q.tolerance, locale), unit: q.unit };
      }
    }),
  };
}

/** Reads a draft kept in this browser; null when there is none or it does not look like one. */
export function readDraft(raw: string | null): QuizDraft | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as QuizDraft;
    if (typeof v?.title !== "string" || !Array.isArray(v.questions) || v.questions.length === 0) return null;
    const ok = v.questions.every((q) => typeof q?.id === "string" && typeof q.prompt === "string" && Array.isArray(q.options) && Array.isArray(q.correctIds));
    // A draft kept before pictures existed has no image fields.
    return ok ? { ...v, questions: v.questions.map((q) => ({ ...q, image: typeof q.image === "string" ? q.image : "", imageAlt: typeof q.imageAlt === "string" ? q.imageAlt : "" })) } : null;
  } catch {
    return null;
  }
}

// ---- a question's picture -------------------------------------------------------------------

export type ImageUpload = { ok: true; image: QuizImageUploadResponse } | { ok: false; status: number; code: string; message: string };

/**
 * POST /api/sessions/{code}/quiz/images with the file itself as the body (the facilitator's
 * token). XMLHttpRequest, not fetch: it reports the upload's progress (0 to 1). `signal`
 * aborts it (the editor left, another file chosen).
 */
export function uploadQuizImage(code: string, token: string, file: Blob, onProgress: (share: number) => void, signal?: AbortSignal): Promise<ImageUpload> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/sessions/${encodeURIComponent(code)}/quiz/images`);
    xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as (QuizImageUploadResponse & { error?: string; message?: string }) | null;
      if (xhr.status === 201 && body?.id) resolve({ ok: true, image: body });
      else resolve({ ok: false, status: xhr.status, code: body?.error ?? "internal", message: body?.message ?? xhr.statusText });
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, code: "network", message: "network error" });
    xhr.onabort = () => resolve({ ok: false, status: 0, code: "aborted", message: "aborted" });
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
