// The one wire contract between browsers (or any third-party program) and the server.
// Docs: docs/protocol.md. Everything inbound is parsed with these schemas at the boundary.
import "./zodConfig.ts"; // first: before any schema is built
import { z } from "zod";
import type { FacilitationErrorCode } from "../domain/facilitation/errors.ts";
import type { VoteErrorCode } from "../domain/votes/votes.ts";
import type { ModerationErrorCode } from "../domain/moderation/moderation.ts";
import type { QuizRefusalCode } from "./quiz.ts";
import type { PollErrorCode } from "../domain/poll/model.ts";
import type { FeedbackRefusalCode } from "./feedback.ts";
import type { EventRefusalCode } from "./event.ts";

export const PROTOCOL_VERSION = 1;

/** Largest binary message a client may send (socket.io's maxHttpBufferSize is set just above). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** socket.io event names, both directions. */
export const Events = {
  /** C→S (board, ack): subscribe to a board; server then sends sync step 1 and awareness. */
  boardJoin: "board:join",
  /** C→S (board): unsubscribe. */
  boardLeave: "board:leave",
  /** both ways (board, bytes[, ack]): a y-protocols message framed as in y-websocket. */
  y: "y",
  /** S→C: who belongs to the session and who is connected now. */
  presence: "presence",
  /** S→C: a rejected message or a closing connection, with a stable code. */
  error: "marguerite:error",
  /** C→S (command, ack): a facilitation command for the session's séance (seance.ts). */
  seanceCommand: "seance:command",
  /** S→C: the séance as this participant may see it, on connection and after every change. */
  seanceState: "seance:state",
  /** S→C {code, title}: the facilitator has opened the group's next séance (GroupNextEvent). */
  groupNext: "group:next",
  /** C→S (command, ack): votes, anonymity, moderation on the session board (boardTools.ts). */
  toolsCommand: "tools:command",
  /** S→C: the board tools as this participant may see them, on connection and after every change. */
  toolsState: "tools:state",
  /** C→S (command, ack): prepare and run the quiz, or answer it (quiz.ts). */
  quizCommand: "quiz:command",
  /** S→C: the quiz as this screen may see it, on connection and after every change. */
  quizState: "quiz:state",
  /** C→S (command, ack): a national day's coordination, placement, help calls (event.ts). */
  eventCommand: "event:command",
  /** S→C: the national day as this screen may see it, with its room ticket (event.ts). */
  eventState: "event:state",
} as const;

/** y-websocket framing: first varUint of every `y` payload. */
export const MessageType = { sync: 0, awareness: 1 } as const;

export const ErrorCode = {
  badRequest: "bad_request",
  protocolVersion: "protocol_version",
  unauthorized: "unauthorized",
  sessionNotFound: "session_not_found",
  sessionClosed: "session_closed",
  notInRoom: "not_in_room",
  tooLarge: "too_large",
  invalidUpdate: "invalid_update",
  /** An update that builds on changes the server does not hold (an edit it refused): reload the board. */
  missingDependency: "missing_dependency",
  forbidden: "forbidden",
  rateLimited: "rate_limited",
  abuse: "abuse",
  storageUnavailable: "storage_unavailable",
  internal: "internal",
  /** A séance command in a session whose method has no steps (the free board). */
  noSeance: "no_seance",
  /** A command naming someone who is not a participant of this session. */
  unknownParticipant: "unknown_participant",
  /** A board tools refusal (votes, moderation, anonymity): `tools:command` or a `y` update. */
  authorInAnonymousBoard: "author_in_anonymous_board",
  moderated: "moderated",
  nothingToVoteOn: "nothing_to_vote_on",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What a refusal may carry: a transport code above, or a facilitation rule's code (SPEC.md). */
export type RefusalCode = ErrorCode | FacilitationErrorCode | VoteErrorCode | ModerationErrorCode | QuizRefusalCode | PollErrorCode | FeedbackRefusalCode | EventRefusalCode;

export type Result<T = undefined> =
  | ({ ok: true } & (T extends undefined ? {} : { value: T }))
  | { ok: false; code: ErrorCode; message: string };

export interface ErrorEvent {
  code: RefusalCode;
  message: string;
  /** The event that caused it, when there is one. */
  event?: string;
}

// ---- handshake -----------------------------------------------------------------------

export const JoinCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{6}$/, "join code: 6 letters or digits");

export const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "token: 43 base64url characters");

export const HandshakeAuthSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  code: JoinCodeSchema,
  token: TokenSchema,
});
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;

/** The session's shared board; a method's shared collections live there too (docs/protocol.md §4). */
export const MAIN_BOARD = "main";

/**
 * Board names inside a session: slugs, "main" for the session board and `private-<participantId>`
 * (44 characters with a uuid) for each person's own notes.
 */
export const BoardNameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "board name: a slug of at most 64 characters");

export const BinarySchema = z.custom<Uint8Array>(
  (v) => v instanceof Uint8Array || (typeof Buffer !== "undefined" && Buffer.isBuffer(v)),
  "binary payload expected",
);

// ---- presence ------------------------------------------------------------------------

export const Roles = ["facilitator", "participant", "observer"] as const;
export type Role = (typeof Roles)[number];

export interface PresenceEntry {
  id: string;
  displayName: string;
  role: Role;
  online: boolean;
}
export interface PresenceEvent {
  sessionId: string;
  participants: PresenceEntry[];
}

// ---- HTTP bodies -----------------------------------------------------------------------

export const DisplayNameSchema = z
  .string()
  .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, "name required").max(60, "name: at most 60 characters"));

export const SessionTitleSchema = z
  .string()
  .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, "title required").max(120, "title: at most 120 characters"));

/**
 * How a session runs: a free board, or a method with steps run by the facilitator.
 * "event": a national day (its group rooms are sessions of their own, docs/protocol.md §10);
 * "intelligenceCollective": the atelier's séance, run in a national day's group rooms.
 */
export const Methods = ["board", "codev", "quiz", "event", "intelligenceCollective"] as const;
export type Method = (typeof Methods)[number];
export const MethodSchema = z.enum(Methods);

export const CreateSessionRequestSchema = z.object({
  title: SessionTitleSchema,
  facilitatorName: DisplayNameSchema.optional(),
  /** Absent: "board". */
  method: MethodSchema.optional(),
});
export type CreateSessionRequest = z.infer<typeof CreateSessionRequestSchema>;

export interface CreateSessionResponse {
  sessionId: string;
  code: string;
  title: string;
  method: Method;
  participantId: string;
  /** The facilitator's secret: shown once, kept in the facilitator link only. */
  facilitatorToken: string;
  joinUrl: string;
  facilitatorUrl: string;
}

export const JoinSessionRequestSchema = z.object({
  displayName: DisplayNameSchema,
});
export type JoinSessionRequest = z.infer<typeof JoinSessionRequestSchema>;

export interface JoinSessionResponse {
  sessionId: string;
  code: string;
  participantId: string;
  token: string;
  displayName: string;
  role: Role;
}

export interface SessionSummary {
  code: string;
  title: string;
  method: Method;
  status: "open" | "closed";
}

export interface MeResponse {
  sessionId: string;
  code: string;
  title: string;
  method: Method;
  participantId: string;
  displayName: string;
  role: Role;
  /** A group room of a national day: its people come through the day, not with its code. */
  inEvent: boolean;
}

export interface HttpError {
  error: RefusalCode;
  message: string;
}

export * from "./seance.ts";

// ---- a group's séances (co-development groups meet many times) -------------------------

/** One action of a case holder's plan, as written on the board (docs/protocol.md §4). */
export interface PlanAction {
  what: string;
  who: string;
  when: string;
}

/** The previous meeting's action plan, for the report-back at the opening of the next one. */
export interface PreviousActionPlan {
  code: string;
  title: string;
  /** When that séance started (or was created, if it never started), epoch ms. */
  at: number;
  /** Display names of its case holder(s); empty when nobody held the case. */
  caseHolders: string[];
  actions: PlanAction[];
}

/** GET /api/sessions/{code}/group */
export interface GroupOverview {
  previous: PreviousActionPlan | null;
  next: GroupNextEvent | null;
}

/** The group's next séance: where the group meets next (sent as `group:next` too). */
export interface GroupNextEvent {
  code: string;
  title: string;
}
export * from "./boardTools.ts";
export * from "./quiz.ts";
export * from "./feedback.ts";
export * from "./event.ts";
