// Histoires d'accompagnement et angles d'écoute (issue 5; domain.md, method 2). Several
// participants each tell a lived story of accompaniment; every listener has been given one
// listening angle and notes what they perceive through it; then listeners regroup by angle,
// pool their perceptions from every story, cluster them into modalités d'action and vote; the
// plenary shows each angle's synthesis. Plain data; rule ids (L…): ../SPEC.md.
import { foldKey, normaliseField } from "../event/people.ts";

export type AnglesLocale = "fr" | "en";

export interface Angle {
  id: string;
  /** In the day's language: the coordinator writes the angles for this event. */
  label: string;
}

export interface Story {
  id: string;
  title: string;
  /** Person ids (the event's people): usually one, sometimes a pair who followed the person together. */
  narratorIds: readonly string[];
  /** The group room where it is told; null when told in the plenary. */
  roomId: string | null;
}

export interface AnglesSetup {
  angles: readonly Angle[];
  stories: readonly Story[];
}

/** Every listener's angle (L3); people with none are not listeners. */
export interface AngleAssignment {
  personId: string;
  angleId: string;
}

/** A listener's note during a story, tagged automatically (L7). */
export interface Perception {
  id: string;
  text: string;
  /** A person id; left behind when perceptions are pooled (L8). */
  authorId: string;
  angleId: string;
  storyId: string;
  /** The group room it was written in (null: in the plenary). */
  roomId: string | null;
}

export const ANGLES_LIMITS = {
  angles: 20,
  label: 120,
  stories: 60,
  title: 200,
  narrators: 4,
} as const;

/** L1: the network's usual three angles. */
export const DEFAULT_ANGLES: Readonly<Record<AnglesLocale, readonly Angle[]>> = {
  fr: [
    { id: "collaboration", label: "Collaboration autour du salarié" },
    { id: "partenariat", label: "Pratique partenariale" },
    { id: "evolution", label: "Évolution des pratiques professionnelles" },
  ],
  en: [
    { id: "collaboration", label: "Collaboration around the employee" },
    { id: "partenariat", label: "Partnership practice" },
    { id: "evolution", label: "Evolution of professional practices" },
  ],
};

export function defaultAnglesSetup(locale: AnglesLocale = "fr"): AnglesSetup {
  return { angles: DEFAULT_ANGLES[locale].map((a) => ({ ...a })), stories: [] };
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const PERSON = /^[A-Za-z0-9._-]{1,64}$/;

export type AnglesSetupRefusal = { ok: false; code: "bad_input" | "too_few" | "too_many" | "too_long" | "required" | "duplicate" | "unknown_person"; path: string; message: string };

/**
 * L1, L2: checks and normalises a setup from the coordinator's form. `personIds`: the event's
 * people, to check narrators against (skipped when absent).
 */
export function validateAnglesSetup(input: unknown, personIds?: Iterable<string>): { ok: true; setup: AnglesSetup } | AnglesSetupRefusal {
  const no = (code: AnglesSetupRefusal["code"], path: string, message: string): AnglesSetupRefusal => ({ ok: false, code, path, message });
  if (typeof input !== "object" || input === null) return no("bad_input", "", "a setup is an object");
  const { angles, stories } = input as { angles?: unknown; stories?: unknown };
  if (!Array.isArray(angles) || angles.length === 0) return no("too_few", "angles", "at least one angle");
  if (angles.length > ANGLES_LIMITS.angles) return no("too_many", "angles", `at most ${ANGLES_LIMITS.angles} angles`);
  const outAngles: Angle[] = [];
  for (const [i, a] of angles.entries()) {
    const path = `angles[${i}]`;
    if (typeof a !== "object" || a === null || typeof a.id !== "string" || !ID.test(a.id)) return no("bad_input", `${path}.id`, "an id of letters, digits, - or _");
    const label = typeof a.label === "string" ? normaliseField(a.label) : "";
    if (label === "") return no("required", `${path}.label`, "an angle has a name");
    if ([...label].length > ANGLES_LIMITS.label) return no("too_long", `${path}.label`, `at most ${ANGLES_LIMITS.label} characters`);
    if (outAngles.some((x) => x.id === a.id)) return no("duplicate", `${path}.id`, "two angles share an id");
    if (outAngles.some((x) => foldKey(x.label) === foldKey(label))) return no("duplicate", `${path}.label`, "two angles have the same name");
    outAngles.push({ id: a.id, label });
  }
  const storyList = stories === undefined ? [] : stories;
  if (!Array.isArray(storyList)) return no("bad_input", "stories", "a list of stories");
  if (storyList.length > ANGLES_LIMITS.stories) return no("too_many", "stories", `at most ${ANGLES_LIMITS.stories} stories`);
  const known = personIds ? new Set(personIds) : null;
  const outStories: Story[] = [];
  for (const [i, s] of storyList.entries()) {
    const path = `stories[${i}]`;
    if (typeof s !== "object" || s === null || typeof s.id !== "string" || !ID.test(s.id)) return no("bad_input", `${path}.id`, "an id of letters, digits, - or _");
    if (outStories.some((x) => x.id === s.id)) return no("duplicate", `${path}.id`, "two stories share an id");
    const title = typeof s.title === "string" ? normaliseField(s.title) : "";
    if (title === "") return no("required", `${path}.title`, "a story has a title");
    if ([...title].length > ANGLES_LIMITS.title) return no("too_long", `${path}.title`, `at most ${ANGLES_LIMITS.title} characters`);
    const narrators: unknown = s.narratorIds;
    if (!Array.isArray(narrators) || narrators.length === 0) return no("too_few", `${path}.narratorIds`, "a story has a narrator");
    if (narrators.length > ANGLES_LIMITS.narrators) return no("too_many", `${path}.narratorIds`, `at most ${ANGLES_LIMITS.narrators} narrators`);
    if (!narrators.every((n) => typeof n === "string" && PERSON.test(n))) return no("bad_input", `${path}.narratorIds`, "narrators are person ids");
    if (new Set(narrators).size !== narrators.length) return no("duplicate", `${path}.narratorIds`, "a narrator is named once");
    if (known && !narrators.every((n) => known.has(n))) return no("unknown_person", `${path}.narratorIds`, "a narrator is one of the event's people");
    const roomId = s.roomId === undefined || s.roomId === null ? null : s.roomId;
    if (roomId !== null && (typeof roomId !== "string" || roomId.length === 0 || roomId.length > 128)) return no("bad_input", `${path}.roomId`, "a room id or null");
    outStories.push({ id: s.id, title, narratorIds: [...narrators], roomId });
  }
  return { ok: true, setup: { angles: outAngles, stories: outStories } };
}
