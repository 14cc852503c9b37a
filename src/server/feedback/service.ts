// The feedback questionnaire of a session, for the HTTP routes: the facilitator prepares it
// from a template, opens it until a closing date, pins quotes, and exports the results (CSV,
// Markdown, PDF); each participant answers once and may edit until it closes, during the
// session or after it (a closed session's code admits nobody new, but those who joined keep
// their token). Stored as JSON at a version (a `board_tools` row keyed `@feedback`), every
// change in the session's line. Rule ids F…: src/domain/SPEC.md.
import { ErrorCode, type FeedbackCommandBody, type FeedbackResponseBody, type FeedbackViewResponse, type RefusalCode } from "../../protocol/index.ts";
import {
  applyFeedback,
  createFeedback,
  defaultFeedbackTemplate,
  feedbackReportSection,
  feedbackResults,
  isAcceptingAnswers,
  participantFeedbackView,
  stalePins,
  validateFeedbackDefinition,
  inLocale,
  type FeedbackActor,
  type FeedbackCommand,
  type FeedbackState,
} from "../../domain/feedback/index.ts";
import { feedbackCsv } from "../../domain/csv/index.ts";
import { normalizeJoinCode } from "../../domain/joinCode.ts";
import { toMarkdown, type ReportDocument, type ReportLocale, type ReportSection } from "../../domain/report/index.ts";
import { ServiceError } from "../sessionService.ts";
import { SessionLines } from "../sessionLines.ts";
import { newId } from "../security/tokens.ts";
import type { ToolsStore } from "../boardTools/registry.ts";
import type { SessionRepository } from "../persistence/sessions.ts";
import type { ReportFile } from "../report/service.ts";
import { renderPdf } from "../report/pdf.ts";

export const FEEDBACK_KEY = "@feedback";

export interface FeedbackDeps {
  sessions: Pick<SessionRepository, "authenticate">;
  store: ToolsStore;
  now?: () => number;
}

type Identity = NonNullable<Awaited<ReturnType<SessionRepository["authenticate"]>>>;

function readRow(raw: unknown): FeedbackState | null {
  const r = raw as { feedback?: unknown } | null;
  return r && typeof r === "object" && r.feedback && typeof r.feedback === "object" ? (r.feedback as FeedbackState) : null;
}

const refused = (code: RefusalCode, message: string, status = 409) => new ServiceError(code, message, status);

/** Refusals a screen following the rules never causes (someone else's role, a crafted body). */
const FORBIDDEN: ReadonlySet<string> = new Set(["not_facilitator", "observer_cannot_answer", "facilitator_does_not_answer"]);

export class FeedbackService {
  private readonly lines = new SessionLines();
  private readonly now: () => number;

  constructor(private readonly deps: FeedbackDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** What the bearer may see: the facilitator the results, a participant the form and their answers. */
  async view(code: string, token: string): Promise<FeedbackViewResponse> {
    const who = await this.identify(code, token);
    const stored = await this.deps.store.find(who.session.id, FEEDBACK_KEY);
    return this.viewFor(who, stored ? readRow(stored.state) : null);
  }

  async command(code: string, token: string, body: FeedbackCommandBody): Promise<FeedbackViewResponse> {
    const who = await this.identify(code, token);
    // AUTH: the questionnaire is the facilitator's to prepare and run (F1).
    if (who.participant.role !== "facilitator") throw refused("not_facilitator", "only the facilitator prepares the questionnaire", 403);
    return this.change(who, (state, now) => {
      if (body.type === "create") {
        if (state) throw refused("responses_exist", "this session already has a questionnaire");
        return createFeedback(defaultFeedbackTemplate(body.template), { now });
      }
      if (!state) throw refused(ErrorCode.noSeance, "no questionnaire yet: create one first", 404);
      let command: FeedbackCommand;
      if (body.type === "edit") {
        const checked = validateFeedbackDefinition(body.definition);
        if (!checked.ok) throw refused(ErrorCode.badRequest, `${checked.path}: ${checked.message}`, 400);
        command = { type: "edit", definition: checked.definition };
      } else command = body;
      return this.apply(state, command, who, now);
    });
  }

  async respond(code: string, token: string, body: FeedbackResponseBody): Promise<FeedbackViewResponse> {
    const who = await this.identify(code, token);
    return this.change(who, (state, now) => {
      if (!state) throw refused("not_open", "there is no questionnaire to answer yet");
      if (body.type === "withdraw") return this.apply(state, { type: "withdraw" }, who, now);
      // A first response gets a random id: quotes point at it, it says nothing of who or when.
      const existing = state.responses.find((r) => r.participantId === who.participant.id);
      return this.apply(state, { type: "submit", responseId: existing?.id ?? newId(), answers: body.answers }, who, now);
    });
  }

  /** The results as a file, for the facilitator: CSV (one row per response), Markdown or PDF. */
  async export(code: string, token: string, format: "csv" | "md" | "pdf", locale: ReportLocale): Promise<ReportFile> {
    const who = await this.identify(code, token);
    if (who.participant.role !== "facilitator") throw refused("not_facilitator", "the results are for the facilitator", 403);
    const stored = await this.deps.store.find(who.session.id, FEEDBACK_KEY);
    const state = stored ? readRow(stored.state) : null;
    if (!state) throw refused(ErrorCode.noSeance, "this session has no questionnaire", 404);
    const now = this.now();
    const day = new Date(now).toISOString().slice(0, 10);
    const base = `${locale === "fr" ? "retours" : "feedback"}-${day}-${who.session.joinCode}`;
    if (format === "csv") {
      // A BOM so that Excel reads the accents; French decimals and separators in French.
      const text = feedbackCsv(state, locale, { bom: true, decimal: locale === "fr" ? "," : "." });
      return { body: new TextEncoder().encode(text), contentType: "text/csv; charset=utf-8", fileName: `${base}.csv` };
    }
    const results = feedbackResults(state);
    const report: ReportDocument = {
      locale,
      title: inLocale(state.definition.title, locale),
      subtitle: who.session.title,
      meta: [
        { label: locale === "fr" ? "Code de la session" : "Session code", value: who.session.joinCode },
        { label: locale === "fr" ? "Réponses" : "Responses", value: String(results.respondents) },
        { label: locale === "fr" ? "Anonyme" : "Anonymous", value: state.anonymous ? (locale === "fr" ? "oui" : "yes") : locale === "fr" ? "non" : "no" },
      ],
      sections: feedbackReportSection(results, locale),
      footer: locale === "fr" ? `Document établi le ${new Date(now).toLocaleDateString("fr-FR")}. Les réponses sont restituées sans nom.` : `Made on ${new Date(now).toLocaleDateString("en-GB")}.`,
      fileBaseName: base,
    };
    if (format === "md") return { body: new TextEncoder().encode(toMarkdown(report)), contentType: "text/markdown; charset=utf-8", fileName: `${base}.md` };
    return { body: await renderPdf(report, { createdAt: new Date(now) }), contentType: "application/pdf", fileName: `${base}.pdf` };
  }

  /** The questionnaire's results as report sections (none without a questionnaire or a response). */
  async reportSections(sessionId: string, locale: ReportLocale): Promise<ReportSection[]> {
    const stored = await this.deps.store.find(sessionId, FEEDBACK_KEY);
    const state = stored ? readRow(stored.state) : null;
    if (!state || state.responses.length === 0) return [];
    return feedbackReportSection(feedbackResults(state), locale);
  }

  // ---- internals ------------------------------------------------------------------------

  private async identify(rawCode: string, token: string): Promise<Identity> {
    const code = normalizeJoinCode(rawCode);
    const who = code ? await this.deps.sessions.authenticate(code, token) : null;
    if (!who) throw new ServiceError(ErrorCode.unauthorized, "unknown token for this session", 401);
    return who;
  }

  private apply(state: FeedbackState, command: FeedbackCommand, who: Identity, now: number): FeedbackState {
    const actor: FeedbackActor = { id: who.participant.id, role: who.participant.role };
    const r = applyFeedback(state, command, actor, now);
    if (!r.ok) throw refused(r.code, r.questionId ? `${r.questionId}: ${r.message}` : r.message, FORBIDDEN.has(r.code) ? 403 : r.code === "bad_input" || r.code === "bad_answer" || r.code === "required_missing" ? 400 : 409);
    return r.state;
  }

  /** Read, decide, store at the version read, in the session's line; retried on a conflict (another process). */
  private change(who: Identity, decide: (state: FeedbackState | null, now: number) => FeedbackState): Promise<FeedbackViewResponse> {
    return this.lines.run(who.session.id, async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const stored = await this.deps.store.loadOrCreate(who.session.id, FEEDBACK_KEY, () => ({ feedback: null }));
        const next = decide(readRow(stored.state), this.now());
        const write = await this.deps.store.update(who.session.id, FEEDBACK_KEY, stored.version, { feedback: next });
        if (write.ok) return this.viewFor(who, next);
      }
      throw new ServiceError(ErrorCode.storageUnavailable, "the questionnaire is busy, try again", 503);
    });
  }

  private viewFor(who: Identity, state: FeedbackState | null): FeedbackViewResponse {
    const now = this.now();
    if (who.participant.role === "facilitator") {
      if (!state) return { role: "facilitator", prepared: false };
      return {
        role: "facilitator",
        prepared: true,
        definition: state.definition,
        anonymous: state.anonymous,
        status: state.status,
        accepting: isAcceptingAnswers(state, now),
        openedAt: state.openedAt,
        closesAt: state.closesAt,
        results: feedbackResults(state),
        stalePins: stalePins(state),
      };
    }
    const role = who.participant.role;
    // A draft is the facilitator's work in progress: nobody else sees it.
    if (!state || state.status === "draft") return { role, prepared: false };
    return { role, prepared: true, ...participantFeedbackView(state, who.participant.id, now) };
  }
}
