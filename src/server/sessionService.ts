// What the HTTP routes do, without HTTP: create a session, join it, tell who a token is.
import type { CreateSessionRequest, CreateSessionResponse, JoinSessionResponse, Method, MeResponse, RefusalCode, SessionSummary } from "../protocol/index.ts";
import { ErrorCode, MethodSchema } from "../protocol/index.ts";
import { normalizeJoinCode } from "../domain/joinCode.ts";
import type { Identity, SessionRepository, SessionRow } from "./persistence/sessions.ts";

export class ServiceError extends Error {
  override readonly name = "ServiceError";
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Next bundles the routes with their own copy of this module, so `instanceof` fails for
 * errors thrown by the server's copy: recognise them by shape.
 */
export function isServiceError(err: unknown): err is ServiceError {
  return (
    err instanceof Error &&
    err.name === "ServiceError" &&
    typeof (err as ServiceError).code === "string" &&
    typeof (err as ServiceError).status === "number"
  );
}

export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly hooks: {
      onJoin?: (sessionId: string) => void;
      /** Once the rows are gone: disconnect the session's sockets and drop what memory holds of it. */
      onErase?: (sessionId: string) => Promise<void>;
      /** Once the session is closed: a national day closes its rooms too (idempotent: a second close runs it again). */
      onClose?: (sessionId: string, method: Method, at: Date) => Promise<void>;
      now?: () => number;
    } = {},
  ) {}

  async create(req: CreateSessionRequest, baseUrl: string, defaultFacilitatorName: string): Promise<CreateSessionResponse> {
    const { session, facilitator, facilitatorToken } = await this.sessions.create({
      title: req.title,
      facilitatorName: req.facilitatorName ?? defaultFacilitatorName,
      template: req.method ?? "board",
    });
    return {
      sessionId: session.id,
      code: session.joinCode,
      title: session.title,
      method: methodOf(session.template),
      participantId: facilitator.id,
      facilitatorToken,
      joinUrl: joinUrl(baseUrl, session.joinCode),
      // The secret travels in the fragment: browsers never send it to a server or a log.
      facilitatorUrl: `${baseUrl}/s/${session.joinCode}#cle=${facilitatorToken}`,
    };
  }

  async summary(rawCode: string): Promise<SessionSummary> {
    const session = await this.openSession(rawCode, false);
    return { code: session.joinCode, title: session.title, method: methodOf(session.template), status: session.status };
  }

  async join(rawCode: string, displayName: string): Promise<JoinSessionResponse> {
    const session = await this.openSession(rawCode, true);
    const { participant, token } = await this.sessions.addParticipant(session.id, displayName);
    this.hooks.onJoin?.(session.id);
    return {
      sessionId: session.id,
      code: session.joinCode,
      participantId: participant.id,
      token,
      displayName: participant.displayName,
      role: participant.role,
    };
  }

  async me(rawCode: string, token: string): Promise<MeResponse> {
    const code = normalizeJoinCode(rawCode);
    const identity = code ? await this.sessions.authenticate(code, token) : null;
    if (!identity) throw new ServiceError(ErrorCode.unauthorized, "unknown token for this session", 401);
    return {
      sessionId: identity.session.id,
      code: identity.session.joinCode,
      title: identity.session.title,
      method: methodOf(identity.session.template),
      participantId: identity.participant.id,
      displayName: identity.participant.displayName,
      role: identity.participant.role,
      inEvent: identity.session.eventId !== null,
    };
  }

  /**
   * The facilitator closes the session: its code admits nobody new, the people already in
   * keep their access (the end screen, the report) and the purge counts from now.
   */
  async close(rawCode: string, token: string): Promise<SessionSummary> {
    const { session } = await this.facilitator(rawCode, token);
    notAnEventRoom(session);
    const at = new Date(this.hooks.now?.() ?? Date.now());
    await this.sessions.close(session.id, at);
    await this.hooks.onClose?.(session.id, methodOf(session.template), at);
    return this.summary(session.joinCode);
  }

  /** The facilitator deletes the session and everything in it, now. */
  async remove(rawCode: string, token: string): Promise<void> {
    const { session } = await this.facilitator(rawCode, token);
    notAnEventRoom(session);
    // Rows first: from then on no token of the session authenticates, so no socket comes back.
    await this.sessions.delete(session.id);
    await this.hooks.onErase?.(session.id);
  }

  /** AUTH of the facilitator's actions: a token of this session (401), the facilitator's (403). */
  private async facilitator(rawCode: string, token: string): Promise<Identity> {
    const code = normalizeJoinCode(rawCode);
    const identity = code ? await this.sessions.authenticate(code, token) : null;
    if (!identity) throw new ServiceError(ErrorCode.unauthorized, "unknown token for this session", 401);
    if (identity.participant.role !== "facilitator") throw new ServiceError(ErrorCode.forbidden, "only the facilitator may do this", 403);
    return identity;
  }

  private async openSession(rawCode: string, mustBeOpen: boolean) {
    const code = normalizeJoinCode(rawCode);
    const session = code ? await this.sessions.findByCode(code) : null;
    if (!session) throw new ServiceError(ErrorCode.sessionNotFound, "no session with this code", 404);
    if (mustBeOpen && session.status !== "open") throw new ServiceError(ErrorCode.sessionClosed, "this session is closed", 410);
    return session;
  }
}

/** The session's `template` column as a method; a value this version does not know reads as the free board. */
export function methodOf(template: string): Method {
  const parsed = MethodSchema.safeParse(template);
  return parsed.success ? parsed.data : "board";
}

export function joinUrl(baseUrl: string, code: string): string {
  return `${baseUrl}/rejoindre/${code}`;
}

/**
 * A national day's group room is the day's: the coordination removes it from the dashboard
 * (E15) and closes it with the day. A room's facilitator (its seat) may not delete or close it
 * from inside, which would leave the day with a room that answers nobody.
 */
function notAnEventRoom(session: SessionRow): void {
  if (session.eventId !== null) throw new ServiceError("event_room", "a national day's room is removed or closed by the coordination, with the day", 409);
}
