// Sessions and participants. The only place (with boards.ts) that talks to Prisma.
import { randomInt } from "node:crypto";
import { generateJoinCode } from "../../domain/joinCode.ts";
import type { Role } from "../../protocol/index.ts";
import { hashToken, newId, newToken } from "../security/tokens.ts";
import type { Prisma } from "./database.ts";
import type { SqlDriver } from "./migrate.ts";

export interface SessionRow {
  id: string;
  joinCode: string;
  title: string;
  template: string;
  status: "open" | "closed";
  createdAt: Date;
  closedAt: Date | null;
  /** The group this session is one meeting of (co-development groups meet many times). */
  groupId: string | null;
  /** The national day this session is a group room of (null: a session of its own). */
  eventId: string | null;
}

export interface ParticipantRow {
  id: string;
  sessionId: string;
  displayName: string;
  role: Role;
  joinedAt: Date;
}

export interface Identity {
  session: SessionRow;
  participant: ParticipantRow;
}

export class SessionRepository {
  constructor(
    private readonly prisma: Prisma,
    /** For the purge's single statement; without it, Prisma deletes by ids. */
    private readonly driver?: SqlDriver,
  ) {}

  /** Creates a session and its facilitator; returns the facilitator's token once. */
  async create(input: { title: string; facilitatorName: string; template?: string }) {
    const facilitatorToken = newToken();
    for (let attempt = 0; ; attempt++) {
      const joinCode = generateJoinCode(randomInt);
      try {
        const session = await this.prisma.session.create({
          data: {
            id: newId(),
            joinCode,
            title: input.title,
            template: input.template ?? "board",
            participants: {
              create: { id: newId(), displayName: input.facilitatorName, role: "facilitator", tokenHash: hashToken(facilitatorToken) },
            },
          },
          include: { participants: true },
        });
        return { session: toSession(session), facilitator: toParticipant(session.participants[0]), facilitatorToken };
      } catch (err) {
        // 25^6 codes: a collision is rare; retry a few times with a new code.
        if (isUniqueViolation(err) && attempt < 5) continue;
        throw err;
      }
    }
  }

  /**
   * The group's next meeting: a new session (its own join code, board, séance and report)
   * with the previous one's title and method, in the previous one's group. A session that
   * had no group yet starts one under its own id, so two clicks at once cannot make two groups.
   */
  async createNextInGroup(previousSessionId: string, facilitatorName: string) {
    const facilitatorToken = newToken();
    for (let attempt = 0; ; attempt++) {
      const joinCode = generateJoinCode(randomInt);
      try {
        const session = await this.prisma.$transaction(async (tx) => {
          const prev = await tx.session.findUniqueOrThrow({ where: { id: previousSessionId } });
          let groupId = prev.groupId;
          if (!groupId) {
            groupId = prev.id;
            await tx.sessionGroup.upsert({ where: { id: groupId }, create: { id: groupId, title: prev.title }, update: {} });
            await tx.session.update({ where: { id: prev.id }, data: { groupId } });
          }
          return tx.session.create({
            data: {
              id: newId(),
              joinCode,
              title: prev.title,
              template: prev.template,
              groupId,
              participants: {
                create: { id: newId(), displayName: facilitatorName, role: "facilitator", tokenHash: hashToken(facilitatorToken) },
              },
            },
            include: { participants: true },
          });
        });
        return { session: toSession(session), facilitator: toParticipant(session.participants[0]), facilitatorToken };
      } catch (err) {
        if (isUniqueViolation(err) && attempt < 5) continue;
        throw err;
      }
    }
  }

  /** The meeting of the same group just before this one, or just after it. */
  async neighbourInGroup(session: SessionRow, direction: "previous" | "next"): Promise<SessionRow | null> {
    if (!session.groupId) return null;
    const before = direction === "previous";
    const row = await this.prisma.session.findFirst({
      where: {
        groupId: session.groupId,
        OR: [{ createdAt: before ? { lt: session.createdAt } : { gt: session.createdAt } }, { createdAt: session.createdAt, id: before ? { lt: session.id } : { gt: session.id } }],
      },
      orderBy: before ? [{ createdAt: "desc" }, { id: "desc" }] : [{ createdAt: "asc" }, { id: "asc" }],
    });
    return row ? toSession(row) : null;
  }

  async findByCode(joinCode: string): Promise<SessionRow | null> {
    const s = await this.prisma.session.findUnique({ where: { joinCode } });
    return s ? toSession(s) : null;
  }

  async addParticipant(sessionId: string, displayName: string, role: Role = "participant") {
    const token = newToken();
    const p = await this.prisma.participant.create({
      data: { id: newId(), sessionId, displayName, role, tokenHash: hashToken(token) },
    });
    return { participant: toParticipant(p), token };
  }

  /** The identity behind a token, only within the session of that join code. */
  async authenticate(joinCode: string, token: string): Promise<Identity | null> {
    const p = await this.prisma.participant.findUnique({ where: { tokenHash: hashToken(token) }, include: { session: true } });
    if (!p || p.session.joinCode !== joinCode) return null;
    return { session: toSession(p.session), participant: toParticipant(p) };
  }

  async listParticipants(sessionId: string): Promise<ParticipantRow[]> {
    const rows = await this.prisma.participant.findMany({ where: { sessionId }, orderBy: { joinedAt: "asc" } });
    return rows.map(toParticipant);
  }

  /** The session-level role follows the séance's role assignments (src/server/facilitation/roles.ts). */
  async setRole(participantId: string, role: Role): Promise<void> {
    await this.prisma.participant.update({ where: { id: participantId }, data: { role } });
  }

  /** Closes an open session (the code admits nobody new); the purge counts from `at`. Idempotent. */
  async close(sessionId: string, at: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id: sessionId, status: "open" }, data: { status: "closed", closedAt: at } });
  }

  /**
   * Deletes a session and everything in it: participants, séance, boards and their update
   * logs go with it (ON DELETE CASCADE), in the statement's one transaction.
   */
  async delete(sessionId: string): Promise<boolean> {
    const gone = await this.prisma.session.deleteMany({ where: { id: sessionId } });
    return gone.count === 1;
  }

  /** Deletes every session closed before `cutoff`, with everything in it; returns their ids. */
  async purgeClosedBefore(cutoff: Date): Promise<string[]> {
    if (this.driver) {
      const rows = await this.driver.query<{ id: string }>(
        `DELETE FROM "session" WHERE "status" = 'closed' AND "closed_at" < $1 RETURNING "id"`,
        [cutoff.toISOString()],
      );
      return rows.map((r) => r.id);
    }
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.session.findMany({ where: { status: "closed", closedAt: { lt: cutoff } }, select: { id: true } });
      const ids = rows.map((r) => r.id);
      await tx.session.deleteMany({ where: { id: { in: ids } } });
      return ids;
    });
  }

  async markSeen(participantId: string, at: Date, left: boolean): Promise<void> {
    await this.prisma.participant.update({
      where: { id: participantId },
      data: left ? { lastSeenAt: at, leftAt: at } : { lastSeenAt: at, leftAt: null },
    });
  }
}

function toSession(s: { id: string; joinCode: string; title: string; template: string; status: string; createdAt: Date; closedAt: Date | null; groupId?: string | null; eventId?: string | null }): SessionRow {
  return {
    id: s.id,
    joinCode: s.joinCode,
    title: s.title,
    template: s.template,
    status: s.status as SessionRow["status"],
    createdAt: s.createdAt,
    closedAt: s.closedAt,
    groupId: s.groupId ?? null,
    eventId: s.eventId ?? null,
  };
}

function toParticipant(p: { id: string; sessionId: string; displayName: string; role: string; joinedAt: Date }): ParticipantRow {
  return { id: p.id, sessionId: p.sessionId, displayName: p.displayName, role: p.role as Role, joinedAt: p.joinedAt };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}
