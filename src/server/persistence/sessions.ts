// Sessions and participants. The only place (with boards.ts) that talks to Prisma.
import { randomInt } from "node:crypto";
import { generateJoinCode } from "../../domain/joinCode.ts";
import type { Role } from "../../protocol/index.ts";
import { hashToken, newId, newToken } from "../security/tokens.ts";
import type { Prisma } from "./database.ts";

export interface SessionRow {
  id: string;
  joinCode: string;
  title: string;
  template: string;
  status: "open" | "closed";
  createdAt: Date;
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
  constructor(private readonly prisma: Prisma) {}

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

  async markSeen(participantId: string, at: Date, left: boolean): Promise<void> {
    await this.prisma.participant.update({
      where: { id: participantId },
      data: left ? { lastSeenAt: at, leftAt: at } : { lastSeenAt: at, leftAt: null },
    });
  }
}

function toSession(s: { id: string; joinCode: string; title: string; template: string; status: string; createdAt: Date }): SessionRow {
  return { id: s.id, joinCode: s.joinCode, title: s.title, template: s.template, status: s.status as SessionRow["status"], createdAt: s.createdAt };
}

function toParticipant(p: { id: string; sessionId: string; displayName: string; role: string; joinedAt: Date }): ParticipantRow {
  return { id: p.id, sessionId: p.sessionId, displayName: p.displayName, role: p.role as Role, joinedAt: p.joinedAt };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}
