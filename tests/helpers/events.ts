// National days in integration tests: an `event:state` screen on a real socket, the CSV list
// and its import over HTTP.
import { io, type Socket } from "socket.io-client";
import { Events, PROTOCOL_VERSION, type EventAck, type EventStateEvent, type RoomTicket, type SeanceStateEvent } from "../../src/protocol/index.ts";
import { waitFor, withTimeout } from "./clients.ts";

const TERRITORIES = ["Bretagne", "Normandie", "Occitanie", "Grand Est", "Hauts-de-France", "Auvergne", "Île-de-France", "Provence"];

/** Every socket opened here: the test file disconnects them after its tests. */
export const sockets: Socket[] = [];

export class EventScreen {
  states: EventStateEvent[] = [];
  constructor(readonly socket: Socket) {
    socket.on(Events.eventState, (s: EventStateEvent) => this.states.push(s));
  }
  get last(): EventStateEvent | undefined {
    return this.states[this.states.length - 1];
  }
  command(cmd: unknown): Promise<EventAck> {
    return withTimeout(new Promise<EventAck>((resolve) => this.socket.emit(Events.eventCommand, cmd, resolve)), 20_000, `ack of ${JSON.stringify(cmd).slice(0, 60)}`);
  }
  /** The participant's ticket in the latest state (null before placement). */
  get ticket(): RoomTicket | null {
    const s = this.last;
    return s?.role === "participant" ? s.ticket : null;
  }
}

export async function connect(url: string, code: string, token: string): Promise<Socket> {
  const s = io(url, { auth: { v: PROTOCOL_VERSION, code, token }, transports: ["websocket"], reconnection: false, autoConnect: false });
  sockets.push(s);
  return s;
}

export async function eventScreen(url: string, code: string, token: string): Promise<EventScreen> {
  // Listening before connecting: the first state may arrive in the same read as the connection.
  const s = await connect(url, code, token);
  const sc = new EventScreen(s);
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
    s.connect();
  });
  await waitFor(() => sc.states.length > 0, 10_000, "first event state");
  return sc;
}

/** A socket on a room's session, with its séance states. */
export async function roomSocket(url: string, ticket: RoomTicket): Promise<{ socket: Socket; seance: SeanceStateEvent[] }> {
  const s = await connect(url, ticket.code, ticket.token);
  const seance: SeanceStateEvent[] = [];
  s.on(Events.seanceState, (st: SeanceStateEvent) => seance.push(st));
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
    s.connect();
  });
  return { socket: s, seance };
}

export function seanceCommand(socket: Socket, cmd: unknown): Promise<{ ok: boolean; code?: string }> {
  return withTimeout(new Promise((resolve) => socket.emit(Events.seanceCommand, cmd, resolve)), 10_000, "séance ack");
}

export function rosterCsv(n: number): string {
  const lines = ["id;Nom;Structure;Territoire"];
  for (let k = 0; k < n; k++) lines.push(`p${String(k).padStart(3, "0")};Personne ${k};Structure ${k % 26};${TERRITORIES[k % TERRITORIES.length]}`);
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

export async function importRoster(url: string, code: string, token: string, csv: string): Promise<Response> {
  return fetch(`${url}/api/sessions/${code}/event/roster`, { method: "POST", headers: { "content-type": "text/csv; charset=utf-8", authorization: `Bearer ${token}` }, body: csv });
}

