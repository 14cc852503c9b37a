import { describe, expect, it } from "vitest";
import { BoardNameSchema, CreateSessionRequestSchema, HandshakeAuthSchema, JoinSessionRequestSchema, PROTOCOL_VERSION } from "./index";

const token = "a".repeat(43);

describe("protocol schemas", () => {
  it("accept a well-formed handshake and normalise the code", () => {
    expect(HandshakeAuthSchema.parse({ v: PROTOCOL_VERSION, code: "acdefg", token })).toEqual({ v: PROTOCOL_VERSION, code: "ACDEFG", token });
  });

  it("refuse handshakes with another version, a bad code or a bad token", () => {
    expect(HandshakeAuthSchema.safeParse({ v: 99, code: "ACDEFG", token }).success).toBe(false);
    expect(HandshakeAuthSchema.safeParse({ v: PROTOCOL_VERSION, code: "ACD", token }).success).toBe(false);
    expect(HandshakeAuthSchema.safeParse({ v: PROTOCOL_VERSION, code: "ACDEFG", token: "short" }).success).toBe(false);
    expect(HandshakeAuthSchema.safeParse({ v: PROTOCOL_VERSION, code: "ACDEFG", token: token.slice(1) + "!" }).success).toBe(false);
    expect(HandshakeAuthSchema.safeParse(null).success).toBe(false);
  });

  it("trim and bound display names and titles", () => {
    expect(JoinSessionRequestSchema.parse({ displayName: "  Awa   Diallo " })).toEqual({ displayName: "Awa Diallo" });
    expect(JoinSessionRequestSchema.safeParse({ displayName: "   " }).success).toBe(false);
    expect(JoinSessionRequestSchema.safeParse({ displayName: "x".repeat(61) }).success).toBe(false);
    expect(JoinSessionRequestSchema.safeParse({ displayName: 42 }).success).toBe(false);
    expect(CreateSessionRequestSchema.parse({ title: "Codev\n mardi" })).toEqual({ title: "Codev mardi" });
    expect(CreateSessionRequestSchema.safeParse({ title: "" }).success).toBe(false);
    expect(CreateSessionRequestSchema.safeParse({}).success).toBe(false);
  });

  it("allow only short slugs as board names", () => {
    expect(BoardNameSchema.safeParse("main").success).toBe(true);
    expect(BoardNameSchema.safeParse("step-2").success).toBe(true);
    for (const bad of ["", "Main", "../x", "a".repeat(41), "__proto__"]) expect(BoardNameSchema.safeParse(bad).success).toBe(false);
  });
});
