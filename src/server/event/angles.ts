// Angles d'écoute on a national day (issue 5, phase 2; rules L in src/domain/SPEC.md): the
// server's composition of the pure angles domain with the event. It lives beside the event in
// the `@event` row: the setup (angles and stories), each listener's angle, and the perceptions
// written while listening, each tagged by the server with the writer's angle and the story
// (L7). `regroup` sends everyone to their angle's room (the event's stage "angles", L9), where
// the edge writes the angle's perceptions from every story and group, without authors (L8).
// No I/O and no clock here: the registry passes `now`.
import {
  assignAngles,
  tagPerception,
  validateAnglesSetup,
  type Perception,
} from "../../domain/angles/index.ts";
import { applyEvent, personOf, roleOf, roomOfPerson, type EventState } from "../../domain/event/index.ts";
import { NOTE_MAX_TEXT } from "../../domain/board.ts";
import type { AnglesState, ParticipantAnglesView } from "../../protocol/event.ts";

export type { AnglesState, ParticipantAnglesView };

export const ANGLE_COMMANDS: ReadonlySet<string> = new Set(["anglesSetup", "assignAngles", "perceive", "regroup"]);

/** Perceptions kept per event: 130 listeners writing a dozen each fit many times over. */
export const MAX_PERCEPTIONS = 10_000;

export function emptyAngles(): AnglesState {
  return { setup: null, assignment: [], perceptions: [], perceptionCounter: 0, regroupedAt: null };
}

export type AnglesCommand =
  | { type: "anglesSetup"; setup: unknown }
  | { type: "assignAngles"; seed: number }
  | { type: "perceive"; storyId: string; text: string }
  | { type: "regroup" };

export type AnglesResult =
  | { ok: true; event: EventState; angles: AnglesState; perceptionId?: string }
  | { ok: false; code: string; message: string };

const no = (code: string, message: string): AnglesResult => ({ ok: false, code, message });

/** AUTH (E14: the coordination sets up, assigns and regroups; a joined listener perceives), VALIDATION, RESOLUTION. */
export function applyAngles(event: EventState, angles: AnglesState, command: AnglesCommand, actorId: string, now: number): AnglesResult {
  const role = roleOf(event, actorId);
  switch (command.type) {
    case "anglesSetup": {
      if (role !== "coordinator") return no("not_coordinator", "only the coordination does this");
      const checked = validateAnglesSetup(command.setup, event.people.map((p) => p.id));
      if (!checked.ok) return no("angles_invalid", `${checked.path}: ${checked.message}`);
      // Stories told in a room name one of the event's rooms.
      const bad = checked.setup.stories.findIndex((s) => s.roomId !== null && !event.rooms.some((r) => r.id === s.roomId));
      if (bad >= 0) return no("angles_invalid", `stories[${bad}].roomId: no such room`);
      // Listeners whose angle left the setup keep it (their perceptions become orphans, L8) until the next assignment.
      return { ok: true, event, angles: { ...angles, setup: checked.setup } };
    }
    case "assignAngles": {
      if (role !== "coordinator") return no("not_coordinator", "only the coordination does this");
      if (!angles.setup) return no("no_angles_setup", "set the angles up first");
      if (!Number.isFinite(command.seed)) return no("bad_input", "a seed");
      // L3-L6: everyone on the list listens (narrators too, L5), spread over the groups they sit in.
      const assignment = assignAngles(event.people, angles.setup.angles, command.seed, { seats: event.seats });
      return { ok: true, event, angles: { ...angles, assignment } };
    }
    case "perceive": {
      if (role === "coordinator") return no("coordinator_does_not_join", "the coordination does not listen through an angle");
      if (!angles.setup) return no("no_angles_setup", "no listening angles yet");
      const me = personOf(event, actorId);
      if (!me) return no("not_joined", "join first");
      const text = typeof command.text === "string" ? command.text.normalize("NFC").trim() : "";
      if (text === "") return no("text_required", "write what you perceived");
      if ([...text].length > NOTE_MAX_TEXT) return no("text_too_long", `at most ${NOTE_MAX_TEXT} characters`);
      if (angles.perceptions.length >= MAX_PERCEPTIONS) return no("too_many_perceptions", "the event holds no more perceptions");
      // L7: the server tags it; the listener never picks the angle.
      const tag = tagPerception(angles.setup, angles.assignment, me.id, command.storyId);
      if (!tag.ok) return no(tag.code, tag.message);
      const id = `pc-${angles.perceptionCounter + 1}`;
      const perception: Perception = { id, text, authorId: me.id, angleId: tag.tag.angleId, storyId: tag.tag.storyId, roomId: roomOfPerson(event, me.id)?.id ?? null };
      return { ok: true, event, angles: { ...angles, perceptions: [...angles.perceptions, perception], perceptionCounter: angles.perceptionCounter + 1 }, perceptionId: id };
    }
    case "regroup": {
      if (role !== "coordinator") return no("not_coordinator", "only the coordination does this");
      if (!angles.setup) return no("no_angles_setup", "set the angles up first");
      if (angles.assignment.length === 0) return no("no_assignment", "give everyone an angle first");
      // L9: the stage sends everyone to their angle's room.
      const staged = event.stage === "angles" ? { ok: true as const, state: event } : applyEvent(event, { type: "setStage", stage: "angles" }, { id: actorId }, now);
      if (!staged.ok) return no(staged.code, staged.message);
      return { ok: true, event: staged.state, angles: { ...angles, regroupedAt: now } };
    }
  }
}

export function participantAnglesView(event: EventState, angles: AnglesState, participantId: string): ParticipantAnglesView | null {
  if (!angles.setup) return null;
  const me = personOf(event, participantId);
  const angleId = me ? (angles.assignment.find((a) => a.personId === me.id)?.angleId ?? null) : null;
  const angle = angles.setup.angles.find((a) => a.id === angleId) ?? null;
  return {
    angle: angle ? { id: angle.id, label: angle.label } : null,
    stories: angles.setup.stories.map((s) => ({ id: s.id, title: s.title, roomId: s.roomId, mine: !!me && s.narratorIds.includes(me.id) })),
    myPerceptions: me ? angles.perceptions.filter((p) => p.authorId === me.id).length : 0,
    regrouped: angles.regroupedAt !== null,
  };
}

/** The room id of an angle's room, as tickets and the dashboard name it (never a group room's id, E15). */
export const angleRoomId = (angleId: string) => `angle-${angleId}`;
