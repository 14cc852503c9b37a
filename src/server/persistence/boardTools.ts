// Board tools (votes, anonymity, moderation queue): one JSON row per board, written only at
// the version it was read at, like séances. The state's shape belongs to src/server/boardTools.
import { newId } from "../security/tokens.ts";
import type { Prisma } from "./database.ts";

export interface StoredTools {
  sessionId: string;
  board: string;
  state: unknown;
  version: number;
}

export type ToolsWrite = { ok: true; version: number } | { ok: false; reason: "conflict" };

type JsonState = Parameters<Prisma["boardTools"]["create"]>[0]["data"]["state"];

export class BoardToolsRepository {
  constructor(private readonly prisma: Prisma) {}

  async find(sessionId: string, board: string): Promise<StoredTools | null> {
    const row = await this.prisma.boardTools.findUnique({ where: { sessionId_board: { sessionId, board } } });
    return row ? { sessionId: row.sessionId, board: row.board, state: row.state, version: row.version } : null;
  }

  /** The board's tools, created with `initial()` if absent; racing processes all read the one row. */
  async loadOrCreate(sessionId: string, board: string, initial: () => unknown): Promise<StoredTools> {
    const found = await this.find(sessionId, board);
    if (found) return found;
    await this.prisma.boardTools.createMany({
      data: [{ id: newId(), sessionId, board, state: initial() as JsonState, updatedAt: new Date() }],
      skipDuplicates: true,
    });
    const row = await this.find(sessionId, board);
    if (!row) throw new Error(`board tools of ${sessionId}/${board} not created (session deleted?)`);
    return row;
  }

  /** Stores `state` only if the row is still at `expectedVersion`; the version then grows by one. */
  async update(sessionId: string, board: string, expectedVersion: number, state: unknown): Promise<ToolsWrite> {
    const moved = await this.prisma.boardTools.updateMany({
      where: { sessionId, board, version: expectedVersion },
      data: { state: state as JsonState, version: expectedVersion + 1, updatedAt: new Date() },
    });
    return moved.count === 1 ? { ok: true, version: expectedVersion + 1 } : { ok: false, reason: "conflict" };
  }
}
