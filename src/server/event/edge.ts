// A national day at the socket.io edge (docs/protocol.md §10): `event:command` (auth →
// validation → resolution → publish) and each screen's own `event:state`.
//
// Design, as the code found it:
// - An event is a session of method "event"; its facilitator row (the creator) is the
//   coordination (E14). Each group room is a session of its own whose `event_id` is the
//   event's: its join code, board, séance and report work as for any session, and deleting
//   the event deletes them (ON DELETE CASCADE). A room's session id is derived from the event
//   and the room (tickets.ts), so every process agrees on it without a mapping to store.
// - A placed person gets, on their own sockets only, a ticket: the room's code and a token of
//   a participant row of that room. The token is derived from their event token (tickets.ts):
//   nothing secret is stored, and a move back to a room finds the same row.
// - A séance has one facilitator, fixed when it is created (M11): the room session's first
//   row, its "seat". The seat's token is first the coordination's; the room's first named
//   facilitator takes it over when their ticket is made (co-facilitators join as participants),
//   and the coordination takes it back when the room has none. Who holds it is read from the
//   database, never remembered: another process may have handed it on, and it is handed on only
//   if the event as stored names that holder (EventRepository.moveSeat).
// - advanceAll (E22) runs `start`/`next` in each room's séance with the seat's authority,
//   through the facilitation engine like any facilitator's command.
import type { Server, Socket } from "socket.io";
import {
  ErrorCode,
  EventCommandSchema,
  Events,
  type AdvancedRoom,
  type EventAck,
  type EventStateEvent,
  type EventWireCommand,
  type RefusalCode,
  type Role,
  type RoomDashboard,
  type RoomTemplateId,
  type RoomTicket,
} from "../../protocol/index.ts";
import {
  IC_COLLECTION,
  IC_TEMPLATE_ID,
  createEvent,
  eventBalance,
  plenaryWall,
  mayReadWall,
  facilitatorView,
  participantView,
  personOf,
  roleOf,
  roomOfPerson,
  roomProgress,
  type EventFacts,
  type EventRoom,
  type EventState,
  type GroupAnswer,
  type RoomCommand,
  type RoomProgress,
  type WallEntry,
} from "../../domain/event/index.ts";
import type { SeanceState } from "../../domain/facilitation/index.ts";
import type { ToolsStore } from "../boardTools/registry.ts";
import { type ConnectionHelpers, sessionRoom } from "../sync/connection.ts";
import type { Cluster } from "../sync/cluster.ts";
import type { RoomRegistry } from "../sync/registry.ts";
import type { SeanceRegistry } from "../facilitation/registry.ts";
import type { EventRepository, RoomSessionRow } from "../persistence/events.ts";
import { methodOf } from "../sessionService.ts";
import { CRAFTED_EVENT_REFUSALS, EVENT_KEY, EventRegistry, type EventSnapshot } from "./registry.ts";
import { refusal } from "./messages.ts";
import { roomSessionId, ticketHash, ticketToken } from "./tickets.ts";
import { angleRoomId, participantAnglesView } from "./angles.ts";
import { regroupByAngle, type PooledPerception } from "../../domain/angles/index.ts";
import { MAIN_BOARD } from "../../protocol/index.ts";
import { encodeUpdate } from "../sync/messages.ts";
import type { UpdateWriter } from "../sync/writer.ts";
import * as Y from "yjs";

/** What the edge needs to know of a connection (a subset of SocketData). */
export interface EventConnection {
  sessionId: string;
  participantId: string;
  displayName: string;
  role: Role;
}

export interface EventEdgeDeps {
  io: Server;
  cluster: Cluster;
  store: ToolsStore;
  events: EventRepository;
  seances: SeanceRegistry;
  /** The boards this process holds: the dashboard's note counts, the regroup's notes. */
  rooms?: RoomRegistry;
  /** A board as stored (or held), for the note count of a room this process does not hold (its people on another process, or gone). */
  readBoard?: (sessionId: string) => Promise<{ doc: Y.Doc; release: () => void }>;
  /** Stores the regroup's server-origin board updates. */
  writer?: UpdateWriter;
  /** A removed room's session is deleted: its connections (every process) closed, what memory holds of it dropped. */
  eraseRoom?: (sessionId: string) => Promise<void>;
  log: (msg: string) => void;
  now?: () => number;
}

/** The cluster activity saying an event's rooms or seats changed (the event's own row did not). */
const ROOMS_ACTIVITY = "event-rooms";
/** A crowd's commands (joins, choices, calls) are published together, at most this often. */
const CROWD_PUBLISH_MS = 150;
/** The coordination's dashboard follows the rooms (people arriving, séances moving) this often. */
const DASHBOARD_REFRESH_MS = 2_000;
/** A room held elsewhere (or by nobody) has its notes counted from storage at most this often. */
const STORED_COUNT_MS = 10_000;
const TITLE_MAX = 120;

type AnySocket = Pick<Socket, "id" | "data" | "handshake" | "emit">;

interface TicketNeed {
  roomSid: string;
  roomId: string;
  roomName: string;
  token: string;
  name: string;
  seat: boolean;
  /** For a seat: the holder the event names (the room's first facilitator; null: the coordination). */
  holder: string | null;
}

export class EventEdge {
  readonly registry: EventRegistry;
  private readonly now: () => number;
  private pending = new Map<string, ReturnType<typeof setTimeout>>();
  private publishing = new Map<string, Promise<void>>();
  private again = new Set<string>();
  /** Per event: its rooms' sessions, by room session id. */
  private roomRows = new Map<string, Map<string, RoomSessionRow>>();
  /** A room session's event, to follow its séance on the dashboard. */
  private parentOf = new Map<string, string>();
  /**
   * Ticket rows this process has made sure exist, by token hash. Only a seat's move changes a
   * row's hash, so an entry is checked against the room's seat as stored before it is used.
   */
  private members = new Map<string, { id: string; role: Role }>();
  /** What each socket was last sent (without version and clock), so an unchanged view is not sent again. */
  private lastSent = new Map<string, string>();
  private refreshers = new Map<string, ReturnType<typeof setInterval>>();
  /** Note counts of rooms this process does not hold, read from storage in the background, by room session id. */
  private storedCounts = new Map<string, { count: number | null; at: number; reading: boolean }>();
  private closed = false;

  constructor(private readonly deps: EventEdgeDeps) {
    this.now = deps.now ?? Date.now;
    this.registry = new EventRegistry({
      store: deps.store,
      now: this.now,
      log: deps.log,
      initial: async (sessionId) => {
        const [coordinator, title] = await Promise.all([deps.events.coordinatorOf(sessionId), deps.events.titleOf(sessionId)]);
        if (!coordinator) throw new Error(`event ${sessionId} has no coordinator`);
        return createEvent({ title: title ?? "", coordinatorIds: [coordinator.id], plenaryTemplateId: "board", now: this.now() });
      },
      published: (snap, urgent) => {
        deps.cluster.publishActivity(snap.sessionId, "event", snap.version);
        this.schedule(snap.sessionId, urgent);
      },
    });
    // Another process stored a change: read it again and send this process's screens their views.
    deps.cluster.onActivity((sessionId, kind, version) => {
      if (kind === ROOMS_ACTIVITY) {
        // Rooms created or a seat handed on elsewhere: this process's tickets are made again.
        if (!this.hasLocalSockets(sessionId)) return;
        this.roomRows.delete(sessionId);
        this.registry
          .current(sessionId)
          .then(() => this.schedule(sessionId, true))
          .catch((err) => deps.log(`rooms of ${sessionId} from another process: ${(err as Error).message}`));
        return;
      }
      if (kind !== "event" || (this.registry.cached(sessionId)?.version ?? -1) >= version) return;
      if (!this.hasLocalSockets(sessionId)) return;
      this.registry
        .current(sessionId)
        .then(() => this.schedule(sessionId, true))
        .catch((err) => deps.log(`event ${sessionId} from another process: ${(err as Error).message}`));
    });
  }

  /** Registers `event:command` on a connection of an event session and sends it its view. */
  attach(socket: Socket, data: EventConnection, h: ConnectionHelpers): void {
    const token = String((socket.handshake.auth as { token?: unknown }).token ?? "");
    this.registry
      .current(data.sessionId)
      .then(async (snap) => {
        if (roleOf(snap.state, data.participantId) === "coordinator") {
          this.watchDashboard(data.sessionId);
          // Rooms whose session a crash left uncreated are created now (the seat needs this token).
          await this.syncRooms(snap, token, data.displayName).catch((err) => this.deps.log(`rooms of ${data.sessionId}: ${(err as Error).message}`));
        }
        if (socket.connected) await this.sendTo([socket], snap, true);
      })
      .catch((err) => this.deps.log(`event ${data.sessionId} not sent: ${(err as Error).message}`));
    socket.on("disconnect", () => this.lastSent.delete(socket.id));

    socket.on(
      Events.eventCommand,
      h.guarded(Events.eventCommand, async (raw, maybeAck) => {
        const ack = typeof maybeAck === "function" ? (maybeAck as (res: EventAck) => void) : undefined;
        const reject = (code: string, message: string) => h.reject(Events.eventCommand, code as RefusalCode, message, ack as never, CRAFTED_EVENT_REFUSALS.has(code));
        // AUTH: the connection is authenticated; who may do what is the domain's rule (E14),
        // checked in the resolution with the participant id the server holds for it.
        // VALIDATION
        const parsed = EventCommandSchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return reject(ErrorCode.badRequest, `command${issue.path.length ? "." + issue.path.join(".") : ""}: ${issue.message}`);
        }
        const command = parsed.data;
        // RESOLUTION (stored before the answer), then PUBLISH (scheduled by the registry)
        if (command.type === "plenaryWall") {
          const snap = await this.registry.current(data.sessionId);
          // AUTH: I6, the coordination's at any time, everyone's who joined during the plenary
          const may = mayReadWall(snap.state, data.participantId);
          if (!may.ok) return reject(may.code, refusal(may.code, may.code === "not_joined" ? "say who you are first" : "the wall is shown during the plenary"));
          return ack?.({ ok: true, wall: await this.plenaryWallOf(snap) });
        }
        if (command.type === "roomTicket") {
          const snap = await this.registry.current(data.sessionId);
          if (roleOf(snap.state, data.participantId) !== "coordinator") return reject("not_coordinator", refusal("not_coordinator", "only the coordination does this"));
          const room = snap.state.rooms.find((r) => r.id === command.roomId);
          // After the regroup the angles' rooms too (their seat is the coordination's): to open their dot votes.
          const angle = room ? undefined : snap.angles.regroupedAt !== null ? snap.angles.setup?.angles.find((a) => angleRoomId(a.id) === command.roomId) : undefined;
          if (!room && !angle) return reject("unknown_room", refusal("unknown_room", "no such room"));
          const ticket = room ? await this.coordinatorTicket(snap, room, token, data.displayName) : await this.angleRoomTicket(snap, angle!, token, data.displayName);
          if (!ticket) return reject("room_not_ready", refusal("room_not_ready", "the room is being created"));
          return ack?.({ ok: true, ticket });
        }
        let facts: EventFacts = {};
        if (command.type === "advanceAll") facts = await this.roomFacts(await this.registry.current(data.sessionId));
        const outcome = await this.registry.command(data.sessionId, data.participantId, command, facts);
        if (!outcome.ok) return reject(outcome.code, outcome.message);
        if (command.type === "removeRoom") await this.dropRoom(data.sessionId, command.roomId);
        if (command.type === "addRooms" || command.type === "configureRoom") {
          const snap = this.registry.cached(data.sessionId);
          if (snap) {
            await this.syncRooms(snap, token, data.displayName, command);
            this.announceRooms(snap);
          }
          this.schedule(data.sessionId, true);
        }
        // Back to the angles' rooms after a regroup: what was written meanwhile is put there too.
        if (command.type === "regroup" || (command.type === "setStage" && command.stage === "angles")) {
          const snap = this.registry.cached(data.sessionId) ?? (await this.registry.current(data.sessionId));
          if (snap.angles.regroupedAt !== null) {
            await this.openAngleRooms(snap, token, data.displayName);
            // The other processes' listeners are sent there too, now that the rooms exist.
            this.announceRooms(snap);
          }
          this.schedule(data.sessionId, true);
        }
        if (command.type === "perceive" && outcome.perceptionId) {
          void this.writeLivePerception(data.sessionId, outcome.perceptionId).catch((err) => this.deps.log(`perception of ${data.sessionId}: ${(err as Error).message}`));
        }
        if (command.type === "advanceAll") {
          const snap = this.registry.cached(data.sessionId) ?? (await this.registry.current(data.sessionId));
          const rooms = await Promise.all(outcome.roomCommands.map((rc) => this.runInRoom(snap, rc)));
          this.refreshDashboard(data.sessionId);
          return ack?.({ ok: true, notices: [...outcome.notices], rooms });
        }
        ack?.({ ok: true, notices: [...outcome.notices] });
      }),
    );
  }

  /**
   * The event's session was closed (POST …/close): its rooms are closed like any session (their
   * codes admit nobody new; those already in keep their access), then the event itself, which
   * from then on refuses every command; every screen, on every process, is told (`closedAt`).
   */
  async closeEvent(sessionId: string, at: Date): Promise<void> {
    await this.deps.events.closeRooms(sessionId, at);
    await this.registry.closeEvent(sessionId);
  }

  /** A room's séance changed (this process stored it): the coordination's dashboard follows. */
  roomChanged(roomSessionId: string): void {
    const eventId = this.parentOf.get(roomSessionId);
    if (eventId) this.refreshDashboard(eventId);
  }

  /** The room sessions of an event this process knows of (to forget them with it). */
  knownRooms(eventSessionId: string): string[] {
    return [...(this.roomRows.get(eventSessionId)?.keys() ?? [])];
  }

  forget(sessionId: string): void {
    this.registry.forget(sessionId);
    const t = this.pending.get(sessionId);
    if (t) clearTimeout(t);
    this.pending.delete(sessionId);
    const r = this.refreshers.get(sessionId);
    if (r) clearInterval(r);
    this.refreshers.delete(sessionId);
    for (const sid of this.knownRooms(sessionId)) {
      this.parentOf.delete(sid);
      this.storedCounts.delete(sid);
    }
    this.roomRows.delete(sessionId);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.registry.close();
    for (const t of this.pending.values()) clearTimeout(t);
    for (const t of this.refreshers.values()) clearInterval(t);
    this.pending.clear();
    this.refreshers.clear();
    await Promise.allSettled([...this.publishing.values()]);
  }

  // ---- rooms -----------------------------------------------------------------------------

  /** Creates the sessions of rooms that have none yet; keeps renamed titles and new templates in step. */
  private async syncRooms(snap: EventSnapshot, coordinatorToken: string, coordinatorName: string, command?: EventWireCommand): Promise<void> {
    const state = snap.state;
    if (state.rooms.length === 0) return;
    const specs = state.rooms.map((r) => ({ sessionId: roomSessionId(snap.sessionId, r.id), title: roomTitle(state, r), template: r.templateId }));
    const rows = await this.deps.events.ensureRoomSessions(snap.sessionId, specs, { tokenHash: (sid) => ticketHash(coordinatorToken, sid), displayName: coordinatorName });
    this.remember(snap.sessionId, rows);
    if (command?.type === "configureRoom") {
      const room = state.rooms.find((r) => r.id === command.roomId);
      const sid = room ? roomSessionId(snap.sessionId, room.id) : null;
      const row = sid ? this.roomRows.get(snap.sessionId)?.get(sid) : undefined;
      if (room && row) {
        if (command.name !== undefined) await this.deps.events.renameRoom(row.id, roomTitle(state, room));
        // A séance keeps its template: a room that has opened its séance keeps its method.
        if (row.template !== room.templateId && (await this.deps.events.setRoomTemplate(row.id, room.templateId))) row.template = room.templateId;
      }
    }
  }

  /**
   * E15: a removed room (empty of people) goes with its session: nobody could reach it again
   * (room ids are never reused), so it is not left behind until the event is deleted.
   */
  private async dropRoom(eventId: string, roomId: string): Promise<void> {
    const sid = roomSessionId(eventId, roomId);
    try {
      if (await this.deps.events.deleteRoom(eventId, sid)) await this.deps.eraseRoom?.(sid);
    } catch (err) {
      this.deps.log(`removing the room ${sid} of ${eventId}: ${(err as Error).message}`);
    }
    this.roomRows.get(eventId)?.delete(sid);
    this.parentOf.delete(sid);
  }

  /** Tells the other processes that the event's rooms or seats changed without the event's row changing. */
  private announceRooms(snap: EventSnapshot): void {
    this.deps.cluster.publishActivity(snap.sessionId, ROOMS_ACTIVITY, snap.version);
  }

  private remember(eventId: string, rows: readonly RoomSessionRow[]): void {
    const map = new Map(rows.map((r) => [r.id, { ...r }]));
    this.roomRows.set(eventId, map);
    for (const r of rows) this.parentOf.set(r.id, eventId);
  }

  /** Each room of the event with its session (rooms whose session is not created yet are left out). */
  private async roomsOf(snap: EventSnapshot): Promise<Map<string, RoomSessionRow>> {
    let rows = this.roomRows.get(snap.sessionId);
    const sids = snap.state.rooms.map((r) => roomSessionId(snap.sessionId, r.id));
    const expected = [...sids, ...this.angleRoomSids(snap)];
    if (!rows || expected.some((sid) => !rows!.has(sid))) {
      this.remember(snap.sessionId, await this.deps.events.roomSessions(snap.sessionId));
      rows = this.roomRows.get(snap.sessionId)!;
    }
    const out = new Map<string, RoomSessionRow>();
    snap.state.rooms.forEach((r, i) => {
      const row = rows!.get(sids[i]);
      if (row) out.set(r.id, row);
    });
    return out;
  }

  /** The sessions of the angles' rooms, once a regroup opened them. */
  private angleRoomSids(snap: EventSnapshot): string[] {
    if (snap.angles.regroupedAt === null || !snap.angles.setup) return [];
    return snap.angles.setup.angles.map((a) => roomSessionId(snap.sessionId, angleRoomId(a.id)));
  }

  /** Every room session of the event this process knows, by session id (group rooms and angle rooms). */
  private async childRows(snap: EventSnapshot): Promise<ReadonlyMap<string, RoomSessionRow>> {
    await this.roomsOf(snap);
    return this.roomRows.get(snap.sessionId) ?? new Map();
  }

  /**
   * L8, L9: the regroup opens one room per angle (a free board; the coordination holds its seat)
   * and writes there every perception of that angle from every story and group, without its
   * author, each once: a perception already on the board (an earlier regroup) is not written again.
   */
  private async openAngleRooms(snap: EventSnapshot, coordinatorToken: string, coordinatorName: string): Promise<void> {
    const setup = snap.angles.setup;
    if (!setup) return;
    const specs = setup.angles.map((a) => ({ sessionId: roomSessionId(snap.sessionId, angleRoomId(a.id)), title: [...`${snap.state.title} · ${a.label}`].slice(0, TITLE_MAX).join(""), template: "board" }));
    await this.deps.events.ensureRoomSessions(snap.sessionId, specs, { tokenHash: (sid) => ticketHash(coordinatorToken, sid), displayName: coordinatorName });
    this.remember(snap.sessionId, await this.deps.events.roomSessions(snap.sessionId));
    // Read again once the rooms exist: a perception stored since (here or on another process)
    // is written now; one stored after this read finds its room and is written as it comes.
    const latest = await this.registry.current(snap.sessionId);
    const pooled = regroupByAngle(latest.angles.perceptions, latest.angles.setup ?? setup);
    const storyTitle = new Map(setup.stories.map((s) => [s.id, s.title]));
    for (const angle of pooled.angles) await this.writePerceptions(roomSessionId(snap.sessionId, angleRoomId(angle.angleId)), angle.perceptions, storyTitle);
  }

  /**
   * A perception accepted while everyone is in their angle's room goes onto that room's board
   * at once (as the regroup wrote the earlier ones, L8), not at the next regroup.
   */
  private async writeLivePerception(eventId: string, perceptionId: string): Promise<void> {
    const snap = this.registry.cached(eventId);
    if (!snap || snap.state.stage !== "angles" || snap.angles.regroupedAt === null || !snap.angles.setup) return;
    const p = snap.angles.perceptions.find((x) => x.id === perceptionId);
    if (!p || !snap.angles.setup.angles.some((a) => a.id === p.angleId)) return;
    const sid = roomSessionId(eventId, angleRoomId(p.angleId));
    // The room is created by the regroup (on the coordination's process): until it exists, the regroup's own read takes the perception.
    if (!(await this.childRows(snap)).has(sid)) return;
    const storyTitle = new Map(snap.angles.setup.stories.map((s) => [s.id, s.title]));
    await this.writePerceptions(sid, [{ id: p.id, text: p.text, storyId: p.storyId, roomId: p.roomId }], storyTitle);
  }

  private async writePerceptions(sessionId: string, perceptions: readonly PooledPerception[], storyTitle: ReadonlyMap<string, string>): Promise<void> {
    const { rooms, writer } = this.deps;
    if (!rooms || !writer || perceptions.length === 0) return;
    const room = await rooms.get(sessionId, MAIN_BOARD);
    try {
      const update = room.applyServerChange((doc) => writePooledNotes(doc, perceptions, storyTitle, this.now()));
      if (!update) return;
      // Like an accepted client update: this process's sockets, the other processes, the database.
      this.deps.io.local.to(room.key).emit(Events.y, room.info.name, encodeUpdate(update));
      this.deps.cluster.publishUpdate(room.info.sessionId, room.info.name, update);
      await writer.enqueue({ boardId: room.info.boardId, data: update, participantId: null });
      rooms.noteAppended(room);
    } finally {
      rooms.scheduleUnload(room);
    }
  }

  /**
   * I4: the plenary wall of the intelligence-collective groups, in room order: each group's
   * difficulty and short answer as its board holds them now, a group without one marked.
   */
  async plenaryWallOf(snap: EventSnapshot): Promise<WallEntry[]> {
    const rows = await this.roomsOf(snap);
    const answers: GroupAnswer[] = [];
    for (const room of snap.state.rooms) {
      const row = rows.get(room.id);
      if (!row || row.template !== IC_TEMPLATE_ID) continue;
      answers.push({ roomId: room.id, roomName: room.name, ...(await this.groupAnswer(row.id)) });
    }
    return plenaryWall(answers, snap.state.rooms.map((r) => r.id));
  }

  private async groupAnswer(sessionId: string): Promise<{ problem: string; answer: string }> {
    const rooms = this.deps.rooms;
    if (!rooms) return { problem: "", answer: "" };
    const room = await rooms.get(sessionId, MAIN_BOARD);
    try {
      // The template's singletons (docs/protocol.md §4): problem.problem.statement, answer.answer.text.
      const field = (collection: string, itemId: string, name: string) => {
        const item = room.doc.share.has(collection) ? room.doc.getMap<unknown>(collection).get(itemId) : undefined;
        const value = item instanceof Y.Map ? item.get(name) : undefined;
        return value instanceof Y.Text ? value.toString() : typeof value === "string" ? value : "";
      };
      return { problem: field(IC_COLLECTION.problem, "problem", "statement"), answer: field(IC_COLLECTION.answer, "answer", "text") };
    } finally {
      rooms.scheduleUnload(room);
    }
  }

  /** E22's facts: each room's séance as stored; a method room nobody opened yet is in its lobby. */
  private async roomFacts(snap: EventSnapshot): Promise<EventFacts> {
    const rows = await this.roomsOf(snap);
    const stored = new Map((await this.deps.events.roomSeances([...rows.values()].map((r) => r.id))).map((s) => [s.sessionId, s.state as SeanceState]));
    const rooms: RoomProgress[] = [];
    for (const room of snap.state.rooms) {
      const row = rows.get(room.id);
      if (!row || !this.deps.seances.hasSteps(methodOf(row.template))) continue;
      const seance = stored.get(row.id);
      rooms.push(seance ? roomProgress(room.id, seance)! : { roomId: room.id, status: "lobby", atLastStep: false });
    }
    return { rooms };
  }

  private async runInRoom(snap: EventSnapshot, rc: RoomCommand): Promise<AdvancedRoom> {
    const row = (await this.roomsOf(snap)).get(rc.roomId);
    if (!row) return { roomId: rc.roomId, command: rc.command.type, ok: false, code: "room_not_ready", message: refusal("room_not_ready", "the room is being created") };
    try {
      const r = await this.deps.seances.commandAsFacilitator(row.id, methodOf(row.template), rc.command);
      return r.ok ? { roomId: rc.roomId, command: rc.command.type, ok: true } : { roomId: rc.roomId, command: rc.command.type, ok: false, code: r.code, message: r.message };
    } catch (err) {
      this.deps.log(`advancing room ${row.id}: ${(err as Error).message}`);
      return { roomId: rc.roomId, command: rc.command.type, ok: false, code: ErrorCode.storageUnavailable, message: refusal(ErrorCode.storageUnavailable, "try again") };
    }
  }

  // ---- tickets ---------------------------------------------------------------------------

  private ticketOf(need: TicketNeed, row: RoomSessionRow, member: { id: string; role: Role }): RoomTicket {
    return {
      roomId: need.roomId,
      roomName: need.roomName,
      code: row.joinCode,
      sessionId: row.id,
      method: (row.template as RoomTemplateId) ?? "board",
      participantId: member.id,
      token: ticketToken(need.token, row.id),
      role: member.role,
    };
  }

  /**
   * Makes sure the rows behind these tickets exist (one batch), seats handed to whom the event
   * names. The seats are read as stored: another process may have handed one on since.
   */
  private async resolve(snap: EventSnapshot, needs: readonly TicketNeed[], rows: ReadonlyMap<string, RoomSessionRow>): Promise<Map<TicketNeed, RoomTicket>> {
    const out = new Map<TicketNeed, RoomTicket>();
    if (needs.length === 0) return out;
    const seats = await this.deps.events.seatsOf(needs.map((n) => n.roomSid));
    const specs = [];
    let moved = false;
    for (const n of needs) {
      const hash = ticketHash(n.token, n.roomSid);
      const seat = seats.get(n.roomSid);
      const known = this.members.get(hash);
      // A row remembered as the seat that no longer is (or the other way round): read it again.
      if (known && seat && (known.id === seat.id) !== (hash === seat.tokenHash)) this.members.delete(hash);
      if (seat && seat.tokenHash === hash) {
        this.members.set(hash, { id: seat.id, role: "facilitator" });
        continue;
      }
      if (n.seat) {
        const id = await this.deps.events.moveSeat(n.roomSid, hash, n.name, { eventSessionId: snap.sessionId, eventKey: EVENT_KEY, roomId: n.roomId, holder: n.holder });
        // The event as stored names someone else: a newer state is on its way, with its own publication.
        if (!id) continue;
        if (seat) this.members.delete(seat.tokenHash);
        seats.set(n.roomSid, { id, tokenHash: hash });
        this.members.set(hash, { id, role: "facilitator" });
        moved = true;
      } else if (!this.members.has(hash)) {
        specs.push({ sessionId: n.roomSid, tokenHash: hash, displayName: n.name, role: "participant" as Role });
      }
    }
    if (specs.length > 0) for (const [hash, row] of await this.deps.events.ensureMembers(specs)) this.members.set(hash, row);
    // The former holder's screen may be on another process: its ticket is made again there.
    if (moved) this.announceRooms(snap);
    for (const n of needs) {
      const member = this.members.get(ticketHash(n.token, n.roomSid));
      const row = rows.get(n.roomSid);
      if (member && row) out.set(n, this.ticketOf(n, row, member));
    }
    return out;
  }

  /** The coordination enters a room: the seat while no facilitator is named (taken back if need be), else as an observer. */
  private async coordinatorTicket(snap: EventSnapshot, room: EventRoom, token: string, name: string): Promise<RoomTicket | null> {
    let row = (await this.roomsOf(snap)).get(room.id);
    if (!row) {
      await this.syncRooms(snap, token, name);
      row = (await this.roomsOf(snap)).get(room.id);
      if (!row) return null;
    }
    const need: TicketNeed = { roomSid: row.id, roomId: room.id, roomName: room.name, token, name, seat: true, holder: null };
    if (room.facilitators.length === 0) {
      const ticket = (await this.resolve(snap, [need], new Map([[row.id, row]]))).get(need);
      if (ticket) return ticket;
    }
    const hash = ticketHash(token, row.id);
    const found = await this.deps.events.ensureMembers([{ sessionId: row.id, tokenHash: hash, displayName: name, role: "observer" }]);
    const member = found.get(hash);
    if (!member || member.sessionId !== row.id) return null;
    return this.ticketOf({ ...need, seat: false }, row, member);
  }

  /**
   * The coordination enters an angle's room (after the regroup): its seat, made with the
   * coordination's token when the regroup opened the room; as an observer should the seat's
   * hash be another's. Null while the room's session is not there yet.
   */
  private async angleRoomTicket(snap: EventSnapshot, angle: { id: string; label: string }, token: string, name: string): Promise<RoomTicket | null> {
    const sid = roomSessionId(snap.sessionId, angleRoomId(angle.id));
    const row = (await this.childRows(snap)).get(sid);
    if (!row) return null;
    const need: TicketNeed = { roomSid: sid, roomId: angleRoomId(angle.id), roomName: angle.label, token, name, seat: false, holder: null };
    const hash = ticketHash(token, sid);
    const seat = (await this.deps.events.seatsOf([sid])).get(sid);
    if (seat && seat.tokenHash === hash) {
      this.members.set(hash, { id: seat.id, role: "facilitator" });
      return this.ticketOf(need, row, { id: seat.id, role: "facilitator" });
    }
    const member = (await this.deps.events.ensureMembers([{ sessionId: sid, tokenHash: hash, displayName: name, role: "observer" }])).get(hash);
    if (!member || member.sessionId !== sid) return null;
    return this.ticketOf(need, row, member);
  }

  // ---- views -----------------------------------------------------------------------------

  private async dashboard(snap: EventSnapshot): Promise<RoomDashboard[]> {
    const rows = await this.roomsOf(snap);
    const sids = [...rows.values()].map((r) => r.id);
    const [seances, present] = await Promise.all([this.deps.events.roomSeances(sids), this.deps.events.presentCounts(sids)]);
    const bySid = new Map(seances.map((s) => [s.sessionId, s.state as SeanceState]));
    return snap.state.rooms.map((room) => {
      const row = rows.get(room.id);
      const seance = row ? bySid.get(row.id) : undefined;
      const board = row ? this.deps.rooms?.peek(row.id, "main") : undefined;
      return {
        roomId: room.id,
        name: room.name,
        templateId: room.templateId,
        code: row?.joinCode ?? null,
        sessionId: row?.id ?? null,
        seance: seance
          ? {
              status: seance.status,
              stepId: seance.plan[seance.stepIndex]?.stepId ?? null,
              stepIndex: seance.stepIndex,
              stepCount: seance.plan.length,
              timerEndsAt: seance.timer.status === "running" ? seance.timer.endsAt : null,
            }
          : null,
        seated: snap.state.seats.filter((s) => s.roomId === room.id).length,
        present: row ? (present.get(row.id) ?? 0) : 0,
        notes: row ? this.noteCount(row.id, board?.doc) : null,
        openHelp: snap.state.help.filter((h) => h.roomId === room.id).length,
      };
    });
  }

  /**
   * A room's note count: its board's when this process holds it (live), else the last count
   * read from storage, read again in the background when older than STORED_COUNT_MS (with
   * several processes, a room's people may all be on another one; the next refresh shows it).
   */
  private noteCount(sid: string, held: Y.Doc | undefined): number | null {
    if (held) {
      const count = held.share.has("notes") ? held.getMap("notes").size : 0;
      this.storedCounts.set(sid, { count, at: this.now(), reading: false });
      return count;
    }
    const known = this.storedCounts.get(sid);
    const read = this.deps.readBoard;
    if (read && !this.closed && !known?.reading && (!known || this.now() - known.at >= STORED_COUNT_MS)) {
      this.storedCounts.set(sid, { count: known?.count ?? null, at: known?.at ?? 0, reading: true });
      void read(sid)
        .then((b) => {
          try {
            return b.doc.share.has("notes") ? b.doc.getMap("notes").size : 0;
          } finally {
            b.release();
          }
        })
        .then(
          (count) => this.storedCounts.set(sid, { count, at: this.now(), reading: false }),
          (err) => {
            this.storedCounts.set(sid, { count: known?.count ?? null, at: this.now(), reading: false });
            this.deps.log(`notes of room ${sid}: ${(err as Error).message}`);
          },
        );
    }
    return known?.count ?? null;
  }

  /** The views of these sockets, with their tickets (rows made in one batch). */
  private async viewsFor(snap: EventSnapshot, sockets: readonly AnySocket[], withDashboard: boolean): Promise<(EventStateEvent | null)[]> {
    const { state } = snap;
    const now = this.now();
    const rows = await this.roomsOf(snap);
    const bySid = await this.childRows(snap);
    const angleRooms = new Map(
      (snap.angles.setup?.angles ?? []).flatMap((a) => {
        const sid = roomSessionId(snap.sessionId, angleRoomId(a.id));
        return snap.angles.regroupedAt !== null && bySid.has(sid) ? [[a.id, { sid, label: a.label }] as const] : [];
      }),
    );
    const needs: TicketNeed[][] = sockets.map((s) => {
      const d = s.data as EventConnection;
      const token = String((s.handshake.auth as { token?: unknown }).token ?? "");
      const role = roleOf(state, d.participantId);
      const out: TicketNeed[] = [];
      if (role === "coordinator") {
        // A room whose facilitators were all taken off goes back to the coordination (its view holds no ticket).
        for (const room of state.rooms) {
          const row = room.facilitators.length === 0 ? rows.get(room.id) : undefined;
          if (row) out.push({ roomSid: row.id, roomId: room.id, roomName: room.name, token, name: d.displayName, seat: true, holder: null });
        }
        return out;
      }
      const me = personOf(state, d.participantId);
      const seated = me ? roomOfPerson(state, me.id) : undefined;
      const need = (room: EventRoom, name: string, seat: boolean) => {
        if (rows.has(room.id)) out.push({ roomSid: rows.get(room.id)!.id, roomId: room.id, roomName: room.name, token, name, seat, holder: seat ? d.participantId : null });
      };
      if (role === "facilitator") {
        for (const room of state.rooms) {
          const i = room.facilitators.findIndex((f) => f.participantId === d.participantId);
          if (i >= 0) need(room, room.facilitators[i].name, i === 0);
        }
      }
      // L9: at the regroup the stage sends a listener to their angle's room, not their group's.
      const angleId = me && state.stage === "angles" ? snap.angles.assignment.find((a) => a.personId === me.id)?.angleId : undefined;
      const angleRoom = angleId ? angleRooms.get(angleId) : undefined;
      if (angleRoom) out.push({ roomSid: angleRoom.sid, roomId: angleRoomId(angleId!), roomName: angleRoom.label, token, name: me!.name, seat: false, holder: null });
      else if (seated && !out.some((n) => n.roomId === seated.id)) need(seated, me!.name, false);
      return out;
    });
    const tickets = await this.resolve(snap, needs.flat(), bySid);
    const dashboard = withDashboard && sockets.some((s) => roleOf(state, (s.data as EventConnection).participantId) === "coordinator") ? await this.dashboard(snap) : null;
    const base = { sessionId: snap.sessionId, version: snap.version, serverNow: now, closedAt: snap.closedAt };
    return sockets.map((s, i) => {
      const pid = (s.data as EventConnection).participantId;
      const role = roleOf(state, pid);
      if (role === "coordinator") {
        if (!dashboard) return null;
        const opened = [...angleRooms].flatMap(([angleId, r]) => {
          const row = bySid.get(r.sid);
          return row ? [{ angleId, roomId: angleRoomId(angleId), code: row.joinCode, sessionId: row.id }] : [];
        });
        return { ...base, role, state, rooms: dashboard, balance: eventBalance(state), angles: snap.angles, angleRooms: opened };
      }
      const angles = participantAnglesView(state, snap.angles, pid);
      const mine = needs[i].flatMap((n) => (tickets.has(n) ? [tickets.get(n)!] : []));
      if (role === "facilitator") return { ...base, role, view: facilitatorView(state, pid, now), me: participantView(state, pid, now), tickets: mine, angles };
      return { ...base, role, view: participantView(state, pid, now), ticket: mine[0] ?? null, angles };
    });
  }

  /** Sends each socket its view, unless it is the one it already has (version and clock aside). */
  private async sendTo(sockets: readonly AnySocket[], snap: EventSnapshot, withDashboard: boolean, force = false): Promise<void> {
    if (sockets.length === 0) return;
    const views = await this.viewsFor(snap, sockets, withDashboard);
    sockets.forEach((s, i) => {
      const view = views[i];
      if (!view) return;
      const key = sameness(view);
      if (!force && this.lastSent.get(s.id) === key) return;
      this.lastSent.set(s.id, key);
      s.emit(Events.eventState, view);
    });
  }

  private hasLocalSockets(sessionId: string): boolean {
    return (this.deps.io.sockets.adapter.rooms.get(sessionRoom(sessionId))?.size ?? 0) > 0;
  }

  private schedule(sessionId: string, urgent: boolean): void {
    const waiting = this.pending.get(sessionId);
    if (urgent) {
      if (waiting) clearTimeout(waiting);
      this.pending.delete(sessionId);
      this.publish(sessionId);
      return;
    }
    if (waiting) return;
    this.pending.set(
      sessionId,
      setTimeout(() => {
        this.pending.delete(sessionId);
        this.publish(sessionId);
      }, CROWD_PUBLISH_MS),
    );
  }

  /** One publication at a time per event; a change during one is sent right after it. */
  private publish(sessionId: string): void {
    if (this.publishing.has(sessionId)) {
      this.again.add(sessionId);
      return;
    }
    const run = this.publishNow(sessionId).finally(() => {
      this.publishing.delete(sessionId);
      if (this.again.delete(sessionId) && !this.closed) this.publish(sessionId);
    });
    this.publishing.set(sessionId, run);
  }

  private async publishNow(sessionId: string): Promise<void> {
    const snap = this.registry.cached(sessionId);
    if (!snap) return;
    try {
      const sockets = await this.deps.io.local.in(sessionRoom(sessionId)).fetchSockets();
      await this.sendTo(sockets as unknown as AnySocket[], snap, true);
    } catch (err) {
      this.deps.log(`publishing the event ${sessionId} failed: ${(err as Error).message}`);
    }
  }

  /** The coordination's screens only: the rooms' séances and presence moved, not the event. */
  private refreshDashboard(sessionId: string): void {
    const snap = this.registry.cached(sessionId);
    if (!snap || this.closed) return;
    void (async () => {
      const sockets = (await this.deps.io.local.in(sessionRoom(sessionId)).fetchSockets()) as unknown as AnySocket[];
      const coordinators = sockets.filter((s) => roleOf(snap.state, (s.data as EventConnection).participantId) === "coordinator");
      await this.sendTo(coordinators, snap, true);
    })().catch((err) => this.deps.log(`dashboard of ${sessionId}: ${(err as Error).message}`));
  }

  private watchDashboard(sessionId: string): void {
    if (this.refreshers.has(sessionId) || this.closed) return;
    const timer = setInterval(() => {
      if (!this.hasLocalSockets(sessionId)) {
        clearInterval(timer);
        this.refreshers.delete(sessionId);
        return;
      }
      this.refreshDashboard(sessionId);
    }, DASHBOARD_REFRESH_MS);
    timer.unref();
    this.refreshers.set(sessionId, timer);
  }
}

function roomTitle(state: EventState, room: EventRoom): string {
  const title = state.title ? `${state.title} · ${room.name}` : room.name;
  return [...title].slice(0, TITLE_MAX).join("");
}

/** A view without what changes at every publication (version, clocks, the countdown's remainder). */
function sameness(view: EventStateEvent): string {
  return JSON.stringify(view, (key, value) => (key === "version" || key === "serverNow" || key === "remainingMs" || key === "clock" ? undefined : value));
}

/**
 * The angle's perceptions as sticky notes on its room's board (docs/protocol.md §4), laid out
 * in columns of ten in the regroup's order (story, group, id) after the notes already there, each under its perception's id
 * and tagged with its story; no author (L8). Notes already there are left as the room made them.
 */
function writePooledNotes(doc: Y.Doc, perceptions: readonly PooledPerception[], storyTitle: ReadonlyMap<string, string>, now: number): void {
  const notes = doc.getMap<unknown>("notes");
  let z = notes.size;
  perceptions.forEach((p) => {
    if (notes.has(p.id)) return;
    // After the notes already there: a later regroup, or a perception written in the room's time, lands at the end.
    const i = notes.size;
    const note = new Y.Map<unknown>();
    notes.set(p.id, note);
    note.set("text", new Y.Text(p.text));
    note.set("x", 40 + Math.floor(i / 10) * 240);
    note.set("y", 40 + (i % 10) * 160);
    note.set("color", "yellow");
    note.set("createdAt", now);
    note.set("z", ++z);
    if (storyTitle.has(p.storyId)) note.set(`tag:${storyTag(p.storyId)}`, true);
  });
}

/** A note's tag names the story by its id (tags are short words, docs/protocol.md §4). */
const storyTag = (storyId: string) => `histoire-${storyId}`;
