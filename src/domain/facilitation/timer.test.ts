import { describe, expect, it } from "vitest";
import { EXTEND_PRESETS_MS, type SeanceState, apply, isTimeUp, timeLeft } from "./machine.ts";
import { CONTRACT, FAC, MIN, T0, codev, lobby, must } from "./testkit.ts";

const started = (): SeanceState => must(apply(codev, lobby(), { type: "start" }, { id: FAC }, T0));
const at = (s: SeanceState, now: number, command: Parameters<typeof apply>[2]) => apply(codev, s, command, { id: FAC }, now, CONTRACT);

describe("timers", () => {
  it("T1: entering a step starts its timer at the planned duration, as an absolute end time", () => {
    const s = started();
    expect(s.timer).toEqual({ status: "running", endsAt: T0 + 10 * MIN, durationMs: 10 * MIN });
    const next = must(at(s, T0 + 3 * MIN, { type: "next" }));
    expect(next.timer).toEqual({ status: "running", endsAt: T0 + 18 * MIN, durationMs: 15 * MIN });
  });

  it("T2: time left is never negative nor above the duration, and null without a timer", () => {
    const s = started();
    expect(timeLeft(s, T0 + 4 * MIN)).toBe(6 * MIN);
    expect(timeLeft(s, T0 + 60 * MIN)).toBe(0);
    expect(timeLeft(s, T0 - 60 * MIN)).toBe(10 * MIN);
    expect(timeLeft(s, Number.NaN)).toBe(0);
    expect(timeLeft(lobby(), T0)).toBeNull();
    const paused = must(at(s, T0 + 4 * MIN, { type: "timerPause" }));
    expect(timeLeft(paused, T0 + 100 * MIN)).toBe(6 * MIN);
    expect(timeLeft(must(at(s, T0, { type: "end" })), T0)).toBeNull();
  });

  it("T3: when time is up the facilitator is prompted, nothing moves by itself", () => {
    const s = started();
    expect(isTimeUp(s, T0 + 10 * MIN - 1)).toBe(false);
    expect(isTimeUp(s, T0 + 10 * MIN)).toBe(true);
    // Any later command still finds the group on the same step.
    const later = must(at(s, T0 + 30 * MIN, { type: "lockBoard" }));
    expect(later.stepIndex).toBe(s.stepIndex);
    expect(isTimeUp(lobby(), T0 + 999 * MIN)).toBe(false);
  });

  it("T4: pause keeps the remaining time, resume restarts from now", () => {
    const s = started();
    const paused = must(at(s, T0 + 4 * MIN, { type: "timerPause" }));
    expect(paused.timer).toEqual({ status: "paused", pausedRemainingMs: 6 * MIN, durationMs: 10 * MIN });
    expect(at(paused, T0 + 5 * MIN, { type: "timerPause" })).toMatchObject({ ok: false, code: "timer_not_running" });
    const resumed = must(at(paused, T0 + 20 * MIN, { type: "timerResume" }));
    expect(resumed.timer).toEqual({ status: "running", endsAt: T0 + 26 * MIN, durationMs: 10 * MIN });
    expect(at(resumed, T0 + 21 * MIN, { type: "timerResume" })).toMatchObject({ ok: false, code: "timer_not_paused" });
    const overrun = must(at(s, T0 + 15 * MIN, { type: "timerPause" }));
    expect(overrun.timer).toMatchObject({ pausedRemainingMs: 0 });
  });

  it("T5: extend by +1, +5 minutes or any amount in bounds; an overrun timer counts from now", () => {
    expect(EXTEND_PRESETS_MS).toEqual([MIN, 5 * MIN]);
    const s = started();
    const plus5 = must(at(s, T0 + 2 * MIN, { type: "timerExtend", ms: 5 * MIN }));
    expect(plus5.timer).toEqual({ status: "running", endsAt: T0 + 15 * MIN, durationMs: 15 * MIN });
    const overrun = must(at(s, T0 + 14 * MIN, { type: "timerExtend", ms: MIN }));
    expect(overrun.timer).toMatchObject({ endsAt: T0 + 15 * MIN });
    const paused = must(at(s, T0 + 4 * MIN, { type: "timerPause" }));
    expect(must(at(paused, T0 + 5 * MIN, { type: "timerExtend", ms: 90_000 })).timer).toMatchObject({ pausedRemainingMs: 6 * MIN + 90_000 });
    for (const ms of [0, -MIN, 999, 61 * MIN, 1.5, Number.POSITIVE_INFINITY, 1e300])
      expect(at(s, T0, { type: "timerExtend", ms })).toMatchObject({ ok: false, code: "out_of_bounds" });
    let big = s;
    for (let i = 0; i < 2; i++) big = must(at(big, T0, { type: "timerExtend", ms: 60 * MIN }));
    expect(timeLeft(big, T0)).toBe(130 * MIN);
    big = must(at(big, T0, { type: "timerExtend", ms: 50 * MIN }));
    expect(at(big, T0, { type: "timerExtend", ms: 1000 })).toMatchObject({ ok: false, code: "out_of_bounds" });
  });

  it("T6: timerStart restarts the step's timer, planned or chosen duration", () => {
    const s = started();
    expect(must(at(s, T0 + 12 * MIN, { type: "timerStart" })).timer).toEqual({ status: "running", endsAt: T0 + 22 * MIN, durationMs: 10 * MIN });
    expect(must(at(s, T0 + 12 * MIN, { type: "timerStart", durationMs: 3 * MIN })).timer).toMatchObject({ endsAt: T0 + 15 * MIN });
    for (const durationMs of [0, -1, 500, 181 * MIN, 2.5]) expect(at(s, T0, { type: "timerStart", durationMs })).toMatchObject({ ok: false, code: "out_of_bounds" });
    expect(at(lobby(), T0, { type: "timerStart" })).toMatchObject({ ok: false, code: "not_started" });
  });

  it("T7: ending the séance stops the timer", () => {
    const ended = must(at(started(), T0 + MIN, { type: "end" }));
    expect(ended.timer).toEqual({ status: "stopped" });
    expect(at(ended, T0 + 2 * MIN, { type: "timerExtend", ms: MIN })).toMatchObject({ ok: false, code: "ended" });
  });
});
