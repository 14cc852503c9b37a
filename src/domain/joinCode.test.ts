import { describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, formatJoinCode, generateJoinCode, normalizeJoinCode } from "./joinCode";

describe("join codes", () => {
  it("are 6 characters from an alphabet without look-alikes", () => {
    for (const c of ["0", "O", "1", "I", "L", "2", "Z", "5", "S", "8", "B"]) expect(JOIN_CODE_ALPHABET).not.toContain(c);
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 200; i++) {
      const code = generateJoinCode(rnd);
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      for (const ch of code) expect(JOIN_CODE_ALPHABET).toContain(ch);
    }
  });

  it("use every letter of the alphabet given a uniform source", () => {
    let i = 0;
    const seen = new Set(generateJoinCode(() => i++ % JOIN_CODE_ALPHABET.length).split(""));
    for (let k = 0; k < 10; k++) for (const ch of generateJoinCode(() => i++ % JOIN_CODE_ALPHABET.length)) seen.add(ch);
    expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it("accept what people type: lower case, spaces, dashes", () => {
    expect(normalizeJoinCode("acd efg")).toBe("ACDEFG");
    expect(normalizeJoinCode(" ACD-EFG ")).toBe("ACDEFG");
    expect(normalizeJoinCode("a.c.d.e.f.g")).toBe("ACDEFG");
  });

  it("refuse codes of the wrong length or with characters outside the alphabet", () => {
    expect(normalizeJoinCode("ACDEF")).toBeNull();
    expect(normalizeJoinCode("ACDEFGH")).toBeNull();
    expect(normalizeJoinCode("ACDEF0")).toBeNull(); // 0 is not in the alphabet, nor is O
    expect(normalizeJoinCode("ACDEF!")).toBeNull();
    expect(normalizeJoinCode("")).toBeNull();
  });

  it("display in two groups of three", () => {
    expect(formatJoinCode("ACDEFG")).toBe("ACD EFG");
  });
});
