import { describe, expect, it } from "vitest";
import type { ToolsCommand } from "../../protocol/index.ts";
import { BoardToolsRegistry, type ToolsStore } from "./registry.ts";
import type { ToolsSnapshot } from "./state.ts";

/** A store with optimistic versions and a little latency, so commands interleave. */
function memoryStore(): ToolsStore & { rows: Map<string, { state: unknown; version: number }> } {
  const rows = new Map<string, { state: unknown; version: number }>();
  const tick = () => new Promise((r) => setTimeout(r, Math.random() * 3));
  return {
    rows,
    async find(sessionId) {
      await tick();
      const r = rows.get(sessionId);
      return r ? { sessionId, board: "main", state: structuredClone(r.state), version: r.version } : null;
    },
    async loadOrCreate(sessionId, board, initial) {
      await tick();
      if (!rows.has(sessionId)) rows.set(sessionId, { state: initial(), version: 1 });
      const r = rows.get(sessionId)!;
      return { sessionId, board, state: structuredClone(r.state), version: r.version };
    },
    async update(sessionId, _board, expected, state) {
      await tick();
      const r = rows.get(sessionId)!;
      if (r.version !== expected) return { ok: false, reason: "conflict" };
      rows.set(sessionId, { state: structuredClone(state), version: expected + 1 });
      return { ok: true, version: expected + 1 };
    },
  };
}

function registry(store: ToolsStore, items: string[], published: ToolsSnapshot[] = []) {
  return new BoardToolsRegistry({
    store,
    withBoard: async (_s, read) => read({ items: () => items }),
    reveal: async () => {},
    anonymityOn: async () => {},
    anonymousStep: () => false,
    published: async (snap) => void published.push(snap),
  });
}

const fac = { id: "fac", role: "facilitator" as const };
const open: ToolsCommand = { type: "voteOpen", targets: "notes", budgetPerParticipant: 3, maxPerItem: 2, reveal: "onReveal" };

describe("board tools registry", () => {
  it("V11: crafted concurrent casts from two processes' worth of commands never exceed the budget or the per-item maximum", async () => {
    const store = memoryStore();
    // Two registries on one store: two processes serving the same session.
    const a = registry(store, ["n1", "n2", "n3"]);
    const b = registry(store, ["n1", "n2", "n3"]);
    expect(await a.command("s", fac, open)).toEqual({ ok: true, changed: true });
    const awa = { id: "awa", role: "participant" as const };
    const casts = Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).command("s", awa, { type: "voteCast", itemId: i % 3 === 0 ? "n1" : "n2" }));
    const outcomes = await Promise.all(casts);
    const accepted = outcomes.filter((o) => o.ok).length;
    expect(accepted).toBe(3);
    const state = (store.rows.get("s")!.state as { vote: { ballots: { itemId: string; dots: number }[] } }).vote;
    expect(state.ballots.reduce((n, x) => n + x.dots, 0)).toBe(3);
    for (const ballot of state.ballots) expect(ballot.dots).toBeLessThanOrEqual(2);
    const codes = new Set(outcomes.filter((o) => !o.ok).map((o) => (o.ok ? "" : o.code)));
    for (const c of codes) expect(["budget_exhausted", "item_max_reached", "storage_unavailable"]).toContain(c);
  });

  it("V12: a vote's items are the board's, listed by the server; an empty board has nothing to vote on", async () => {
    const published: ToolsSnapshot[] = [];
    expect(await registry(memoryStore(), [], published).command("s", fac, open)).toMatchObject({ ok: false, code: "nothing_to_vote_on" });
    const r = registry(memoryStore(), ["b", "a"], published);
    await r.command("s", fac, open);
    expect(published.at(-1)?.state.vote.config?.items).toEqual(["b", "a"]);
  });
});
