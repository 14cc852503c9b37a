// The séance part of the wire contract (docs/protocol.md §6): one command in, one state out.
// The zod schema checks a command's shape at the edge; its bounds and its meaning are the
// facilitation engine's (parseCommand and apply in src/domain/facilitation), whose refusal
// codes travel as they are.
import "./zodConfig.ts"; // first: before any schema is built
import { z } from "zod";
import {
  type AssignableRole,
  type MethodRole,
  type PlannedStep,
  type RoleAssignment,
  type SeanceStatus,
  type StepVisit,
  type SubjectTally,
  type Timer,
  METHOD_ROLES,
  MAX_ID_LENGTH,
} from "../domain/facilitation/index.ts";

const Id = z.string().min(1).max(MAX_ID_LENGTH);
const bare = <T extends string>(type: T) => z.object({ type: z.literal(type) });

/** C→S `seance:command`. Extra fields are dropped; numbers are checked against their bounds by the engine. */
export const SeanceCommandSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("prepare"),
    preparation: z.object({
      steps: z.record(Id, z.object({ durationMin: z.number().optional(), enabled: z.boolean().optional() })).optional(),
    }),
  }),
  bare("start"),
  bare("next"),
  bare("previous"),
  z.object({ type: z.literal("goTo"), stepId: Id }),
  z.object({ type: z.literal("timerStart"), durationMs: z.number().optional() }),
  bare("timerPause"),
  bare("timerResume"),
  z.object({ type: z.literal("timerExtend"), ms: z.number() }),
  bare("lockBoard"),
  bare("unlockBoard"),
  z.object({ type: z.literal("spotlight"), itemId: Id.nullable() }),
  z.object({ type: z.literal("summon"), viewId: Id.nullable() }),
  z.object({ type: z.literal("assignRole"), participantId: Id, role: z.enum(METHOD_ROLES) }),
  z.object({ type: z.literal("unassignRole"), participantId: Id }),
  z.object({ type: z.literal("pickSubject"), subjectId: Id }),
  bare("end"),
  bare("volunteer"),
  bare("withdrawVolunteer"),
  z.object({ type: z.literal("proposeSubject"), title: z.string().max(1000) }),
  bare("withdrawSubject"),
  z.object({ type: z.literal("vote"), subjectId: Id.nullable() }),
]);
export type SeanceCommand = z.infer<typeof SeanceCommandSchema>;

/**
 * S→C `seance:state`: everything a screen needs to render the séance, the same for everyone
 * except `you`. Votes appear only as counts (`subjects`, M17): who voted for what stays on
 * the server, except one's own vote in `you.vote`.
 */
export interface SeanceStateEvent {
  sessionId: string;
  /** The template running ("codev"). */
  templateId: string;
  /** Grows by one with every stored change: ignore a state older than the one you hold. */
  version: number;
  /** The server's clock when it sent this: `skew = now - Date.now()` on receipt. */
  now: number;
  status: SeanceStatus;
  plan: PlannedStep[];
  /** -1 in the lobby. */
  stepIndex: number;
  stepId: string | null;
  /** Absolute times: running `endsAt`, or paused `pausedRemainingMs` (T1-T2). */
  timer: Timer;
  /** The running step's time is up: the facilitator is prompted (T3). */
  timeUp: boolean;
  boardLocked: boolean;
  spotlight: { itemId: string; at: number } | null;
  summon: { viewId: string; at: number; by: string } | null;
  facilitatorId: string;
  /** Role of anyone not listed in `roles`. */
  defaultRole: AssignableRole;
  roles: RoleAssignment[];
  volunteers: string[];
  /** Proposed subjects with their vote counts, most votes first; ties all `leading`. */
  subjects: SubjectTally[];
  chosenSubjectId: string | null;
  /** One visit per entry into a step, with its start, end and planned duration. */
  history: StepVisit[];
  you: { participantId: string; role: MethodRole; vote: string | null };
}
