// What each screen of a national day is sent (E25). A participant's phone learns where to go
// and what the coordination says, never the list of 130 names and structures; a facilitator
// sees their own room's people and the calls addressed to them; the coordination sees it all.
import type { EventState, EventStage, HelpRequest } from "./model.ts";
import { personOf, placementOf, roleOf, roomOfPerson } from "./queries.ts";
import { type BalanceReport, balanceReport } from "./placement.ts";

export interface TimerView {
  label: string;
  endsAt: number;
  remainingMs: number;
}

export interface ParticipantEventView {
  title: string;
  stage: EventStage;
  me: { personId: string; name: string } | null;
  room: { id: string; name: string; templateId: string; facilitators: string[] } | null;
  message: { text: string; sentAt: number } | null;
  timer: TimerView | null;
  myCall: { id: string; acknowledged: boolean } | null;
  /** While people choose their group: each room's name and whether a seat is left (never who sits there). */
  choice: { id: string; name: string; seatsLeft: number | null }[] | null;
}

export interface FacilitatorEventView {
  rooms: { id: string; name: string; templateId: string; people: { personId: string; name: string; structure: string; territory: string; joined: boolean }[] }[];
  /** With the caller's name as the list gives it ("" if they left it), so the facilitator knows whom to go to. */
  calls: (HelpRequest & { name: string })[];
  message: { text: string; sentAt: number } | null;
  timer: TimerView | null;
  stage: EventStage;
}

function timerView(state: EventState, now: number): TimerView | null {
  return state.timer ? { label: state.timer.label, endsAt: state.timer.endsAt, remainingMs: Math.max(0, state.timer.endsAt - now) } : null;
}

export function participantView(state: EventState, participantId: string, now: number): ParticipantEventView {
  const me = personOf(state, participantId);
  const room = me ? roomOfPerson(state, me.id) : undefined;
  const call = state.help.find((h) => h.participantId === participantId);
  const taken = (roomId: string) => state.seats.filter((s) => s.roomId === roomId).length;
  return {
    title: state.title,
    stage: state.stage,
    me: me ? { personId: me.id, name: me.name } : null,
    room: room ? { id: room.id, name: room.name, templateId: room.templateId, facilitators: room.facilitators.map((f) => f.name) } : null,
    message: state.message,
    timer: timerView(state, now),
    myCall: call ? { id: call.id, acknowledged: call.acknowledgedAt !== null } : null,
    choice: state.selfChoiceOpen ? state.rooms.map((r) => ({ id: r.id, name: r.name, seatsLeft: r.capacity === null ? null : Math.max(0, r.capacity - taken(r.id)) })) : null,
  };
}

/** The rooms this participant facilitates and the calls addressed to them; empty for anyone else. */
export function facilitatorView(state: EventState, participantId: string, now: number): FacilitatorEventView {
  const mine = state.rooms.filter((r) => r.facilitators.some((f) => f.participantId === participantId));
  const ids = new Set(mine.map((r) => r.id));
  const byId = new Map(state.people.map((p) => [p.id, p]));
  return {
    rooms: mine.map((r) => ({
      id: r.id,
      name: r.name,
      templateId: r.templateId,
      people: state.seats.flatMap((s) => {
        const p = s.roomId === r.id ? byId.get(s.personId) : undefined;
        return p ? [{ personId: p.id, name: p.name, structure: p.structure, territory: p.territory, joined: p.participantId !== null }] : [];
      }),
    })),
    calls:
      roleOf(state, participantId) === "facilitator"
        ? state.help.filter((h) => h.to === "facilitator" && h.roomId !== null && ids.has(h.roomId)).map((h) => ({ ...h, name: personOf(state, h.participantId)?.name ?? "" }))
        : [],
    message: state.message,
    timer: timerView(state, now),
    stage: state.stage,
  };
}

/** E13 on the event: the coordination's balance panel, groups in room order. */
export function eventBalance(state: EventState): BalanceReport & { roomIds: string[] } {
  return { ...balanceReport(state.people, placementOf(state)), roomIds: state.rooms.map((r) => r.id) };
}
