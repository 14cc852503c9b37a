// A national day's rows (issue 5): its group rooms are sessions whose `event_id` is the
// event's session, and the people the event sends into a room are participant rows of that
// room, found by the hash of their ticket token (src/server/event/tickets.ts). Like every
// participant, a room row stores only its token's SHA-256.
import { randomInt } from "node:crypto";
import { generateJoinCode } from "../../domain/joinCode.ts";
import type { Role } from "../../protocol/index.ts";
import { hashToken, newId, newToken } from "../security/tokens.ts";
import type { Prisma } from "./database.ts";

export interface RoomSessionRow {
  id: string;
  joinCode: string;
  template: string;
}

export interface RoomSessionSpec {
  sessionId: string;
  title: string;
  template: string;
}

export interface MemberSpec {
  sessionId: string;
  tokenHash: string;
  displayName: string;
  role: Role;
}

export interface RoomSeanceRow {
  sessionId: string;
  state: unknown;
}

const NAME_MAX = 60;
const shortName = (name: string) => [...name].slice(0, NAME_MAX).join("") || "Participant·e";

export class EventRepository {
  constructor(private readonly prisma: Prisma) {}

  /** The event session's coordinator: its facilitator row (the creator). */
  async coordinatorOf(eventSessionId: string): Promise<{ id: string; displayName: string } | null> {
    return this.prisma.participant.findFirst({
      where: { sessionId: eventSessionId, role: "facilitator" },
      orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
      select: { id: true, displayName: true },
    });
  }

  async titleOf(sessionId: string): Promise<string | null> {
    return (await this.prisma.session.findUnique({ where: { id: sessionId }, select: { title: true } }))?.title ?? null;
  }

  async roomSessions(eventSessionId: string): Promise<RoomSessionRow[]> {
    return this.prisma.session.findMany({ where: { eventId: eventSessionId }, select: { id: true, joinCode: true, template: true } });
  }

  /**
   * Creates the rooms' sessions that do not exist yet, each with its seat (the facilitator row
   * its séance will name, keyed by `seatHash`). Ids are the caller's (derived from the event
   * and the room), so two processes creating the same room create it once.
   */
  async ensureRoomSessions(eventSessionId: string, rooms: readonly RoomSessionSpec[], seat: { tokenHash: (sessionId: string) => string; displayName: string }): Promise<RoomSessionRow[]> {
    if (rooms.length === 0) return [];
    const existing = await this.prisma.session.findMany({ where: { id: { in: rooms.map((r) => r.sessionId) } }, select: { id: true, joinCode: true, template: true } });
    const have = new Set(existing.map((r) => r.id));
    for (const room of rooms) {
      if (have.has(room.sessionId)) continue;
      for (let attempt = 0; ; attempt++) {
        try {
          await this.prisma.session.create({
            data: {
              id: room.sessionId,
              joinCode: generateJoinCode(randomInt),
              title: room.title,
              template: room.template,
              eventId: eventSessionId,
              participants: { create: { id: newId(), displayName: shortName(seat.displayName), role: "facilitator", tokenHash: seat.tokenHash(room.sessionId) } },
            },
          });
          break;
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= 5) throw err;
          // Another process created it first, or the join code was taken: look, then retry.
          if (await this.prisma.session.findUnique({ where: { id: room.sessionId }, select: { id: true } })) break;
        }
      }
    }
    return this.prisma.session.findMany({ where: { id: { in: rooms.map((r) => r.sessionId) } }, select: { id: true, joinCode: true, template: true } });
  }

  /** A room's new template, as long as its séance has not been opened (a séance keeps its template). */
  async setRoomTemplate(sessionId: string, template: string): Promise<boolean> {
    const seance = await this.prisma.seance.findUnique({ where: { sessionId }, select: { id: true } });
    if (seance) return false;
    await this.prisma.session.updateMany({ where: { id: sessionId }, data: { template } });
    return true;
  }

  /** Closes the event's rooms as a session is closed: their codes admit nobody new, the purge counts from `at`. */
  async closeRooms(eventSessionId: string, at: Date): Promise<number> {
    return (await this.prisma.session.updateMany({ where: { eventId: eventSessionId, status: "open" }, data: { status: "closed", closedAt: at } })).count;
  }

  /** Deletes one room of the event, everything in it with it (ON DELETE CASCADE), as deleting the event does. */
  async deleteRoom(eventSessionId: string, sessionId: string): Promise<boolean> {
    return (await this.prisma.session.deleteMany({ where: { id: sessionId, eventId: eventSessionId } })).count > 0;
  }

  async renameRoom(sessionId: string, title: string): Promise<void> {
    await this.prisma.session.updateMany({ where: { id: sessionId }, data: { title } });
  }

  /**
   * The rows behind these ticket hashes, created where missing (one query to find, one to
   * create, one to read back). A row found keeps its role: the seat stays the facilitator.
   */
  async ensureMembers(specs: readonly MemberSpec[]): Promise<Map<string, { id: string; sessionId: string; role: Role }>> {
    const out = new Map<string, { id: string; sessionId: string; role: Role }>();
    if (specs.length === 0) return out;
    const hashes = [...new Set(specs.map((s) => s.tokenHash))];
    const read = async () => {
      const rows = await this.prisma.participant.findMany({ where: { tokenHash: { in: hashes } }, select: { id: true, sessionId: true, role: true, tokenHash: true } });
      for (const r of rows) out.set(r.tokenHash, { id: r.id, sessionId: r.sessionId, role: r.role as Role });
    };
    await read();
    const missing = specs.filter((s) => !out.has(s.tokenHash));
    if (missing.length === 0) return out;
    const seen = new Set<string>();
    const data = missing.flatMap((s) => {
      if (seen.has(s.tokenHash)) return [];
      seen.add(s.tokenHash);
      return [{ id: newId(), sessionId: s.sessionId, displayName: shortName(s.displayName), role: s.role, tokenHash: s.tokenHash }];
    });
    await this.prisma.participant.createMany({ data, skipDuplicates: true });
    await read();
    return out;
  }

  /** Each room's seat (the facilitator row its séance names, M11), by room session id. */
  async seatsOf(sessionIds: readonly string[]): Promise<Map<string, { id: string; tokenHash: string }>> {
    const out = new Map<string, { id: string; tokenHash: string }>();
    if (sessionIds.length === 0) return out;
    const rows = await this.prisma.participant.findMany({
      where: { sessionId: { in: [...new Set(sessionIds)] }, role: "facilitator" },
      orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
      select: { id: true, sessionId: true, tokenHash: true },
    });
    for (const r of rows) if (!out.has(r.sessionId)) out.set(r.sessionId, { id: r.id, tokenHash: r.tokenHash });
    return out;
  }

  /**
   * Hands the room's seat to the holder of `tokenHash`: the seat row is keyed by their ticket
   * from now on. A participant row they had in the room is retired (its token can no longer be
   * computed by anyone), so one ticket means one row. The previous holder keeps their open
   * connection until it ends.
   *
   * Only if the event as stored now says so (`holder`: the room's first named facilitator, null
   * for the coordination), read under a share lock so that no change to the event commits in
   * between: a process that has not yet read the latest list cannot hand the seat back to
   * someone the list no longer names. Null when it does not (or the room has no seat).
   */
  async moveSeat(sessionId: string, tokenHash: string, displayName: string, guard: { eventSessionId: string; eventKey: string; roomId: string; holder: string | null }): Promise<string | null> {
    return this.prisma.$transaction(async (tx) => {
      const stored = await tx.$queryRaw<{ rooms: unknown }[]>`SELECT "state"->'event'->'rooms' AS "rooms" FROM "board_tools" WHERE "session_id" = ${guard.eventSessionId} AND "board" = ${guard.eventKey} FOR SHARE`;
      const rooms = Array.isArray(stored[0]?.rooms) ? (stored[0].rooms as { id?: unknown; facilitators?: { participantId?: unknown }[] }[]) : [];
      const room = rooms.find((r) => r?.id === guard.roomId);
      const holder = room && Array.isArray(room.facilitators) && typeof room.facilitators[0]?.participantId === "string" ? room.facilitators[0].participantId : null;
      if (!room || holder !== guard.holder) return null;
      const seat = await tx.participant.findFirst({ where: { sessionId, role: "facilitator" }, orderBy: [{ joinedAt: "asc" }, { id: "asc" }] });
      if (!seat) return null;
      if (seat.tokenHash === tokenHash) return seat.id;
      await tx.participant.updateMany({ where: { tokenHash, id: { not: seat.id } }, data: { tokenHash: hashToken(newToken()) } });
      await tx.participant.update({ where: { id: seat.id }, data: { tokenHash, displayName: shortName(displayName) } });
      return seat.id;
    });
  }

  /** People connected to each room now: rows seen and not left (every process writes them). */
  async presentCounts(sessionIds: readonly string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await this.prisma.participant.groupBy({
      by: ["sessionId"],
      where: { sessionId: { in: [...sessionIds] }, lastSeenAt: { not: null }, leftAt: null },
      _count: { _all: true },
    });
    return new Map(rows.map((r) => [r.sessionId, r._count._all]));
  }

  /** The stored séances of these rooms (read only: a room's séance is created by its own session). */
  async roomSeances(sessionIds: readonly string[]): Promise<RoomSeanceRow[]> {
    if (sessionIds.length === 0) return [];
    return this.prisma.seance.findMany({ where: { sessionId: { in: [...sessionIds] } }, select: { sessionId: true, state: true } });
  }
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}
