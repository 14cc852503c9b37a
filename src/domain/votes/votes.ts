// Dot voting on notes or clusters: the facilitator opens a vote with a budget of dots per
// participant and a maximum per item; participants cast and retract dots; counts stay hidden
// until the facilitator reveals them (or are live, by choice). The server applies every
// command through `apply` (one at a time, per board), so budgets hold whatever the order in
// which concurrent votes arrive. Rule ids (V…): ../SPEC.md.

export type VoteRole = "facilitator" | "participant" | "observer";
export interface VoteActor {
  id: string;
  /** Method roles map onto these: case holder, consultant, scribe… are participants. */
  role: VoteRole;
}

export interface VoteConfig {
  targets: "notes" | "clusters";
  /** The items one may vote on, fixed when the vote opens (V4). */
  items: readonly string[];
  budgetPerParticipant: number;
  maxPerItem: number;
  reveal: "onReveal" | "live";
}

export interface Ballot {
  voterId: string;
  itemId: string;
  /** Dots this voter put on this item, >= 1 (a ballot at 0 is removed). */
  dots: number;
}

export interface VoteState {
  status: "idle" | "open" | "closed";
  config: VoteConfig | null;
  revealed: boolean;
  /** An array, not a record: voter and item ids come from outside ("__proto__"…). */
  ballots: readonly Ballot[];
}

export type VoteCommand =
  | { type: "open"; config: VoteConfig }
  | { type: "cast"; itemId: string }
  | { type: "retract"; itemId: string }
  | { type: "reveal" }
  | { type: "close" };

export const VoteError = {
  badInput: "bad_input",
  notFacilitator: "not_facilitator",
  observerCannotVote: "observer_cannot_vote",
  facilitatorDoesNotVote: "facilitator_does_not_vote",
  notOpen: "vote_not_open",
  alreadyOpen: "vote_already_open",
  unknownItem: "unknown_item",
  budgetExhausted: "budget_exhausted",
  itemMaxReached: "item_max_reached",
  nothingToRetract: "nothing_to_retract",
  alreadyRevealed: "already_revealed",
} as const;
export type VoteErrorCode = (typeof VoteError)[keyof typeof VoteError];
export type VoteRefusal = { ok: false; code: VoteErrorCode; message: string };
export type VoteResult = { ok: true; state: VoteState } | VoteRefusal;

export const MAX_BUDGET = 100;
export const MAX_VOTE_ITEMS = 2000;

export const IDLE_VOTE: VoteState = Object.freeze({ status: "idle", config: null, revealed: false, ballots: Object.freeze([]) as readonly Ballot[] });

const E = VoteError;
const no = (code: VoteErrorCode, message: string): VoteRefusal => ({ ok: false, code, message });

function isId(v: unknown): v is string {
  return typeof v === "string" && v.length > 0 && v.length <= 256;
}

function isWhole(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
}

/** V2: a budget from 1 to 100 dots, a per-item maximum from 1 to the budget, known items. */
export function checkConfig(config: unknown): VoteRefusal | null {
  if (typeof config !== "object" || config === null) return no(E.badInput, "a vote needs a config");
  const c = config as Record<string, unknown>;
  if (c.targets !== "notes" && c.targets !== "clusters") return no(E.badInput, "targets are notes or clusters");
  if (c.reveal !== "onReveal" && c.reveal !== "live") return no(E.badInput, "reveal is onReveal or live");
  if (!isWhole(c.budgetPerParticipant, 1, MAX_BUDGET)) return no(E.badInput, `the budget is a whole number from 1 to ${MAX_BUDGET}`);
  if (!isWhole(c.maxPerItem, 1, c.budgetPerParticipant)) return no(E.badInput, "the maximum per item is a whole number from 1 to the budget");
  if (!Array.isArray(c.items) || c.items.length === 0 || c.items.length > MAX_VOTE_ITEMS || !c.items.every(isId)) return no(E.badInput, "a vote is on 1 to 2000 items");
  if (new Set(c.items).size !== c.items.length) return no(E.badInput, "items are listed once");
  return null;
}

export function dotsOf(state: VoteState, voterId: string): number {
  let n = 0;
  for (const b of state.ballots) if (b.voterId === voterId) n += b.dots;
  return n;
}

function ballotIndex(state: VoteState, voterId: string, itemId: string): number {
  return state.ballots.findIndex((b) => b.voterId === voterId && b.itemId === itemId);
}

/** Total: garbage is refused, never thrown (V9); a refusal leaves the state as it was. */
export function apply(state: VoteState, command: VoteCommand, actor: VoteActor): VoteResult {
  if (typeof state !== "object" || state === null || !Array.isArray(state.ballots)) return no(E.badInput, "not a vote state");
  if (typeof actor !== "object" || actor === null || !isId(actor.id) || !["facilitator", "participant", "observer"].includes(actor.role)) return no(E.badInput, "bad actor");
  if (typeof command !== "object" || command === null) return no(E.badInput, "a command is an object");
  switch (command.type) {
    case "open":
    case "reveal":
    case "close":
      if (actor.role !== "facilitator") return no(E.notFacilitator, "only the facilitator runs the vote");
      return facilitate(state, command);
    case "cast":
    case "retract":
      return vote(state, command, actor);
    default:
      return no(E.badInput, "unknown command");
  }
}

function facilitate(state: VoteState, command: Extract<VoteCommand, { type: "open" | "reveal" | "close" }>): VoteResult {
  if (command.type === "open") {
    // V1: opening starts afresh: a new vote never carries the previous one's dots.
    if (state.status === "open") return no(E.alreadyOpen, "a vote is already open; close it first");
    const bad = checkConfig(command.config);
    if (bad) return bad;
    const c = command.config;
    const config: VoteConfig = { targets: c.targets, items: [...c.items], budgetPerParticipant: c.budgetPerParticipant, maxPerItem: c.maxPerItem, reveal: c.reveal };
    return { ok: true, state: { status: "open", config, revealed: c.reveal === "live", ballots: [] } };
  }
  if (command.type === "reveal") {
    if (state.status === "idle") return no(E.notOpen, "no vote to reveal");
    if (state.revealed) return no(E.alreadyRevealed, "the results are already shown");
    return { ok: true, state: { ...state, revealed: true } };
  }
  if (state.status !== "open") return no(E.notOpen, "no open vote to close");
  // V7: closing freezes the dots and shows the results to everyone.
  return { ok: true, state: { ...state, status: "closed", revealed: true } };
}

function vote(state: VoteState, command: Extract<VoteCommand, { type: "cast" | "retract" }>, actor: VoteActor): VoteResult {
  if (actor.role === "observer") return no(E.observerCannotVote, "observers do not vote");
  if (actor.role === "facilitator") return no(E.facilitatorDoesNotVote, "the facilitator does not vote");
  if (state.status !== "open" || !state.config) return no(E.notOpen, "no open vote");
  if (!isId(command.itemId)) return no(E.badInput, "itemId is a string");
  if (!state.config.items.includes(command.itemId)) return no(E.unknownItem, "this item is not part of the vote");
  const i = ballotIndex(state, actor.id, command.itemId);
  const onItem = i < 0 ? 0 : state.ballots[i].dots;
  if (command.type === "cast") {
    if (dotsOf(state, actor.id) >= state.config.budgetPerParticipant) return no(E.budgetExhausted, "no dots left");
    if (onItem >= state.config.maxPerItem) return no(E.itemMaxReached, `at most ${state.config.maxPerItem} dots on one item`);
    const ballots = i < 0 ? [...state.ballots, { voterId: actor.id, itemId: command.itemId, dots: 1 }] : state.ballots.map((b, j) => (j === i ? { ...b, dots: b.dots + 1 } : b));
    return { ok: true, state: { ...state, ballots } };
  }
  if (onItem === 0) return no(E.nothingToRetract, "no dot of yours on this item");
  const ballots = onItem === 1 ? state.ballots.filter((_, j) => j !== i) : state.ballots.map((b, j) => (j === i ? { ...b, dots: b.dots - 1 } : b));
  return { ok: true, state: { ...state, ballots } };
}

// ---- what each screen is sent ------------------------------------------------------------

export interface ItemResult {
  itemId: string;
  votes: number;
  /** Competition rank: items with the same count share a rank (1, 1, 3…). */
  rank: number;
  /** Another item has the same count: ties are shown, never broken (V6). */
  tied: boolean;
}

export interface VoteView {
  status: VoteState["status"];
  config: VoteConfig | null;
  /** null while the counts are hidden from this viewer (V5). */
  results: ItemResult[] | null;
  /** The viewer's own dots per item (everyone always sees their own), and what is left. */
  mine: { itemId: string; dots: number }[];
  remaining: number;
  /** How many dots have been cast in all: progress without the counts. */
  dotsCast: number;
}

/** V6: sorted by votes, then by the order the items were listed in (display only: tied items share their rank). */
export function tally(state: VoteState): ItemResult[] {
  if (!state.config) return [];
  const counts = new Map<string, number>(state.config.items.map((id) => [id, 0]));
  for (const b of state.ballots) counts.set(b.itemId, (counts.get(b.itemId) ?? 0) + b.dots);
  const rows = state.config.items.map((itemId, index) => ({ itemId, votes: counts.get(itemId)!, index }));
  rows.sort((a, b) => b.votes - a.votes || a.index - b.index);
  const perCount = new Map<number, number>();
  for (const r of rows) perCount.set(r.votes, (perCount.get(r.votes) ?? 0) + 1);
  let rank = 0;
  return rows.map((r, i) => {
    if (i === 0 || rows[i - 1].votes !== r.votes) rank = i + 1;
    return { itemId: r.itemId, votes: r.votes, rank, tied: perCount.get(r.votes)! > 1 };
  });
}

/**
 * V5: the view sent to one person. The facilitator sees the counts live; everyone else sees
 * them once revealed (at once with `reveal: "live"`), and always their own dots. Who voted for
 * what is never sent (V8).
 */
export function results(state: VoteState, viewer: VoteActor): VoteView {
  const visible = viewer.role === "facilitator" || state.revealed;
  const mine = state.ballots.filter((b) => b.voterId === viewer.id).map((b) => ({ itemId: b.itemId, dots: b.dots }));
  const budget = state.config?.budgetPerParticipant ?? 0;
  const canVote = viewer.role === "participant" && state.status === "open";
  return {
    status: state.status,
    config: state.config,
    results: state.status === "idle" ? null : visible ? tally(state) : null,
    mine,
    remaining: canVote ? budget - dotsOf(state, viewer.id) : 0,
    dotsCast: state.ballots.reduce((n, b) => n + b.dots, 0),
  };
}

/** Invariants the fuzz test checks after every command (V3). */
export function voteInvariantViolations(state: VoteState): string[] {
  const out: string[] = [];
  if (!state.config) {
    if (state.ballots.length > 0) out.push("ballots without a vote");
    return out;
  }
  const perVoter = new Map<string, number>();
  const seen = new Set<string>();
  for (const b of state.ballots) {
    const key = JSON.stringify([b.voterId, b.itemId]);
    if (seen.has(key)) out.push(`two ballots for ${key}`);
    seen.add(key);
    if (!Number.isInteger(b.dots) || b.dots < 1) out.push(`ballot ${key} has ${b.dots} dots`);
    if (b.dots > state.config.maxPerItem) out.push(`ballot ${key} is over the per-item maximum`);
    if (!state.config.items.includes(b.itemId)) out.push(`ballot on unknown item ${b.itemId}`);
    perVoter.set(b.voterId, (perVoter.get(b.voterId) ?? 0) + b.dots);
  }
  for (const [voter, dots] of perVoter) if (dots > state.config.budgetPerParticipant) out.push(`${voter} is over budget (${dots})`);
  return out;
}
