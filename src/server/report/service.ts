// The séance report for the HTTP route: who may have it (the facilitator and the case
// holder), what goes in it (the séance as stored, the attendees, the session board's content)
// and its two formats.
import * as Y from "yjs";
import { ErrorCode, MAIN_BOARD } from "../../protocol/index.ts";
import type { MethodRole, SeanceState } from "../../domain/facilitation/index.ts";
import { normalizeJoinCode } from "../../domain/joinCode.ts";
import { buildCodevReport, toMarkdown, type PreviousPlan, type ReportAttendee, type ReportLocale, type ReportSection } from "../../domain/report/index.ts";
import { ServiceError, methodOf } from "../sessionService.ts";
import { templateFor } from "../facilitation/methods.ts";
import { effectiveRole } from "../facilitation/roles.ts";
import type { ParticipantRow, SessionRepository, SessionRow } from "../persistence/sessions.ts";
import type { SeanceRepository } from "../persistence/seances.ts";
import type { BoardRepository } from "../persistence/boards.ts";
import type { RoomRegistry } from "../sync/registry.ts";
import { readCodevContent } from "./content.ts";
import { renderPdf } from "./pdf.ts";

export type ReportFormat = "md" | "pdf";

export interface ReportFile {
  body: Uint8Array;
  contentType: string;
  fileName: string;
}

export interface ReportDeps {
  sessions: Pick<SessionRepository, "authenticate" | "listParticipants">;
  seances: Pick<SeanceRepository, "find">;
  /** The session board as it is now: a loaded room's document, else rebuilt from storage. */
  board: (sessionId: string) => Promise<{ doc: Y.Doc; release: () => void }>;
  /** The group's previous meeting's action plan (GroupService.previousPlan), for the report-back. */
  previousPlan?: (session: SessionRow) => Promise<PreviousPlan | null>;
  /** More sections at the end of the report (the feedback questionnaire's results, if any). */
  moreSections?: (sessionId: string, locale: ReportLocale) => Promise<ReportSection[]>;
  now?: () => number;
}

/** The board from the room registry when this process holds it (its latest accepted state), else from storage. */
export function boardReader(registry: Pick<RoomRegistry, "peek">, boards: Pick<BoardRepository, "loadOrCreate">): ReportDeps["board"] {
  return async (sessionId) => {
    const room = registry.peek(sessionId, MAIN_BOARD);
    if (room) return { doc: room.doc, release: () => {} };
    const stored = await boards.loadOrCreate(sessionId, MAIN_BOARD);
    const doc = new Y.Doc();
    for (const chunk of stored.chunks) Y.applyUpdate(doc, chunk);
    return { doc, release: () => doc.destroy() };
  };
}

export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  async download(rawCode: string, token: string, format: ReportFormat, locale: ReportLocale = "fr"): Promise<ReportFile> {
    const code = normalizeJoinCode(rawCode);
    const identity = code ? await this.deps.sessions.authenticate(code, token) : null;
    if (!identity) throw new ServiceError(ErrorCode.unauthorized, "unknown token for this session", 401);
    const { session, participant } = identity;
    const template = templateFor(methodOf(session.template));
    if (!template || template.id !== "codev") throw new ServiceError(ErrorCode.noSeance, "this session's method has no séance report", 404);

    const stored = await this.deps.seances.find(session.id);
    const state = stored && isState(stored.state, template.id) ? stored.state : null;
    const isFacilitator = participant.role === "facilitator" || state?.facilitatorId === participant.id;
    const isCaseHolder = state?.roles.some((r) => r.role === "caseHolder" && r.participantId === participant.id) ?? false;
    if (!isFacilitator && !isCaseHolder) throw new ServiceError(ErrorCode.forbidden, "the report is for the facilitator and the case holder", 403);

    const people = await this.deps.sessions.listParticipants(session.id);
    const board = await this.deps.board(session.id);
    let content;
    try {
      content = readCodevContent(board.doc);
    } finally {
      board.release();
    }
    const previousPlan = (await this.deps.previousPlan?.(session)) ?? null;
    const now = this.deps.now?.() ?? Date.now();
    const built = buildCodevReport(
      {
        sessionTitle: session.title,
        joinCode: session.joinCode,
        sessionCreatedAt: session.createdAt.getTime(),
        attendees: people.map((p) => ({ participantId: p.id, displayName: p.displayName, role: roleIn(p, state, template) })),
        seance: state,
        content,
        now,
        previousPlan,
      },
      locale,
    );
    const report = { ...built, sections: [...built.sections, ...((await this.deps.moreSections?.(session.id, locale)) ?? [])] };
    if (format === "md") {
      return { body: new TextEncoder().encode(toMarkdown(report)), contentType: "text/markdown; charset=utf-8", fileName: `${report.fileBaseName}.md` };
    }
    return { body: await renderPdf(report, { createdAt: new Date(now) }), contentType: "application/pdf", fileName: `${report.fileBaseName}.pdf` };
  }
}

function isState(v: unknown, templateId: string): v is SeanceState {
  const s = v as SeanceState | null;
  return typeof s === "object" && s !== null && s.templateId === templateId && Array.isArray(s.roles) && Array.isArray(s.history) && Array.isArray(s.plan);
}

function roleIn(p: ParticipantRow, state: SeanceState | null, template: NonNullable<ReturnType<typeof templateFor>>): ReportAttendee["role"] {
  if (state) return effectiveRole(template, state, p.id, p.role);
  const byRow: Record<ParticipantRow["role"], MethodRole> = { facilitator: "facilitator", observer: "observer", participant: template.defaultRole };
  return byRow[p.role];
}
