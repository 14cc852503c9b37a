// Board documents: a compacted Yjs state plus an append-only log of updates since.
import * as Y from "yjs";
import { newId } from "../security/tokens.ts";
import type { Prisma } from "./database.ts";
import type { SqlDriver } from "./migrate.ts";

export interface StoredBoard {
  boardId: string;
  sessionId: string;
  name: string;
  /** Snapshot first, then the log in order: apply all of them to rebuild the document. */
  chunks: Uint8Array[];
  logLength: number;
}

export interface UpdateRow {
  boardId: string;
  data: Uint8Array;
  participantId: string | null;
}

const EMPTY_STATE = bytes(Y.encodeStateAsUpdate(new Y.Doc()));

/** Prisma's Bytes wants a Uint8Array over a plain ArrayBuffer. */
function bytes(u: Uint8Array): Uint8Array<ArrayBuffer> {
  return u.buffer instanceof ArrayBuffer ? (u as Uint8Array<ArrayBuffer>) : new Uint8Array(u);
}

export class BoardRepository {
  /**
   * `driver`, when given, carries the hot path (append): one parameterised INSERT straight
   * to the driver costs about a quarter of Prisma's createMany on the event loop (measured
   * with PGlite: p50 0.25 ms against 1.0-1.3 ms, p99 1.7 ms against 3.6-11 ms).
   */
  constructor(
    private readonly prisma: Prisma,
    private readonly driver?: SqlDriver,
  ) {}

  async loadOrCreate(sessionId: string, name: string): Promise<StoredBoard> {
    let board = await this.prisma.boardDocument.findUnique({ where: { sessionId_name: { sessionId, name } } });
    if (!board) {
      board = await this.prisma.boardDocument.upsert({
        where: { sessionId_name: { sessionId, name } },
        create: { id: newId(), sessionId, name, state: EMPTY_STATE },
        update: {},
      });
    }
    const log = await this.prisma.boardUpdate.findMany({
      where: { boardId: board.id, seq: { gt: board.compactedSeq } },
      orderBy: { seq: "asc" },
      select: { data: true },
    });
    return {
      boardId: board.id,
      sessionId,
      name,
      chunks: [board.state, ...log.map((r) => r.data)],
      logLength: log.length,
    };
  }

  /** One INSERT for a whole batch, whatever the number of boards in it. */
  async append(rows: UpdateRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.driver) {
      const values = rows.map((_, k) => `($${3 * k + 1}, $${3 * k + 2}, $${3 * k + 3})`).join(", ");
      await this.driver.query(
        `INSERT INTO "board_update" ("board_id", "data", "participant_id") VALUES ${values}`,
        rows.flatMap((r) => [r.boardId, r.data, r.participantId]),
      );
      return;
    }
    await this.prisma.boardUpdate.createMany({
      data: rows.map((r) => ({ boardId: r.boardId, data: bytes(r.data), participantId: r.participantId })),
    });
  }

  /**
   * Folds the log into the snapshot through a Y.Doc (Y.mergeUpdates grows super-linearly).
   * Built from what is stored, not from memory, so that several processes may compact the
   * same board: the conditional update makes the snapshot only ever move forward.
   */
  async compact(boardId: string): Promise<{ folded: number; bytes: number }> {
    return this.prisma.$transaction(async (tx) => {
      const board = await tx.boardDocument.findUnique({ where: { id: boardId } });
      if (!board) return { folded: 0, bytes: 0 };
      const log = await tx.boardUpdate.findMany({
        where: { boardId, seq: { gt: board.compactedSeq } },
        orderBy: { seq: "asc" },
        select: { seq: true, data: true },
      });
      if (log.length === 0) return { folded: 0, bytes: board.state.length };
      const doc = new Y.Doc();
      Y.applyUpdate(doc, board.state);
      for (const row of log) Y.applyUpdate(doc, row.data);
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      const upTo = log[log.length - 1].seq;
      const moved = await tx.boardDocument.updateMany({
        where: { id: boardId, compactedSeq: board.compactedSeq },
        data: { state: bytes(state), compactedSeq: upTo },
      });
      if (moved.count === 0) return { folded: 0, bytes: board.state.length };
      await tx.boardUpdate.deleteMany({ where: { boardId, seq: { lte: upTo } } });
      return { folded: log.length, bytes: state.length };
    });
  }

  async logLength(boardId: string): Promise<number> {
    const board = await this.prisma.boardDocument.findUnique({ where: { id: boardId }, select: { compactedSeq: true } });
    if (!board) return 0;
    return this.prisma.boardUpdate.count({ where: { boardId, seq: { gt: board.compactedSeq } } });
  }
}
