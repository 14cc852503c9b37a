// Séances: the facilitation engine's state as JSON, one row per session, written only at the
// version it was read at. The state's shape belongs to src/domain; this file stores it.
import { newId } from "../security/tokens.ts";
import type { Prisma } from "./database.ts";

export interface StoredSeance {
  id: string;
  sessionId: string;
  templateId: string;
  /** As stored: the caller checks it is the template's state. */
  state: unknown;
  version: number;
  updatedAt: Date;
}

export type SeanceWrite = { ok: true; version: number; updatedAt: Date } | { ok: false; reason: "conflict" };

type JsonState = Parameters<Prisma["seance"]["create"]>[0]["data"]["state"];

export class SeanceRepository {
  constructor(private readonly prisma: Prisma) {}

  async find(sessionId: string): Promise<StoredSeance | null> {
    const row = await this.prisma.seance.findUnique({ where: { sessionId } });
    return row ? toSeance(row) : null;
  }

  /**
   * The session's séance, created with `initial()` if it has none. Several processes may
   * open it at once: the insert does nothing on conflict and everyone reads the one row.
   */
  async loadOrCreate(sessionId: string, templateId: string, initial: () => unknown): Promise<StoredSeance> {
    const found = await this.find(sessionId);
    if (found) return found;
    await this.prisma.seance.createMany({
      data: [{ id: newId(), sessionId, templateId, state: initial() as JsonState, updatedAt: new Date() }],
      skipDuplicates: true,
    });
    return toSeance(await this.prisma.seance.findUniqueOrThrow({ where: { sessionId } }));
  }

  /** Stores `state` only if the row is still at `expectedVersion`; the version then grows by one. */
  async update(sessionId: string, expectedVersion: number, state: unknown): Promise<SeanceWrite> {
    const updatedAt = new Date();
    const moved = await this.prisma.seance.updateMany({
      where: { sessionId, version: expectedVersion },
      data: { state: state as JsonState, version: expectedVersion + 1, updatedAt },
    });
    return moved.count === 1 ? { ok: true, version: expectedVersion + 1, updatedAt } : { ok: false, reason: "conflict" };
  }
}

function toSeance(r: { id: string; sessionId: string; templateId: string; state: unknown; version: number; updatedAt: Date }): StoredSeance {
  return { id: r.id, sessionId: r.sessionId, templateId: r.templateId, state: r.state, version: r.version, updatedAt: r.updatedAt };
}
