// The feedback questionnaire as the facilitator edits it (FeedbackEditor): every kind's fields
// kept while the kind changes, numbers as typed, and the conversion to the definition sent
// with `edit`. Nothing is checked here: the server runs validateFeedbackDefinition (F1) and its
// refusal, "questions[2].options: at least 2 options", names the field the editor points at.
// No React here.
import { FEEDBACK_LIMITS as L, type FeedbackDefinition, type FeedbackKind, type LocalText } from "../domain/feedback/index.ts";
import { newId } from "./quiz.ts";

export const FEEDBACK_KINDS: readonly FeedbackKind[] = ["scale", "single", "multiple", "text"];

export interface DraftOption {
  id: string;
  label: LocalText;
}

export interface DraftQuestion {
  id: string;
  kind: FeedbackKind;
  label: LocalText;
  required: boolean;
  /** scale */
  minLabel: LocalText;
  maxLabel: LocalText;
  /** single and multiple */
  options: DraftOption[];
  /** multiple; null: as many as there are options. */
  maxChoices: number | null;
  /** text, as typed. */
  maxLength: string;
}

export interface FeedbackDraft {
  title: LocalText;
  intro: LocalText;
  questions: DraftQuestion[];
}

const blank = (): LocalText => ({ fr: "", en: "" });

export function newDraftOption(): DraftOption {
  return { id: newId("o"), label: blank() };
}

export function newDraftQuestion(kind: FeedbackKind = "scale"): DraftQuestion {
  const q: DraftQuestion = { id: newId("q"), kind: "scale", label: blank(), required: false, minLabel: blank(), maxLabel: blank(), options: [], maxChoices: null, maxLength: String(L.defaultTextLength) };
  return withKind(q, kind);
}

/** Changing the kind keeps the wording and whatever was typed for the other kinds; choices get their two first options. */
export function withKind(q: DraftQuestion, kind: FeedbackKind): DraftQuestion {
  if (kind !== "single" && kind !== "multiple") return { ...q, kind };
  const missing = Math.max(0, L.minOptions - q.options.length);
  return { ...q, kind, options: [...q.options, ...Array.from({ length: missing }, newDraftOption)] };
}

/** A copy with its keys in one order, whatever order the stored JSON had. */
const text = (x: LocalText): LocalText => ({ fr: x.fr, en: x.en });

export function toDraft(definition: FeedbackDefinition): FeedbackDraft {
  return {
    title: text(definition.title),
    intro: text(definition.intro),
    questions: definition.questions.map((q) => {
      const base = { ...newDraftQuestion(q.kind), id: q.id, label: text(q.label), required: q.required };
      switch (q.kind) {
        case "scale":
          return { ...base, minLabel: text(q.minLabel), maxLabel: text(q.maxLabel) };
        case "single":
          return { ...base, options: q.options.map((o) => ({ id: o.id, label: text(o.label) })) };
        case "multiple":
          return { ...base, options: q.options.map((o) => ({ id: o.id, label: text(o.label) })), maxChoices: q.maxChoices >= q.options.length ? null : q.maxChoices };
        case "text":
          return { ...base, maxLength: String(q.maxLength) };
      }
    }),
  };
}

/** A length that does not read as a whole number is sent as typed: the refusal then points at it. */
function lengthOrRaw(text: string): number | string {
  const s = text.replace(/[\s\u00a0\u202f]/g, "");
  return s === "" ? L.defaultTextLength : /^\d+$/.test(s) ? Number(s) : text;
}

/** The definition sent with `edit`: only each question's own kind's fields. */
export function fromDraft(draft: FeedbackDraft): unknown {
  return {
    title: draft.title,
    intro: draft.intro,
    questions: draft.questions.map((q) => {
      const base = { id: q.id, kind: q.kind, label: q.label, required: q.required };
      const options = q.options.map((o) => ({ id: o.id, label: o.label }));
      switch (q.kind) {
        case "scale":
          return { ...base, minLabel: q.minLabel, maxLabel: q.maxLabel };
        case "single":
          return { ...base, options };
        case "multiple":
          return { ...base, options, maxChoices: q.maxChoices === null ? options.length : Math.min(q.maxChoices, options.length) };
        case "text":
          return { ...base, maxLength: lengthOrRaw(q.maxLength) };
      }
    }),
  };
}

/** Same questionnaire once sent: what "Modifications non enregistrées" compares. */
export function sameDraft(a: FeedbackDraft, b: FeedbackDraft): boolean {
  return JSON.stringify(fromDraft(a)) === JSON.stringify(fromDraft(b));
}

/** The list with the item at `from` moved to `to`; unchanged when either is out of bounds. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item);
  return out;
}

export function addOption(q: DraftQuestion): DraftQuestion {
  return q.options.length >= L.maxOptions ? q : { ...q, options: [...q.options, newDraftOption()] };
}

/** Never below two options; a maximum of choices stays within the options left. */
export function removeOption(q: DraftQuestion, optionId: string): DraftQuestion {
  if (q.options.length <= L.minOptions) return q;
  const options = q.options.filter((o) => o.id !== optionId);
  const maxChoices = q.maxChoices === null || q.maxChoices < options.length ? q.maxChoices : null;
  return { ...q, options, maxChoices };
}

export interface RemovedQuestion {
  question: DraftQuestion;
  index: number;
}

/** Removes a question and says what to put back for "Annuler"; the last one stays. */
export function removeQuestion(draft: FeedbackDraft, index: number): { draft: FeedbackDraft; removed: RemovedQuestion | null } {
  const question = draft.questions[index];
  if (!question || draft.questions.length <= 1) return { draft, removed: null };
  return { draft: { ...draft, questions: draft.questions.filter((_, i) => i !== index) }, removed: { question, index } };
}

/** Puts a removed question back where it was (or last, if the list got shorter meanwhile). */
export function restoreQuestion(draft: FeedbackDraft, removed: RemovedQuestion): FeedbackDraft {
  if (draft.questions.some((q) => q.id === removed.question.id)) return draft;
  const questions = [...draft.questions];
  questions.splice(Math.min(removed.index, questions.length), 0, removed.question);
  return { ...draft, questions };
}

// ---- the server's refusal -----------------------------------------------------------------

/** "questions[2].options[0].label.fr: required in French" → its path; "" when none is named. */
export function definitionRefusalPath(message: string): string {
  return /^((?:title|intro|questions)(?:\[\d+\]|\.[A-Za-z]+)*): /.exec(message)?.[1] ?? "";
}

export type FieldSpot =
  | { at: "title" | "intro" | "general"; en: boolean }
  | { at: "question"; question: number; field: "label" | "minLabel" | "maxLabel" | "options" | "option" | "maxChoices" | "maxLength" | "other"; option: number | null; en: boolean };

/** Where a refusal's path is shown: the title, the intro, one field of a question, or above everything. */
export function fieldSpot(path: string): FieldSpot {
  const en = path.endsWith(".en");
  if (/^title(\.(fr|en))?$/.test(path)) return { at: "title", en };
  if (/^intro(\.(fr|en))?$/.test(path)) return { at: "intro", en };
  const m = /^questions\[(\d+)\](?:\.(\w+)(?:\[(\d+)\](?:\.(\w+))?)?)?/.exec(path);
  if (!m) return { at: "general", en: false };
  const question = Number(m[1]);
  const [, , name, option, sub] = m;
  if (name === "options" && option !== undefined) return { at: "question", question, field: sub === "label" ? "option" : "options", option: sub === "label" ? Number(option) : null, en };
  const known = ["label", "minLabel", "maxLabel", "options", "maxChoices", "maxLength"] as const;
  const field = known.find((k) => k === name) ?? "other";
  return { at: "question", question, field, option: null, en };
}

export type RefusalReason = "required" | "tooLong" | "tooFewOptions" | "tooManyOptions" | "tooFewQuestions" | "tooManyQuestions" | "maxChoices" | "maxLength" | "badText" | "other";

/** What went wrong, in the editor's words, from the domain's message (validate.ts). */
export function refusalReason(path: string, message: string): { reason: RefusalReason; max?: number } {
  const n = Number(/\d+/.exec(message)?.[0] ?? Number.NaN);
  const max = Number.isFinite(n) ? n : undefined;
  const spot = fieldSpot(path);
  const field = spot.at === "question" ? spot.field : null;
  if (/^required/.test(message)) return { reason: "required" };
  if (/^at most \d+ characters/.test(message)) return { reason: "tooLong", max };
  if (/control characters/.test(message)) return { reason: "badText" };
  if (path === "questions") return /^at least|^a list/.test(message) ? { reason: "tooFewQuestions" } : { reason: "tooManyQuestions", max };
  if (field === "options") return /^at least/.test(message) ? { reason: "tooFewOptions", max } : /^at most/.test(message) ? { reason: "tooManyOptions", max } : { reason: "other" };
  if (field === "maxChoices") return { reason: "maxChoices" };
  if (field === "maxLength") return { reason: "maxLength" };
  return { reason: "other" };
}

// ---- kept in this browser -----------------------------------------------------------------

/** Never lose a word: the draft is kept with the stored version it started from. */
export interface KeptDraft {
  /** `definitionKey` of that version. */
  base: string;
  draft: FeedbackDraft;
}

/** A stored questionnaire as one string, whatever the order of its keys (the database's JSON has its own). */
export function definitionKey(definition: FeedbackDefinition): string {
  return JSON.stringify(fromDraft(toDraft(definition)));
}

/** The kept draft, only if it was started from the questionnaire stored now (else it is stale). */
export function readKeptDraft(raw: string | null, stored: FeedbackDefinition): FeedbackDraft | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as KeptDraft;
    if (v?.base !== definitionKey(stored) || !Array.isArray(v.draft?.questions) || v.draft.questions.length === 0) return null;
    const isText = (x: unknown) => typeof x === "object" && x !== null && typeof (x as LocalText).fr === "string" && typeof (x as LocalText).en === "string";
    const ok =
      isText(v.draft.title) &&
      isText(v.draft.intro) &&
      v.draft.questions.every(
        (q) => typeof q?.id === "string" && FEEDBACK_KINDS.includes(q.kind) && isText(q.label) && isText(q.minLabel) && isText(q.maxLabel) && Array.isArray(q.options) && q.options.every((o) => typeof o?.id === "string" && isText(o.label)) && typeof q.maxLength === "string",
      );
    return ok ? v.draft : null;
  } catch {
    return null;
  }
}
