import { describe, expect, it } from "vitest";
import { mulberry32, shuffled } from "../seededRandom.ts";
import { IDLE_VOTE, type VoteActor, type VoteCommand, type VoteConfig, type VoteResult, type VoteState, apply, dotsOf, results, tally, voteInvariantViolations } from "./index.ts";

const FAC: VoteActor = { id: "fac", role: "facilitator" };
const ANA: VoteActor = { id: "ana", role: "participant" };
const BEN: VoteActor = { id: "ben", role: "participant" };
const OBS: VoteActor = { id: "obs", role: "observer" };
const CONFIG: VoteConfig = { targets: "clusters", items: ["c1", "c2", "c3", "c4"], budgetPerParticipant: 3, maxPerItem: 2, reveal: "onReveal" };

function must(r: VoteResult): VoteState {
  if (!r.ok) throw new Error(`refused ${r.code}: ${r.message}`);
  return r.state;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}

function run(state: VoteState, ...steps: [VoteCommand, VoteActor][]): VoteState {
  return steps.reduce((s, [c, a]) => must(apply(deepFreeze(s), c, a)), state);
}

const opened = (config: Partial<VoteConfig> = {}) => run(IDLE_VOTE, [{ type: "open", config: { ...CONFIG, ...config } }, FAC]);
const cast = (itemId: string): VoteCommand => ({ type: "cast", itemId });

describe("votes", () => {
  it("V1: only the facilitator opens, reveals and closes a vote", () => {
    for (const who of [ANA, OBS]) {
      expect(apply(IDLE_VOTE, { type: "open", config: CONFIG }, who)).toMatchObject({ ok: false, code: "not_facilitator" });
      expect(apply(opened(), { type: "reveal" }, who)).toMatchObject({ ok: false, code: "not_facilitator" });
      expect(apply(opened(), { type: "close" }, who)).toMatchObject({ ok: false, code: "not_facilitator" });
    }
    expect(opened()).toEqual({ status: "open", config: CONFIG, revealed: false, ballots: [] });
  });

  it("V1: a vote cannot be opened twice; reopening after closing starts with no dots", () => {
    const s = run(opened(), [cast("c1"), ANA]);
    expect(apply(s, { type: "open", config: CONFIG }, FAC)).toMatchObject({ ok: false, code: "vote_already_open" });
    const again = run(s, [{ type: "close" }, FAC], [{ type: "open", config: { ...CONFIG, items: ["n1"] } }, FAC]);
    expect(again.ballots).toEqual([]);
    expect(again.config!.items).toEqual(["n1"]);
  });

  it("V2: the configuration is checked: budget 1-100, per-item maximum 1 to the budget, items listed once", () => {
    const bad: unknown[] = [
      { ...CONFIG, budgetPerParticipant: 0 },
      { ...CONFIG, budgetPerParticipant: 101 },
      { ...CONFIG, budgetPerParticipant: 2.5 },
      { ...CONFIG, maxPerItem: 4 },
      { ...CONFIG, maxPerItem: 0 },
      { ...CONFIG, items: [] },
      { ...CONFIG, items: ["a", "a"] },
      { ...CONFIG, items: ["a", 3] },
      { ...CONFIG, targets: "people" },
      { ...CONFIG, reveal: "never" },
      null,
    ];
    for (const config of bad) expect(apply(IDLE_VOTE, { type: "open", config: config as VoteConfig }, FAC)).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("V3: a participant casts dots within the budget and the per-item maximum, and retracts them", () => {
    let s = run(opened(), [cast("c1"), ANA], [cast("c1"), ANA]);
    expect(apply(s, cast("c1"), ANA)).toMatchObject({ ok: false, code: "item_max_reached" });
    s = run(s, [cast("c2"), ANA]);
    expect(apply(s, cast("c3"), ANA)).toMatchObject({ ok: false, code: "budget_exhausted" });
    expect(dotsOf(s, "ana")).toBe(3);
    s = run(s, [{ type: "retract", itemId: "c1" }, ANA], [cast("c3"), ANA]);
    expect(s.ballots).toEqual([
      { voterId: "ana", itemId: "c1", dots: 1 },
      { voterId: "ana", itemId: "c2", dots: 1 },
      { voterId: "ana", itemId: "c3", dots: 1 },
    ]);
    s = run(s, [{ type: "retract", itemId: "c3" }, ANA]);
    expect(apply(s, { type: "retract", itemId: "c3" }, ANA)).toMatchObject({ ok: false, code: "nothing_to_retract" });
    // one person's budget is their own
    expect(apply(s, cast("c1"), BEN)).toMatchObject({ ok: true });
  });

  it("V4: no vote on an item outside the vote, nor when no vote is open", () => {
    expect(apply(opened(), cast("elsewhere"), ANA)).toMatchObject({ ok: false, code: "unknown_item" });
    expect(apply(IDLE_VOTE, cast("c1"), ANA)).toMatchObject({ ok: false, code: "vote_not_open" });
    const closed = run(opened(), [{ type: "close" }, FAC]);
    expect(apply(closed, cast("c1"), ANA)).toMatchObject({ ok: false, code: "vote_not_open" });
    expect(apply(closed, { type: "retract", itemId: "c1" }, ANA)).toMatchObject({ ok: false, code: "vote_not_open" });
  });

  it("V5: before the reveal participants and observers see only their own dots; the facilitator sees the counts live", () => {
    const s = run(opened(), [cast("c2"), ANA], [cast("c2"), BEN], [cast("c1"), BEN]);
    expect(results(s, ANA)).toMatchObject({ results: null, mine: [{ itemId: "c2", dots: 1 }], remaining: 2, dotsCast: 3 });
    expect(results(s, OBS)).toMatchObject({ results: null, mine: [], remaining: 0 });
    expect(results(s, FAC).results!.map((r) => [r.itemId, r.votes])).toEqual([["c2", 2], ["c1", 1], ["c3", 0], ["c4", 0]]);
    const shown = run(s, [{ type: "reveal" }, FAC]);
    expect(results(shown, ANA).results).toEqual(results(shown, FAC).results);
    expect(apply(shown, { type: "reveal" }, FAC)).toMatchObject({ ok: false, code: "already_revealed" });
    expect(apply(IDLE_VOTE, { type: "reveal" }, FAC)).toMatchObject({ ok: false, code: "vote_not_open" });
  });

  it("V5: with reveal 'live' everyone sees the counts as they come", () => {
    const s = run(opened({ reveal: "live" }), [cast("c3"), ANA]);
    expect(results(s, BEN).results![0]).toEqual({ itemId: "c3", votes: 1, rank: 1, tied: false });
  });

  it("V6: results are sorted by votes, tied items share a rank and are marked tied, never broken", () => {
    const s = run(opened({ budgetPerParticipant: 5, maxPerItem: 5 }), [cast("c3"), ANA], [cast("c3"), ANA], [cast("c2"), BEN], [cast("c2"), BEN], [cast("c4"), ANA]);
    expect(tally(s)).toEqual([
      { itemId: "c2", votes: 2, rank: 1, tied: true },
      { itemId: "c3", votes: 2, rank: 1, tied: true },
      { itemId: "c4", votes: 1, rank: 3, tied: false },
      { itemId: "c1", votes: 0, rank: 4, tied: false },
    ]);
    expect(tally(opened()).every((r) => r.rank === 1 && r.tied)).toBe(true);
    expect(tally(IDLE_VOTE)).toEqual([]);
  });

  it("V7: closing freezes the dots and shows the results to everyone", () => {
    const s = run(opened(), [cast("c1"), ANA], [{ type: "close" }, FAC]);
    expect(s).toMatchObject({ status: "closed", revealed: true });
    expect(results(s, OBS).results![0]).toMatchObject({ itemId: "c1", votes: 1 });
    expect(apply(s, { type: "close" }, FAC)).toMatchObject({ ok: false, code: "vote_not_open" });
  });

  it("V8: what a participant is sent never says who else voted for what", () => {
    const s = run(opened({ reveal: "live" }), [cast("c1"), ANA], [cast("c2"), BEN]);
    for (const viewer of [ANA, OBS, FAC]) {
      const json = JSON.stringify(results(s, viewer));
      for (const other of ["ana", "ben"].filter((id) => id !== viewer.id)) expect(json).not.toContain(other);
    }
  });

  it("V9: apply is total: garbage is refused, never thrown, and the input state is never changed", () => {
    const s = deepFreeze(opened());
    const garbage: unknown[] = [null, 3, {}, { type: "cast" }, { type: "cast", itemId: 7 }, { type: "toString" }, { type: "__proto__" }];
    for (const g of garbage) expect(apply(s, g as VoteCommand, ANA)).toMatchObject({ ok: false, code: "bad_input" });
    expect(apply(s, cast("c1"), { id: "", role: "participant" })).toMatchObject({ ok: false, code: "bad_input" });
    expect(apply(s, cast("c1"), { id: "x", role: "king" as never })).toMatchObject({ ok: false, code: "bad_input" });
    expect(apply(null as never, cast("c1"), ANA)).toMatchObject({ ok: false, code: "bad_input" });
    expect(apply(s, cast("c1"), null as never)).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("V10: observers and the facilitator do not vote", () => {
    expect(apply(opened(), cast("c1"), OBS)).toMatchObject({ ok: false, code: "observer_cannot_vote" });
    expect(apply(opened(), cast("c1"), FAC)).toMatchObject({ ok: false, code: "facilitator_does_not_vote" });
  });
});

describe("votes fuzz", () => {
  const VOTERS: VoteActor[] = [ANA, BEN, { id: "chloe", role: "participant" }, { id: "__proto__", role: "participant" }, OBS, FAC];
  const ITEMS = ["c1", "c2", "c3", "c4", "c5", "ghost"];

  /** A burst of votes sent at the same moment by everyone; the server sees them in some order. */
  function burst(random: () => number, size: number): [VoteCommand, VoteActor][] {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    return Array.from({ length: size }, () => [{ type: random() < 0.75 ? "cast" : "retract", itemId: pick(ITEMS) } as VoteCommand, pick(VOTERS)]);
  }

  it("V3: random concurrent votes in random orders never exceed a budget or a per-item maximum, and the totals equal the accepted dots", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const budget = 1 + Math.floor(random() * 6);
      const config: VoteConfig = { targets: "notes", items: ITEMS.slice(0, 5), budgetPerParticipant: budget, maxPerItem: 1 + Math.floor(random() * budget), reveal: random() < 0.5 ? "live" : "onReveal" };
      const commands = burst(random, 40);
      // the same burst, delivered in two different orders: both must hold the rules
      for (const order of [commands, shuffled(commands, random)]) {
        let s = opened(config);
        let net = 0;
        const perItem = new Map<string, number>();
        for (const [command, actor] of order) {
          const r = apply(s, command, actor);
          if (!r.ok) {
            expect(r.code, `seed ${seed}`).not.toBe("bad_input");
            continue;
          }
          const delta = command.type === "cast" ? 1 : -1;
          net += delta;
          if (command.type === "cast" || command.type === "retract") perItem.set(command.itemId, (perItem.get(command.itemId) ?? 0) + delta);
          s = r.state;
          expect(voteInvariantViolations(s), `seed ${seed}`).toEqual([]);
        }
        const t = tally(s);
        expect(t.reduce((n, r) => n + r.votes, 0), `seed ${seed}`).toBe(net);
        for (const r of t) expect(r.votes, `seed ${seed} ${r.itemId}`).toBe(perItem.get(r.itemId) ?? 0);
      }
    }
  });
});
