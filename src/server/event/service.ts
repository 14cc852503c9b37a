// What the event's HTTP routes do, without HTTP: the coordination imports the participant
// list from a spreadsheet (E1-E4, E16). The CSV is read by the domain; the people go through
// the event's registry like any command, so every screen gets the new state. And the day's
// synthesis (L10-L12): each angle room's clusters and votes, with the intelligence-collective
// groups' plenary wall, the plenary's quiz and the feedback questionnaire, as a report file or
// (the angles only) as data for the projector.
import { ErrorCode, MAIN_BOARD, type RosterImportResponse } from "../../protocol/index.ts";
import { normalizeJoinCode } from "../../domain/joinCode.ts";
import { parseRoster, roleOf } from "../../domain/event/index.ts";
import { angleSynthesis, synthesisReport, type AngleCluster, type AngleSynthesis } from "../../domain/angles/index.ts";
import { boardView } from "../../domain/clusters/index.ts";
import { clusterBoardOf } from "../boardTools/boardDoc.ts";
import { toMarkdown, type ReportLocale, type ReportSection } from "../../domain/report/index.ts";
import type { SessionRepository } from "../persistence/sessions.ts";
import { methodOf, ServiceError } from "../sessionService.ts";
import type { ToolsStore } from "../boardTools/registry.ts";
import { readToolsState } from "../boardTools/state.ts";
import type { ReportDeps, ReportFile } from "../report/service.ts";
import { renderPdf } from "../report/pdf.ts";
import type { EventEdge } from "./edge.ts";
import { refusal } from "./messages.ts";
import { angleRoomId } from "./angles.ts";
import { roomSessionId } from "./tickets.ts";

export interface EventServiceDeps {
  sessions: SessionRepository;
  edge: EventEdge;
  /** A session's board as it is now (the report's reader), for the angle rooms' clusters. */
  board?: ReportDeps["board"];
  /** The angle rooms' votes. */
  tools?: Pick<ToolsStore, "find">;
  /** The plenary's quiz and the feedback questionnaire of the event's session, last in the synthesis (Z19, F10). */
  moreSections?: (sessionId: string, locale: ReportLocale) => Promise<ReportSection[]>;
  now?: () => number;
}

export class EventService {
  constructor(private readonly deps: EventServiceDeps) {}

  /**
   * The day's synthesis (L12) for the coordination: `md` and `pdf` as files, `json` as the
   * data the projector shows. Each angle room's clusters are its modalités d'action, ranked by
   * the dots on the cluster and on its notes (the notes are the perceptions, L8).
   */
  async synthesis(rawCode: string, token: string, format: "md" | "pdf", locale: ReportLocale): Promise<ReportFile>;
  async synthesis(rawCode: string, token: string, format: "json", locale: ReportLocale): Promise<{ synthesis: AngleSynthesis; regroupedAt: number | null }>;
  async synthesis(rawCode: string, token: string, format: "md" | "pdf" | "json", locale: ReportLocale): Promise<ReportFile | { synthesis: AngleSynthesis; regroupedAt: number | null }> {
    // AUTH: a token of this event's session (401), the coordination's (403)
    const code = normalizeJoinCode(rawCode);
    const identity = code ? await this.deps.sessions.authenticate(code, token) : null;
    if (!identity) throw new ServiceError(ErrorCode.unauthorized, "unknown token for this session", 401);
    if (methodOf(identity.session.template) !== "event") throw new ServiceError("not_an_event", refusal("not_an_event", "not an event"), 404);
    const snap = await this.deps.edge.registry.current(identity.session.id);
    if (roleOf(snap.state, identity.participant.id) !== "coordinator") throw new ServiceError("not_coordinator", refusal("not_coordinator", "only the coordination does this"), 403);
    // VALIDATION: the projector's data is the angles' (a file may go without them: a day of
    // intelligence-collective groups, a quiz and a questionnaire still has a synthesis)
    const setup = snap.angles.setup;
    if (!setup && format === "json") throw new ServiceError("no_angles_setup", refusal("no_angles_setup", "set the angles up first"), 404);
    // RESOLUTION: the angle rooms' clusters and votes, once the regroup opened them
    const clusters: AngleCluster[] = [];
    if (setup && snap.angles.regroupedAt !== null) {
      for (const angle of setup.angles) clusters.push(...(await this.angleClusters(roomSessionId(snap.sessionId, angleRoomId(angle.id)), angle.id)));
    }
    const synthesis = setup ? angleSynthesis({ setup, perceptions: snap.angles.perceptions, clusters }) : undefined;
    if (format === "json") return { synthesis: synthesis!, regroupedAt: snap.angles.regroupedAt };
    const now = this.deps.now?.() ?? Date.now();
    // L12: the intelligence-collective groups' plenary wall (I4), when the day has such groups.
    const wall = await this.deps.edge.plenaryWallOf(snap);
    const more = (await this.deps.moreSections?.(snap.sessionId, locale)) ?? [];
    const report = synthesisReport(
      {
        eventTitle: snap.state.title,
        date: identity.session.createdAt.getTime(),
        now,
        eventCode: identity.session.joinCode,
        ...(setup && synthesis ? { setup, synthesis } : {}),
        names: new Map(snap.state.people.map((p) => [p.id, p.name])),
        roomNames: new Map(snap.state.rooms.map((r) => [r.id, r.name])),
        ...(wall.length > 0 ? { wall } : {}),
        ...(more.length > 0 ? { more } : {}),
      },
      locale,
    );
    if (format === "md") return { body: new TextEncoder().encode(toMarkdown(report)), contentType: "text/markdown; charset=utf-8", fileName: `${report.fileBaseName}.md` };
    return { body: await renderPdf(report, { createdAt: new Date(now) }), contentType: "application/pdf", fileName: `${report.fileBaseName}.pdf` };
  }

  /** One angle room's clusters as every screen shows them (K11), with their dots; none when the room is unreadable. */
  private async angleClusters(sessionId: string, angleId: string): Promise<AngleCluster[]> {
    if (!this.deps.board) return [];
    let view: ReturnType<typeof boardView>;
    const board = await this.deps.board(sessionId).catch(() => null);
    if (!board) return [];
    try {
      view = boardView(clusterBoardOf(board.doc));
    } finally {
      board.release();
    }
    const stored = await this.deps.tools?.find(sessionId, MAIN_BOARD).catch(() => null);
    const ballots = stored ? readToolsState(stored.state).vote.ballots : [];
    const dots = new Map<string, number>();
    for (const b of ballots) dots.set(b.itemId, (dots.get(b.itemId) ?? 0) + b.dots);
    return view.clusters.map((c) => ({
      angleId,
      id: c.id,
      name: c.name,
      perceptionIds: c.noteIds,
      votes: (dots.get(c.id) ?? 0) + c.noteIds.reduce((n, id) => n + (dots.get(id) ?? 0), 0),
    }));
  }

  async importRoster(rawCode: string, token: string, csv: string): Promise<RosterImportResponse> {
    // AUTH: a token of this event's session (401), the coordination's (403)
    const code = normalizeJoinCode(rawCode);
    const identity = code ? await this.deps.sessions.authenticate(code, token) : null;
    if (!identity) throw new ServiceError(ErrorCode.unauthorized, "unknown token for this session", 401);
    if (methodOf(identity.session.template) !== "event") throw new ServiceError("not_an_event", refusal("not_an_event", "not an event"), 404);
    const snap = await this.deps.edge.registry.current(identity.session.id);
    if (roleOf(snap.state, identity.participant.id) !== "coordinator") throw new ServiceError("not_coordinator", refusal("not_coordinator", "only the coordination does this"), 403);
    // VALIDATION: the list as spreadsheets write it; bad lines are reported, not fatal (E4)
    const roster = parseRoster(csv);
    if (!roster.ok) {
      const where = roster.line ? ` (ligne ${roster.line})` : "";
      throw new ServiceError(roster.code === "too_large" ? "roster_too_large" : "roster_invalid", `${refusal("roster_invalid", "the list could not be read")} ${roster.message}${where}`, roster.code === "too_large" ? 413 : 400);
    }
    // RESOLUTION and PUBLISH: through the event's registry
    const outcome = await this.deps.edge.registry.command(identity.session.id, identity.participant.id, { type: "importPeople", people: roster.people });
    if (!outcome.ok) throw new ServiceError(outcome.code as never, outcome.message, outcome.code === ErrorCode.storageUnavailable ? 503 : 409);
    const notice = outcome.notices.find((n) => n.type === "peopleImported");
    const after = this.deps.edge.registry.cached(identity.session.id);
    return {
      added: notice?.type === "peopleImported" ? notice.added : 0,
      updated: notice?.type === "peopleImported" ? notice.updated : 0,
      issues: roster.issues.map((i) => ({ ...i })),
      unknownGroups: notice?.type === "peopleImported" ? [...notice.unknownGroups] : [],
      people: after?.state.people.length ?? 0,
    };
  }
}
