import { describe, expect, it } from "vitest";
import { CODEV_TEMPLATE } from "./codev.ts";
import { MINUTE_MS, defaultPlan, prepare } from "./templates.ts";

const minutes = (plan: readonly { stepId: string; durationMs: number }[]) => plan.map((p) => [p.stepId, p.durationMs / MINUTE_MS]);

describe("preparing a séance", () => {
  it("T8: durations are whole minutes from 1 to 180", () => {
    const r = prepare(CODEV_TEMPLATE, { steps: { expose: { durationMin: 1 }, reactions: { durationMin: 180 } } });
    expect(r.ok && minutes(r.plan)).toEqual([["expose", 1], ["clarification", 15], ["contract", 5], ["reactions", 180], ["synthesis", 15], ["learnings", 15]]);
    for (const durationMin of [0, -5, 181, 2.5, Number.NaN, "10", null, 1e308])
      expect(prepare(CODEV_TEMPLATE, { steps: { expose: { durationMin } } }).ok).toBe(false);
    expect(prepare(CODEV_TEMPLATE, { steps: { expose: { durationMin: 0 } } })).toMatchObject({ code: "out_of_bounds" });
  });

  it("T8: the optional opening step can be switched on and off, the method's steps cannot", () => {
    const on = prepare(CODEV_TEMPLATE, { steps: { subject: { enabled: true, durationMin: 8 } } });
    expect(on.ok && minutes(on.plan)[0]).toEqual(["subject", 8]);
    const off = prepare(CODEV_TEMPLATE, { steps: { subject: { enabled: false } } });
    expect(off.ok && off.plan.map((p) => p.stepId)).not.toContain("subject");
    expect(prepare(CODEV_TEMPLATE, { steps: { contract: { enabled: false } } })).toMatchObject({ ok: false, code: "step_not_optional" });
    expect(prepare(CODEV_TEMPLATE, { steps: { contract: { enabled: true } } }).ok).toBe(true);
    expect(prepare(CODEV_TEMPLATE, { steps: { subject: { enabled: "yes" } } })).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("T8: unknown steps and malformed preparations are refused; each preparation restarts from the defaults", () => {
    expect(prepare(CODEV_TEMPLATE, { steps: { debrief: { durationMin: 10 } } })).toMatchObject({ ok: false, code: "unknown_step" });
    expect(prepare(CODEV_TEMPLATE, JSON.parse('{"steps":{"__proto__":{"durationMin":5}}}'))).toMatchObject({ ok: false, code: "unknown_step" });
    for (const bad of [null, 3, "x", [], { steps: [] }, { steps: { expose: 3 } }]) expect(prepare(CODEV_TEMPLATE, bad).ok).toBe(false);
    const empty = prepare(CODEV_TEMPLATE, {});
    expect(empty.ok && empty.plan).toEqual(defaultPlan(CODEV_TEMPLATE));
  });
});
