import { describe, expect, it } from "vitest";
import { newToken, hashToken } from "../security/tokens.ts";
import { roomSessionId, ticketHash, ticketToken } from "./tickets.ts";

describe("room tickets", () => {
  it("a ticket is a token's shape, the same for the same holder and room, another for another room or holder", () => {
    const mine = newToken();
    const theirs = newToken();
    const t = ticketToken(mine, "room-a");
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ticketToken(mine, "room-a")).toBe(t);
    expect(ticketToken(mine, "room-b")).not.toBe(t);
    expect(ticketToken(theirs, "room-a")).not.toBe(t);
    expect(t).not.toBe(mine);
    expect(ticketHash(mine, "room-a")).toBe(hashToken(t));
  });

  it("a room's session id is a UUID derived from the event and the room, stable across processes", () => {
    const id = roomSessionId("event-1", "room-3");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(roomSessionId("event-1", "room-3")).toBe(id);
    expect(roomSessionId("event-1", "room-4")).not.toBe(id);
    expect(roomSessionId("event-2", "room-3")).not.toBe(id);
  });
});
