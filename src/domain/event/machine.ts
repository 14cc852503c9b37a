// The event's commands (E14-E24): auth (who may), validation, resolution, in that order. The
// server applies each one with the time it received it and publishes the new state's views,
// the notices, and the room commands (advanceAll) it runs through each room's séance.
import {
  type EventActor,
  type EventCommand,
  EventError as E,
  type EventErrorCode,
  type EventFacts,
  type EventNotice,
  type EventPerson,
  type EventRefusal,
  type EventResult,
  type EventRole,
  type EventRoom,
  type EventSeat,
  type EventState,
  EVENT_LIMITS as LIMIT,
  type HelpRequest,
  type RoomCommand,
  type RoomFacilitator,
} from "./model.ts";
import { PERSON_ID, type Person, foldKey, hash53, normaliseField, sameName } from "./people.ts";
import { placeBalanced, placeImported, placeLatecomers } from "./placement.ts";
import { isFacilitatorOf, personOf, placementOf, roleOf, roomOfPerson } from "./queries.ts";

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const no = (code: EventErrorCode, message: string): EventRefusal => ({ ok: false, code, message });
const isId = (v: unknown): v is string => typeof v === "string" && ID.test(v);
const isTemplateId = (v: unknown): v is string => typeof v === "string" && TEMPLATE_ID.test(v);

export function createEvent(opts: { title: string; coordinatorIds: readonly string[]; plenaryTemplateId: string; now: number }): EventState {
  return {
    title: normaliseField(String(opts.title ?? "")).slice(0, 200),
    coordinatorIds: [...new Set(opts.coordinatorIds)],
    plenaryTemplateId: opts.plenaryTemplateId,
    rooms: [],
    roomCounter: 0,
    people: [],
    seats: [],
    placementMode: "none",
    selfChoiceOpen: false,
    stage: "plenary",
    message: null,
    timer: null,
    help: [],
    helpCounter: 0,
    clock: Number.isFinite(opts.now) ? opts.now : 0,
  };
}

type Ok = { state: EventState; notices?: EventNotice[]; roomCommands?: RoomCommand[] };

/** E24: total; garbage is refused, never thrown; the input state is never changed. */
export function applyEvent(state: EventState, command: EventCommand, actor: EventActor, now: number, facts: EventFacts = {}): EventResult {
  try {
    if (typeof state !== "object" || state === null || !Array.isArray(state.rooms) || !Array.isArray(state.people) || !Array.isArray(state.seats) || !Array.isArray(state.help)) return no(E.badInput, "not an event state");
    if (typeof actor !== "object" || actor === null || !isId(actor.id)) return no(E.badInput, "bad actor");
    if (typeof now !== "number" || !Number.isFinite(now)) return no(E.badInput, "now is a finite time");
    if (typeof command !== "object" || command === null || typeof command.type !== "string") return no(E.badInput, "a command is an object");
    const t = Math.max(now, state.clock);
    const r = dispatch({ ...state, clock: t }, command, actor.id, t, facts ?? {});
    if ("ok" in r) return r;
    return { ok: true, state: r.state, notices: r.notices ?? [], roomCommands: r.roomCommands ?? [] };
  } catch {
    return no(E.internal, "the event could not apply this command");
  }
}

const COORDINATOR = new Set<string>([
  "addRooms", "configureRoom", "removeRoom", "setFacilitators", "importPeople", "removePerson", "unlinkPerson", "placeBalanced",
  "placeLatecomers", "openSelfChoice", "closeSelfChoice", "movePerson", "setStage", "broadcastMessage", "startTimer", "clearTimer", "advanceAll",
]);

function dispatch(s: EventState, c: EventCommand, actorId: string, now: number, facts: EventFacts): Ok | EventRefusal {
  const role = roleOf(s, actorId);
  if (COORDINATOR.has(c.type)) {
    if (role !== "coordinator") return no(E.notCoordinator, "only the coordination does this");
    return coordinate(s, c, now, facts);
  }
  switch (c.type) {
    case "acknowledgeHelp":
    case "closeHelp":
      return answerHelp(s, c, actorId, role, now);
    case "join":
    case "joinAsNew":
    case "findMe":
    case "chooseRoom":
    case "callFacilitator":
    case "cancelHelp":
      if (role === "coordinator") return no(E.coordinatorDoesNotJoin, "the coordination is not placed in a group");
      return participate(s, c, actorId, role, now);
    default:
      return no(E.badInput, "unknown command");
  }
}

// ---- coordinator ----------------------------------------------------------------------

function coordinate(s: EventState, c: EventCommand, now: number, facts: EventFacts): Ok | EventRefusal {
  switch (c.type) {
    case "addRooms": {
      if (!Number.isInteger(c.count) || c.count < 1) return no(E.badInput, "add at least one room");
      if (s.rooms.length + c.count > LIMIT.rooms) return no(E.tooManyRooms, `an event has at most ${LIMIT.rooms} rooms`);
      if (!isTemplateId(c.templateId)) return no(E.badInput, "a template id");
      const prefix = c.namePrefix === undefined ? "Groupe" : normaliseField(String(c.namePrefix)).slice(0, LIMIT.roomName - 4);
      if (prefix === "") return no(E.badInput, "a name prefix");
      const rooms = [...s.rooms];
      let counter = s.roomCounter;
      for (let i = 0; i < c.count; i++) {
        counter++;
        // E15: "Groupe 3" may be taken by a renamed room; the next free number is used for the name.
        let n = rooms.length + 1;
        while (nameTaken(rooms, `${prefix} ${n}`, null)) n++;
        rooms.push({ id: `room-${counter}`, name: `${prefix} ${n}`, templateId: c.templateId, capacity: null, facilitators: [] });
      }
      return { state: { ...s, rooms, roomCounter: counter }, notices: [{ type: "roomsChanged" }] };
    }
    case "configureRoom": {
      const room = s.rooms.find((r) => r.id === c.roomId);
      if (!room) return no(E.unknownRoom, "no such room");
      const next = { ...room };
      if (c.name !== undefined) {
        const name = typeof c.name === "string" ? normaliseField(c.name) : "";
        if (name === "" || [...name].length > LIMIT.roomName) return no(E.badInput, `a room name has 1 to ${LIMIT.roomName} characters`);
        if (nameTaken(s.rooms, name, room.id)) return no(E.nameTaken, "another room has this name");
        next.name = name;
      }
      if (c.templateId !== undefined) {
        if (!isTemplateId(c.templateId)) return no(E.badInput, "a template id");
        next.templateId = c.templateId;
      }
      if (c.capacity !== undefined) {
        if (c.capacity !== null && (!Number.isInteger(c.capacity) || c.capacity < 1 || c.capacity > LIMIT.capacity)) return no(E.outOfBounds, `a capacity is 1 to ${LIMIT.capacity}, or none`);
        next.capacity = c.capacity;
      }
      return { state: { ...s, rooms: s.rooms.map((r) => (r === room ? next : r)) }, notices: [{ type: "roomsChanged" }] };
    }
    case "removeRoom": {
      if (!s.rooms.some((r) => r.id === c.roomId)) return no(E.unknownRoom, "no such room");
      if (s.seats.some((x) => x.roomId === c.roomId)) return no(E.roomNotEmpty, "move its people elsewhere first");
      // Its pending calls go to the coordination rather than nowhere.
      const help = s.help.map((h): HelpRequest => (h.roomId === c.roomId ? { ...h, roomId: null, to: "coordinator" } : h));
      return { state: { ...s, rooms: s.rooms.filter((r) => r.id !== c.roomId), help }, notices: [{ type: "roomsChanged" }] };
    }
    case "setFacilitators": {
      const room = s.rooms.find((r) => r.id === c.roomId);
      if (!room) return no(E.unknownRoom, "no such room");
      if (!Array.isArray(c.facilitators) || c.facilitators.length > LIMIT.facilitatorsPerRoom) return no(E.outOfBounds, `0 to ${LIMIT.facilitatorsPerRoom} facilitators per room`);
      const facilitators: RoomFacilitator[] = [];
      for (const f of c.facilitators) {
        const name = typeof f?.name === "string" ? normaliseField(f.name) : "";
        if (!isId(f?.participantId) || name === "" || [...name].length > LIMIT.personField) return no(E.badInput, "a facilitator has a participant id and a name");
        if (s.coordinatorIds.includes(f.participantId)) return no(E.badInput, "the coordination is not a room's facilitator");
        if (facilitators.some((x) => x.participantId === f.participantId)) return no(E.badInput, "a facilitator is named once");
        facilitators.push({ participantId: f.participantId, name });
      }
      return { state: { ...s, rooms: s.rooms.map((r) => (r === room ? { ...r, facilitators } : r)) }, notices: [{ type: "roomsChanged" }] };
    }
    case "importPeople":
      return importPeople(s, c.people);
    case "removePerson": {
      if (!s.people.some((p) => p.id === c.personId)) return no(E.unknownPerson, "no such person");
      const seats = s.seats.filter((x) => x.personId !== c.personId);
      return { state: { ...s, people: s.people.filter((p) => p.id !== c.personId), seats } };
    }
    case "unlinkPerson": {
      const person = s.people.find((p) => p.id === c.personId);
      if (!person) return no(E.unknownPerson, "no such person");
      if (person.participantId === null) return no(E.notJoined, "nobody joined as this person");
      return { state: { ...s, people: s.people.map((p) => (p === person ? { ...p, participantId: null } : p)) } };
    }
    case "placeBalanced":
    case "placeLatecomers": {
      if (typeof c.seed !== "number" || !Number.isFinite(c.seed)) return no(E.badInput, "a seed");
      if (s.rooms.length === 0) return no(E.noRooms, "create the rooms first");
      const placement = c.type === "placeBalanced" ? placeBalanced(s.people, s.rooms.length, c.seed) : placeLatecomers(s.people, placementOf(s), c.seed);
      const seats = placement.seats.map((x): EventSeat => ({ personId: x.personId, roomId: s.rooms[x.group].id }));
      const mode = c.type === "placeBalanced" ? "balanced" : s.placementMode === "none" ? "balanced" : s.placementMode;
      return { state: { ...s, seats, placementMode: mode }, notices: [{ type: "placed", mode, placed: seats.length, unplaced: s.people.length - seats.length }] };
    }
    case "openSelfChoice":
    case "closeSelfChoice": {
      if (s.rooms.length === 0) return no(E.noRooms, "create the rooms first");
      const open = c.type === "openSelfChoice";
      return { state: { ...s, selfChoiceOpen: open, placementMode: open ? "selfChosen" : s.placementMode } };
    }
    case "movePerson": {
      if (!s.people.some((p) => p.id === c.personId)) return no(E.unknownPerson, "no such person");
      if (c.roomId !== null && !s.rooms.some((r) => r.id === c.roomId)) return no(E.unknownRoom, "no such room");
      // E20: the coordination may fill a room beyond its capacity (a ground-floor room for someone who needs it); the notice says so.
      return seat(s, c.personId, c.roomId, false);
    }
    case "setStage":
      if (c.stage !== "plenary" && c.stage !== "groups" && c.stage !== "angles") return no(E.badInput, "plenary, groups or angles");
      return { state: { ...s, stage: c.stage }, notices: [{ type: "stage", stage: c.stage }] };
    case "broadcastMessage": {
      if (c.text === null) return { state: { ...s, message: null }, notices: [{ type: "message", text: null }] };
      const text = typeof c.text === "string" ? c.text.normalize("NFC").replace(/\r\n?/g, "\n").trim() : "";
      if (text === "" || [...text].length > LIMIT.message) return no(E.badInput, `a message has 1 to ${LIMIT.message} characters`);
      return { state: { ...s, message: { text, sentAt: now } }, notices: [{ type: "message", text }] };
    }
    case "startTimer": {
      if (!Number.isInteger(c.durationMs) || c.durationMs < LIMIT.minTimerMs || c.durationMs > LIMIT.maxTimerMs) return no(E.outOfBounds, "a timer runs 1 s to 180 min");
      const label = c.label === undefined ? "" : normaliseField(String(c.label));
      if ([...label].length > LIMIT.timerLabel) return no(E.badInput, `a label has at most ${LIMIT.timerLabel} characters`);
      const timer = { label, startedAt: now, endsAt: now + c.durationMs };
      return { state: { ...s, timer }, notices: [{ type: "timer", endsAt: timer.endsAt }] };
    }
    case "clearTimer":
      if (!s.timer) return no(E.noTimer, "no timer to clear");
      return { state: { ...s, timer: null }, notices: [{ type: "timer", endsAt: null }] };
    case "advanceAll":
      return advanceAll(s, facts);
    default:
      return no(E.badInput, "unknown command");
  }
}

function nameTaken(rooms: readonly EventRoom[], name: string, except: string | null): boolean {
  const key = foldKey(name);
  return rooms.some((r) => r.id !== except && foldKey(r.name) === key);
}

/** E16: upsert by id; seats and links are kept; a "groupe" column seats people by room name (E12). */
function importPeople(s: EventState, incoming: unknown): Ok | EventRefusal {
  if (!Array.isArray(incoming)) return no(E.badInput, "a list of people");
  const people = [...s.people];
  const at = new Map(people.map((p, i) => [p.id, i]));
  const seen = new Set<string>();
  let added = 0;
  let updated = 0;
  for (const raw of incoming as unknown[]) {
    const p = checkPerson(raw);
    if (!p || seen.has(p.id)) return no(E.badInput, "each person has a unique id, a name of 1 to 120 characters, a structure and a territory");
    seen.add(p.id);
    const i = at.get(p.id);
    if (i === undefined) {
      at.set(p.id, people.length);
      people.push({ ...p, participantId: null, walkIn: false });
      added++;
    } else {
      people[i] = { ...people[i], name: p.name, structure: p.structure, territory: p.territory };
      updated++;
    }
  }
  if (people.length > LIMIT.people) return no(E.tooManyPeople, `an event has at most ${LIMIT.people} people`);
  const labelled = (incoming as { id: string; group?: unknown; line?: unknown }[]).map((p, i) => ({
    id: p.id,
    line: typeof p.line === "number" ? p.line : i + 2,
    group: typeof p.group === "string" ? normaliseField(p.group) : null,
  }));
  let seats = s.seats;
  let mode = s.placementMode;
  let unknownGroups: { line: number; group: string }[] = [];
  if (labelled.some((p) => p.group)) {
    const imported = placeImported(labelled, s.rooms.map((r) => r.name));
    unknownGroups = imported.unknown;
    const moved = new Map(imported.placement.seats.map((x) => [x.personId, s.rooms[x.group].id]));
    seats = [...s.seats.filter((x) => !moved.has(x.personId)), ...[...moved].map(([personId, roomId]) => ({ personId, roomId }))];
    mode = "imported";
  }
  return { state: { ...s, people, seats, placementMode: mode }, notices: [{ type: "peopleImported", added, updated, unknownGroups }] };
}

function checkPerson(raw: unknown): Person | null {
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== "string" || !PERSON_ID.test(r.id)) return null;
  const field = (v: unknown) => (typeof v === "string" ? normaliseField(v) : v === undefined ? "" : null);
  const name = field(r.name);
  const structure = field(r.structure);
  const territory = field(r.territory);
  if (!name || structure === null || territory === null) return null;
  if ([name, structure, territory].some((v) => [...v].length > LIMIT.personField)) return null;
  return { id: r.id, name, structure, territory };
}

/** Seats one person (null: unseats), every other seat unchanged. */
function seat(s: EventState, personId: string, roomId: string | null, enforceCapacity: boolean): Ok | EventRefusal {
  const from = s.seats.find((x) => x.personId === personId)?.roomId ?? null;
  if (from === roomId) return no(E.alreadyThere, "already there");
  const room = s.rooms.find((r) => r.id === roomId);
  const full = !!room && room.capacity !== null && s.seats.filter((x) => x.roomId === room.id).length >= room.capacity;
  if (full && enforceCapacity) return no(E.roomFull, "this group is full");
  const others = s.seats.filter((x) => x.personId !== personId);
  const seats = roomId === null ? others : from === null ? [...s.seats, { personId, roomId }] : s.seats.map((x) => (x.personId === personId ? { personId, roomId } : x));
  return { state: { ...s, seats }, notices: [{ type: "moved", personId, from, to: roomId, overCapacity: full }] };
}

/** E17: someone not on the list joins with their own name, once (the caller checked they had not joined). */
function walkIn(s: EventState, actorId: string, c: { name: string; structure?: string; territory?: string }): Ok | EventRefusal {
  const name = typeof c.name === "string" ? normaliseField(c.name) : "";
  const structure = typeof c.structure === "string" ? normaliseField(c.structure) : "";
  const territory = typeof c.territory === "string" ? normaliseField(c.territory) : "";
  if (name === "" || [name, structure, territory].some((v) => [...v].length > LIMIT.personField)) return no(E.badInput, "a name of 1 to 120 characters");
  if (s.people.length >= LIMIT.people) return no(E.tooManyPeople, `an event has at most ${LIMIT.people} people`);
  let id = `w-${hash53(actorId).toString(36)}`;
  for (let n = 2; s.people.some((p) => p.id === id); n++) id = `w-${hash53(actorId).toString(36)}-${n}`;
  const person: EventPerson = { id, name, structure, territory, participantId: actorId, walkIn: true };
  return { state: { ...s, people: [...s.people, person] }, notices: [{ type: "joined", personId: id, participantId: actorId }] };
}

/** E22: every room one step on at once: a séance in the lobby starts, a running one goes to its next step. */
function advanceAll(s: EventState, facts: EventFacts): Ok | EventRefusal {
  if (facts.rooms !== undefined && !Array.isArray(facts.rooms)) return no(E.badInput, "facts.rooms is a list");
  if (s.rooms.length === 0) return no(E.noRooms, "no room to advance");
  const progress = new Map((facts.rooms ?? []).map((p) => [p.roomId, p]));
  const roomCommands: RoomCommand[] = [];
  const notices: EventNotice[] = [];
  for (const room of s.rooms) {
    const p = progress.get(room.id);
    if (!p) notices.push({ type: "roomSkipped", roomId: room.id, reason: "no_seance" });
    else if (p.status === "lobby") roomCommands.push({ roomId: room.id, command: { type: "start" } });
    else if (p.status === "ended") notices.push({ type: "roomSkipped", roomId: room.id, reason: "ended" });
    else if (p.atLastStep) notices.push({ type: "roomSkipped", roomId: room.id, reason: "last_step" });
    else roomCommands.push({ roomId: room.id, command: { type: "next" } });
  }
  return { state: s, notices, roomCommands };
}

// ---- help ------------------------------------------------------------------------------

/** E23: the coordination answers any call; a room's facilitators answer the calls addressed to them. */
function answerHelp(s: EventState, c: Extract<EventCommand, { type: "acknowledgeHelp" | "closeHelp" }>, actorId: string, role: EventRole, now: number): Ok | EventRefusal {
  const request = s.help.find((h) => h.id === c.requestId);
  if (!request) return no(E.unknownRequest, "no such call (it may have been closed)");
  const addressee = role === "coordinator" || (request.to === "facilitator" && isFacilitatorOf(s, actorId, request.roomId));
  if (!addressee) return no(E.notAddressee, "this call is not addressed to you");
  if (c.type === "closeHelp") return { state: { ...s, help: s.help.filter((h) => h !== request) }, notices: [{ type: "helpClosed", requestId: request.id, by: actorId }] };
  if (request.acknowledgedAt !== null) return no(E.alreadyAcknowledged, "someone is already on the way");
  const help = s.help.map((h) => (h === request ? { ...h, acknowledgedAt: now, acknowledgedBy: actorId } : h));
  return { state: { ...s, help }, notices: [{ type: "helpAcknowledged", requestId: request.id, by: actorId }] };
}

// ---- participants ---------------------------------------------------------------------

type ParticipantCommand = Extract<EventCommand, { type: "join" | "joinAsNew" | "findMe" | "chooseRoom" | "callFacilitator" | "cancelHelp" }>;

function participate(s: EventState, c: ParticipantCommand, actorId: string, role: EventRole, now: number): Ok | EventRefusal {
  const me = personOf(s, actorId);
  switch (c.type) {
    case "join": {
      const person = s.people.find((p) => p.id === c.personId);
      if (!person) return no(E.unknownPerson, "no such person on the list");
      if (person.participantId === actorId) return no(E.alreadyThere, "you already joined as this person");
      if (person.participantId !== null) return no(E.personTaken, "someone already joined under this name: ask the coordination");
      // E17: picking another name from the list releases the first one (people click the wrong line).
      const people = s.people.map((p) => (p === person ? { ...p, participantId: actorId } : p === me ? { ...p, participantId: null } : p));
      return { state: { ...s, people }, notices: [{ type: "joined", personId: person.id, participantId: actorId }] };
    }
    case "joinAsNew":
      if (me) return no(E.alreadyJoined, "you already joined");
      return walkIn(s, actorId, c);
    case "findMe": {
      // E26: the participant never sees the list (E25); the server looks their name up in it.
      if (me) return no(E.alreadyJoined, "you already joined");
      const name = typeof c.name === "string" ? normaliseField(c.name) : "";
      if (name === "" || [...name].length > LIMIT.personField) return no(E.badInput, "a name of 1 to 120 characters");
      const named = s.people.filter((p) => sameName(name, p.name));
      let free = named.filter((p) => p.participantId === null);
      // Homonyms of different structures: the structure typed alongside may tell them apart.
      const structure = typeof c.structure === "string" ? foldKey(c.structure) : "";
      if (free.length > 1 && structure !== "") {
        const narrowed = free.filter((p) => foldKey(p.structure) === structure);
        if (narrowed.length === 1) free = narrowed;
      }
      if (free.length === 1) {
        const people = s.people.map((p) => (p === free[0] ? { ...p, participantId: actorId } : p));
        return { state: { ...s, people }, notices: [{ type: "joined", personId: free[0].id, participantId: actorId }] };
      }
      if (free.length > 1) {
        // Only what tells them apart to the person looking: never territories, seats or anyone else.
        const candidates = [...free]
          .sort((a, b) => a.structure.localeCompare(b.structure, "fr") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((p) => ({ personId: p.id, name: p.name, structure: p.structure }));
        return { state: s, notices: [{ type: "homonyms", candidates }] };
      }
      // Everyone of that name already joined (a second screen, someone who picked the wrong line): the coordination
      // unlinks; a true namesake not on the list uses joinAsNew.
      if (named.length > 0) return no(E.personTaken, "someone already joined under this name: ask the coordination");
      return walkIn(s, actorId, c);
    }
    case "chooseRoom": {
      if (!s.selfChoiceOpen) return no(E.selfChoiceClosed, "groups are not chosen freely now");
      if (!me) return no(E.notJoined, "join first");
      if (!s.rooms.some((r) => r.id === c.roomId)) return no(E.unknownRoom, "no such room");
      return seat(s, me.id, c.roomId, true);
    }
    case "callFacilitator": {
      if (s.help.some((h) => h.participantId === actorId)) return no(E.helpAlreadyOpen, "your call is on its way");
      const note = c.note === undefined ? "" : typeof c.note === "string" ? normaliseField(c.note) : null;
      if (note === null || [...note].length > LIMIT.helpNote) return no(E.badInput, `a note has at most ${LIMIT.helpNote} characters`);
      // E23: a facilitator calls the coordination; a participant calls their room's facilitators, or the coordination if it has none.
      const facilitated = role === "facilitator" ? s.rooms.find((r) => r.facilitators.some((f) => f.participantId === actorId)) : undefined;
      const room = facilitated ?? (me ? roomOfPerson(s, me.id) : undefined);
      const to = role === "participant" && room && room.facilitators.length > 0 ? "facilitator" : "coordinator";
      const request: HelpRequest = { id: `help-${s.helpCounter + 1}`, participantId: actorId, roomId: room?.id ?? null, to, note, openedAt: now, acknowledgedAt: null, acknowledgedBy: null };
      return { state: { ...s, help: [...s.help, request], helpCounter: s.helpCounter + 1 }, notices: [{ type: "helpRaised", request }] };
    }
    case "cancelHelp": {
      const mine = s.help.find((h) => h.participantId === actorId);
      if (!mine) return no(E.noHelpRequest, "no call to cancel");
      return { state: { ...s, help: s.help.filter((h) => h !== mine) }, notices: [{ type: "helpClosed", requestId: mine.id, by: actorId }] };
    }
  }
}
