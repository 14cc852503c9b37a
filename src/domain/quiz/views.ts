// What each screen is sent. The state holds the answer key and every answer; these functions
// are the only way out of the server. Participants and the room (projector, observers) get
// `participantView`; the facilitator `facilitatorView`; `questionResults` feeds the reveal
// and the exports. None of them names a person next to a score (Z12).
import { type QuizAnswer, type QuizDefinition, type QuizKind, type QuizOption, type QuizQuestion, type QuizState, type QuizTeam, type ScoringMode } from "./model.ts";
import { acceptsAnswers, runOf, teamOf } from "./machine.ts";
import { correctAnswerOf, optionsOf, presentedOptions, round4, scoreAnswer } from "./scoring.ts";

export type QuestionPhase = "open" | "closed" | "revealed";

/** A question without its answer key nor its explanation (Z9). */
export interface PublicQuestion {
  index: number;
  questionId: string;
  kind: QuizKind;
  prompt: string;
  /** An uploaded file's id (src/protocol quizImageSrc makes it a URL) or a site path. */
  image: string | null;
  imageAlt: string;
  /** Ordering: never in the correct order. Number: none. True/false: "true", "false". */
  options: readonly QuizOption[];
  unit: string | null;
  timeLimitSec: number | null;
  openedAt: number;
  closesAt: number | null;
  phase: QuestionPhase;
  answeredCount: number;
  /** How many people are in the room, when the caller says (Z10). */
  presentCount: number | null;
}

export type QuizDistribution =
  /** single, multiple, true/false: one bar per option, in option order. */
  | { kind: "options"; bars: { optionId: string; label: string; count: number; correct: boolean }[] }
  /** One bar per item in its correct order: how many put it in its place. */
  | { kind: "ordering"; exactCount: number; bars: { optionId: string; label: string; position: number; inPlace: number }[] }
  /** Each value given, ascending. */
  | { kind: "number"; tolerance: number; unit: string; bars: { value: number; count: number; correct: boolean }[] };

export interface QuestionResults {
  index: number;
  questionId: string;
  kind: QuizKind;
  prompt: string;
  correctAnswer: QuizAnswer;
  explanation: string;
  answeredCount: number;
  /** Answers worth the full point. */
  correctCount: number;
  distribution: QuizDistribution;
}

export interface MyScore {
  /** Points on revealed questions only: a score that moves before the reveal tells the answer (Z9). */
  points: number;
  answered: number;
  revealedQuestions: number;
}

export type Scoreboard =
  | { mode: "none" }
  /** How many people reached each whole score, 0 to the number of revealed questions (Z13). */
  | { mode: "anonymous"; players: number; distribution: { points: number; count: number }[] }
  /** Teams by average points per member; ties share a rank (Z14). */
  | { mode: "team"; teams: { teamId: string; name: string; points: number; members: number; average: number; rank: number; tied: boolean }[] };

export interface ParticipantQuizView {
  title: string;
  status: QuizState["status"];
  questionCount: number;
  question: PublicQuestion | null;
  /** null for the room's screen (no viewer). */
  mine: null | {
    answered: boolean;
    answer: QuizAnswer | null;
    /** After the reveal only. */
    result: { points: number; correct: boolean } | null;
    score: MyScore;
    teamId: string | null;
  };
  /** The current question's results, once revealed. */
  reveal: QuestionResults | null;
  scoring: ScoringMode;
  teams: readonly QuizTeam[];
  scoreboard: Scoreboard;
}

export interface FacilitatorQuizView {
  title: string;
  status: QuizState["status"];
  scoring: ScoringMode;
  teams: readonly QuizTeam[];
  /** The whole definition, answer keys included. */
  quiz: QuizDefinition;
  current: null | { question: QuizQuestion; public: PublicQuestion; live: QuestionResults };
  /** Every question shown so far, in quiz order. */
  shown: { index: number; questionId: string; phase: QuestionPhase; answeredCount: number; correctCount: number }[];
  scoreboard: Scoreboard;
}

function phaseOf(state: QuizState, questionId: string, now: number): QuestionPhase {
  const run = runOf(state, questionId)!;
  if (run.revealedAt !== null) return "revealed";
  // The countdown ends at closesAt; the grace is for the network, not for the screen.
  const open = acceptsAnswers(state, run, now) && (run.closesAt === null || now <= run.closesAt);
  return open ? "open" : "closed";
}

function answersTo(state: QuizState, questionId: string) {
  return state.answers.filter((a) => a.questionId === questionId);
}

function publicQuestion(state: QuizState, index: number, now: number, presentCount: number | null): PublicQuestion {
  const q = state.quiz.questions[index];
  const run = runOf(state, q.id)!;
  return {
    index,
    questionId: q.id,
    kind: q.kind,
    prompt: q.prompt,
    image: q.image,
    imageAlt: q.imageAlt,
    options: presentedOptions(q, state.quiz.locale).map((o) => ({ id: o.id, label: o.label })),
    unit: q.kind === "number" ? q.unit : null,
    timeLimitSec: q.timeLimitSec,
    openedAt: run.openedAt,
    closesAt: run.closesAt,
    phase: phaseOf(state, q.id, now),
    answeredCount: answersTo(state, q.id).length,
    presentCount: typeof presentCount === "number" && Number.isInteger(presentCount) && presentCount >= 0 ? presentCount : null,
  };
}

function optionKey(answer: QuizAnswer): readonly string[] {
  if (answer.kind === "single") return [answer.optionId];
  if (answer.kind === "multiple") return answer.optionIds;
  if (answer.kind === "trueFalse") return [String(answer.value)];
  return [];
}

/** Z11: the question's results whether revealed or not; callers decide who sees them. Null for a question never shown. */
export function questionResults(state: QuizState, index: number): QuestionResults | null {
  const q = state.quiz.questions[index];
  if (!q || !runOf(state, q.id)) return null;
  const answers = answersTo(state, q.id);
  const key = correctAnswerOf(q);
  let distribution: QuizDistribution;
  if (q.kind === "ordering") {
    distribution = {
      kind: "ordering",
      exactCount: answers.filter((a) => a.answer.kind === "ordering" && a.answer.order.every((id, i) => id === q.options[i].id)).length,
      bars: q.options.map((o, i) => ({ optionId: o.id, label: o.label, position: i + 1, inPlace: answers.filter((a) => a.answer.kind === "ordering" && a.answer.order[i] === o.id).length })),
    };
  } else if (q.kind === "number") {
    const counts = new Map<number, number>();
    for (const a of answers) if (a.answer.kind === "number") counts.set(a.answer.value, (counts.get(a.answer.value) ?? 0) + 1);
    const values = [...counts.keys()].sort((x, y) => x - y);
    distribution = { kind: "number", tolerance: q.tolerance, unit: q.unit, bars: values.map((value) => ({ value, count: counts.get(value)!, correct: scoreAnswer(q, { kind: "number", value }) === 1 })) };
  } else {
    const right = optionKey(key);
    distribution = {
      kind: "options",
      bars: optionsOf(q, state.quiz.locale).map((o) => ({ optionId: o.id, label: o.label, count: answers.filter((a) => optionKey(a.answer).includes(o.id)).length, correct: right.includes(o.id) })),
    };
  }
  return {
    index,
    questionId: q.id,
    kind: q.kind,
    prompt: q.prompt,
    correctAnswer: key,
    explanation: q.explanation,
    answeredCount: answers.length,
    correctCount: answers.filter((a) => scoreAnswer(q, a.answer) === 1).length,
    distribution,
  };
}

/** Z11: what everyone is sent once a question is revealed; null before. */
export function revealView(state: QuizState, index: number): QuestionResults | null {
  const q = state.quiz.questions[index];
  const run = q && runOf(state, q.id);
  return run && run.revealedAt !== null ? questionResults(state, index) : null;
}

function revealedIds(state: QuizState): Set<string> {
  return new Set(state.runs.filter((r) => r.revealedAt !== null).map((r) => r.questionId));
}

/** Points per participant (and per team) on revealed questions only (Z9). */
function points(state: QuizState): { people: Map<string, number>; teams: Map<string, { points: number; members: Set<string> }> } {
  const revealed = revealedIds(state);
  const people = new Map<string, number>();
  const teams = new Map<string, { points: number; members: Set<string> }>();
  for (const a of state.answers) {
    if (!revealed.has(a.questionId)) continue;
    const q = state.quiz.questions.find((x) => x.id === a.questionId)!;
    const p = scoreAnswer(q, a.answer);
    people.set(a.participantId, round4((people.get(a.participantId) ?? 0) + p));
    if (a.teamId !== null) {
      const t = teams.get(a.teamId) ?? { points: 0, members: new Set<string>() };
      teams.set(a.teamId, { points: round4(t.points + p), members: t.members.add(a.participantId) });
    }
  }
  return { people, teams };
}

export function myScore(state: QuizState, participantId: string): MyScore {
  const revealed = revealedIds(state);
  return {
    points: points(state).people.get(participantId) ?? 0,
    answered: state.answers.filter((a) => a.participantId === participantId).length,
    revealedQuestions: revealed.size,
  };
}

/** Z12-Z14: the only scores shown to more than one person; no participant id ever. */
export function scoreboard(state: QuizState): Scoreboard {
  if (state.scoring === "none") return { mode: "none" };
  const { people, teams } = points(state);
  if (state.scoring === "anonymous") {
    const max = revealedIds(state).size;
    const distribution = Array.from({ length: max + 1 }, (_, points) => ({ points, count: 0 }));
    for (const p of people.values()) distribution[Math.min(max, Math.floor(p))].count++;
    return { mode: "anonymous", players: people.size, distribution };
  }
  const rows = state.teams.map((team, order) => {
    const t = teams.get(team.id);
    const members = t?.members.size ?? 0;
    return { teamId: team.id, name: team.name, points: t?.points ?? 0, members, average: members === 0 ? 0 : round4((t?.points ?? 0) / members), order };
  });
  rows.sort((a, b) => b.average - a.average || a.order - b.order);
  return {
    mode: "team",
    teams: rows.map((r, i) => {
      const rank = rows.findIndex((x) => x.average === r.average) + 1;
      return { teamId: r.teamId, name: r.name, points: r.points, members: r.members, average: r.average, rank, tied: rows.some((x, j) => j !== i && x.average === r.average) };
    }),
  };
}

/**
 * Z9, Z10, Z15: a participant's screen (viewerId) or the room's (null). The current question
 * without its key; its results only once revealed; the viewer's own answer and score.
 */
export function participantView(state: QuizState, viewerId: string | null, now: number, presentCount: number | null = null): ParticipantQuizView {
  const index = state.current;
  const q = index === null ? null : state.quiz.questions[index];
  const reveal = index === null ? null : revealView(state, index);
  const own = viewerId === null || q === null ? undefined : state.answers.find((a) => a.participantId === viewerId && a.questionId === q.id);
  let mine: ParticipantQuizView["mine"] = null;
  if (viewerId !== null) {
    const p = own && reveal && q ? scoreAnswer(q, own.answer) : null;
    mine = {
      answered: own !== undefined,
      answer: own?.answer ?? null,
      result: p === null ? null : { points: p, correct: p === 1 },
      score: myScore(state, viewerId),
      teamId: state.scoring === "team" ? teamOf(state, viewerId) : null,
    };
  }
  return {
    title: state.quiz.title,
    status: state.status,
    questionCount: state.quiz.questions.length,
    question: index === null ? null : publicQuestion(state, index, now, presentCount),
    mine,
    reveal,
    scoring: state.scoring,
    teams: state.scoring === "team" ? state.teams : [],
    scoreboard: scoreboard(state),
  };
}

/** Everything about the questions, live counts included; still no person's score (Z12). */
export function facilitatorView(state: QuizState, now: number, presentCount: number | null = null): FacilitatorQuizView {
  const index = state.current;
  const shown = state.quiz.questions
    .map((q, i) => ({ q, i }))
    .filter(({ q }) => runOf(state, q.id))
    .map(({ q, i }) => {
      const r = questionResults(state, i)!;
      return { index: i, questionId: q.id, phase: phaseOf(state, q.id, now), answeredCount: r.answeredCount, correctCount: r.correctCount };
    });
  return {
    title: state.quiz.title,
    status: state.status,
    scoring: state.scoring,
    teams: state.teams,
    quiz: state.quiz,
    current: index === null ? null : { question: state.quiz.questions[index], public: publicQuestion(state, index, now, presentCount), live: questionResults(state, index)! },
    shown,
    scoreboard: scoreboard(state),
  };
}
