// The quiz part of the wire contract (docs/protocol.md §8): one command in (`quiz:command`),
// one state out (`quiz:state`), each screen its own view. The server holds the answer key;
// a participant's view never carries it before the reveal (Z9 in src/domain/SPEC.md).
import "./zodConfig.ts"; // first: before any schema is built
import { z } from "zod";
import type { FacilitatorQuizView, ParticipantQuizView, QuizErrorCode, QuizDefinitionErrorCode, QuizImageErrorCode, QuizImageType } from "../domain/quiz/index.ts";
import { QUIZ_LIMITS, SCORING_MODES, TEAM_NAME_MAX, MAX_TEAMS } from "../domain/quiz/index.ts";

const Id = z.string().min(1).max(64);
const Ids = z.array(Id).max(QUIZ_LIMITS.maxOptions);

/** What a participant sends; the domain checks it against the question (checkAnswer). */
export const QuizAnswerSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("single"), optionId: Id }),
  z.object({ kind: z.literal("multiple"), optionIds: Ids }),
  z.object({ kind: z.literal("trueFalse"), value: z.boolean() }),
  z.object({ kind: z.literal("ordering"), order: Ids }),
  z.object({ kind: z.literal("number"), value: z.number().finite() }),
]);

/** C→S `quiz:command`. Who may run which command is the domain's rule (Z3, Z4), checked on the server. */
export const QuizCommandSchema = z.discriminatedUnion("type", [
  // The facilitator prepares (or replaces, before the first question) the quiz. The shape is
  // checked in depth by the domain's validateQuiz, which names the faulty field.
  z.object({ type: z.literal("prepare"), quiz: z.unknown() }),
  z.object({ type: z.literal("show"), index: z.number().int().min(0).max(QUIZ_LIMITS.questions) }),
  z.object({ type: z.literal("next") }),
  z.object({ type: z.literal("reveal") }),
  z.object({ type: z.literal("end") }),
  z.object({
    type: z.literal("setScoring"),
    mode: z.enum(SCORING_MODES as unknown as ["none", "anonymous", "team"]),
    teams: z.array(z.object({ id: Id, name: z.string().max(TEAM_NAME_MAX) })).max(MAX_TEAMS).optional(),
  }),
  z.object({ type: z.literal("joinTeam"), teamId: Id }),
  z.object({ type: z.literal("answer"), questionId: Id, answer: QuizAnswerSchema }),
]);
export type QuizWireCommand = z.infer<typeof QuizCommandSchema>;

/** S→C `quiz:state`: on connection and after every stored change, each screen its own view. */
export type QuizStateEvent =
  | { sessionId: string; version: number; role: "facilitator"; prepared: true; view: FacilitatorQuizView; serverNow: number }
  | { sessionId: string; version: number; role: "participant" | "observer"; prepared: true; view: ParticipantQuizView; serverNow: number }
  /** Nothing prepared yet: the facilitator's editor opens, everyone else waits. */
  | { sessionId: string; version: number; role: "facilitator" | "participant" | "observer"; prepared: false; view: null; serverNow: number };

export type QuizRefusalCode = QuizErrorCode | QuizDefinitionErrorCode | QuizImageErrorCode | "not_prepared" | "already_started" | "image_not_found";

// ---- the questions' pictures (HTTP, docs/protocol.md §8) ------------------------------------

/** `POST /api/sessions/{code}/quiz/images` (the facilitator; the file itself as the body) answers this. */
export interface QuizImageUploadResponse {
  /** What goes in a question's `image`. */
  id: string;
  /** Recognised from the file's first bytes (Z18). */
  contentType: QuizImageType;
  byteSize: number;
  /** Where it is served: quizImagePath(code, id). */
  url: string;
}

export const quizImagePath = (code: string, id: string) => `/api/sessions/${encodeURIComponent(code)}/quiz/images/${encodeURIComponent(id)}`;

/** A question's `image` as an address on our site: an uploaded file's id, or already a site path (Z2). */
export function quizImageSrc(code: string, image: string): string {
  return image.startsWith("/") ? image : quizImagePath(code, image);
}
