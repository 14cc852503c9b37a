// The quiz at the socket.io edge: `quiz:command` (auth → validation → resolution → publish)
// and each screen's own `quiz:state`. The facilitator gets the answer key; everyone else the
// participant view, which never carries it before the reveal (Z9).
import type { Server, Socket } from "socket.io";
import { ErrorCode, Events, QuizCommandSchema, type QuizStateEvent, type Role } from "../../protocol/index.ts";
import { facilitatorView, participantView, validateQuiz } from "../../domain/quiz/index.ts";
import type { ToolsStore } from "../boardTools/registry.ts";
import type { ToolsConnection } from "../boardTools/edge.ts";
import { type Ack, type ConnectionHelpers, sessionRoom } from "../sync/connection.ts";
import type { Cluster } from "../sync/cluster.ts";
import { CRAFTED_QUIZ_REFUSALS, QuizRegistry, quizActor, type QuizSnapshot } from "./registry.ts";


export interface QuizEdgeDeps {
  io: Server;
  cluster: Cluster;
  store: ToolsStore;
  /** Which of these uploaded pictures belong to the session (Z2: a quiz shows only its own session's). */
  imagesOf?: (sessionId: string, ids: readonly string[]) => Promise<ReadonlySet<string>>;
  log: (msg: string) => void;
  now?: () => number;
}

/** Answers alone are published at most this often: a crowd answering is one update a beat. */
const ANSWER_PUBLISH_MS = 150;


export class QuizEdge {
  readonly registry: QuizRegistry;
  private readonly now: () => number;
  private pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** A re-publication when the open question's time is up, so every screen shows it closed. */
  private closing = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: QuizEdgeDeps) {
    this.now = deps.now ?? Date.now;
    this.registry = new QuizRegistry({
      store: deps.store,
      now: this.now,
      log: deps.log,
      published: (snap, urgent) => {
        deps.cluster.publishActivity(snap.sessionId, "quiz", snap.version);
        this.schedule(snap.sessionId, urgent);
      },
    });
    deps.cluster.onActivity((sessionId, kind, version) => {
      if (kind !== "quiz" || (this.registry.cached(sessionId)?.version ?? -1) >= version) return;
      if (!this.hasLocalSockets(sessionId)) return;
      this.registry
        .current(sessionId)
        .then(() => this.schedule(sessionId, true))
        .catch((err) => deps.log(`quiz of ${sessionId} from another process: ${(err as Error).message}`));
    });
  }

  /** Registers `quiz:command` on a connection of a quiz session (or of a national day, whose plenary runs one) and sends it its view (late joiners land on the current question). */
  attach(socket: Socket, data: ToolsConnection, h: ConnectionHelpers): void {
    this.registry
      .current(data.sessionId)
      .then((snap) => {
        if (socket.connected) socket.emit(Events.quizState, this.view(snap, data.participantId, data.role));
      })
      .catch((err) => this.deps.log(`quiz of ${data.sessionId} not sent: ${(err as Error).message}`));

    socket.on(
      Events.quizCommand,
      h.guarded(Events.quizCommand, async (raw, maybeAck) => {
        const ack = typeof maybeAck === "function" ? (maybeAck as Ack) : undefined;
        // AUTH: the connection is authenticated; who may do what is the domain's rule (Z3, Z4),
        // checked in the resolution with the role the server holds for this connection.
        // VALIDATION
        const parsed = QuizCommandSchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return h.reject(Events.quizCommand, ErrorCode.badRequest, `command${issue.path.length ? "." + issue.path.join(".") : ""}: ${issue.message}`, ack);
        }
        // Z2: an uploaded picture is this session's (another session's id would show nothing,
        // and must not be borrowed). Paths on our site are the domain's to check.
        if (parsed.data.type === "prepare" && data.role === "facilitator" && this.deps.imagesOf) {
          const def = validateQuiz(parsed.data.quiz);
          const uploads = def.ok ? def.quiz.questions.flatMap((q, i) => (q.image && !q.image.startsWith("/") ? [{ i, id: q.image }] : [])) : [];
          if (uploads.length > 0) {
            const known = await this.deps.imagesOf(data.sessionId, [...new Set(uploads.map((u) => u.id))]);
            const missing = uploads.find((u) => !known.has(u.id));
            if (missing) return h.reject(Events.quizCommand, "image_not_found", `questions[${missing.i}].image: no such picture in this session (upload it again)`, ack);
          }
        }
        // RESOLUTION (stored before the answer), then PUBLISH (scheduled by the registry)
        const outcome = await this.registry.command(data.sessionId, quizActor(data.participantId, data.role), parsed.data);
        if (!outcome.ok) return h.reject(Events.quizCommand, outcome.code, outcome.message, ack, CRAFTED_QUIZ_REFUSALS.has(outcome.code));
        ack?.({ ok: true });
      }),
    );
  }

  forget(sessionId: string): void {
    this.registry.forget(sessionId);
    for (const timers of [this.pending, this.closing]) {
      const t = timers.get(sessionId);
      if (t) clearTimeout(t);
      timers.delete(sessionId);
    }
  }

  async close(): Promise<void> {
    await this.registry.close();
    for (const t of [...this.pending.values(), ...this.closing.values()]) clearTimeout(t);
    this.pending.clear();
    this.closing.clear();
  }

  /** One screen's view of the quiz. `presentCount`: the participants connected to this process. */
  view(snap: QuizSnapshot, viewerId: string, role: Role, presentCount: number | null = null): QuizStateEvent {
    const now = this.now();
    const base = { sessionId: snap.sessionId, version: snap.version, serverNow: now };
    if (!snap.state) return { ...base, role, prepared: false, view: null };
    if (role === "facilitator") return { ...base, role, prepared: true, view: facilitatorView(snap.state, now, presentCount) };
    // Observers see what the room sees: no answer of their own.
    return { ...base, role, prepared: true, view: participantView(snap.state, role === "observer" ? null : viewerId, now, presentCount) };
  }

  private hasLocalSockets(sessionId: string): boolean {
    return (this.deps.io.sockets.adapter.rooms.get(sessionRoom(sessionId))?.size ?? 0) > 0;
  }

  private schedule(sessionId: string, urgent: boolean): void {
    const waiting = this.pending.get(sessionId);
    if (urgent) {
      if (waiting) clearTimeout(waiting);
      this.pending.delete(sessionId);
      void this.publish(sessionId);
      return;
    }
    if (waiting) return;
    this.pending.set(
      sessionId,
      setTimeout(() => {
        this.pending.delete(sessionId);
        void this.publish(sessionId);
      }, ANSWER_PUBLISH_MS),
    );
  }

  /** Each of this process's connections of the session gets its own view. */
  private async publish(sessionId: string): Promise<void> {
    const snap = this.registry.cached(sessionId);
    if (!snap) return;
    try {
      const sockets = await this.deps.io.local.in(sessionRoom(sessionId)).fetchSockets();
      const present = sockets.filter((s) => (s.data as ToolsConnection).role === "participant").length;
      for (const s of sockets) {
        const d = s.data as ToolsConnection;
        s.emit(Events.quizState, this.view(snap, d.participantId, d.role, present));
      }
      this.armClosing(snap);
    } catch (err) {
      this.deps.log(`publishing the quiz of ${sessionId} failed: ${(err as Error).message}`);
    }
  }

  private armClosing(snap: QuizSnapshot): void {
    const state = snap.state;
    const old = this.closing.get(snap.sessionId);
    if (old) clearTimeout(old);
    this.closing.delete(snap.sessionId);
    if (!state || state.current === null) return;
    const run = state.runs.find((r) => r.questionId === state.quiz.questions[state.current!]?.id);
    if (!run || run.closesAt === null || run.closedAt !== null || run.revealedAt !== null) return;
    const wait = run.closesAt + state.graceMs + 20 - this.now();
    if (wait <= 0) return;
    const t = setTimeout(() => {
      this.closing.delete(snap.sessionId);
      void this.publish(snap.sessionId);
    }, wait);
    t.unref();
    this.closing.set(snap.sessionId, t);
  }
}
