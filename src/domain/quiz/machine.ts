// The live quiz: the facilitator shows one question at a time and reveals it; participants
// answer on their own screens. The server applies every command here, one at a time, with the
// time it received it: it alone decides what is on time (Z5) and what is a second answer (Z6).
import {
  DEFAULT_GRACE_MS,
  MAX_GRACE_MS,
  MAX_TEAMS,
  QuizError as E,
  SCORING_MODES,
  TEAM_NAME_MAX,
  refuseQuiz as no,
  type QuestionRun,
  type QuizActor,
  type QuizCommand,
  type QuizDefinition,
  type QuizResult,
  type QuizState,
  type QuizTeam,
} from "./model.ts";
import { checkAnswer } from "./scoring.ts";

/** The definition must have passed `validateQuiz`. */
export function createQuiz(quiz: QuizDefinition, options: { now: number; graceMs?: number }): QuizState {
  const grace = options.graceMs ?? DEFAULT_GRACE_MS;
  return {
    quiz,
    status: "lobby",
    current: null,
    runs: [],
    answers: [],
    scoring: "none",
    teams: [],
    membership: [],
    graceMs: Number.isFinite(grace) ? Math.min(MAX_GRACE_MS, Math.max(0, Math.round(grace))) : DEFAULT_GRACE_MS,
    clock: Number.isFinite(options.now) ? options.now : 0,
  };
}

function isId(v: unknown): v is string {
  return typeof v === "string" && v.length > 0 && v.length <= 256;
}

export function runOf(state: QuizState, questionId: string): QuestionRun | undefined {
  return state.runs.find((r) => r.questionId === questionId);
}

/** Z5: answers stop at the facilitator's close or reveal, or at the limit plus the grace. */
export function acceptsAnswers(state: QuizState, run: QuestionRun, now: number): boolean {
  return run.closedAt === null && run.revealedAt === null && (run.closesAt === null || now <= run.closesAt + state.graceMs);
}

function looksLikeState(s: unknown): s is QuizState {
  if (typeof s !== "object" || s === null) return false;
  const q = s as Partial<QuizState>;
  return (
    typeof q.quiz === "object" && q.quiz !== null && Array.isArray(q.quiz.questions) && Array.isArray(q.runs) && Array.isArray(q.answers) &&
    Array.isArray(q.teams) && Array.isArray(q.membership) && typeof q.clock === "number" && typeof q.graceMs === "number"
  );
}

/**
 * Total (Z17): garbage is refused, never thrown; a refusal leaves the state as it was; the
 * input is never changed. `now` is when the server received the command.
 */
export function applyQuiz(state: QuizState, command: QuizCommand, actor: QuizActor, now: number): QuizResult {
  try {
    if (!looksLikeState(state)) return no(E.badInput, "not a quiz state");
    if (typeof actor !== "object" || actor === null || !isId(actor.id) || !["facilitator", "participant", "observer"].includes(actor.role)) return no(E.badInput, "bad actor");
    if (typeof now !== "number" || !Number.isFinite(now)) return no(E.badInput, "now is a finite time");
    if (typeof command !== "object" || command === null) return no(E.badInput, "a command is an object");
    // Z17: a late-stamped message cannot reopen a closed window.
    const t = Math.max(now, state.clock);
    return dispatch({ ...state, clock: t }, command, actor, t);
  } catch {
    return no(E.internal, "the quiz could not apply this command");
  }
}

function dispatch(state: QuizState, command: QuizCommand, actor: QuizActor, now: number): QuizResult {
  switch (command.type) {
    case "show":
    case "next":
    case "reveal":
    case "end":
    case "setScoring":
      if (actor.role !== "facilitator") return no(E.notFacilitator, "only the facilitator runs the quiz");
      if (state.status === "ended") return no(E.ended, "the quiz is over");
      return facilitate(state, command, now);
    case "joinTeam":
    case "answer":
      if (actor.role === "observer") return no(E.observerCannotAnswer, "observers do not answer");
      if (actor.role === "facilitator") return no(E.facilitatorDoesNotAnswer, "the facilitator does not answer");
      if (state.status === "ended") return no(E.ended, "the quiz is over");
      return command.type === "answer" ? answer(state, command, actor.id, now) : joinTeam(state, command, actor.id);
    default:
      return no(E.badInput, "unknown command");
  }
}

type FacilitatorCommand = Extract<QuizCommand, { type: "show" | "next" | "reveal" | "end" | "setScoring" }>;

/** Leaving a question stops its answers (Z4): what is on screen is what one answers. */
function closeCurrent(state: QuizState, now: number): QuestionRun[] {
  const currentId = state.current === null ? null : state.quiz.questions[state.current]?.id;
  return state.runs.map((r) => (r.questionId === currentId && r.closedAt === null ? { ...r, closedAt: now } : r));
}

function show(state: QuizState, index: number, now: number): QuizResult {
  const question = state.quiz.questions[index];
  if (index === state.current) return no(E.sameQuestion, "this question is already on screen");
  const runs = closeCurrent(state, now);
  // Z4: a question is opened once; showing it again shows it closed (or with its reveal).
  if (!runs.some((r) => r.questionId === question.id)) {
    runs.push({ questionId: question.id, openedAt: now, closesAt: question.timeLimitSec === null ? null : now + question.timeLimitSec * 1000, closedAt: null, revealedAt: null });
  }
  return { ok: true, state: { ...state, status: "running", current: index, runs } };
}

function facilitate(state: QuizState, command: FacilitatorCommand, now: number): QuizResult {
  const count = state.quiz.questions.length;
  switch (command.type) {
    case "show":
      if (typeof command.index !== "number" || !Number.isInteger(command.index) || command.index < 0 || command.index >= count)
        return no(E.outOfRange, `a question index from 0 to ${count - 1}`);
      return show(state, command.index, now);
    case "next": {
      const index = state.current === null ? 0 : state.current + 1;
      if (index >= count) return no(E.noNextQuestion, "this was the last question");
      return show(state, index, now);
    }
    case "reveal": {
      if (state.current === null) return no(E.noQuestion, "no question on screen");
      const id = state.quiz.questions[state.current].id;
      const run = runOf(state, id);
      if (!run) return no(E.noQuestion, "no question on screen");
      if (run.revealedAt !== null) return no(E.alreadyRevealed, "the answer is already shown");
      const runs = state.runs.map((r) => (r === run ? { ...r, closedAt: r.closedAt ?? now, revealedAt: now } : r));
      return { ok: true, state: { ...state, runs } };
    }
    case "end":
      return { ok: true, state: { ...state, status: "ended", runs: closeCurrent(state, now) } };
    case "setScoring":
      return setScoring(state, command);
  }
}

function setScoring(state: QuizState, command: Extract<QuizCommand, { type: "setScoring" }>): QuizResult {
  if (!SCORING_MODES.includes(command.mode)) return no(E.badInput, "scoring is none, anonymous or team");
  if (command.mode !== "team") return { ok: true, state: { ...state, scoring: command.mode } };
  // Z14: switching back to team mode keeps the teams and who is in them unless new ones are given.
  const given = command.teams === undefined ? state.teams : command.teams;
  if (!Array.isArray(given) || given.length < 2 || given.length > MAX_TEAMS) return no(E.badInput, `team mode needs 2 to ${MAX_TEAMS} teams`);
  const teams: QuizTeam[] = [];
  for (const team of given as unknown[]) {
    if (typeof team !== "object" || team === null) return no(E.badInput, "a team has an id and a name");
    const { id, name } = team as Record<string, unknown>;
    if (!isId(id) || teams.some((x) => x.id === id)) return no(E.badInput, "team ids are distinct");
    if (typeof name !== "string") return no(E.badInput, "a team has a name");
    const clean = name.normalize("NFC").replace(/\s+/g, " ").trim();
    if (clean.length === 0 || clean.length > TEAM_NAME_MAX) return no(E.badInput, `a team name has 1 to ${TEAM_NAME_MAX} characters`);
    teams.push({ id, name: clean });
  }
  const membership = state.membership.filter((m) => teams.some((x) => x.id === m.teamId));
  return { ok: true, state: { ...state, scoring: "team", teams, membership } };
}

function joinTeam(state: QuizState, command: Extract<QuizCommand, { type: "joinTeam" }>, participantId: string): QuizResult {
  if (state.scoring !== "team") return no(E.notTeamMode, "the quiz is not played in teams");
  if (!isId(command.teamId) || !state.teams.some((x) => x.id === command.teamId)) return no(E.unknownTeam, "no such team");
  const membership = [...state.membership.filter((m) => m.participantId !== participantId), { participantId, teamId: command.teamId }];
  return { ok: true, state: { ...state, membership } };
}

export function teamOf(state: QuizState, participantId: string): string | null {
  return state.membership.find((m) => m.participantId === participantId)?.teamId ?? null;
}

function answer(state: QuizState, command: Extract<QuizCommand, { type: "answer" }>, participantId: string, now: number): QuizResult {
  if (!isId(command.questionId)) return no(E.badInput, "questionId is a string");
  const index = state.quiz.questions.findIndex((q) => q.id === command.questionId);
  if (index < 0) return no(E.unknownQuestion, "no such question");
  const run = runOf(state, command.questionId);
  // Z5: only the question on screen, while it takes answers.
  if (index !== state.current || !run || run.closedAt !== null || run.revealedAt !== null) return no(E.questionNotOpen, "this question is not open");
  if (!acceptsAnswers(state, run, now)) return no(E.timeUp, "the time for this question is up");
  // Z6: checked before the shape, so a second answer is refused whatever it says.
  if (state.answers.some((a) => a.participantId === participantId && a.questionId === command.questionId)) return no(E.alreadyAnswered, "you have already answered this question");
  const checked = checkAnswer(state.quiz.questions[index], command.answer);
  if (!checked.ok) return no(E.badAnswer, checked.message);
  const record = { participantId, questionId: command.questionId, answer: checked.answer, at: now, teamId: state.scoring === "team" ? teamOf(state, participantId) : null };
  return { ok: true, state: { ...state, answers: [...state.answers, record] } };
}

/** What the fuzz test checks after every command (Z5, Z6). */
export function quizInvariantViolations(state: QuizState): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const a of state.answers) {
    const key = JSON.stringify([a.participantId, a.questionId]);
    if (seen.has(key)) out.push(`two answers for ${key}`);
    seen.add(key);
    const run = runOf(state, a.questionId);
    if (!run) {
      out.push(`answer to a question never shown: ${a.questionId}`);
      continue;
    }
    if (a.at < run.openedAt) out.push(`answer before the opening: ${key}`);
    if (run.closesAt !== null && a.at > run.closesAt + state.graceMs) out.push(`answer after the limit: ${key}`);
    const stop = run.closedAt ?? run.revealedAt;
    if (stop !== null && a.at > stop) out.push(`answer after the close: ${key}`);
  }
  const ids = new Set(state.runs.map((r) => r.questionId));
  if (ids.size !== state.runs.length) out.push("a question was opened twice");
  if (state.runs.filter((r) => r.closedAt === null).length > 1) out.push("two questions open at once");
  return out;
}
