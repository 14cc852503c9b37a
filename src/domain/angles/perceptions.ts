// Listening and regrouping (L7-L9). While a story is told, each listener writes what they
// perceive; the server tags every perception with the writer's angle and the story, the
// listener never picks them (L7). At the regroup, each angle's room gathers its perceptions
// from every story and every group, each exactly once (L8), without their authors: what
// matters there is what was perceived, not who wrote it.
import type { EventState } from "../event/model.ts";
import { angleOf } from "./assign.ts";
import type { AngleAssignment, AnglesSetup, Perception } from "./model.ts";

export type TagRefusal = { ok: false; code: "no_angle" | "unknown_story" | "own_story"; message: string };

/** L7: the metadata of a perception `listenerId` writes during `storyId`. */
export function tagPerception(setup: AnglesSetup, assignment: readonly AngleAssignment[], listenerId: string, storyId: string): { ok: true; tag: { angleId: string; storyId: string } } | TagRefusal {
  const story = setup.stories.find((s) => s.id === storyId);
  if (!story) return { ok: false, code: "unknown_story", message: "no such story" };
  // L5: a narrator listens to the other stories, not to their own.
  if (story.narratorIds.includes(listenerId)) return { ok: false, code: "own_story", message: "you are telling this story" };
  const angleId = angleOf(assignment, listenerId);
  if (angleId === null || !setup.angles.some((a) => a.id === angleId)) return { ok: false, code: "no_angle", message: "you have no listening angle" };
  return { ok: true, tag: { angleId, storyId } };
}

/** A perception in its angle's room: no author. */
export interface PooledPerception {
  id: string;
  text: string;
  storyId: string;
  roomId: string | null;
}

export interface AngleRoomContent {
  angleId: string;
  label: string;
  perceptions: PooledPerception[];
}

export interface Regrouped {
  /** One per angle, in setup order, empty ones included. */
  angles: AngleRoomContent[];
  /** Perceptions whose angle is no longer in the setup: kept aside, never dropped. */
  orphans: Perception[];
  /** Ids met again after their first occurrence (the same note read from two boards). */
  duplicateIds: string[];
}

/**
 * L8: every distinct perception lands exactly once: in its angle's room, or among the orphans.
 * Within a room: story order (setup), then group room (plenary first), then id.
 */
export function regroupByAngle(perceptions: readonly Perception[], setup: AnglesSetup): Regrouped {
  const storyRank = new Map(setup.stories.map((s, i) => [s.id, i]));
  const rooms = new Map(setup.angles.map((a) => [a.id, { angleId: a.id, label: a.label, perceptions: [] as PooledPerception[] }]));
  const seen = new Set<string>();
  const duplicateIds: string[] = [];
  const orphans: Perception[] = [];
  for (const p of perceptions) {
    if (seen.has(p.id)) {
      duplicateIds.push(p.id);
      continue;
    }
    seen.add(p.id);
    const room = rooms.get(p.angleId);
    if (room) room.perceptions.push({ id: p.id, text: p.text, storyId: p.storyId, roomId: p.roomId });
    else orphans.push(p);
  }
  const key = (p: PooledPerception): [number, string, string] => [storyRank.get(p.storyId) ?? Infinity, p.roomId ?? "", p.id];
  for (const room of rooms.values()) {
    room.perceptions.sort((x, y) => {
      const [a, b] = [key(x), key(y)];
      return a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
    });
  }
  return { angles: [...rooms.values()], orphans, duplicateIds };
}

export type Destination = { kind: "plenary" } | { kind: "group"; roomId: string } | { kind: "angle"; angleId: string } | { kind: "unassigned" };

/** L9: where the event's stage sends a person: the plenary, their group's room, or their angle's room. */
export function destinationOf(event: EventState, assignment: readonly AngleAssignment[], personId: string): Destination {
  if (event.stage === "plenary") return { kind: "plenary" };
  if (event.stage === "groups") {
    const seat = event.seats.find((s) => s.personId === personId);
    return seat ? { kind: "group", roomId: seat.roomId } : { kind: "unassigned" };
  }
  const angleId = angleOf(assignment, personId);
  return angleId ? { kind: "angle", angleId } : { kind: "unassigned" };
}
