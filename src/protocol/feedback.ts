// The feedback questionnaire's HTTP bodies (docs/protocol.md §9). It lives on HTTP, not on
// the socket: people answer it after the session too, through its own link, until it closes.
import "./zodConfig.ts"; // first: before any schema is built
import { z } from "zod";
import type { FeedbackDefinition, FeedbackResults, FeedbackErrorCode, ParticipantFeedbackView } from "../domain/feedback/index.ts";

const Id = z.string().min(1).max(64);

/** POST /api/sessions/{code}/feedback, facilitator's bearer token. */
export const FeedbackCommandSchema = z.discriminatedUnion("type", [
  /** Starts a questionnaire from a default template (a draft to edit and open). */
  z.object({ type: z.literal("create"), template: z.enum(["nationalDay", "seminar"]).default("nationalDay") }),
  /** The definition is checked in depth by the domain (validateFeedbackDefinition), which names the faulty field. */
  z.object({ type: z.literal("edit"), definition: z.unknown() }),
  /** `closesAt`: epoch ms, or null to keep it open until closed by hand. */
  z.object({ type: z.literal("open"), closesAt: z.number().int().positive().nullable() }),
  z.object({ type: z.literal("close") }),
  z.object({ type: z.literal("setAnonymous"), anonymous: z.boolean() }),
  z.object({ type: z.literal("pin"), responseId: Id, questionId: Id }),
  z.object({ type: z.literal("unpin"), responseId: Id, questionId: Id }),
]);
export type FeedbackCommandBody = z.infer<typeof FeedbackCommandSchema>;

const Value = z.union([z.number(), z.string().max(4000), z.array(Id).max(20)]);

/** POST /api/sessions/{code}/feedback/response, a participant's bearer token. */
export const FeedbackResponseSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("submit"), answers: z.array(z.object({ questionId: Id, value: Value })).max(50) }),
  z.object({ type: z.literal("withdraw") }),
]);
export type FeedbackResponseBody = z.infer<typeof FeedbackResponseSchema>;

/** GET (and every POST's answer): what this person may see of the questionnaire. */
export type FeedbackViewResponse =
  | { role: "facilitator"; prepared: false }
  | {
      role: "facilitator";
      prepared: true;
      definition: FeedbackDefinition;
      anonymous: boolean;
      status: "draft" | "open";
      accepting: boolean;
      openedAt: number | null;
      closesAt: number | null;
      results: FeedbackResults;
      /** Pins whose answer was edited or withdrawn since it was pinned. */
      stalePins: { responseId: string; questionId: string; pinnedText: string; currentText: string }[];
    }
  | { role: "participant" | "observer"; prepared: false }
  | ({ role: "participant" | "observer"; prepared: true } & ParticipantFeedbackView);

export type FeedbackRefusalCode = FeedbackErrorCode;
