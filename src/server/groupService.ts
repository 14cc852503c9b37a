// A co-development group meets many times (domain.md §1, issue 3): each meeting is a session
// of the same group, with its own join code, board, séance, case holder and report. The
// facilitator opens the next meeting from the room; at its opening the group looks back at
// the previous case holder's action plan (what, who, when) to check progress.
//
// Why a new join code for each meeting: a code opens one séance's room, board and report, and
// the previous séance stays reachable for its report and for its case holder to pseudonymise
// the case (C14). The people of the previous meeting are invited live: their ended screen shows
// the next séance as soon as the facilitator opens it (`group:next`), and the facilitator's
// share panel shows the new code and QR code as for any séance.
import type { CreateSessionResponse, GroupNextEvent, GroupOverview, PreviousActionPlan } from "../protocol/index.ts";
import { ErrorCode } from "../protocol/index.ts";
import { holdersOf, type SeanceState } from "../domain/facilitation/index.ts";
import { normalizeJoinCode } from "../domain/joinCode.ts";
import { ServiceError, joinUrl, methodOf } from "./sessionService.ts";
import { templateFor } from "./facilitation/methods.ts";
import type { SessionRepository, SessionRow } from "./persistence/sessions.ts";
import type { SeanceRepository } from "./persistence/seances.ts";
import type { ReportDeps } from "./report/service.ts";
import { readCodevContent } from "./report/content.ts";

export interface GroupDeps {
  sessions: Pick<SessionRepository, "authenticate" | "listParticipants" | "neighbourInGroup" | "createNextInGroup">;
  seances: Pick<SeanceRepository, "find">;
  board: ReportDeps["board"];
  /** Tells the previous meeting's screens where the group meets next. */
  onNext?: (previousSessionId: string, next: GroupNextEvent) => void;
}

export class GroupService {
  constructor(private readonly deps: GroupDeps) {}

  /** AUTH: the facilitator of a séance opens the group's next one. */
  async createNext(rawCode: string, token: string, baseUrl: string, facilitatorName: string): Promise<CreateSessionResponse> {
    const { session, participant } = await this.identity(rawCode, token);
    if (participant.role !== "facilitator") throw new ServiceError(ErrorCode.forbidden, "only the facilitator opens the group's next séance", 403);
    if (!templateFor(methodOf(session.template))) throw new ServiceError(ErrorCode.noSeance, "a free board has no next séance", 404);
    const { session: next, facilitator, facilitatorToken } = await this.deps.sessions.createNextInGroup(session.id, facilitatorName);
    this.deps.onNext?.(session.id, { code: next.joinCode, title: next.title });
    return {
      sessionId: next.id,
      code: next.joinCode,
      title: next.title,
      method: methodOf(next.template),
      participantId: facilitator.id,
      facilitatorToken,
      joinUrl: joinUrl(baseUrl, next.joinCode),
      facilitatorUrl: `${baseUrl}/s/${next.joinCode}#cle=${facilitatorToken}`,
    };
  }

  /** AUTH: anyone of the séance (the report-back is the group's). */
  async overview(rawCode: string, token: string): Promise<GroupOverview> {
    const { session } = await this.identity(rawCode, token);
    const [previous, next] = await Promise.all([this.previousPlan(session), this.deps.sessions.neighbourInGroup(session, "next")]);
    return { previous, next: next ? { code: next.joinCode, title: next.title } : null };
  }

  /** The previous meeting's case holder(s) and action plan; null for a first meeting. */
  async previousPlan(session: SessionRow): Promise<PreviousActionPlan | null> {
    const prev = await this.deps.sessions.neighbourInGroup(session, "previous");
    if (!prev) return null;
    const [stored, people, board] = await Promise.all([this.deps.seances.find(prev.id), this.deps.sessions.listParticipants(prev.id), this.deps.board(prev.id)]);
    let actions;
    try {
      actions = readCodevContent(board.doc).actions;
    } finally {
      board.release();
    }
    const state = stored?.state as SeanceState | undefined;
    const holders = state && Array.isArray(state.roles) ? holdersOf(state, "caseHolder") : [];
    const nameOf = (id: string) => people.find((p) => p.id === id)?.displayName ?? "";
    return {
      code: prev.joinCode,
      title: prev.title,
      at: state?.history?.[0]?.startedAt ?? prev.createdAt.getTime(),
      caseHolders: holders.map(nameOf).filter(Boolean),
      actions: [...actions]
        .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0))
        .map((a) => ({ what: a.what.trim(), who: a.who.trim(), when: a.when.trim() }))
        .filter((a) => a.what || a.who || a.when),
    };
  }

  private async identity(rawCode: string, token: string) {
    const code = normalizeJoinCode(rawCode);
    const identity = code ? await this.deps.sessions.authenticate(code, token) : null;
    if (!identity) throw new ServiceError(ErrorCode.unauthorized, "unknown token for this session", 401);
    return identity;
  }
}
