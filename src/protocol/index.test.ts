import { describe, expect, it } from "vitest";
import { parseCommand } from "../domain/facilitation/index.ts";
import {
  BoardNameSchema,
  CreateSessionRequestSchema,
  HandshakeAuthSchema,
  JoinSessionRequestSchema,
  PROTOCOL_VERSION,
  SeanceCommandSchema,
} from "./index";

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

  it("allow only slugs as board names, a person's private board included", () => {
    expect(BoardNameSchema.safeParse("main").success).toBe(true);
    expect(BoardNameSchema.safeParse("step-2").success).toBe(true);
    expect(BoardNameSchema.safeParse("private-3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b").success).toBe(true);
    expect(BoardNameSchema.safeParse("a".repeat(64)).success).toBe(true);
    for (const bad of ["", "Main", "../x", "a".repeat(65), "__proto__", "private-3F2B8C1E-9A4D-4E6F-8B7A-0C1D2E3F4A5B", "-main"])
      expect(BoardNameSchema.safeParse(bad).success).toBe(false);
  });

  it("take an optional method when creating a session, only one Marguerite knows", () => {
    expect(CreateSessionRequestSchema.parse({ title: "Codev", method: "codev" })).toEqual({ title: "Codev", method: "codev" });
    expect(CreateSessionRequestSchema.parse({ title: "Tableau", method: "board" }).method).toBe("board");
    expect(CreateSessionRequestSchema.parse({ title: "Tableau" }).method).toBeUndefined();
    for (const method of ["retro", "CODEV", "", null, 1]) expect(CreateSessionRequestSchema.safeParse({ title: "x", method }).success).toBe(false);
  });
});

describe("seance:command", () => {
  // One of each command the engine knows: the schema must let every one through to parseCommand.
  const every = [
    { type: "prepare", preparation: { steps: { subject: { enabled: true }, expose: { durationMin: 12 } } } },
    { type: "prepare", preparation: {} },
    { type: "start" }, { type: "next" }, { type: "previous" }, { type: "goTo", stepId: "contract" },
    { type: "timerStart" }, { type: "timerStart", durationMs: 60_000 }, { type: "timerPause" }, { type: "timerResume" },
    { type: "timerExtend", ms: 300_000 }, { type: "lockBoard" }, { type: "unlockBoard" },
    { type: "spotlight", itemId: "q1" }, { type: "spotlight", itemId: null }, { type: "summon", viewId: "board" }, { type: "summon", viewId: null },
    { type: "assignRole", participantId: "p1", role: "caseHolder" }, { type: "unassignRole", participantId: "p1" },
    { type: "pickSubject", subjectId: "subject-1" }, { type: "end" }, { type: "volunteer" }, { type: "withdrawVolunteer" },
    { type: "proposeSubject", title: "Un entretien difficile" }, { type: "withdrawSubject" }, { type: "vote", subjectId: "subject-1" },
    { type: "vote", subjectId: null },
  ];

  it("accepts every command of the engine, and the engine accepts what it lets through", () => {
    const types = new Set<string>();
    for (const c of every) {
      const parsed = SeanceCommandSchema.safeParse(c);
      expect(parsed.success, JSON.stringify(c)).toBe(true);
      expect(parseCommand(parsed.data).ok, JSON.stringify(c)).toBe(true);
      types.add(c.type);
    }
    expect(types.size).toBe(22);
    expect(SeanceCommandSchema.options.length).toBe(22);
  });

  it("refuses garbage shapes, and leaves bounds to the engine", () => {
    const garbage: unknown[] = [
      null, 42, "next", [], {}, { type: "fly" }, { type: "__proto__" }, { type: "goTo" }, { type: "goTo", stepId: 3 },
      { type: "goTo", stepId: "" }, { type: "goTo", stepId: "x".repeat(129) }, { type: "timerExtend", ms: "5" },
      { type: "assignRole", participantId: "p1", role: "king" }, { type: "vote" }, { type: "proposeSubject", title: "x".repeat(1001) },
      { type: "prepare", preparation: { steps: { expose: { durationMin: "10" } } } }, { type: "prepare", preparation: [] },
    ];
    for (const g of garbage) expect(SeanceCommandSchema.safeParse(g).success, JSON.stringify(g)).toBe(false);
    // Well-shaped but out of bounds: the engine's answer, with its own code.
    const extend = SeanceCommandSchema.parse({ type: "timerExtend", ms: 10 });
    expect(parseCommand(extend)).toMatchObject({ ok: false, code: "out_of_bounds" });
    const fac = SeanceCommandSchema.parse({ type: "assignRole", participantId: "p1", role: "facilitator" });
    expect(parseCommand(fac)).toMatchObject({ ok: false, code: "facilitator_role_fixed" });
  });
});
