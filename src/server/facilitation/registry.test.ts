import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CODEV_TEMPLATE, type Facts, type MethodTemplate, type SeanceState } from "../../domain/facilitation/index.ts";
import type { Role } from "../../protocol/index.ts";
import type { ParticipantRow } from "../persistence/sessions.ts";
import type { SeanceWrite, StoredSeance } from "../persistence/seances.ts";
import { type RoleChanges, SeanceRegistry, type SeanceStore } from "./registry.ts";
import type { SeanceSnapshot } from "./view.ts";

const MIN = 60_000;
const SID = "session-1";
const FAC = "fac";
const HOLDER = "holder";
const CONS = "cons";
const OBS = "obs";

/** The table's contract in memory: one row per session, updated only at the version read. */
class MemoryStore implements SeanceStore {
  rows = new Map<string, StoredSeance>();
  writes = 0;
  /** Runs before the next update (to simulate another process writing first). */
  beforeUpdate: (() => void) | null = null;
  async find(sessionId: string) {
    const r = this.rows.get(sessionId);
    return r ? { ...r, state: structuredClone(r.state) } : null;
  }
  async loadOrCreate(sessionId: string, templateId: string, initial: () => unknown) {
    if (!this.rows.has(sessionId))
      this.rows.set(sessionId, { id: "s", sessionId, templateId, state: structuredClone(initial()), version: 1, updatedAt: new Date() });
    return (await this.find(sessionId))!;
  }
  async update(sessionId: string, expectedVersion: number, state: unknown): Promise<SeanceWrite> {
    const hook = this.beforeUpdate;
    this.beforeUpdate = null;
    hook?.();
    const r = this.rows.get(sessionId);
    if (!r || r.version !== expectedVersion) return { ok: false, reason: "conflict" };
    this.writes++;
    this.rows.set(sessionId, { ...r, state: structuredClone(state), version: expectedVersion + 1, updatedAt: new Date() });
    return { ok: true, version: expectedVersion + 1, updatedAt: new Date() };
  }
  state(): SeanceState {
    return this.rows.get(SID)!.state as SeanceState;
  }
}

function people(extra: Array<[string, Role]> = []): ParticipantRow[] {
  const rows: Array<[string, Role]> = [[FAC, "facilitator"], [HOLDER, "participant"], [CONS, "participant"], [OBS, "observer"], ...extra];
  return rows.map(([id, role]) => ({ id, sessionId: SID, displayName: id, role, joinedAt: new Date(0) }));
}

function setup(opts: { template?: MethodTemplate; facts?: Facts; store?: MemoryStore; rows?: ParticipantRow[] } = {}) {
  const store = opts.store ?? new MemoryStore();
  const rows = opts.rows ?? people();
  const published: Array<{ snap: SeanceSnapshot; roleChanges: RoleChanges }> = [];
  const registry = new SeanceRegistry({
    store,
    participants: {
      listParticipants: async () => rows.map((r) => ({ ...r })),
      setRole: async (id, role) => {
        rows.find((r) => r.id === id)!.role = role;
      },
    },
    facts: async () => opts.facts ?? {},
    published: async (snap, roleChanges) => void published.push({ snap, roleChanges }),
    templateFor: (m) => (m === "codev" ? (opts.template ?? CODEV_TEMPLATE) : null),
  });
  const as = (participantId: string, command: unknown, sessionRole: Role = rows.find((r) => r.id === participantId)?.role ?? "participant") =>
    registry.command({ sessionId: SID, method: "codev", participantId, sessionRole }, command);
  return { store, rows, registry, published, as };
}

describe("SeanceRegistry", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 24, 9, 0, 0) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("creates the séance on first use with the session's facilitator, and knows the session's observers", async () => {
    const { registry, store } = setup();
    const snap = await registry.current(SID, "codev");
    expect(snap).toMatchObject({ version: 1, state: { facilitatorId: FAC, status: "lobby", roles: [{ participantId: OBS, role: "observer" }] } });
    expect(await registry.current(SID, "board")).toBeNull();
    expect(store.rows.size).toBe(1);
  });

  it("applies a command, stores it at the version read, then publishes; a refusal or a no-op stores and publishes nothing", async () => {
    const { registry, store, published, as } = setup();
    expect(await as(FAC, { type: "assignRole", participantId: HOLDER, role: "caseHolder" })).toEqual({ ok: true, changed: true });
    expect(await as(FAC, { type: "start" })).toEqual({ ok: true, changed: true });
    expect(store.rows.get(SID)!.version).toBe(3);
    expect(published.map((p) => p.snap.version)).toEqual([2, 3]);
    expect(published[1].snap.state.status).toBe("running");

    expect(await as(FAC, { type: "previous" })).toMatchObject({ ok: false, code: "no_previous_step" });
    expect(await as(FAC, { type: "lockBoard" })).toEqual({ ok: true, changed: true });
    expect(await as(FAC, { type: "lockBoard" })).toEqual({ ok: true, changed: false });
    expect(store.writes).toBe(3);
    expect(published).toHaveLength(3);
    expect((await registry.current(SID, "codev"))!.state.boardLocked).toBe(true);
  });

  it("M1 on the server: a participant's step commands and crafted garbage change nothing", async () => {
    const { store, published, as } = setup();
    await as(FAC, { type: "assignRole", participantId: HOLDER, role: "caseHolder" });
    await as(FAC, { type: "start" });
    const before = structuredClone(store.state());
    for (const c of [{ type: "next" }, { type: "end" }, { type: "timerExtend", ms: MIN }, { type: "assignRole", participantId: CONS, role: "caseHolder" }])
      expect(await as(CONS, c)).toMatchObject({ ok: false, code: "not_facilitator" });
    for (const g of [null, "next", { type: "fly" }, { type: "goTo", stepId: 7 }, { type: "__proto__" }, [], { type: "timerExtend", ms: Infinity }])
      expect(await as(CONS, g)).toMatchObject({ ok: false, code: "bad_request" });
    expect(await as(FAC, { type: "timerExtend", ms: 999 })).toMatchObject({ ok: false, code: "out_of_bounds" });
    expect(await as(FAC, { type: "assignRole", participantId: "stranger", role: "scribe" })).toMatchObject({ ok: false, code: "unknown_participant" });
    expect(store.state()).toEqual(before);
    expect(published).toHaveLength(2);
  });

  it("decides again on the fresh row when another process wrote first (optimistic concurrency)", async () => {
    const { store, as, registry } = setup();
    await as(FAC, { type: "assignRole", participantId: HOLDER, role: "caseHolder" });
    await registry.current(SID, "codev");
    // Another process starts the séance between our read and our write.
    store.beforeUpdate = () => {
      const r = store.rows.get(SID)!;
      const other = { ...(r.state as SeanceState), boardLocked: true };
      store.rows.set(SID, { ...r, state: other, version: r.version + 1 });
    };
    expect(await as(FAC, { type: "assignRole", participantId: CONS, role: "scribe" })).toEqual({ ok: true, changed: true });
    expect(store.state().boardLocked).toBe(true); // their write kept
    expect(store.state().roles).toContainEqual({ participantId: CONS, role: "scribe" }); // ours on top
    expect(store.rows.get(SID)!.version).toBe(4);
  });

  it("runs a session's commands one at a time, in order", async () => {
    const { as, store } = setup();
    await as(FAC, { type: "assignRole", participantId: HOLDER, role: "caseHolder" });
    const results = await Promise.all([as(FAC, { type: "start" }), as(FAC, { type: "next" }), as(FAC, { type: "next" })]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.state().plan[store.state().stepIndex].stepId).toBe("contract");
  });

  it("role changes are written to the participant rows and reported, so the socket layer updates connections", async () => {
    const { as, rows, published } = setup();
    await as(FAC, { type: "assignRole", participantId: CONS, role: "observer" });
    expect(rows.find((r) => r.id === CONS)!.role).toBe("observer");
    expect([...published.at(-1)!.roleChanges]).toEqual([[CONS, "observer"]]);
    await as(FAC, { type: "assignRole", participantId: OBS, role: "scribe" });
    expect(rows.find((r) => r.id === OBS)!.role).toBe("participant");
    await as(FAC, { type: "unassignRole", participantId: CONS });
    expect(rows.find((r) => r.id === CONS)!.role).toBe("participant");
    // A hand-over (M12) changes no session role: case holder and consultant both write.
    await as(FAC, { type: "assignRole", participantId: HOLDER, role: "caseHolder" });
    expect([...published.at(-1)!.roleChanges]).toEqual([]);
  });

  it("an observer row the facilitator never assigned takes no part in the choice of subject", async () => {
    const late = people([["late-obs", "observer"]]);
    const { as, registry } = setup({ rows: late.filter((r) => r.id !== "late-obs") });
    await registry.current(SID, "codev"); // created before late-obs joined: not seeded
    expect(await as("late-obs", { type: "volunteer" }, "observer")).toMatchObject({ ok: false, code: "not_allowed_for_role" });
    expect(await as(CONS, { type: "volunteer" })).toEqual({ ok: true, changed: true });
  });

  describe("timers (M21, T1): a tick at the step's absolute end, never a counter", () => {
    const auto: MethodTemplate = { ...CODEV_TEMPLATE, steps: CODEV_TEMPLATE.steps.map((s) => ({ ...s, autoAdvance: true })) };
    const stepOf = (s: SeanceState) => s.plan[s.stepIndex]?.stepId;

    it("moves on by itself at endsAt, not before, and publishes", async () => {
      const { as, store, published, registry } = setup({ template: auto });
      await as(FAC, { type: "assignRole", participantId: HOLDER, role: "caseHolder" });
      await as(FAC, { type: "start" });
      const endsAt = (store.state().timer as { endsAt: number }).endsAt;
      await vi.advanceTimersByTimeAsync(endsAt - Date.now() - 1);
      expect(stepOf(store.state())).toBe("expose");
      await vi.advanceTimersByTimeAsync(1);
      expect(stepOf(store.state())).toBe("clarification");
      expect(store.state().log.at(-2)).toMatchObject({ type: "stepEntered", via: "auto", actorId: null, at: endsAt });
      expect(published.at(-1)!.snap.state.stepIndex).toBe(1);
      await registry.close();
    });

    it("follows pause, resume and extend: the timer is always set from the stored end", async () => {
      const { as, store, registry } = setup({ template: auto });
      await as(FAC, { type: "assignRole", participantId: HOLDER, role: "caseHolder" });
      await as(FAC, { type: "start" });
      await vi.advanceTimersByTimeAsync(4 * MIN);
      await as(FAC, { type: "timerPause" });
      await vi.advanceTimersByTimeAsync(60 * MIN);
      expect(stepOf(store.state())).toBe("expose");
      await as(FAC, { type: "timerResume" });
      await as(FAC, { type: "timerExtend", ms: 5 * MIN });
      await vi.advanceTimersByTimeAsync(10 * MIN); // 6 min were left, plus 5
      expect(stepOf(store.state())).toBe("expose");
      await vi.advanceTimersByTimeAsync(1 * MIN);
      expect(stepOf(store.state())).toBe("clarification");
      await registry.close();
    });

    it("a step whose requirement is unmet waits for the facilitator (C3), without retrying in a loop", async () => {
      const { as, store, registry } = setup({ template: auto, facts: { contractWritten: false } });
      await as(FAC, { type: "assignRole", participantId: HOLDER, role: "caseHolder" });
      await as(FAC, { type: "start" });
      await as(FAC, { type: "goTo", stepId: "contract" });
      const writes = store.writes;
      await vi.advanceTimersByTimeAsync(30 * MIN);
      expect(stepOf(store.state())).toBe("contract");
      expect(store.writes).toBe(writes);
      expect(vi.getTimerCount()).toBe(0);
      await registry.close();
    });

    it("after a restart, a séance whose time ran out while nobody served it moves on at once", async () => {
      const first = setup({ template: auto });
      await first.as(FAC, { type: "assignRole", participantId: HOLDER, role: "caseHolder" });
      await first.as(FAC, { type: "start" });
      await first.registry.close();
      await vi.advanceTimersByTimeAsync(11 * MIN);
      expect(stepOf(first.store.state())).toBe("expose");
      const second = setup({ template: auto, store: first.store });
      await second.registry.current(SID, "codev");
      await vi.advanceTimersByTimeAsync(0);
      expect(stepOf(first.store.state())).toBe("clarification");
      await second.registry.close();
    });

    it("the co-développement template moves nothing by itself: no timer is set", async () => {
      const { as, registry } = setup();
      await as(FAC, { type: "assignRole", participantId: HOLDER, role: "caseHolder" });
      await as(FAC, { type: "start" });
      expect(vi.getTimerCount()).toBe(0);
      await registry.close();
    });
  });
});
