// The national day's part of the wire contract (docs/protocol.md §10): one command in
// (`event:command`), one state out (`event:state`), each screen its own view. An event is a
// session of method "event"; each of its group rooms is a session of its own (its join code,
// board and séance), and the server hands each placed person, on their own socket only, a
// ticket to their room: the room's join code and a token of a participant of that room.
// Rules E, L in src/domain/SPEC.md; the domain's views are re-exported here for the UI.
import "./zodConfig.ts"; // first: before any schema is built
import { z } from "zod";
import type { AngleAssignment, AnglesSetup, Perception } from "../domain/angles/index.ts";
import type {
  WallEntry,
  EventErrorCode,
  EventNotice,
  EventState,
  FacilitatorEventView,
  ParticipantEventView,
  BalanceReport,
} from "../domain/event/index.ts";
import { EVENT_LIMITS } from "../domain/event/index.ts";

export type { EventState, EventNotice, FacilitatorEventView, ParticipantEventView, BalanceReport, EventErrorCode, WallEntry };
export type { EventRoom, EventPerson, EventSeat, EventStage, HelpRequest, RoomFacilitator, TimerView, PlacementMode } from "../domain/event/index.ts";
export type { Angle, Story, AnglesSetup, AngleAssignment, Perception } from "../domain/angles/index.ts";

/** Angles d'écoute on the event (rules L): stored beside the event, the coordination sees it whole. */
export interface AnglesState {
  setup: AnglesSetup | null;
  assignment: AngleAssignment[];
  perceptions: Perception[];
  perceptionCounter: number;
  /** When the coordination last gathered everyone by angle; null before. */
  regroupedAt: number | null;
}

/** What a listener's screen shows of the angles: their own angle, the stories they may write about, how many they wrote. */
export interface ParticipantAnglesView {
  angle: { id: string; label: string } | null;
  /** `mine`: they tell it, so they write no perception on it (L5). */
  stories: { id: string; title: string; roomId: string | null; mine: boolean }[];
  myPerceptions: number;
  regrouped: boolean;
}

/** What a group room can run: a free board, or a method with steps (its séance). */
export const ROOM_TEMPLATES = ["board", "codev", "intelligenceCollective"] as const;
export type RoomTemplateId = (typeof ROOM_TEMPLATES)[number];

const Id = z.string().min(1).max(128);
const PersonId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "a person id: 1-64 of A-Za-z0-9._-");
const Field = z.string().max(400);
const Seed = z.number().finite();
const RoomTemplate = z.enum(ROOM_TEMPLATES);

const IncomingPersonSchema = z.object({
  id: PersonId,
  name: Field,
  structure: Field.optional(),
  territory: Field.optional(),
  group: Field.nullable().optional(),
  line: z.number().int().min(1).optional(),
});

/**
 * C→S `event:command`. Who may send which is the domain's rule (E14), checked on the server
 * with the role it holds for the connection; participants' coordinator commands are refused
 * `not_coordinator`.
 */
export const EventCommandSchema = z.discriminatedUnion("type", [
  // coordinator
  z.object({ type: z.literal("addRooms"), count: z.number().int().min(1).max(EVENT_LIMITS.rooms), templateId: RoomTemplate, namePrefix: z.string().max(60).optional() }),
  z.object({
    type: z.literal("configureRoom"),
    roomId: Id,
    name: z.string().max(200).optional(),
    templateId: RoomTemplate.optional(),
    capacity: z.number().int().nullable().optional(),
  }),
  z.object({ type: z.literal("removeRoom"), roomId: Id }),
  z.object({
    type: z.literal("setFacilitators"),
    roomId: Id,
    facilitators: z.array(z.object({ participantId: Id, name: Field })).max(EVENT_LIMITS.facilitatorsPerRoom),
  }),
  z.object({ type: z.literal("importPeople"), people: z.array(IncomingPersonSchema).max(EVENT_LIMITS.people) }),
  z.object({ type: z.literal("removePerson"), personId: PersonId }),
  z.object({ type: z.literal("unlinkPerson"), personId: PersonId }),
  z.object({ type: z.literal("placeBalanced"), seed: Seed }),
  z.object({ type: z.literal("placeLatecomers"), seed: Seed }),
  z.object({ type: z.literal("openSelfChoice") }),
  z.object({ type: z.literal("closeSelfChoice") }),
  z.object({ type: z.literal("movePerson"), personId: PersonId, roomId: Id.nullable() }),
  z.object({ type: z.literal("setStage"), stage: z.enum(["plenary", "groups", "angles"]) }),
  z.object({ type: z.literal("broadcastMessage"), text: z.string().max(4000).nullable() }),
  z.object({ type: z.literal("startTimer"), durationMs: z.number().int(), label: z.string().max(400).optional() }),
  z.object({ type: z.literal("clearTimer") }),
  z.object({ type: z.literal("advanceAll") }),
  /** Not a domain command: the coordination's own ticket to enter one room (in the ack). */
  z.object({ type: z.literal("roomTicket"), roomId: Id }),
  /** Not a domain command: the intelligence-collective groups' plenary wall (I4) as their boards hold it now (in the ack). */
  z.object({ type: z.literal("plenaryWall") }),
  // coordinator, or the facilitators a call is addressed to
  z.object({ type: z.literal("acknowledgeHelp"), requestId: Id }),
  z.object({ type: z.literal("closeHelp"), requestId: Id }),
  // participants (and facilitators, for help)
  z.object({ type: z.literal("join"), personId: PersonId }),
  z.object({ type: z.literal("joinAsNew"), name: Field, structure: Field.optional(), territory: Field.optional() }),
  /**
   * "I am …" (E26): the server looks the typed name up in the list, which the participant's
   * screen never holds. One free match joins them as that person; homonyms come back in the
   * ack's `homonyms` notice (name and structure) to pick with `join`; no match joins them as new.
   */
  z.object({ type: z.literal("findMe"), name: Field, structure: Field.optional(), territory: Field.optional() }),
  z.object({ type: z.literal("chooseRoom"), roomId: Id }),
  z.object({ type: z.literal("callFacilitator"), note: z.string().max(1000).optional() }),
  z.object({ type: z.literal("cancelHelp") }),
  // angles d'écoute (phase 2, rules L): the coordination sets up, assigns and regroups
  /** `setup`: `{angles: [{id, label}], stories: [{id, title, narratorIds, roomId}]}`, checked by the domain (L1, L2). */
  z.object({ type: z.literal("anglesSetup"), setup: z.unknown() }),
  z.object({ type: z.literal("assignAngles"), seed: Seed }),
  /** Everyone to their angle's room, with every perception of that angle gathered on its board (L8, L9). */
  z.object({ type: z.literal("regroup") }),
  /** A listener's perception of a story: the server tags it with their angle (L7). */
  z.object({ type: z.literal("perceive"), storyId: Id, text: z.string().max(4000) }),
]);
export type EventWireCommand = z.infer<typeof EventCommandSchema>;

/**
 * A way into one group room: connect to the room's session exactly as any participant does
 * (`auth: {v, code, token}`, docs/protocol.md §2). Given only on its holder's own sockets.
 * The same person gets the same ticket for the same room every time (a move back to a room
 * finds their earlier notes there).
 */
export interface RoomTicket {
  roomId: string;
  roomName: string;
  /** The room session's join code and id. */
  code: string;
  sessionId: string;
  /** The room session's method: "board", "codev" or "intelligenceCollective". */
  method: RoomTemplateId;
  participantId: string;
  token: string;
  /** "facilitator": the room's séance is theirs to run (the room's first named facilitator, or the coordination while none is named). */
  role: "facilitator" | "participant" | "observer";
}

/** One room on the coordination's dashboard. */
export interface RoomDashboard {
  roomId: string;
  name: string;
  templateId: string;
  /** null until the room's session exists (just after `addRooms`). */
  code: string | null;
  sessionId: string | null;
  /** The room's séance; null for a free board or a séance nobody opened yet. */
  seance: { status: "lobby" | "running" | "ended"; stepId: string | null; stepIndex: number; stepCount: number; timerEndsAt: number | null } | null;
  /** People placed in the room by the event. */
  seated: number;
  /** People connected to the room's session now (every process). */
  present: number;
  /** Notes on the room's board, when this process holds it in memory; else null. */
  notes: number | null;
  /** Open calls from this room. */
  openHelp: number;
}

interface EventStateBase {
  sessionId: string;
  version: number;
  /** The server's clock when sent: screens correct their countdown with it. */
  serverNow: number;
  /**
   * When the coordination closed the day (POST /api/sessions/{code}/close); null while open.
   * A closed day's rooms are closed too (their codes admit nobody new) and it takes no command
   * (`session_closed`); those already in keep their screens and their rooms.
   */
  closedAt: number | null;
}

/** S→C `event:state`: on connection, after every stored change, and when one's ticket changes. */
export type EventStateEvent =
  | (EventStateBase & {
      role: "coordinator";
      state: EventState;
      rooms: RoomDashboard[];
      balance: BalanceReport & { roomIds: string[] };
      /** Angles d'écoute: the setup, everyone's angle, every perception with its author. */
      angles: AnglesState;
      /** Each angle's room once the regroup opened it. */
      angleRooms: { angleId: string; roomId: string; code: string; sessionId: string }[];
    })
  | (EventStateBase & {
      role: "facilitator";
      view: FacilitatorEventView;
      /** Their own seat and calls, as a participant sees them. */
      me: ParticipantEventView;
      /** One facilitator ticket per room they facilitate, and a participant ticket to where the stage sends them. */
      tickets: RoomTicket[];
      angles: ParticipantAnglesView | null;
    })
  | (EventStateBase & {
      role: "participant";
      view: ParticipantEventView;
      /**
       * Where the stage sends them: their group's room once placed, their angle's room at the
       * regroup (stage "angles", L9); null before placement.
       */
      ticket: RoomTicket | null;
      /** Their angle and the stories, once the coordination set angles up; null before. */
      angles: ParticipantAnglesView | null;
    });

/** The result of one room's séance command in `advanceAll`'s ack. */
export interface AdvancedRoom {
  roomId: string;
  command: "start" | "next";
  ok: boolean;
  code?: string;
  message?: string;
}

/** `event:command`'s ack. `notices`: what the command did (E…); `ticket`: `roomTicket`'s; `rooms`: `advanceAll`'s; `wall`: `plenaryWall`'s. */
export type EventAck =
  | { ok: true; notices?: EventNotice[]; ticket?: RoomTicket; rooms?: AdvancedRoom[]; wall?: WallEntry[] }
  | { ok: false; code: EventRefusalCode | string; message: string };

/** POST /api/sessions/{code}/event/roster: the CSV's outcome. */
export interface RosterImportResponse {
  added: number;
  updated: number;
  /** Lines left out, with why (E4). */
  issues: { line: number; code: string; column?: string; firstLine?: number }[];
  /** Group names of the list that match no room (E12). */
  unknownGroups: { line: number; group: string }[];
  people: number;
}

export type EventRefusalCode =
  | EventErrorCode
  | "not_an_event"
  /** A group room's session deleted or closed from inside: the coordination does it, with the day. */
  | "event_room"
  | "room_not_ready"
  | "roster_invalid"
  | "roster_too_large"
  | "session_closed"
  // angles d'écoute
  | "angles_invalid"
  | "no_angles_setup"
  | "no_assignment"
  | "no_angle"
  | "unknown_story"
  | "own_story"
  | "text_required"
  | "text_too_long"
  | "too_many_perceptions";

/** Largest roster CSV accepted over HTTP (E4 caps it at 2 million characters). */
export const ROSTER_MAX_BYTES = 4 * 1024 * 1024;
