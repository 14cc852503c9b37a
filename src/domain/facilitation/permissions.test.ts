import { describe, expect, it } from "vitest";
import { CODEV_COLLECTION as K, CODEV_STEP } from "./codev.ts";
import { type ContentChange, canChange, canJoinBoard, privateBoardName } from "./permissions.ts";
import { CONS, CONS2, CONTRACT, FAC, HOLDER, OBS, SCRIBE, byFacilitator, codev, create, lobby, may, onStep, remove, update } from "./testkit.ts";

const allowed = { ok: true };

describe("content permissions", () => {
  it("P1: a change must be well-formed, sent by its actor, on known collections and fields", () => {
    const s = onStep(CODEV_STEP.clarification);
    const good = { op: "create", collection: K.questions, itemId: "q1", authorId: CONS, actorId: CONS, values: { text: "?" } } as const;
    expect(canChange(codev, s, { id: CONS }, good)).toEqual(allowed);
    expect(canChange(codev, s, { id: CONS2 }, good)).toMatchObject({ ok: false, code: "actor_mismatch" });
    expect(may(s, CONS, create("gossip", "g1", CONS, {}))).toMatchObject({ ok: false, code: "unknown_collection" });
    expect(may(s, CONS, create(K.questions, "q1", CONS, { text: "?", color: "red" }))).toMatchObject({ ok: false, code: "unknown_field" });
    expect(may(s, CONS, update(K.questions, "q1", CONS, "__proto__", "x"))).toMatchObject({ ok: false, code: "unknown_field" });
    expect(may(s, CONS, update(K.questions, "q1", CONS, "toString", "x"))).toMatchObject({ ok: false, code: "unknown_field" });
  });

  it("P2: observers never write", () => {
    for (const step of [CODEV_STEP.expose, CODEV_STEP.clarification, CODEV_STEP.reactions, CODEV_STEP.learnings]) {
      const s = onStep(step);
      expect(may(s, OBS, create(K.questions, "q", OBS, { text: "?" }))).toMatchObject({ ok: false, code: "observer_read_only" });
      expect(may(s, OBS, create(K.privateNotes, "p", OBS, { text: "…" }))).toMatchObject({ ok: false, code: "observer_read_only" });
      expect(may(s, OBS, remove(K.notes, "n", OBS))).toMatchObject({ ok: false, code: "observer_read_only" });
    }
  });

  it("P3: items are created as oneself, singletons and per-person items under their id", () => {
    const s = onStep(CODEV_STEP.expose);
    expect(may(s, HOLDER, create(K.case, "case", CONS, { context: "…" }))).toMatchObject({ ok: false, code: "not_your_item" });
    expect(may(s, HOLDER, create(K.case, "case-2", HOLDER, { context: "…" }))).toMatchObject({ ok: false, code: "wrong_item_id" });
    const l = onStep(CODEV_STEP.learnings);
    expect(may(l, CONS, create(K.learnings, CONS2, CONS, { text: "…" }))).toMatchObject({ ok: false, code: "wrong_item_id" });
    expect(may(l, CONS, create(K.learnings, CONS, CONS, { text: "…" }))).toEqual(allowed);
    expect(may(l, CONS, update(K.learnings, "card-2", CONS, "text", "…"))).toMatchObject({ ok: false, code: "wrong_item_id" });
    expect(may(s, HOLDER, update(K.case, "case-2", HOLDER, "situation", "…"))).toMatchObject({ ok: false, code: "wrong_item_id" });
  });

  it("P4: own grants cover only one's own items", () => {
    const s = onStep(CODEV_STEP.reactions);
    expect(may(s, CONS, update(K.suggestions, "s1", CONS, "text", "…"))).toEqual(allowed);
    expect(may(s, CONS, update(K.suggestions, "s2", SCRIBE, "text", "…"))).toMatchObject({ ok: false, code: "not_your_item" });
    expect(may(s, SCRIBE, remove(K.suggestions, "s1", CONS))).toMatchObject({ ok: false, code: "not_your_item" });
  });

  it("P5: private boards are their owner's alone; private notes are written by their author only", () => {
    expect(canJoinBoard({ id: CONS }, privateBoardName(CONS))).toEqual(allowed);
    expect(canJoinBoard({ id: CONS }, "private-" + CONS2)).toMatchObject({ ok: false, code: "private_content" });
    expect(canJoinBoard({ id: FAC }, privateBoardName(CONS))).toMatchObject({ ok: false, code: "private_content" });
    expect(canJoinBoard({ id: CONS }, "private-")).toMatchObject({ ok: false });
    expect(canJoinBoard({ id: CONS }, "main")).toEqual(allowed);
    expect(canJoinBoard(null as never, "main")).toMatchObject({ ok: false, code: "bad_input" });
    const s = onStep(CODEV_STEP.reactions);
    expect(may(s, FAC, create(K.privateNotes, "p1", FAC, { text: "Relancer Karim" }))).toEqual(allowed);
    expect(may(s, FAC, remove(K.privateNotes, "p2", HOLDER))).toMatchObject({ ok: false, code: "private_content" });
  });

  it("P6: the facilitator moderates any shared content at any time", () => {
    for (const s of [lobby(), onStep(CODEV_STEP.expose), byFacilitator(onStep(CODEV_STEP.reactions), CONTRACT, { type: "lockBoard" }), byFacilitator(onStep(CODEV_STEP.expose), CONTRACT, { type: "end" })]) {
      expect(may(s, FAC, update(K.case, "case", HOLDER, "situation", "(pseudonymisé)"))).toEqual(allowed);
      expect(may(s, FAC, remove(K.questions, "q1", CONS))).toEqual(allowed);
      expect(may(s, FAC, create(K.actions, "a1", FAC, { what: "…" }))).toEqual(allowed);
    }
  });

  it("P7: participants write only while running, per the current step", () => {
    expect(may(lobby(), HOLDER, create(K.case, "case", HOLDER, {}))).toMatchObject({ ok: false, code: "not_started" });
    expect(may(lobby(), CONS, create(K.privateNotes, "p", CONS, {}))).toMatchObject({ ok: false, code: "not_started" });
    expect(may(onStep(CODEV_STEP.clarification), HOLDER, create(K.contract, "contract", HOLDER, {}))).toMatchObject({ ok: false, code: "not_in_this_step" });
    expect(may(onStep(CODEV_STEP.contract), HOLDER, create(K.contract, "contract", HOLDER, {}))).toEqual(allowed);
    const ended = byFacilitator(onStep(CODEV_STEP.learnings), CONTRACT, { type: "end" });
    expect(may(ended, CONS, create(K.privateNotes, "p", CONS, {})).ok).toBe(false);
  });

  it("P8: a locked board refuses participant writes, private notes stay open", () => {
    const s = byFacilitator(onStep(CODEV_STEP.reactions), CONTRACT, { type: "lockBoard" });
    expect(may(s, CONS, create(K.suggestions, "s1", CONS, { text: "…", type: "idea" }))).toMatchObject({ ok: false, code: "board_locked" });
    expect(may(s, HOLDER, update(K.suggestions, "s1", CONS, "kept", true))).toMatchObject({ ok: false, code: "board_locked" });
    expect(may(s, CONS, create(K.privateNotes, "p", CONS, { text: "…" }))).toEqual(allowed);
    expect(may(s, FAC, update(K.suggestions, "s1", CONS, "text", "…"))).toEqual(allowed);
    const unlocked = byFacilitator(s, CONTRACT, { type: "unlockBoard" });
    expect(may(unlocked, CONS, create(K.suggestions, "s1", CONS, { text: "…", type: "idea" }))).toEqual(allowed);
  });

  it("P11: a value that is not plain characters (the server's reading of a Yjs text with embeds or formatting) fits no field", () => {
    const s = onStep(CODEV_STEP.clarification);
    const rich = { richText: true };
    expect(may(s, CONS, create(K.questions, "q1", CONS, { text: rich }))).toMatchObject({ ok: false, code: "bad_value" });
    expect(may(s, CONS, update(K.questions, "q1", CONS, "text", rich))).toMatchObject({ ok: false, code: "bad_value" });
    const r = onStep(CODEV_STEP.reactions);
    expect(may(r, CONS, create(K.suggestions, "s1", CONS, { text: "Une idée", type: rich }))).toMatchObject({ ok: false, code: "bad_value" });
  });

  it("P9: values must fit their field; null clears", () => {
    const s = onStep(CODEV_STEP.reactions);
    expect(may(s, CONS, create(K.suggestions, "s1", CONS, { text: "x".repeat(2001), type: "idea" }))).toMatchObject({ ok: false, code: "bad_value" });
    expect(may(s, CONS, create(K.suggestions, "s1", CONS, { text: 42, type: "idea" }))).toMatchObject({ ok: false, code: "bad_value" });
    expect(may(s, CONS, update(K.suggestions, "s1", CONS, "type", "Idea"))).toMatchObject({ ok: false, code: "bad_value" });
    expect(may(s, CONS, update(K.suggestions, "s1", CONS, "text", null))).toEqual(allowed);
    expect(may(s, CONS, update(K.suggestions, "s1", CONS, "text", undefined))).toMatchObject({ ok: false, code: "bad_value" });
  });

  it("P10: canChange never throws on garbage", () => {
    const s = onStep(CODEV_STEP.reactions);
    const garbage: unknown[] = [null, 3, "create", [], {}, { op: "rename" }, { op: "create", collection: K.suggestions, itemId: "s", authorId: CONS, actorId: CONS },
      { op: "create", collection: K.suggestions, itemId: "s", authorId: CONS, actorId: CONS, values: [] },
      { op: "update", collection: K.suggestions, itemId: "s", authorId: CONS, actorId: CONS },
      { op: "delete", collection: {}, itemId: "s", authorId: CONS, actorId: CONS },
      { op: "delete", collection: K.suggestions, itemId: "", authorId: CONS, actorId: CONS }];
    for (const g of garbage) expect(canChange(codev, s, { id: CONS }, g as ContentChange)).toMatchObject({ ok: false, code: "bad_input" });
    expect(canChange(codev, s, null as never, { op: "delete", collection: K.notes, itemId: "n", authorId: CONS, actorId: CONS })).toMatchObject({ ok: false, code: "actor_mismatch" });
    expect(canChange(codev, null as never, { id: CONS }, { op: "delete", collection: K.notes, itemId: "n", authorId: CONS, actorId: CONS })).toMatchObject({ ok: false, code: "bad_input" });
  });
});
