// The tools of one board as stored (JSON at a version): the vote, the anonymous switch and
// the moderation queue, and the one function that applies a `tools:command` to them through
// the pure domain modules. No I/O: the registry loads, stores and publishes.
import { IDLE_VOTE, apply as applyVote, results, type VoteActor, type VoteState } from "../../domain/votes/index.ts";
import { EMPTY_MODERATION, applyModeration, moderationView, type ModerationState, type PendingNote } from "../../domain/moderation/index.ts";
import { IDLE_POLL, applyPoll, pollResults, pollView, type PollDefinition, type PollResults, type PollState } from "../../domain/poll/index.ts";
import type { Role, ToolsCommand, ToolsStateEvent } from "../../protocol/index.ts";

/** A poll that was replaced by a new one: kept with its results for the session's report. */
export interface PastPoll {
  poll: PollDefinition;
  results: PollResults;
  respondents: number;
  launchedAt: number | null;
  closedAt: number | null;
}

export interface ToolsState {
  anonymous: boolean;
  vote: VoteState;
  moderation: ModerationState;
  poll: PollState;
  pastPolls: PastPoll[];
}

/** How many finished polls a session keeps for its report. */
const MAX_PAST_POLLS = 50;

export const INITIAL_TOOLS: ToolsState = { anonymous: false, vote: IDLE_VOTE, moderation: EMPTY_MODERATION, poll: IDLE_POLL, pastPolls: [] };

/** A stored row read back: anything missing takes its initial value (rows older than a field). */
export function readToolsState(raw: unknown): ToolsState {
  const r = (typeof raw === "object" && raw !== null ? raw : {}) as Partial<ToolsState>;
  return {
    anonymous: r.anonymous === true,
    vote: r.vote && typeof r.vote === "object" && Array.isArray(r.vote.ballots) ? r.vote : IDLE_VOTE,
    moderation: r.moderation && typeof r.moderation === "object" && Array.isArray(r.moderation.notes) ? r.moderation : EMPTY_MODERATION,
    poll: r.poll && typeof r.poll === "object" && Array.isArray(r.poll.answers) ? r.poll : IDLE_POLL,
    pastPolls: Array.isArray(r.pastPolls) ? r.pastPolls : [],
  };
}

export interface ToolsActor {
  id: string;
  /** The session role the server holds for the connection (séance roles already mapped). */
  role: Role;
}

/** What the board holds now, read by the caller just before `applyTools` (a vote's items). */
export interface BoardContext {
  items(targets: "notes" | "clusters"): string[];
}

export type ToolsOutcome =
  | { ok: true; state: ToolsState; changed: boolean; revealed: PendingNote[]; anonymityTurnedOn: boolean }
  | { ok: false; code: string; message: string };

const same = (state: ToolsState): ToolsOutcome => ({ ok: true, state, changed: false, revealed: [], anonymityTurnedOn: false });
const changed = (state: ToolsState, revealed: PendingNote[] = [], anonymityTurnedOn = false): ToolsOutcome => ({ ok: true, state, changed: true, revealed, anonymityTurnedOn });

/** `stepId`: the séance step running when the command came (a poll is stamped with it), null on a free board. */
export function applyTools(state: ToolsState, command: ToolsCommand, actor: ToolsActor, now: number, board: BoardContext, stepId: string | null = null): ToolsOutcome {
  const voter: VoteActor = { id: actor.id, role: actor.role };
  switch (command.type) {
    case "pollLaunch":
    case "pollAnswer":
    case "pollReveal":
    case "pollClose":
      return applyPollCommand(state, command, actor, now, stepId);
    case "voteOpen": {
      // Who may open is checked before the board is read: a participant learns nothing from it.
      if (actor.role !== "facilitator") return { ok: false, code: "not_facilitator", message: "only the facilitator runs the vote" };
      if (state.vote.status === "open") return { ok: false, code: "vote_already_open", message: "a vote is already open; close it first" };
      const items = board.items(command.targets);
      if (items.length === 0) return { ok: false, code: "nothing_to_vote_on", message: `no ${command.targets} on the board to vote on` };
      const { type: _t, ...rest } = command;
      const r = applyVote(state.vote, { type: "open", config: { ...rest, items: items.slice(0, 2000) } }, voter);
      return r.ok ? changed({ ...state, vote: r.state }) : r;
    }
    case "voteCast":
    case "voteRetract": {
      const r = applyVote(state.vote, { type: command.type === "voteCast" ? "cast" : "retract", itemId: command.itemId }, voter);
      return r.ok ? changed({ ...state, vote: r.state }) : r;
    }
    case "voteReveal":
    case "voteClose": {
      const r = applyVote(state.vote, { type: command.type === "voteReveal" ? "reveal" : "close" }, voter);
      return r.ok ? changed({ ...state, vote: r.state }) : r;
    }
    case "setAnonymous":
      if (actor.role !== "facilitator") return { ok: false, code: "not_facilitator", message: "only the facilitator sets anonymity" };
      if (state.anonymous === command.anonymous) return same(state);
      return changed({ ...state, anonymous: command.anonymous }, [], command.anonymous);
    default: {
      const r = applyModeration(state.moderation, command, actor, now);
      if (!r.ok) return r;
      if (r.state === state.moderation || (command.type === "setModerated" && state.moderation.enabled === command.moderated)) return same(state);
      return changed({ ...state, moderation: r.state }, r.revealed);
    }
  }
}

function applyPollCommand(state: ToolsState, command: Extract<ToolsCommand, { type: `poll${string}` }>, actor: ToolsActor, now: number, stepId: string | null): ToolsOutcome {
  const poll = state.poll;
  switch (command.type) {
    case "pollLaunch": {
      const raw = typeof command.poll === "object" && command.poll !== null ? { ...command.poll, stepId } : command.poll;
      const r = applyPoll(poll, { type: "launch", poll: raw as PollDefinition }, actor, now);
      if (!r.ok) return r;
      // O1: the poll it replaces goes to the archive with its results, for the report.
      const results = pollResults(poll);
      const pastPolls =
        poll.poll && results ? [...state.pastPolls, { poll: poll.poll, results, respondents: poll.answers.length, launchedAt: poll.launchedAt, closedAt: poll.closedAt ?? now }].slice(-MAX_PAST_POLLS) : state.pastPolls;
      return changed({ ...state, poll: r.state, pastPolls });
    }
    case "pollAnswer": {
      const r = applyPoll(poll, { type: "answer", answer: command.answer }, actor, now);
      return r.ok ? changed({ ...state, poll: r.state }) : r;
    }
    case "pollReveal":
    case "pollClose": {
      const r = applyPoll(poll, { type: command.type === "pollReveal" ? "reveal" : "close" }, actor, now);
      return r.ok ? changed({ ...state, poll: r.state }) : r;
    }
  }
}

export interface ToolsSnapshot {
  sessionId: string;
  board: string;
  state: ToolsState;
  version: number;
}

/**
 * One person's view (V5, V8, Q4, A3). `anonymousNow` is the switch or the séance step's flag;
 * `names` maps participant ids to display names (used only for the facilitator, outside anonymity).
 */
export function toolsView(snap: ToolsSnapshot, viewer: ToolsActor, anonymousNow: boolean, names: ReadonlyMap<string, string>): ToolsStateEvent {
  const moderation = moderationView(snap.state.moderation, viewer, anonymousNow);
  const authors: Record<string, string> = {};
  for (const e of moderation.queue ?? []) if (e.authorId) authors[e.authorId] = names.get(e.authorId) ?? "?";
  return {
    sessionId: snap.sessionId,
    board: snap.board,
    version: snap.version,
    anonymous: anonymousNow,
    anonymousSwitch: snap.state.anonymous,
    vote: results(snap.state.vote, { id: viewer.id, role: viewer.role }),
    voteRevealed: snap.state.vote.revealed,
    moderation,
    authors,
    poll: pollView(snap.state.poll, { id: viewer.id, role: viewer.role }),
  };
}
