// Checking a poll and running it: the facilitator launches, reveals and closes; participants
// answer once each and may change or withdraw their answer while it is open (a poll asks what
// people think now; a quiz, not a poll, is about being first and right).
import { POLL_LIMITS as L, PollError as E, type PollActor, type PollAnswer, type PollCommand, type PollDefinition, type PollOption, type PollRefusal, type PollResult, type PollState } from "./model.ts";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
// C0 and C1 controls (tab and newline included: a poll text is one line) and bidi overrides.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const no = (code: (typeof E)[keyof typeof E], message: string): PollRefusal => ({ ok: false, code, message });

export type PollDefinitionRefusal = { ok: false; code: "bad_input" | "required" | "too_long" | "too_few" | "too_many" | "bad_id" | "duplicate_id" | "out_of_range" | "bad_kind"; path: string; message: string };
export type PollDefinitionResult = { ok: true; poll: PollDefinition } | PollDefinitionRefusal;

/** One line of text: NFC, whitespace folded, trimmed; null when not a clean string. */
export function cleanLine(v: unknown): string | null {
  if (typeof v !== "string") return null;
  // A pasted line break or tab is a space here; any other control character is refused.
  const spaced = v.replace(/[\t\n\r]/g, " ");
  if (CONTROL.test(spaced)) return null;
  return spaced.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** O2: total; returns a normalised copy. */
export function validatePoll(input: unknown): PollDefinitionResult {
  const bad = (code: PollDefinitionRefusal["code"], path: string, message: string): PollDefinitionRefusal => ({ ok: false, code, path, message });
  if (typeof input !== "object" || input === null) return bad("bad_input", "", "a poll is an object");
  const r = input as Record<string, unknown>;
  if (typeof r.id !== "string" || !ID.test(r.id)) return bad("bad_id", "id", "an id is 1 to 64 letters, digits, - or _");
  const question = cleanLine(r.question);
  if (question === null) return bad("bad_input", "question", "a text without control characters");
  if (question.length === 0) return bad("required", "question", "required");
  if (question.length > L.question) return bad("too_long", "question", `at most ${L.question} characters`);
  const results = r.results ?? "onReveal";
  if (results !== "live" && results !== "onReveal") return bad("bad_input", "results", "live or onReveal");
  const stepId = r.stepId ?? null;
  if (stepId !== null && (typeof stepId !== "string" || stepId.length === 0 || stepId.length > 128)) return bad("bad_input", "stepId", "a step id or null");
  const base = { id: r.id, question, results, stepId } as const;
  switch (r.kind) {
    case "choice": {
      if (!Array.isArray(r.options)) return bad("bad_input", "options", "a list");
      if (r.options.length < L.minOptions) return bad("too_few", "options", `at least ${L.minOptions} options`);
      if (r.options.length > L.maxOptions) return bad("too_many", "options", `at most ${L.maxOptions} options`);
      const options: PollOption[] = [];
      for (const [i, o] of (r.options as unknown[]).entries()) {
        const opt = (typeof o === "object" && o !== null ? o : {}) as Record<string, unknown>;
        if (typeof opt.id !== "string" || !ID.test(opt.id)) return bad("bad_id", `options[${i}].id`, "an option id is 1 to 64 letters, digits, - or _");
        if (options.some((x) => x.id === opt.id)) return bad("duplicate_id", `options[${i}].id`, "option ids are unique");
        const label = cleanLine(opt.label);
        if (label === null) return bad("bad_input", `options[${i}].label`, "a text without control characters");
        if (label.length === 0) return bad("required", `options[${i}].label`, "required");
        if (label.length > L.optionLabel) return bad("too_long", `options[${i}].label`, `at most ${L.optionLabel} characters`);
        options.push({ id: opt.id, label });
      }
      const multiple = r.multiple ?? false;
      if (typeof multiple !== "boolean") return bad("bad_input", "multiple", "true or false");
      const maxChoices = multiple ? (r.maxChoices ?? options.length) : 1;
      if (typeof maxChoices !== "number" || !Number.isInteger(maxChoices) || maxChoices < 1 || maxChoices > options.length)
        return bad("out_of_range", "maxChoices", "from 1 to the number of options");
      return { ok: true, poll: { ...base, kind: "choice", options, multiple, maxChoices } };
    }
    case "scale": {
      const minLabel = cleanLine(r.minLabel ?? "");
      const maxLabel = cleanLine(r.maxLabel ?? "");
      if (minLabel === null || minLabel.length > L.scaleLabel) return bad("too_long", "minLabel", `at most ${L.scaleLabel} characters`);
      if (maxLabel === null || maxLabel.length > L.scaleLabel) return bad("too_long", "maxLabel", `at most ${L.scaleLabel} characters`);
      return { ok: true, poll: { ...base, kind: "scale", minLabel, maxLabel } };
    }
    case "words": {
      const maxWords = r.maxWords ?? L.maxWords;
      if (typeof maxWords !== "number" || !Number.isInteger(maxWords) || maxWords < 1 || maxWords > L.maxWords) return bad("out_of_range", "maxWords", `from 1 to ${L.maxWords}`);
      return { ok: true, poll: { ...base, kind: "words", maxWords } };
    }
    default:
      return bad("bad_kind", "kind", "choice, scale or words");
  }
}

/** O4: the answer, normalised (choices in option order, entries cleaned), or null. */
export function checkPollAnswer(poll: PollDefinition, answer: unknown): PollAnswer | null {
  if (typeof answer !== "object" || answer === null) return null;
  const a = answer as Record<string, unknown>;
  if (a.kind !== poll.kind) return null;
  switch (poll.kind) {
    case "choice": {
      const ids = a.optionIds;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > poll.maxChoices || new Set(ids).size !== ids.length) return null;
      if (!ids.every((id) => poll.options.some((o) => o.id === id))) return null;
      return { kind: "choice", optionIds: poll.options.filter((o) => ids.includes(o.id)).map((o) => o.id) };
    }
    case "scale":
      return typeof a.value === "number" && Number.isInteger(a.value) && a.value >= 1 && a.value <= 5 ? { kind: "scale", value: a.value } : null;
    case "words": {
      if (!Array.isArray(a.words) || a.words.length === 0 || a.words.length > poll.maxWords) return null;
      const words: string[] = [];
      for (const w of a.words) {
        const clean = cleanLine(w);
        if (clean === null || clean.length === 0 || clean.length > L.wordLength) return null;
        words.push(clean);
      }
      return { kind: "words", words };
    }
  }
}

function isId(v: unknown): v is string {
  return typeof v === "string" && v.length > 0 && v.length <= 256;
}

/** Total (O10): garbage is refused, never thrown; the input state is never changed. */
export function applyPoll(state: PollState, command: PollCommand, actor: PollActor, now: number): PollResult {
  try {
    return applyChecked(state, command, actor, now);
  } catch {
    // Only a hostile object (a throwing getter) gets here: JSON from the wire cannot.
    return no(E.badInput, "this command could not be read");
  }
}

function applyChecked(state: PollState, command: PollCommand, actor: PollActor, now: number): PollResult {
  if (typeof state !== "object" || state === null || !Array.isArray(state.answers)) return no(E.badInput, "not a poll state");
  if (typeof actor !== "object" || actor === null || !isId(actor.id) || !["facilitator", "participant", "observer"].includes(actor.role)) return no(E.badInput, "bad actor");
  if (typeof now !== "number" || !Number.isFinite(now)) return no(E.badInput, "now is a finite time");
  if (typeof command !== "object" || command === null) return no(E.badInput, "a command is an object");
  switch (command.type) {
    case "launch": {
      if (actor.role !== "facilitator") return no(E.notFacilitator, "only the facilitator runs a poll");
      // O1: a new poll starts afresh; the previous one's results are the caller's to archive.
      if (state.status === "open") return no(E.alreadyOpen, "a poll is already open; close it first");
      const checked = validatePoll(command.poll);
      if (!checked.ok) return no(E.badInput, `${checked.path}: ${checked.message}`);
      return { ok: true, state: { status: "open", poll: checked.poll, revealed: checked.poll.results === "live", launchedAt: now, closedAt: null, answers: [] } };
    }
    case "reveal":
      if (actor.role !== "facilitator") return no(E.notFacilitator, "only the facilitator runs a poll");
      if (state.status === "idle") return no(E.notOpen, "no poll to reveal");
      if (state.revealed) return no(E.alreadyRevealed, "the results are already shown");
      return { ok: true, state: { ...state, revealed: true } };
    case "close":
      if (actor.role !== "facilitator") return no(E.notFacilitator, "only the facilitator runs a poll");
      if (state.status !== "open") return no(E.notOpen, "no open poll to close");
      // O8: like a vote, closing freezes the answers and shows the results.
      return { ok: true, state: { ...state, status: "closed", revealed: true, closedAt: now } };
    case "answer": {
      if (actor.role === "observer") return no(E.observerCannotAnswer, "observers do not answer");
      if (actor.role === "facilitator") return no(E.facilitatorDoesNotAnswer, "the facilitator does not answer");
      if (state.status !== "open" || !state.poll) return no(E.notOpen, "no open poll");
      const others = state.answers.filter((a) => a.participantId !== actor.id);
      if (command.answer === null) {
        if (others.length === state.answers.length) return no(E.nothingToWithdraw, "you have not answered");
        return { ok: true, state: { ...state, answers: others } };
      }
      const answer = checkPollAnswer(state.poll, command.answer);
      if (!answer) return no(E.badAnswer, "this answer does not fit the poll");
      return { ok: true, state: { ...state, answers: [...others, { participantId: actor.id, answer, at: now }] } };
    }
    default:
      return no(E.badInput, "unknown command");
  }
}
