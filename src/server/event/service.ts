// What the event's HTTP routes do, without HTTP: the coordination imports the participant
// list from a spreadsheet (E1-E4, E16). The CSV is read by the domain; the people go through
// the event's registry like any command, so every screen gets the new state.
import { ErrorCode, type RosterImportResponse } from "../../protocol/index.ts";
import { normalizeJoinCode } from "../../domain/joinCode.ts";
import { parseRoster, roleOf } from "../../domain/event/index.ts";
import type { SessionRepository } from "../persistence/sessions.ts";
import { methodOf, ServiceError } from "../sessionService.ts";
import type { EventEdge } from "./edge.ts";
import { refusal } from "./messages.ts";

export class EventService {
  constructor(private readonly deps: { sessions: SessionRepository; edge: EventEdge }) {}

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
