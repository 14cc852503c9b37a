"use client";
// React views of the quiz: its state, the countdown, plural forms and refusal texts.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { QuizStateEvent } from "@/protocol";
import type { CommandResult } from "@/client/seance";
import { quizTimeLeftMs, type QuizClient } from "@/client/quiz";
import type { PublicQuestion } from "@/domain/quiz";
import type { MessageKey } from "@/i18n";
import type { TFunction } from "../I18nProvider";

export function useQuizState(client: QuizClient): QuizStateEvent | null {
  return useSyncExternalStore(client.subscribe, client.getSnapshot, () => null);
}

/** Milliseconds left on the open question's countdown, refreshed 4 times a second; null without one. */
export function useQuizTimeLeft(client: QuizClient, question: PublicQuestion | null | undefined): number | null {
  const [, setTick] = useState(0);
  const ticking = question?.phase === "open" && question.closesAt !== null;
  useEffect(() => {
    if (!ticking) return;
    const id = window.setInterval(() => setTick((n) => n + 1), 250);
    return () => window.clearInterval(id);
  }, [ticking]);
  if (!question || question.closesAt === null || question.phase !== "open") return null;
  return quizTimeLeftMs(question.closesAt, client.serverNow());
}

/** Keys with `.one` / `.other` forms: French says "1 réponse", "0 réponse"; English "0 answers". */
type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

export function plural(t: TFunction, locale: "fr" | "en", base: PluralBase, count: number, vars: Record<string, string | number> = {}): string {
  const one = locale === "fr" ? Math.abs(count) < 2 : count === 1;
  return t(`${base}.${one ? "one" : "other"}` as MessageKey, { count: formatNumber(count, locale), ...vars });
}

/** "12,5" in French, "12.5" in English; whole numbers stay whole. */
import { formatQuizNumber } from "@/domain/quiz";
export const formatNumber = formatQuizNumber;

const FACILITATOR_REFUSALS = [
  "already_started", "not_prepared", "no_next_question", "already_revealed", "same_question", "ended", "bad_input",
  "storage_unavailable", "network", "timeout",
] as const;

/** What the facilitator reads when a command is refused. */
export function facilitatorRefusal(t: TFunction, res: Exclude<CommandResult, { ok: true }>): string {
  const code = FACILITATOR_REFUSALS.find((c) => c === res.code);
  return code ? t(`quiz.refused.${code}`) : t("quiz.refused.other", { code: res.code });
}

const ANSWER_REFUSALS = ["time_up", "question_not_open", "bad_answer", "ended", "network", "timeout"] as const;

/** What a participant reads when an answer is refused (a second answer is not a refusal for them). */
export function answerRefusal(t: TFunction, res: Exclude<CommandResult, { ok: true }>): string {
  const code = ANSWER_REFUSALS.find((c) => c === res.code);
  return code ? t(`quiz.answer.refused.${code}`) : t("quiz.answer.refused.other", { code: res.code });
}
