import { describe, expect, it } from "vitest";
import { adjustedRandIndex } from "./index.ts";

describe("adjusted Rand index", () => {
  it("G3: known values (the same as scikit-learn's adjusted_rand_score)", () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.5714285714, 9);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandIndex(["a", "a", "a", "b", "b", "b"], ["x", "x", "y", "y", "z", "z"])).toBeCloseTo(0.2424242424, 9);
  });

  it("G3: labels are compared by equality only, and trivial partitions agree with themselves", () => {
    expect(adjustedRandIndex(["x", "y", "x"], [7, 8, 7])).toBe(1);
    expect(adjustedRandIndex([1, 2, 3], [4, 5, 6])).toBe(1);
    expect(adjustedRandIndex([1, 1, 1], [2, 2, 2])).toBe(1);
    expect(adjustedRandIndex([], [])).toBe(1);
    expect(() => adjustedRandIndex([1], [1, 2])).toThrow(RangeError);
  });
});
