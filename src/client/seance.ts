// The séance seen from a browser (docs/protocol.md §6): follows `seance:state` on a board
// connection's socket (newest version, clock skew, acked commands: follower.ts). No React here.
import type { Socket } from "socket.io-client";
import { StateFollower } from "./follower.ts";
import { Events, type RefusalCode, type SeanceCommand, type SeanceStateEvent } from "../protocol/index.ts";
import type { SeanceState } from "../domain/facilitation/index.ts";

export type CommandResult = { ok: true } | { ok: false; code: RefusalCode | "network" | "timeout"; message: string };

export class SeanceClient extends StateFollower<SeanceStateEvent, SeanceCommand, CommandResult> {
  constructor(socket: Socket) {
    super(socket, { state: Events.seanceState, command: Events.seanceCommand }, (s) => s.now);
  }

  override send(command: SeanceCommand): Promise<CommandResult> {
    return super.send(command) as Promise<CommandResult>;
  }
}

/** Milliseconds left on the timer, as every screen shows it (T2), or null without a timer. */
export function timeLeftMs(s: SeanceStateEvent, serverNow: number): number | null {
  const t = s.timer;
  if (t.status === "running") return Math.max(0, Math.min(t.durationMs, t.endsAt - serverNow));
  if (t.status === "paused") return Math.max(0, t.pausedRemainingMs);
  return null;
}

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/**
 * The engine's state rebuilt from what the server publishes, enough for the domain's
 * read-only questions (visibleCollections, canChange) that guide the UI. The server decides.
 */
export function toEngineState(s: SeanceStateEvent): SeanceState {
  return {
    templateId: s.templateId,
    facilitatorId: s.facilitatorId,
    plan: s.plan,
    status: s.status,
    stepIndex: s.stepIndex,
    history: s.history,
    timer: s.timer,
    boardLocked: s.boardLocked,
    spotlight: s.spotlight,
    summon: s.summon,
    roles: s.roles,
    volunteers: s.volunteers,
    subjects: [],
    votes: [],
    chosenSubjectId: s.chosenSubjectId,
    nextSubjectNumber: 1,
    clock: s.now,
    log: [],
  };
}
