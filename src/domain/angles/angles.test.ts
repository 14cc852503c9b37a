import { describe, expect, it } from "vitest";
import { createEvent } from "../event/machine.ts";
import type { EventState } from "../event/model.ts";
import type { Person } from "../event/people.ts";
import { T0 } from "../event/testkit.ts";
import { assignAngles } from "./assign.ts";
import { ANGLES_LIMITS, type AnglesSetup, DEFAULT_ANGLES, type Perception, defaultAnglesSetup, validateAnglesSetup } from "./model.ts";
import { destinationOf, regroupByAngle, tagPerception } from "./perceptions.ts";

const person = (id: string, structure: string, territory: string): Person => ({ id, name: id, structure, territory });
const PEOPLE = ["T1", "T2", "T3"].flatMap((t) => [1, 2, 3, 4].map((i) => person(`${t}-${i}`, `S${i}`, t)));

const SETUP: AnglesSetup = {
  angles: DEFAULT_ANGLES.fr,
  stories: [
    { id: "cdi", title: "Du premier contrat au CDI", narratorIds: ["T1-1"], roomId: "room-1" },
    { id: "soin", title: "Un parcours vers le soin", narratorIds: ["T2-2", "T3-3"], roomId: "room-2" },
  ],
};

describe("setting up the angles", () => {
  it("L1: three default angles, in French and English, with the same ids", () => {
    expect(defaultAnglesSetup().angles.map((a) => a.label)).toEqual(["Collaboration autour du salarié", "Pratique partenariale", "Évolution des pratiques professionnelles"]);
    expect(defaultAnglesSetup("en").angles.map((a) => a.label)).toEqual(["Collaboration around the employee", "Partnership practice", "Evolution of professional practices"]);
    expect(defaultAnglesSetup("en").angles.map((a) => a.id)).toEqual(defaultAnglesSetup("fr").angles.map((a) => a.id));
    expect(defaultAnglesSetup().stories).toEqual([]);
    // a copy: editing it does not edit the defaults
    const s = defaultAnglesSetup();
    (s.angles[0] as { label: string }).label = "x";
    expect(DEFAULT_ANGLES.fr[0].label).toBe("Collaboration autour du salarié");
  });

  it("L1: angles are editable, any number from 1 to 20, names normalised and distinct", () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ id: `a${i}`, label: ` Angle\u00a0 ${i} ` }));
    const r = validateAnglesSetup({ angles: five });
    expect(r.ok && r.setup.angles[0]).toEqual({ id: "a0", label: "Angle 0" });
    expect(validateAnglesSetup({ angles: [] })).toMatchObject({ ok: false, code: "too_few", path: "angles" });
    expect(validateAnglesSetup({ angles: Array.from({ length: 21 }, (_, i) => ({ id: `a${i}`, label: `A ${i}` })) })).toMatchObject({ ok: false, code: "too_many" });
    expect(validateAnglesSetup({ angles: [{ id: "a", label: "Écoute" }, { id: "b", label: "ecoute" }] })).toMatchObject({ ok: false, code: "duplicate", path: "angles[1].label" });
    expect(validateAnglesSetup({ angles: [{ id: "a", label: "A" }, { id: "a", label: "B" }] })).toMatchObject({ ok: false, code: "duplicate", path: "angles[1].id" });
    expect(validateAnglesSetup({ angles: [{ id: "a", label: " " }] })).toMatchObject({ ok: false, code: "required" });
    expect(validateAnglesSetup({ angles: [{ id: "a", label: "x".repeat(ANGLES_LIMITS.label + 1) }] })).toMatchObject({ ok: false, code: "too_long" });
    expect(validateAnglesSetup({ angles: [{ id: "../a", label: "A" }] })).toMatchObject({ ok: false, code: "bad_input" });
    expect(validateAnglesSetup(null)).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("L2: stories have a title, 1 to 4 known narrators and a room (or the plenary)", () => {
    const ids = PEOPLE.map((p) => p.id);
    const r = validateAnglesSetup({ angles: DEFAULT_ANGLES.fr, stories: [{ id: "cdi", title: "  Du premier contrat au CDI ", narratorIds: ["T1-1"] }] }, ids);
    expect(r.ok && r.setup.stories).toEqual([{ id: "cdi", title: "Du premier contrat au CDI", narratorIds: ["T1-1"], roomId: null }]);
    const bad = (story: unknown) => validateAnglesSetup({ angles: DEFAULT_ANGLES.fr, stories: [story] }, ids);
    expect(bad({ id: "s", title: "", narratorIds: ["T1-1"] })).toMatchObject({ ok: false, code: "required" });
    expect(bad({ id: "s", title: "T", narratorIds: [] })).toMatchObject({ ok: false, code: "too_few" });
    expect(bad({ id: "s", title: "T", narratorIds: ["T1-1", "T1-2", "T1-3", "T1-4", "T2-1"] })).toMatchObject({ ok: false, code: "too_many" });
    expect(bad({ id: "s", title: "T", narratorIds: ["T1-1", "T1-1"] })).toMatchObject({ ok: false, code: "duplicate" });
    expect(bad({ id: "s", title: "T", narratorIds: ["ghost"] })).toMatchObject({ ok: false, code: "unknown_person" });
    expect(bad({ id: "s", title: "T", narratorIds: ["T1-1"], roomId: 3 })).toMatchObject({ ok: false, code: "bad_input" });
    expect(validateAnglesSetup({ angles: DEFAULT_ANGLES.fr, stories: Array.from({ length: 61 }, (_, i) => ({ id: `s${i}`, title: "T", narratorIds: ["T1-1"] })) })).toMatchObject({ ok: false, code: "too_many" });
    expect(validateAnglesSetup({ angles: DEFAULT_ANGLES.fr, stories: [{ id: "s", title: "A", narratorIds: ["x"] }, { id: "s", title: "B", narratorIds: ["x"] }] })).toMatchObject({ ok: false, code: "duplicate" });
  });
});

describe("listening", () => {
  const assignment = assignAngles(PEOPLE, SETUP.angles, 1);

  it("L5: narrators get an angle too, and write no perception on their own story", () => {
    for (const narrator of ["T1-1", "T2-2", "T3-3"]) expect(assignment.find((a) => a.personId === narrator)).toBeDefined();
    expect(tagPerception(SETUP, assignment, "T1-1", "cdi")).toMatchObject({ ok: false, code: "own_story" });
    expect(tagPerception(SETUP, assignment, "T1-1", "soin").ok).toBe(true);
    expect(tagPerception(SETUP, assignment, "T3-3", "soin")).toMatchObject({ ok: false, code: "own_story" });
  });

  it("L7: a perception is tagged with its writer's angle and the story; the writer never picks them", () => {
    const mine = assignment.find((a) => a.personId === "T2-1")!.angleId;
    expect(tagPerception(SETUP, assignment, "T2-1", "cdi")).toEqual({ ok: true, tag: { angleId: mine, storyId: "cdi" } });
    expect(tagPerception(SETUP, assignment, "T2-1", "ghost")).toMatchObject({ ok: false, code: "unknown_story" });
    expect(tagPerception(SETUP, assignment, "walk-in", "cdi")).toMatchObject({ ok: false, code: "no_angle" });
    const renamed = { ...SETUP, angles: SETUP.angles.filter((a) => a.id !== mine) };
    expect(tagPerception(renamed, assignment, "T2-1", "cdi")).toMatchObject({ ok: false, code: "no_angle" });
  });
});

describe("regrouping by angle", () => {
  const p = (id: string, angleId: string, storyId: string, roomId: string | null): Perception => ({ id, text: `texte ${id}`, authorId: `author-${id}`, angleId, storyId, roomId });

  it("L8: every perception once in its angle's room, from every story and group, in story, group, id order, without author", () => {
    const perceptions = [
      p("z", "partenariat", "soin", "room-2"),
      p("b", "partenariat", "cdi", "room-3"),
      p("a", "partenariat", "cdi", "room-1"),
      p("c", "collaboration", "cdi", "room-1"),
      p("b", "partenariat", "cdi", "room-3"),
      p("old", "ancien-angle", "cdi", null),
      p("n", "partenariat", "cdi", null),
    ];
    const r = regroupByAngle(perceptions, SETUP);
    expect(r.angles.map((a) => [a.angleId, a.perceptions.map((x) => x.id)])).toEqual([
      ["collaboration", ["c"]],
      ["partenariat", ["n", "a", "b", "z"]],
      ["evolution", []],
    ]);
    expect(r.angles[1].perceptions[1]).toEqual({ id: "a", text: "texte a", storyId: "cdi", roomId: "room-1" });
    expect(JSON.stringify(r.angles)).not.toContain("author-");
    expect(r.orphans.map((x) => x.id)).toEqual(["old"]);
    expect(r.duplicateIds).toEqual(["b"]);
  });

  it("L8: on random inputs nothing is lost and nothing duplicated", () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    for (let round = 0; round < 100; round++) {
      const perceptions = Array.from({ length: next() % 200 }, () => p(`p${next() % 150}`, ["collaboration", "partenariat", "evolution", "gone"][next() % 4], ["cdi", "soin", "x"][next() % 3], next() % 2 ? `room-${next() % 12}` : null));
      const r = regroupByAngle(perceptions, SETUP);
      const out = [...r.angles.flatMap((a) => a.perceptions.map((x) => x.id)), ...r.orphans.map((x) => x.id)];
      expect(new Set(out).size).toBe(out.length);
      expect(new Set(out)).toEqual(new Set(perceptions.map((x) => x.id)));
      expect(out.length + r.duplicateIds.length).toBe(perceptions.length);
      for (const a of r.angles) for (const x of a.perceptions) expect(perceptions.find((q) => q.id === x.id)!.angleId).toBe(a.angleId);
    }
  });

  it("L9: the event's stage sends people to the plenary, their group's room or their angle's room", () => {
    const assignment = [{ personId: "T1-1", angleId: "evolution" }];
    const base: EventState = { ...createEvent({ title: "J", coordinatorIds: ["c"], plenaryTemplateId: "p", now: T0 }), seats: [{ personId: "T1-1", roomId: "room-4" }] };
    expect(destinationOf(base, assignment, "T1-1")).toEqual({ kind: "plenary" });
    expect(destinationOf({ ...base, stage: "groups" }, assignment, "T1-1")).toEqual({ kind: "group", roomId: "room-4" });
    expect(destinationOf({ ...base, stage: "groups" }, assignment, "T1-2")).toEqual({ kind: "unassigned" });
    expect(destinationOf({ ...base, stage: "angles" }, assignment, "T1-1")).toEqual({ kind: "angle", angleId: "evolution" });
    expect(destinationOf({ ...base, stage: "angles" }, assignment, "T1-2")).toEqual({ kind: "unassigned" });
  });
});
