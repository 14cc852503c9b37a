import { describe, expect, it } from "vitest";
import { EMPTY_MODERATION, MAX_PENDING_PER_PERSON, applyModeration, moderationView, type ModerationState } from "./index.ts";

const fac = { id: "fac", role: "facilitator" as const };
const awa = { id: "awa", role: "participant" as const };
const obs = { id: "obs", role: "observer" as const };

function run(state: ModerationState, ...steps: [Parameters<typeof applyModeration>[1], typeof fac | typeof awa | typeof obs][]): ModerationState {
  let s = state;
  for (const [cmd, actor] of steps) {
    const r = applyModeration(s, cmd, actor, 1000);
    if (!r.ok) throw new Error(`${cmd.type}: ${r.code}`);
    s = r.state;
  }
  return s;
}
const on = () => run(EMPTY_MODERATION, [{ type: "setModerated", moderated: true }, fac]);

describe("moderation", () => {
  it("Q1: only the facilitator switches moderation, approves, rejects and reveals", () => {
    expect(applyModeration(EMPTY_MODERATION, { type: "setModerated", moderated: true }, awa, 0)).toMatchObject({ ok: false, code: "not_facilitator" });
    const s = run(on(), [{ type: "submitNote", id: "n1", text: "Mobilité" }, awa]);
    for (const cmd of [{ type: "approveNote", noteId: "n1" }, { type: "rejectNote", noteId: "n1" }, { type: "revealAll" }] as const)
      expect(applyModeration(s, cmd, awa, 0)).toMatchObject({ ok: false, code: "not_facilitator" });
  });

  it("Q2: participants submit trimmed text of 1 to 1000 characters while moderation is on; observers never", () => {
    expect(applyModeration(EMPTY_MODERATION, { type: "submitNote", id: "n1", text: "x" }, awa, 0)).toMatchObject({ ok: false, code: "not_moderated" });
    expect(applyModeration(on(), { type: "submitNote", id: "n1", text: "   " }, awa, 0)).toMatchObject({ ok: false, code: "text_required" });
    expect(applyModeration(on(), { type: "submitNote", id: "n1", text: "x".repeat(1001) }, awa, 0)).toMatchObject({ ok: false, code: "text_too_long" });
    expect(applyModeration(on(), { type: "submitNote", id: "n1", text: "x" }, obs, 0)).toMatchObject({ ok: false, code: "observer_cannot_write" });
    expect(applyModeration(on(), { type: "submitNote", id: "n 1", text: "x" }, awa, 0)).toMatchObject({ ok: false, code: "bad_input" });
    const s = run(on(), [{ type: "submitNote", id: "n1", text: "  Logement  " }, awa]);
    expect(s.notes).toEqual([{ id: "n1", authorId: "awa", text: "Logement", color: "yellow", submittedAt: 1000, status: "pending" }]);
    expect(applyModeration(s, { type: "submitNote", id: "n1", text: "again" }, awa, 0)).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("Q2: at most 20 notes of one person wait at once", () => {
    let s = on();
    for (let i = 0; i < MAX_PENDING_PER_PERSON; i++) s = run(s, [{ type: "submitNote", id: `n${i}`, text: "x" }, awa]);
    expect(applyModeration(s, { type: "submitNote", id: "last", text: "x" }, awa, 0)).toMatchObject({ ok: false, code: "too_many_pending" });
  });

  it("Q3: approve then reveal one; reveal all reveals every approved note in submission order", () => {
    let s = run(on(), [{ type: "submitNote", id: "a", text: "A" }, awa], [{ type: "submitNote", id: "b", text: "B" }, awa], [{ type: "submitNote", id: "c", text: "C" }, awa]);
    expect(applyModeration(s, { type: "revealNote", noteId: "a" }, fac, 0)).toMatchObject({ ok: false, code: "not_approved" });
    expect(applyModeration(s, { type: "revealAll" }, fac, 0)).toMatchObject({ ok: false, code: "nothing_to_reveal" });
    s = run(s, [{ type: "approveNote", noteId: "a" }, fac], [{ type: "approveNote", noteId: "c" }, fac], [{ type: "rejectNote", noteId: "b" }, fac]);
    const one = applyModeration(s, { type: "revealNote", noteId: "c" }, fac, 0);
    expect(one.ok && one.revealed.map((n) => n.id)).toEqual(["c"]);
    const all = applyModeration(one.ok ? one.state : s, { type: "revealAll" }, fac, 0);
    expect(all.ok && all.revealed.map((n) => n.id)).toEqual(["a"]);
    expect(all.ok && all.state.notes.map((n) => n.status)).toEqual(["revealed", "rejected", "revealed"]);
    expect(applyModeration(all.ok ? all.state : s, { type: "rejectNote", noteId: "a" }, fac, 0)).toMatchObject({ ok: false, code: "not_pending" });
  });

  it("Q4: the facilitator sees the queue with authors unless anonymous; a participant sees only their own notes", () => {
    const s = run(on(), [{ type: "submitNote", id: "a", text: "A" }, awa], [{ type: "submitNote", id: "b", text: "B" }, { id: "ben", role: "participant" }]);
    expect(moderationView(s, fac, false).queue?.map((e) => e.authorId)).toEqual(["awa", "ben"]);
    const anon = moderationView(s, fac, true);
    expect(JSON.stringify(anon)).not.toMatch(/awa|ben/);
    const mine = moderationView(s, awa, false);
    expect(mine.queue).toBeNull();
    expect(mine.mine.map((e) => e.id)).toEqual(["a"]);
    expect(JSON.stringify(mine)).not.toContain("ben");
    expect(mine.waiting).toBe(2);
  });

  it("Q7: an author withdraws a note nobody has judged yet", () => {
    const s = run(on(), [{ type: "submitNote", id: "a", text: "A" }, awa]);
    expect(applyModeration(s, { type: "withdrawNote", noteId: "a" }, { id: "ben", role: "participant" }, 0)).toMatchObject({ ok: false, code: "unknown_note" });
    expect(run(s, [{ type: "withdrawNote", noteId: "a" }, awa]).notes).toEqual([]);
  });

  it("Q8: apply is total: garbage is refused, never thrown", () => {
    for (const bad of [null, 1, "x", {}, { type: "nope" }, { type: "submitNote" }, { type: "approveNote", noteId: {} }])
      expect(() => applyModeration(on(), bad as never, fac, 0)).not.toThrow();
    expect(applyModeration(null as never, { type: "revealAll" }, fac, 0)).toMatchObject({ ok: false, code: "bad_input" });
  });
});
