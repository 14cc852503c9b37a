// Running a questionnaire: the facilitator opens it (during the session or after, until a
// closing date), participants answer once and may edit until it closes, the facilitator pins
// quotes for the report. The server applies every command here with the time it got it.
import {
  FeedbackError as E,
  type FeedbackActor,
  type FeedbackCommand,
  type FeedbackDefinition,
  type FeedbackErrorCode,
  type FeedbackRefusal,
  type FeedbackResult,
  type FeedbackState,
} from "./model.ts";
import { checkAnswers, validateFeedbackDefinition } from "./validate.ts";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const no = (code: FeedbackErrorCode, message: string, questionId?: string): FeedbackRefusal => (questionId === undefined ? { ok: false, code, message } : { ok: false, code, message, questionId });

/** Anonymous by default (F7). The definition must have passed `validateFeedbackDefinition`. */
export function createFeedback(definition: FeedbackDefinition, options: { now: number; anonymous?: boolean }): FeedbackState {
  return { definition, anonymous: options.anonymous ?? true, status: "draft", openedAt: null, closesAt: null, responses: [], pins: [], clock: Number.isFinite(options.now) ? options.now : 0 };
}

/** F4: open, and before the closing date (exclusive). */
export function isAcceptingAnswers(state: FeedbackState, now: number): boolean {
  return state.status === "open" && (state.closesAt === null || Math.max(now, state.clock) < state.closesAt);
}

/** The text a response gives to a question, "" if none. */
export function textOf(state: FeedbackState, responseId: string, questionId: string): string {
  const value = state.responses.find((r) => r.id === responseId)?.answers.find((a) => a.questionId === questionId)?.value;
  return typeof value === "string" ? value : "";
}

function isId(v: unknown): v is string {
  return typeof v === "string" && v.length > 0 && v.length <= 256;
}

function looksLikeState(s: unknown): s is FeedbackState {
  if (typeof s !== "object" || s === null) return false;
  const f = s as Partial<FeedbackState>;
  return typeof f.definition === "object" && f.definition !== null && Array.isArray(f.definition.questions) && Array.isArray(f.responses) && Array.isArray(f.pins) && typeof f.clock === "number";
}

/** Total (F11): garbage is refused, never thrown; the input state is never changed. */
export function applyFeedback(state: FeedbackState, command: FeedbackCommand, actor: FeedbackActor, now: number): FeedbackResult {
  try {
    if (!looksLikeState(state)) return no(E.badInput, "not a questionnaire state");
    if (typeof actor !== "object" || actor === null || !isId(actor.id) || !["facilitator", "participant", "observer"].includes(actor.role)) return no(E.badInput, "bad actor");
    if (typeof now !== "number" || !Number.isFinite(now)) return no(E.badInput, "now is a finite time");
    if (typeof command !== "object" || command === null) return no(E.badInput, "a command is an object");
    // A message stamped late cannot slip in before the closing date.
    const t = Math.max(now, state.clock);
    return dispatch({ ...state, clock: t }, command, actor, t);
  } catch {
    return no(E.internal, "the questionnaire could not apply this command");
  }
}

function dispatch(state: FeedbackState, command: FeedbackCommand, actor: FeedbackActor, now: number): FeedbackResult {
  switch (command.type) {
    case "edit":
    case "open":
    case "close":
    case "setAnonymous":
    case "pin":
    case "unpin":
      if (actor.role !== "facilitator") return no(E.notFacilitator, "only the facilitator manages the questionnaire");
      return facilitate(state, command, now);
    case "submit":
    case "withdraw":
      if (actor.role === "observer") return no(E.observerCannotAnswer, "observers do not answer");
      if (actor.role === "facilitator") return no(E.facilitatorDoesNotAnswer, "the facilitator does not answer");
      if (!isAcceptingAnswers(state, now)) return no(E.notOpen, "the questionnaire is not open");
      return command.type === "submit" ? submit(state, command, actor.id, now) : withdraw(state, actor.id);
    default:
      return no(E.badInput, "unknown command");
  }
}

type FacilitatorCommand = Exclude<FeedbackCommand, { type: "submit" | "withdraw" }>;

function facilitate(state: FeedbackState, command: FacilitatorCommand, now: number): FeedbackResult {
  switch (command.type) {
    case "edit": {
      // F3: answers are read against the questions they answered; changing those under them would change what people said.
      if (state.responses.length > 0) return no(E.responsesExist, "people have answered: the questions can no longer change");
      const checked = validateFeedbackDefinition(command.definition);
      if (!checked.ok) return no(E.badInput, `${checked.path}: ${checked.message}`);
      return { ok: true, state: { ...state, definition: checked.definition } };
    }
    case "open": {
      const closesAt = command.closesAt ?? null;
      if (closesAt !== null && (typeof closesAt !== "number" || !Number.isFinite(closesAt))) return no(E.badInput, "closesAt is a time or null");
      if (closesAt !== null && closesAt <= now) return no(E.closingInPast, "the closing date must be in the future");
      return { ok: true, state: { ...state, status: "open", openedAt: state.openedAt ?? now, closesAt } };
    }
    case "close":
      if (!isAcceptingAnswers(state, now)) return no(E.notOpen, "the questionnaire is not open");
      return { ok: true, state: { ...state, closesAt: now } };
    case "setAnonymous":
      if (typeof command.anonymous !== "boolean") return no(E.badInput, "anonymous is true or false");
      // F7: people answered under a promise; it can be made stronger, never weaker.
      if (!command.anonymous && state.anonymous && state.responses.length > 0) return no(E.anonymityPromised, "people answered anonymously: it stays anonymous");
      return { ok: true, state: { ...state, anonymous: command.anonymous } };
    case "pin":
    case "unpin": {
      if (!isId(command.responseId) || !isId(command.questionId)) return no(E.badInput, "a response and a question");
      const at = state.pins.findIndex((p) => p.responseId === command.responseId && p.questionId === command.questionId);
      if (command.type === "unpin") {
        if (at < 0) return no(E.notPinned, "this answer is not pinned");
        return { ok: true, state: { ...state, pins: state.pins.filter((_, i) => i !== at) } };
      }
      const question = state.definition.questions.find((q) => q.id === command.questionId);
      if (!question || question.kind !== "text") return no(E.notTextQuestion, "only free-text answers are quoted");
      if (!state.responses.some((r) => r.id === command.responseId)) return no(E.unknownResponse, "no such response");
      const text = textOf(state, command.responseId, command.questionId);
      if (text === "") return no(E.nothingToPin, "this response has no text for this question");
      // Pinning again after the author edited refreshes the quote to the new text.
      if (at >= 0 && state.pins[at].text === text) return no(E.alreadyPinned, "already pinned");
      const pin = { responseId: command.responseId, questionId: command.questionId, text };
      return { ok: true, state: { ...state, pins: at >= 0 ? state.pins.map((p, i) => (i === at ? pin : p)) : [...state.pins, pin] } };
    }
  }
}

function submit(state: FeedbackState, command: Extract<FeedbackCommand, { type: "submit" }>, participantId: string, now: number): FeedbackResult {
  const checked = checkAnswers(state.definition, command.answers);
  if (!checked.ok) return no(checked.code === "required_missing" ? E.requiredMissing : E.badAnswer, checked.message, checked.questionId);
  const mine = state.responses.find((r) => r.participantId === participantId);
  if (mine) {
    // F5: one response per person; editing replaces it whole and keeps its id (and pins, F9).
    const responses = state.responses.map((r) => (r === mine ? { ...r, answers: checked.answers, updatedAt: now } : r));
    return { ok: true, state: { ...state, responses } };
  }
  if (typeof command.responseId !== "string" || !ID.test(command.responseId)) return no(E.badInput, "a first response needs an id");
  if (state.responses.some((r) => r.id === command.responseId)) return no(E.badInput, "this response id is taken");
  const response = { id: command.responseId, participantId, answers: checked.answers, submittedAt: now, updatedAt: now };
  return { ok: true, state: { ...state, responses: [...state.responses, response] } };
}

function withdraw(state: FeedbackState, participantId: string): FeedbackResult {
  const mine = state.responses.find((r) => r.participantId === participantId);
  if (!mine) return no(E.nothingToWithdraw, "you have not answered");
  // The pins stay: their quotes drop out of the results since the text is gone (F9).
  return { ok: true, state: { ...state, responses: state.responses.filter((r) => r !== mine) } };
}

/** What the fuzz test checks after every command (F4, F5). */
export function feedbackInvariantViolations(state: FeedbackState): string[] {
  const out: string[] = [];
  const people = state.responses.map((r) => r.participantId);
  if (new Set(people).size !== people.length) out.push("a participant has two responses");
  const ids = state.responses.map((r) => r.id);
  if (new Set(ids).size !== ids.length) out.push("two responses share an id");
  for (const r of state.responses) {
    if (state.closesAt !== null && r.updatedAt > state.closesAt) out.push(`response ${r.id} written after the closing`);
    if (r.updatedAt < r.submittedAt) out.push(`response ${r.id} updated before it was submitted`);
  }
  return out;
}
