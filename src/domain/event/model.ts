// A national day (issue 5): one event, a plenary and N group rooms, each room running its own
// séance from a template (the facilitation machine runs it; the event only says which). The
// coordinator (head office) places people, names each room's facilitators, talks to every room
// at once; participants join with the event's one code, find their room and can call for help.
// Plain JSON data; arrays rather than records because ids come from outside. Rule ids (E…):
// ../SPEC.md.
import type { Command as SeanceCommand } from "../facilitation/machine.ts";
import type { Person } from "./people.ts";

export interface RoomFacilitator {
  /** The participant id they join with. */
  participantId: string;
  name: string;
}

export interface EventRoom {
  /** "room-1", "room-2"…: never reused within an event. */
  id: string;
  /** "Groupe 1" by default; unique (case and accents aside): imported lists name rooms by it (E12). */
  name: string;
  /** The template its séance runs ("codev", "intelligenceCollective"…); the server checks it exists. */
  templateId: string;
  /** Seats offered when people choose their group (E8); null: no limit. */
  capacity: number | null;
  facilitators: readonly RoomFacilitator[];
}

export interface EventPerson extends Person {
  /** The participant who joined as this person; null until someone does. */
  participantId: string | null;
  /** Not on the imported list: joined with their own name. */
  walkIn: boolean;
}

export interface EventSeat {
  personId: string;
  roomId: string;
}

/** Where everyone is asked to be: together, in their group, or in their angle's room (../angles). */
export type EventStage = "plenary" | "groups" | "angles";
export type PlacementMode = "none" | "imported" | "balanced" | "selfChosen";

export interface Broadcast {
  text: string;
  sentAt: number;
}

/** An absolute end time: every screen counts down from it, nothing ticks on the server. */
export interface EventTimer {
  label: string;
  startedAt: number;
  endsAt: number;
}

/** "Appeler l'animateur·rice": from a participant to their room's facilitators, from a facilitator (or a room without one) to the coordination. */
export interface HelpRequest {
  id: string;
  participantId: string;
  roomId: string | null;
  to: "facilitator" | "coordinator";
  note: string;
  openedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

export interface EventState {
  title: string;
  /** Fixed at creation: the head office's people. */
  coordinatorIds: readonly string[];
  plenaryTemplateId: string;
  /** In display order: group numbers (placement's 0..N-1) follow it. */
  rooms: readonly EventRoom[];
  roomCounter: number;
  people: readonly EventPerson[];
  seats: readonly EventSeat[];
  placementMode: PlacementMode;
  selfChoiceOpen: boolean;
  stage: EventStage;
  message: Broadcast | null;
  timer: EventTimer | null;
  /** Open requests only: a closed one leaves the state (the notices say it closed). */
  help: readonly HelpRequest[];
  helpCounter: number;
  /** The latest time seen: an earlier `now` counts as this. */
  clock: number;
}

export type EventRole = "coordinator" | "facilitator" | "participant";

export interface EventActor {
  id: string;
}

/** A person as the list or a form gives them; `group` is the list's column (E12). */
export type IncomingPerson = Person & { group?: string | null; line?: number };

export type EventCommand =
  // coordinator
  | { type: "addRooms"; count: number; templateId: string; namePrefix?: string }
  | { type: "configureRoom"; roomId: string; name?: string; templateId?: string; capacity?: number | null }
  | { type: "removeRoom"; roomId: string }
  | { type: "setFacilitators"; roomId: string; facilitators: readonly RoomFacilitator[] }
  | { type: "importPeople"; people: readonly IncomingPerson[] }
  | { type: "removePerson"; personId: string }
  | { type: "unlinkPerson"; personId: string }
  | { type: "placeBalanced"; seed: number }
  | { type: "placeLatecomers"; seed: number }
  | { type: "openSelfChoice" }
  | { type: "closeSelfChoice" }
  | { type: "movePerson"; personId: string; roomId: string | null }
  | { type: "setStage"; stage: EventStage }
  | { type: "broadcastMessage"; text: string | null }
  | { type: "startTimer"; durationMs: number; label?: string }
  | { type: "clearTimer" }
  | { type: "advanceAll" }
  // coordinator, or the facilitators a request is addressed to
  | { type: "acknowledgeHelp"; requestId: string }
  | { type: "closeHelp"; requestId: string }
  // participants (and facilitators, for help)
  | { type: "join"; personId: string }
  | { type: "joinAsNew"; name: string; structure?: string; territory?: string }
  /** E26: "I am …": the server finds the typed name among the people nobody joined as yet. */
  | { type: "findMe"; name: string; structure?: string; territory?: string }
  | { type: "chooseRoom"; roomId: string }
  | { type: "callFacilitator"; note?: string }
  | { type: "cancelHelp" };

/** What the server knows of each room's séance, read just before `advanceAll`. */
export interface RoomProgress {
  roomId: string;
  status: "lobby" | "running" | "ended";
  atLastStep: boolean;
}
export interface EventFacts {
  rooms?: readonly RoomProgress[];
}

/** A command for one room's séance, for the server to run through the facilitation machine. */
export interface RoomCommand {
  roomId: string;
  command: Extract<SeanceCommand, { type: "start" | "next" }>;
}

export type EventNotice =
  | { type: "roomsChanged" }
  | { type: "peopleImported"; added: number; updated: number; unknownGroups: readonly { line: number; group: string }[] }
  | { type: "placed"; mode: PlacementMode; placed: number; unplaced: number }
  | { type: "moved"; personId: string; from: string | null; to: string | null; overCapacity: boolean }
  | { type: "joined"; personId: string; participantId: string }
  /** E26: several people of the list bear the typed name: only their names and structures, for the participant to pick (`join`). */
  | { type: "homonyms"; candidates: readonly { personId: string; name: string; structure: string }[] }
  | { type: "stage"; stage: EventStage }
  | { type: "message"; text: string | null }
  | { type: "timer"; endsAt: number | null }
  | { type: "roomSkipped"; roomId: string; reason: "last_step" | "ended" | "no_seance" }
  | { type: "helpRaised"; request: HelpRequest }
  | { type: "helpAcknowledged"; requestId: string; by: string }
  | { type: "helpClosed"; requestId: string; by: string };

export const EventError = {
  badInput: "bad_input",
  notCoordinator: "not_coordinator",
  notAddressee: "not_addressee",
  notInPlenary: "not_in_plenary",
  coordinatorDoesNotJoin: "coordinator_does_not_join",
  outOfBounds: "out_of_bounds",
  unknownRoom: "unknown_room",
  unknownPerson: "unknown_person",
  unknownRequest: "unknown_request",
  nameTaken: "name_taken",
  roomNotEmpty: "room_not_empty",
  noRooms: "no_rooms",
  tooManyRooms: "too_many_rooms",
  tooManyPeople: "too_many_people",
  personTaken: "person_taken",
  alreadyJoined: "already_joined",
  notJoined: "not_joined",
  selfChoiceClosed: "self_choice_closed",
  roomFull: "room_full",
  alreadyThere: "already_there",
  helpAlreadyOpen: "help_already_open",
  noHelpRequest: "no_help_request",
  alreadyAcknowledged: "already_acknowledged",
  noTimer: "no_timer",
  internal: "internal",
} as const;
export type EventErrorCode = (typeof EventError)[keyof typeof EventError];
export type EventRefusal = { ok: false; code: EventErrorCode; message: string };
export type EventResult = { ok: true; state: EventState; notices: readonly EventNotice[]; roomCommands: readonly RoomCommand[] } | EventRefusal;

export const EVENT_LIMITS = {
  rooms: 60,
  people: 2000,
  facilitatorsPerRoom: 4,
  roomName: 60,
  personField: 120,
  capacity: 500,
  message: 500,
  timerLabel: 80,
  helpNote: 200,
  minTimerMs: 1_000,
  maxTimerMs: 180 * 60_000,
} as const;
