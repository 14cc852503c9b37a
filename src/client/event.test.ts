// The national day's browser side: the newest state wins and the countdown follows the server's
// clock; commands resolve with the server's answer (a ticket), or with "network" offline; the
// strings the screens need exist in both catalogues.
import { describe, expect, it } from "vitest";
import { EventEmitter } from "node:events";
import type { Socket } from "socket.io-client";
import type { EventStateEvent } from "../protocol/index.ts";
import { catalogues } from "../i18n/index.ts";
import { EventClient, msLeft } from "./event.ts";

function fakeSocket(connected = true) {
  const e = new EventEmitter();
  const sent: unknown[] = [];
  const socket = {
    connected,
    on: (ev: string, fn: (...a: unknown[]) => void) => e.on(ev, fn),
    off: (ev: string, fn: (...a: unknown[]) => void) => e.off(ev, fn),
    timeout: () => ({
      emit: (_ev: string, command: unknown, ack: (err: Error | null, res: unknown) => void) => {
        sent.push(command);
        ack(null, { ok: true, ticket: { roomId: "room-1", code: "ACDEFG", token: "t" } });
      },
    }),
  };
  return { socket: socket as unknown as Socket, server: e, sent };
}

const state = (version: number, serverNow: number, title = "Journée"): EventStateEvent =>
  ({ sessionId: "e1", version, serverNow, role: "participant", view: { title, stage: "plenary", me: null, room: null, message: null, timer: null, myCall: null, choice: null }, ticket: null, angles: null }) as EventStateEvent;

describe("EventClient", () => {
  it("keeps the newest version and counts down on the server's clock", () => {
    const { socket, server } = fakeSocket();
    const client = new EventClient(socket);
    const ahead = Date.now() + 60_000;
    server.emit("event:state", state(4, ahead));
    server.emit("event:state", state(3, ahead, "ancienne"));
    expect(client.state?.version).toBe(4);
    const left = msLeft(ahead + 30_000, client.serverNow())!;
    expect(left).toBeGreaterThan(29_000);
    expect(left).toBeLessThanOrEqual(30_000);
    expect(msLeft(null, 0)).toBeNull();
    expect(msLeft(1000, 5000)).toBe(0);
  });

  it("resolves a command with the server's answer, and offline with 'network'", async () => {
    const { socket, sent } = fakeSocket();
    const res = await new EventClient(socket).send({ type: "roomTicket", roomId: "room-1" });
    expect(res.ok && "ticket" in res && res.ticket?.code).toBe("ACDEFG");
    expect(sent).toEqual([{ type: "roomTicket", roomId: "room-1" }]);
    const offline = await new EventClient(fakeSocket(false).socket).send({ type: "cancelHelp" });
    expect(offline).toMatchObject({ ok: false, code: "network" });
  });

  it("both catalogues say every roster issue and every stage", () => {
    for (const cat of Object.values(catalogues)) {
      for (const code of ["missing_name", "field_too_long", "extra_fields", "bad_id", "duplicate_id", "duplicate"] as const) expect(cat.event.people.issue[code]).toBeTruthy();
      for (const stage of ["plenary", "groups", "angles"] as const) expect(cat.event.stage[stage]).toBeTruthy();
    }
  });
});
