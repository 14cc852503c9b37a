// The board tools of this process's sessions: each `tools:command` is applied through the
// domain (state.ts) and stored at the version it was read at, then published; the stored
// row is the truth (read again for every command). Per session, one line runs commands one
// at a time, so budgets and per-item limits hold whatever order concurrent votes arrive in
// (V3). A reveal writes the notes into the board first, then stores the queue (Q6).
import { SessionLines } from "../sessionLines.ts";
import { ErrorCode, MAIN_BOARD, type RefusalCode, type ToolsCommand } from "../../protocol/index.ts";
import type { PendingNote } from "../../domain/moderation/index.ts";
import type { StoredTools, ToolsWrite } from "../persistence/boardTools.ts";
import { INITIAL_TOOLS, applyTools, readToolsState, type BoardContext, type ToolsActor, type ToolsSnapshot } from "./state.ts";

export interface ToolsStore {
  find(sessionId: string, board: string): Promise<StoredTools | null>;
  loadOrCreate(sessionId: string, board: string, initial: () => unknown): Promise<StoredTools>;
  update(sessionId: string, board: string, expectedVersion: number, state: unknown): Promise<ToolsWrite>;
}

export interface ToolsRegistryOptions {
  store: ToolsStore;
  /** The board as this process holds it, read just before a vote opens. */
  withBoard<T>(sessionId: string, read: (board: BoardContext) => T): Promise<T>;
  /** Q6: writes revealed notes into the shared board (server-origin update, stored, broadcast). */
  reveal(sessionId: string, notes: PendingNote[], anonymous: boolean): Promise<void>;
  /** A5: anonymity switched on: author fields leave the shared board, focus leaves awareness. */
  anonymityOn(sessionId: string): Promise<void>;
  /** The séance's current step is anonymous (A7); false for a free board. */
  anonymousStep(sessionId: string): boolean;
  /** The séance's current step id (a poll is stamped with it); null for a free board. */
  currentStepId?(sessionId: string): string | null;
  /**
   * Called once a change is stored, one at a time per session, in order. `urgent`: the
   * facilitator's command (a crowd's dots and answers may be published a beat later, together).
   */
  published(snap: ToolsSnapshot, urgent: boolean): Promise<void>;
  now?: () => number;
  log?: (msg: string) => void;
  maxAttempts?: number;
}

export type ToolsCommandOutcome = { ok: true; changed: boolean } | { ok: false; code: RefusalCode; message: string };

/** Refusals a screen following the rules never causes: they count as strikes against the connection. */
export const CRAFTED_TOOL_REFUSALS: ReadonlySet<string> = new Set([
  ErrorCode.badRequest,
  "bad_input",
  "not_facilitator",
  "observer_cannot_vote",
  "facilitator_does_not_vote",
  "observer_cannot_write",
  "observer_cannot_answer",
  "facilitator_does_not_answer",
]);

export class BoardToolsRegistry {
  private readonly lines = new SessionLines();
  private latest = new Map<string, ToolsSnapshot>();
  private readonly now: () => number;

  constructor(private readonly opts: ToolsRegistryOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The latest snapshot this process saw, for the hot path (judging board updates). */
  cached(sessionId: string): ToolsSnapshot | undefined {
    return this.latest.get(sessionId);
  }

  /** Anonymity as it applies now: the free board's switch or the séance step's flag. */
  anonymousNow(sessionId: string, snap = this.latest.get(sessionId)): boolean {
    return (snap?.state.anonymous ?? false) || this.opts.anonymousStep(sessionId);
  }

  /** The tools as stored now, created on first use; in the session's line. */
  current(sessionId: string): Promise<ToolsSnapshot> {
    return this.inLine(sessionId, () => this.load(sessionId));
  }

  /** A changed snapshot from elsewhere (another process) is remembered if newer. */
  remember(snap: ToolsSnapshot): void {
    const known = this.latest.get(snap.sessionId);
    if (!known || known.version <= snap.version) this.latest.set(snap.sessionId, snap);
  }

  forget(sessionId: string): void {
    this.latest.delete(sessionId);
  }

  async close(): Promise<void> {
    await this.lines.settled();
  }

  async command(sessionId: string, actor: ToolsActor, command: ToolsCommand): Promise<ToolsCommandOutcome> {
    return this.inLine(sessionId, async () => {
      const attempts = this.opts.maxAttempts ?? 5;
      for (let attempt = 0; attempt < attempts; attempt++) {
        const snap = await this.load(sessionId);
        // RESOLUTION: the board is read only for what needs it (the items of a new vote).
        const outcome =
          command.type === "voteOpen" && actor.role === "facilitator"
            ? await this.opts.withBoard(sessionId, (board) => applyTools(snap.state, command, actor, this.now(), board))
            : applyTools(snap.state, command, actor, this.now(), { items: () => [] }, this.opts.currentStepId?.(sessionId) ?? null);
        if (!outcome.ok) return { ok: false, code: outcome.code as RefusalCode, message: outcome.message };
        if (!outcome.changed) return { ok: true, changed: false };
        // The board first: a reveal that reached the board but not the queue is revealed
        // again on retry under the same note ids (the same notes, not copies).
        if (outcome.revealed.length > 0) await this.opts.reveal(sessionId, outcome.revealed, this.anonymousNow(sessionId, { ...snap, state: outcome.state }));
        const write = await this.opts.store.update(sessionId, MAIN_BOARD, snap.version, outcome.state);
        if (!write.ok) continue;
        const stored: ToolsSnapshot = { ...snap, state: outcome.state, version: write.version };
        this.remember(stored);
        if (outcome.anonymityTurnedOn) await this.opts.anonymityOn(sessionId).catch((err) => this.opts.log?.(`anonymity of ${sessionId}: ${(err as Error).message}`));
        // PUBLISH
        try {
          await this.opts.published(stored, actor.role === "facilitator");
        } catch (err) {
          this.opts.log?.(`publishing the tools of ${sessionId} failed: ${(err as Error).message}`);
        }
        return { ok: true, changed: true };
      }
      return { ok: false, code: ErrorCode.storageUnavailable, message: "the board is busy, try again" };
    });
  }

  private async load(sessionId: string): Promise<ToolsSnapshot> {
    const stored = await this.opts.store.loadOrCreate(sessionId, MAIN_BOARD, () => INITIAL_TOOLS);
    const snap: ToolsSnapshot = { sessionId, board: MAIN_BOARD, state: readToolsState(stored.state), version: stored.version };
    this.remember(snap);
    return snap;
  }

  private inLine<T>(sessionId: string, job: () => Promise<T>): Promise<T> {
    return this.lines.run(sessionId, job);
  }
}
