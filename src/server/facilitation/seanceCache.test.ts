import { describe, expect, it } from "vitest";
import { CODEV_TEMPLATE, createSeance } from "../../domain/facilitation/index.ts";
import { SeanceCache } from "./seanceCache.ts";
import type { SeanceSnapshot } from "./view.ts";

function snap(sessionId: string, version: number): SeanceSnapshot {
  return { sessionId, template: CODEV_TEMPLATE, state: createSeance(CODEV_TEMPLATE, { facilitatorId: "fac", now: 0 }), version };
}

/** A cache whose timers are run by hand. */
function cache(idleMs = 1000) {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const c = new SeanceCache({
    idleMs,
    setTimer: (fn, ms) => (timers.set(++next, { fn, ms }), next),
    clearTimer: (t) => timers.delete(t as number),
  });
  const fire = () => {
    for (const [id, t] of [...timers]) {
      timers.delete(id);
      t.fn();
    }
  };
  return { c, timers, fire };
}

describe("the séance cache of the socket edge", () => {
  it("keeps the newest version of a session's séance while it has connections", () => {
    const { c, timers } = cache();
    c.connected("s1");
    c.remember(snap("s1", 3));
    c.remember(snap("s1", 2));
    expect(c.get("s1")?.version).toBe(3);
    c.remember(snap("s1", 4));
    expect(c.get("s1")?.version).toBe(4);
    expect(timers.size).toBe(0);
  });

  it("drops a session's séance once its last connection here has been gone for the idle delay", () => {
    const { c, timers, fire } = cache(30_000);
    c.connected("s1");
    c.connected("s1");
    c.remember(snap("s1", 1));
    c.disconnected("s1");
    expect(timers.size).toBe(0);
    c.disconnected("s1");
    expect([...timers.values()].map((t) => t.ms)).toEqual([30_000]);
    expect(c.get("s1")).toBeDefined();
    fire();
    expect(c.get("s1")).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it("keeps it when someone comes back before the delay", () => {
    const { c, timers, fire } = cache();
    c.connected("s1");
    c.remember(snap("s1", 1));
    c.disconnected("s1");
    c.connected("s1");
    expect(timers.size).toBe(0);
    fire();
    expect(c.get("s1")?.version).toBe(1);
  });

  it("does not keep a séance published for a session nobody here follows", () => {
    const { c, fire } = cache();
    c.remember(snap("elsewhere", 7));
    expect(c.get("elsewhere")?.version).toBe(7);
    fire();
    expect(c.get("elsewhere")).toBeUndefined();
  });

  it("forgets a deleted session at once, and each session on its own", () => {
    const { c, timers } = cache();
    c.connected("s1");
    c.connected("s2");
    c.remember(snap("s1", 1));
    c.remember(snap("s2", 1));
    c.forget("s1");
    expect(c.get("s1")).toBeUndefined();
    expect(c.get("s2")).toBeDefined();
    c.disconnected("s2");
    c.close();
    expect(timers.size).toBe(0);
    expect(c.size).toBe(0);
  });
});
