// Poll results and what each screen is sent. Counts only: never who answered what (O9).
import type { PollActor, PollAnswer, PollDefinition, PollState } from "./model.ts";
import { type CloudWord, wordCloud } from "./words.ts";

export type PollResults =
  | { kind: "choice"; respondents: number; bars: { optionId: string; label: string; count: number }[] }
  /** `distribution[i]` counts the value i + 1; `average` is null with no answer. */
  | { kind: "scale"; respondents: number; average: number | null; distribution: { value: number; count: number }[] }
  | { kind: "words"; respondents: number; words: CloudWord[] };

/** O6, O7: aggregate answers of one poll (also what the server archives when it closes). */
export function aggregatePoll(poll: PollDefinition, answers: readonly { answer: PollAnswer }[]): PollResults {
  const respondents = answers.length;
  switch (poll.kind) {
    case "choice":
      return {
        kind: "choice",
        respondents,
        bars: poll.options.map((o) => ({ optionId: o.id, label: o.label, count: answers.filter((a) => a.answer.kind === "choice" && a.answer.optionIds.includes(o.id)).length })),
      };
    case "scale": {
      const values = answers.flatMap((a) => (a.answer.kind === "scale" ? [a.answer.value] : []));
      return {
        kind: "scale",
        respondents,
        average: values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length,
        distribution: [1, 2, 3, 4, 5].map((value) => ({ value, count: values.filter((v) => v === value).length })),
      };
    }
    case "words":
      return { kind: "words", respondents, words: wordCloud(answers.flatMap((a) => (a.answer.kind === "words" ? [a.answer.words] : []))) };
  }
}

export function pollResults(state: PollState): PollResults | null {
  return state.poll ? aggregatePoll(state.poll, state.answers) : null;
}

export interface PollView {
  status: PollState["status"];
  poll: PollDefinition | null;
  revealed: boolean;
  /** Everyone sees how many answered. */
  respondents: number;
  /** The viewer's own answer, to show it and let them change it. */
  mine: PollAnswer | null;
  /** null while hidden from this viewer (O5). */
  results: PollResults | null;
}

/** O5: the facilitator sees results live; others once revealed (at once with `live`). */
export function pollView(state: PollState, viewer: PollActor | null): PollView {
  const visible = viewer?.role === "facilitator" || state.revealed;
  return {
    status: state.status,
    poll: state.poll,
    revealed: state.revealed,
    respondents: state.answers.length,
    mine: viewer === null ? null : (state.answers.find((a) => a.participantId === viewer.id)?.answer ?? null),
    results: visible ? pollResults(state) : null,
  };
}

/** What the fuzz test checks after every command (O3). */
export function pollInvariantViolations(state: PollState): string[] {
  const out: string[] = [];
  const ids = state.answers.map((a) => a.participantId);
  if (new Set(ids).size !== ids.length) out.push("a participant answered twice");
  if (state.status === "idle" && state.answers.length > 0) out.push("answers without a poll");
  if (state.closedAt !== null) for (const a of state.answers) if (a.at > state.closedAt) out.push(`answer after the close by ${a.participantId}`);
  return out;
}
