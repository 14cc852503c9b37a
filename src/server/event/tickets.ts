// A room ticket's token is derived from its holder's event token, never stored: the same
// person gets the same token for the same room on every connection and every process, a move
// back to a room finds their earlier row (and notes) there, and the database keeps only its
// SHA-256 like any other token. Only someone holding the event token can compute it.
import { createHash, createHmac } from "node:crypto";
import { hashToken } from "../security/tokens.ts";

/** 43 base64url characters (256 bits), the shape of every participant token. */
export function ticketToken(eventToken: string, roomSessionId: string): string {
  return createHmac("sha256", eventToken).update(`marguerite/event-room-ticket/v1/${roomSessionId}`).digest("base64url");
}

export function ticketHash(eventToken: string, roomSessionId: string): string {
  return hashToken(ticketToken(eventToken, roomSessionId));
}

/**
 * A room's session id, derived from the event and the room's id (never reused, E15), so that
 * processes creating the same room agree on it without asking each other. A UUID's shape.
 */
export function roomSessionId(eventSessionId: string, roomId: string): string {
  const h = createHash("sha256").update(`marguerite/event-room/v1/${eventSessionId}/${roomId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
