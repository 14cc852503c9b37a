// The quiz's "now" is read the same way in the quiz room and in a national day's plenary (the
// dashboard and the phones): what each role is told to do at each moment of a question.
import { describe, expect, it } from "vitest";
import { createQuiz, facilitatorView, participantView, type QuizState } from "@/domain/quiz";
import { ANA, FAC, SEC, T0, quiz, run } from "@/domain/quiz/testkit";
import { fr } from "@/i18n/fr";
import { translate, type MessageKey } from "@/i18n";
import type { QuizStateEvent } from "@/protocol";
import { nowTexts } from "./now";

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(fr, key, vars);

function seen(state: QuizState, role: "facilitator" | "participant", now: number): QuizStateEvent {
  const base = { sessionId: "s", version: 1, serverNow: now, prepared: true as const };
  return role === "facilitator" ? { ...base, role, view: facilitatorView(state, now, 1) } : { ...base, role, view: participantView(state, ANA.id, now, 1) };
}

describe("the quiz's now and next", () => {
  const lobby = createQuiz(quiz(), { now: T0 });
  const open = run(lobby, [{ type: "show", index: 0 }, FAC, T0 + SEC]);
  const revealed = run(open, [{ type: "reveal" }, FAC, T0 + 2 * SEC]);

  it("before the first question: the facilitator is told to start, a participant to stay", () => {
    expect(nowTexts(t, seen(lobby, "facilitator", T0), false, false, false)).toEqual({ heading: "Le quiz est prêt", instruction: fr.quiz.now.facReady });
    expect(nowTexts(t, seen(lobby, "participant", T0), false, false, false)).toEqual({ heading: "Le quiz va commencer", instruction: fr.quiz.now.waiting });
  });

  it("a question on: a participant is told to answer it, then to wait once sent; the facilitator to reveal", () => {
    const at = T0 + 2 * SEC;
    expect(nowTexts(t, seen(open, "participant", at), false, false, false).instruction).toBe(fr.quiz.now.single);
    expect(nowTexts(t, seen(open, "participant", at), false, true, false).instruction).toBe(fr.quiz.now.sent);
    expect(nowTexts(t, seen(open, "participant", at), false, false, true).instruction).toBe(fr.quiz.now.closed);
    expect(nowTexts(t, seen(open, "facilitator", at), false, false, false)).toEqual({ heading: quiz().title, instruction: fr.quiz.now.facOpen });
  });

  it("revealed: the answer is there; the editor open says to prepare", () => {
    expect(nowTexts(t, seen(revealed, "participant", T0 + 3 * SEC), false, true, false).instruction).toBe(fr.quiz.now.revealed);
    expect(nowTexts(t, seen(revealed, "facilitator", T0 + 3 * SEC), false, false, false).instruction).toBe(fr.quiz.now.facRevealed);
    expect(nowTexts(t, seen(lobby, "facilitator", T0), true, false, false).heading).toBe("Préparez votre quiz");
  });
});
