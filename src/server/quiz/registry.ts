// The quizzes of this process's sessions. Each `quiz:command` goes through the pure domain
// (src/domain/quiz) and is stored at the version it was read at (a JSON row, like the board
// tools) before it is acknowledged; the stored row is the truth.
//
// Answers come in crowds (150 people within a few seconds of a question opening), so the
// commands of a session are applied in batches: while one write is under way the next
// commands queue, then they are all applied in arrival order and stored in one write. Each
// command still gets its own verdict; the order is the order they reached the server.
import { ErrorCode, type RefusalCode, type Role } from "../../protocol/index.ts";
import { BatchQueue } from "../batchQueue.ts";
import type { QuizWireCommand } from "../../protocol/index.ts";
import { applyQuiz, createQuiz, validateQuiz, type QuizActor, type QuizState } from "../../domain/quiz/index.ts";
import type { ToolsStore } from "../boardTools/registry.ts";

/** The quiz's row in the activities table (board_tools, keyed by a name no board can take). */
export const QUIZ_KEY = "@quiz";

export interface QuizSnapshot {
  sessionId: string;
  /** null until the facilitator prepares the quiz. */
  state: QuizState | null;
  version: number;
}

export type QuizOutcome = { ok: true; changed: boolean } | { ok: false; code: RefusalCode; message: string };

export interface QuizRegistryOptions {
  store: ToolsStore;
  /** Called once a batch is stored; `urgent`: a facilitator's command (answers can wait a little). */
  published(snap: QuizSnapshot, urgent: boolean): void;
  now?: () => number;
  log?: (msg: string) => void;
  maxAttempts?: number;
}

interface Pending {
  actor: QuizActor;
  command: QuizWireCommand;
  resolve(outcome: QuizOutcome): void;
}

/** Refusals a screen following the rules never causes: they count as strikes. */
export const CRAFTED_QUIZ_REFUSALS: ReadonlySet<string> = new Set([ErrorCode.badRequest, "bad_input", "not_facilitator", "observer_cannot_answer", "facilitator_does_not_answer"]);

export function quizActor(id: string, role: Role): QuizActor {
  return { id, role };
}

function readRow(raw: unknown): QuizState | null {
  const r = raw as { quiz?: unknown } | null;
  return r && typeof r === "object" && r.quiz && typeof r.quiz === "object" ? (r.quiz as QuizState) : null;
}

export class QuizRegistry {
  private latest = new Map<string, QuizSnapshot>();
  private readonly batches = new BatchQueue<Pending>(
    (sessionId, batch) => this.applyBatch(sessionId, batch),
    (sessionId, batch, err) => {
      this.opts.log?.(`quiz of ${sessionId}: ${err.message}`);
      for (const p of batch) p.resolve({ ok: false, code: ErrorCode.storageUnavailable, message: "the quiz could not be saved, try again" });
    },
  );
  private readonly now: () => number;

  constructor(private readonly opts: QuizRegistryOptions) {
    this.now = opts.now ?? Date.now;
  }

  cached(sessionId: string): QuizSnapshot | undefined {
    return this.latest.get(sessionId);
  }

  /** The quiz as stored now (read again: another process may have changed it). */
  async current(sessionId: string): Promise<QuizSnapshot> {
    const stored = await this.opts.store.loadOrCreate(sessionId, QUIZ_KEY, () => ({ quiz: null }));
    const snap = { sessionId, state: readRow(stored.state), version: stored.version };
    const known = this.latest.get(sessionId);
    if (!known || known.version <= snap.version) this.latest.set(sessionId, snap);
    return this.latest.get(sessionId)!;
  }

  forget(sessionId: string): void {
    this.latest.delete(sessionId);
  }

  command(sessionId: string, actor: QuizActor, command: QuizWireCommand): Promise<QuizOutcome> {
    return new Promise((resolve) => {
      this.batches.push(sessionId, { actor, command, resolve });
    });
  }

  /** Waits for the batches under way (shutdown). */
  close(): Promise<void> {
    return this.batches.close();
  }

  private async applyBatch(sessionId: string, batch: Pending[]): Promise<void> {
    const attempts = this.opts.maxAttempts ?? 5;
    for (let attempt = 0; attempt < attempts; attempt++) {
      // The cached snapshot is the stored one unless another process wrote since: then the
      // conditional write fails and we read again.
      const snap = attempt === 0 && this.latest.has(sessionId) ? this.latest.get(sessionId)! : await this.current(sessionId);
      const at = this.now();
      let state = snap.state;
      let changed = false;
      let urgent = false;
      const outcomes: QuizOutcome[] = [];
      for (const p of batch) {
        const r = this.applyOne(state, p, at);
        outcomes.push(r.outcome);
        if (r.outcome.ok && r.outcome.changed) {
          state = r.state;
          changed = true;
          if (p.command.type !== "answer" && p.command.type !== "joinTeam") urgent = true;
        }
      }
      if (!changed) {
        batch.forEach((p, i) => p.resolve(outcomes[i]));
        return;
      }
      const write = await this.opts.store.update(sessionId, QUIZ_KEY, snap.version, { quiz: state });
      if (!write.ok) {
        this.latest.delete(sessionId);
        continue;
      }
      const stored: QuizSnapshot = { sessionId, state, version: write.version };
      this.latest.set(sessionId, stored);
      batch.forEach((p, i) => p.resolve(outcomes[i]));
      try {
        this.opts.published(stored, urgent);
      } catch (err) {
        this.opts.log?.(`publishing the quiz of ${sessionId} failed: ${(err as Error).message}`);
      }
      return;
    }
    for (const p of batch) p.resolve({ ok: false, code: ErrorCode.storageUnavailable, message: "the quiz is busy, try again" });
  }

  /** AUTH and RESOLUTION of one command against the state so far in the batch. */
  private applyOne(state: QuizState | null, p: Pending, now: number): { outcome: QuizOutcome; state: QuizState | null } {
    const { command, actor } = p;
    if (command.type === "prepare") {
      if (actor.role !== "facilitator") return { outcome: { ok: false, code: "not_facilitator", message: "only the facilitator prepares the quiz" }, state };
      if (state && state.status !== "lobby") return { outcome: { ok: false, code: "already_started" as RefusalCode, message: "the quiz has started: it can no longer be changed" }, state };
      const checked = validateQuiz(command.quiz);
      if (!checked.ok) return { outcome: { ok: false, code: checked.code as RefusalCode, message: `${checked.path}: ${checked.message}` }, state };
      return { outcome: { ok: true, changed: true }, state: createQuiz(checked.quiz, { now }) };
    }
    if (!state) return { outcome: { ok: false, code: "not_prepared" as RefusalCode, message: "the quiz is not prepared yet" }, state };
    const r = applyQuiz(state, command, actor, now);
    if (!r.ok) return { outcome: { ok: false, code: r.code as RefusalCode, message: r.message }, state };
    return { outcome: { ok: true, changed: r.state !== state }, state: r.state };
  }
}
