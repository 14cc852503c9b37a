import { describe, expect, it } from "vitest";
import { mulberry32 } from "../seededRandom.ts";
import { type EventCommand, type EventFacts, type EventResult, type EventState, applyEvent, createEvent, placementOf, roleOf, roomProgress } from "./index.ts";
import { balanceReport } from "./placement.ts";
import { MIN, T0, balanceProblems, deepFreeze, randomRoster } from "./testkit.ts";
import { createSeance } from "../facilitation/machine.ts";
import { IC_TEMPLATE } from "./intelligenceCollective.ts";

const COORD = { id: "coord" };
const PEOPLE = randomRoster(mulberry32(5), { people: 130, territories: 8, structures: 30 });

function must(r: EventResult): EventState {
  if (!r.ok) throw new Error(`refused ${r.code}: ${r.message}`);
  return deepFreeze(r.state);
}

function run(s: EventState, actor: { id: string }, ...commands: EventCommand[]): EventState {
  for (const c of commands) s = must(applyEvent(s, c, actor, s.clock + MIN));
  return s;
}

/** A national day: 12 rooms, 130 people, a facilitator named in room 1. */
function day(): EventState {
  const s = deepFreeze(createEvent({ title: "Journée nationale 2026", coordinatorIds: ["coord"], plenaryTemplateId: "plenary", now: T0 }));
  return run(
    s,
    COORD,
    { type: "addRooms", count: 12, templateId: "intelligenceCollective" },
    { type: "importPeople", people: PEOPLE },
    { type: "setFacilitators", roomId: "room-1", facilitators: [{ participantId: "fac-1", name: "Awa Diallo" }] },
  );
}

const as = (s: EventState, actorId: string, c: EventCommand, facts?: EventFacts) => applyEvent(s, c, { id: actorId }, s.clock + MIN, facts);

describe("roles", () => {
  it("E14: coordinators are fixed at creation, named facilitators facilitate, everyone else participates; only coordinators coordinate", () => {
    const s = day();
    expect([roleOf(s, "coord"), roleOf(s, "fac-1"), roleOf(s, "u1")]).toEqual(["coordinator", "facilitator", "participant"]);
    const coordination: EventCommand[] = [
      { type: "addRooms", count: 1, templateId: "codev" },
      { type: "placeBalanced", seed: 1 },
      { type: "movePerson", personId: PEOPLE[0].id, roomId: "room-2" },
      { type: "broadcastMessage", text: "Bonjour" },
      { type: "startTimer", durationMs: 5 * MIN },
      { type: "advanceAll" },
      { type: "setStage", stage: "groups" },
      { type: "openSelfChoice" },
    ];
    for (const c of coordination) {
      expect(as(s, "fac-1", c), c.type).toMatchObject({ ok: false, code: "not_coordinator" });
      expect(as(s, "u1", c), c.type).toMatchObject({ ok: false, code: "not_coordinator" });
      expect(as(s, "coord", c).ok, c.type).toBe(true);
    }
  });
});

describe("rooms", () => {
  it("E15: rooms are added with a template and a free 'Groupe n' name, ids never reused, at most 60", () => {
    let s = day();
    expect(s.rooms.map((r) => r.name)).toEqual(Array.from({ length: 12 }, (_, i) => `Groupe ${i + 1}`));
    s = run(s, COORD, { type: "configureRoom", roomId: "room-12", name: "Groupe 13" }, { type: "removeRoom", roomId: "room-11" }, { type: "addRooms", count: 2, templateId: "codev" });
    expect(s.rooms.slice(-3).map((r) => [r.id, r.name, r.templateId])).toEqual([
      ["room-12", "Groupe 13", "intelligenceCollective"],
      ["room-13", "Groupe 12", "codev"],
      ["room-14", "Groupe 14", "codev"],
    ]);
    expect(as(s, "coord", { type: "addRooms", count: 48, templateId: "codev" })).toMatchObject({ ok: false, code: "too_many_rooms" });
    expect(as(s, "coord", { type: "addRooms", count: 47, templateId: "codev" }).ok).toBe(true);
    expect(as(s, "coord", { type: "addRooms", count: 1, templateId: "../etc" })).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("E15: renaming checks length and uniqueness (case and accents aside); capacity is 1 to 500 or none", () => {
    const s = day();
    expect(as(s, "coord", { type: "configureRoom", roomId: "room-2", name: "  groupe   1 " })).toMatchObject({ ok: false, code: "name_taken" });
    expect(as(s, "coord", { type: "configureRoom", roomId: "room-2", name: "" })).toMatchObject({ ok: false, code: "bad_input" });
    expect(as(s, "coord", { type: "configureRoom", roomId: "room-2", name: "x".repeat(61) })).toMatchObject({ ok: false, code: "bad_input" });
    expect(as(s, "coord", { type: "configureRoom", roomId: "room-2", capacity: 0 })).toMatchObject({ ok: false, code: "out_of_bounds" });
    expect(as(s, "coord", { type: "configureRoom", roomId: "room-99", capacity: 3 })).toMatchObject({ ok: false, code: "unknown_room" });
    const t = must(as(s, "coord", { type: "configureRoom", roomId: "room-2", name: "Salle Jaurès", capacity: 12, templateId: "codev" }));
    expect(t.rooms[1]).toMatchObject({ name: "Salle Jaurès", capacity: 12, templateId: "codev" });
  });

  it("E15: only an empty room is removed; its pending calls go to the coordination", () => {
    let s = run(day(), COORD, { type: "placeBalanced", seed: 1 });
    expect(as(s, "coord", { type: "removeRoom", roomId: "room-1" })).toMatchObject({ ok: false, code: "room_not_empty" });
    const inRoom1 = s.seats.filter((x) => x.roomId === "room-1").map((x) => x.personId);
    s = run(s, { id: "u1" }, { type: "join", personId: inRoom1[0] }, { type: "callFacilitator" });
    expect(s.help[0]).toMatchObject({ roomId: "room-1", to: "facilitator" });
    for (const id of inRoom1) s = run(s, COORD, { type: "movePerson", personId: id, roomId: "room-2" });
    s = run(s, COORD, { type: "removeRoom", roomId: "room-1" });
    expect(s.rooms.map((r) => r.id)).not.toContain("room-1");
    expect(s.help[0]).toMatchObject({ roomId: null, to: "coordinator" });
  });
});

describe("people", () => {
  it("E16: importing again updates fields by id and keeps seats and links; a group column seats people", () => {
    let s = run(day(), COORD, { type: "placeBalanced", seed: 2 });
    s = run(s, { id: "u1" }, { type: "join", personId: PEOPLE[0].id });
    const seat = s.seats.find((x) => x.personId === PEOPLE[0].id);
    const renamed = [{ ...PEOPLE[0], name: "Nom corrigé" }, { id: "new-1", name: "Nouvelle", structure: "S", territory: "T", group: "Groupe 3", line: 132 }, { id: "new-2", name: "Autre", structure: "S", territory: "T", group: "Groupe 99", line: 133 }];
    const r = as(s, "coord", { type: "importPeople", people: renamed });
    expect(r.ok && r.notices).toEqual([{ type: "peopleImported", added: 2, updated: 1, unknownGroups: [{ line: 133, group: "Groupe 99" }] }]);
    const t = must(r);
    expect(t.people.find((p) => p.id === PEOPLE[0].id)).toMatchObject({ name: "Nom corrigé", participantId: "u1" });
    expect(t.seats.find((x) => x.personId === PEOPLE[0].id)).toEqual(seat);
    expect(t.seats.find((x) => x.personId === "new-1")?.roomId).toBe("room-3");
    expect(t.placementMode).toBe("imported");
    expect(as(s, "coord", { type: "importPeople", people: [{ id: "a", name: "", structure: "", territory: "" }] })).toMatchObject({ ok: false, code: "bad_input" });
    expect(as(s, "coord", { type: "importPeople", people: [PEOPLE[1], PEOPLE[1]] })).toMatchObject({ ok: false, code: "bad_input" });
    const many = Array.from({ length: 1871 }, (_, i) => ({ id: `m${i}`, name: `M ${i}`, structure: "", territory: "" }));
    expect(as(s, "coord", { type: "importPeople", people: many })).toMatchObject({ ok: false, code: "too_many_people" });
  });

  it("E17: joining as a listed person, not someone else's; picking another releases the first; walk-ins join once", () => {
    let s = day();
    s = run(s, { id: "u1" }, { type: "join", personId: PEOPLE[0].id });
    expect(as(s, "u2", { type: "join", personId: PEOPLE[0].id })).toMatchObject({ ok: false, code: "person_taken" });
    expect(as(s, "u1", { type: "join", personId: PEOPLE[0].id })).toMatchObject({ ok: false, code: "already_there" });
    expect(as(s, "u2", { type: "join", personId: "ghost" })).toMatchObject({ ok: false, code: "unknown_person" });
    s = run(s, { id: "u1" }, { type: "join", personId: PEOPLE[1].id });
    expect(s.people.filter((p) => p.participantId === "u1").map((p) => p.id)).toEqual([PEOPLE[1].id]);
    s = run(s, { id: "u3" }, { type: "joinAsNew", name: " Nadia  Kaci ", structure: "Ressourcerie", territory: "Bretagne" });
    const walkIn = s.people.find((p) => p.participantId === "u3");
    expect(walkIn).toMatchObject({ name: "Nadia Kaci", walkIn: true });
    expect(as(s, "u3", { type: "joinAsNew", name: "Encore" })).toMatchObject({ ok: false, code: "already_joined" });
    expect(as(s, "u4", { type: "joinAsNew", name: "   " })).toMatchObject({ ok: false, code: "bad_input" });
    expect(as(s, "coord", { type: "join", personId: PEOPLE[2].id })).toMatchObject({ ok: false, code: "coordinator_does_not_join" });
    s = run(s, COORD, { type: "unlinkPerson", personId: PEOPLE[1].id });
    expect(s.people.find((p) => p.id === PEOPLE[1].id)?.participantId).toBeNull();
    expect(as(s, "coord", { type: "unlinkPerson", personId: PEOPLE[1].id })).toMatchObject({ ok: false, code: "not_joined" });
  });

  it("E26: a typed name finds its person (case, accents, spacing, word order aside) among those nobody joined as", () => {
    let s = run(day(), COORD, {
      type: "importPeople",
      people: [
        { id: "mcd", name: "Marie-Claire Dupont", structure: "Jardins de Cocagne", territory: "Bretagne" },
        { id: "hb", name: "Hélène Bœuf", structure: "Ressourcerie", territory: "Occitanie" },
      ],
    });
    s = run(s, { id: "u1" }, { type: "findMe", name: "  dupont   MARIE CLAIRE " });
    expect(s.people.find((p) => p.id === "mcd")?.participantId).toBe("u1");
    const again = applyEvent(s, { type: "findMe", name: "helene boeuf" }, { id: "u2" }, s.clock + MIN);
    expect(again.ok && again.notices).toEqual([{ type: "joined", personId: "hb", participantId: "u2" }]);
    // Once joined, no second look-up; the coordination does not join.
    expect(as(s, "u1", { type: "findMe", name: "Hélène Bœuf" })).toMatchObject({ ok: false, code: "already_joined" });
    expect(as(s, "coord", { type: "findMe", name: "Hélène Bœuf" })).toMatchObject({ ok: false, code: "coordinator_does_not_join" });
    // Someone already joined under that name (a second screen): the coordination sorts it out, no duplicate walk-in.
    expect(as(s, "u3", { type: "findMe", name: "Marie-Claire Dupont" })).toMatchObject({ ok: false, code: "person_taken" });
    expect(as(s, "u3", { type: "findMe", name: " " })).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("E26: homonyms are offered by name and structure only, the structure typed may pick one; no match joins as new", () => {
    let s = run(day(), COORD, {
      type: "importPeople",
      people: [
        { id: "km1", name: "Karim Mansouri", structure: "Chantier Bâtir", territory: "Grand Est" },
        { id: "km2", name: "Karim MANSOURI", structure: "Emmaüs Défi", territory: "Île-de-France" },
        { id: "km3", name: "Mansouri Karim", structure: "Chantier Bâtir", territory: "Provence" },
      ],
    });
    const before = s;
    const r = as(s, "u1", { type: "findMe", name: "karim mansouri" });
    if (!r.ok) throw new Error(r.code);
    expect(r.state.people).toEqual(before.people);
    const homonyms = r.notices.find((n) => n.type === "homonyms");
    expect(homonyms).toEqual({
      type: "homonyms",
      candidates: [
        { personId: "km1", name: "Karim Mansouri", structure: "Chantier Bâtir" },
        { personId: "km3", name: "Mansouri Karim", structure: "Chantier Bâtir" },
        { personId: "km2", name: "Karim MANSOURI", structure: "Emmaüs Défi" },
      ],
    });
    expect(JSON.stringify(homonyms)).not.toMatch(/Grand Est|Île-de-France|Provence/);
    // The structure typed alongside tells one apart; the participant then picks the others by `join`.
    s = run(s, { id: "u1" }, { type: "findMe", name: "Karim Mansouri", structure: "emmaus defi" });
    expect(s.people.find((p) => p.id === "km2")?.participantId).toBe("u1");
    s = run(s, { id: "u2" }, { type: "join", personId: "km3" });
    // One left of that name: found directly.
    s = run(s, { id: "u3" }, { type: "findMe", name: "Karim Mansouri" });
    expect(s.people.find((p) => p.id === "km1")?.participantId).toBe("u3");
    // Not on the list: a walk-in with what they typed.
    s = run(s, { id: "u4" }, { type: "findMe", name: "Nadia Kaci", structure: "Ressourcerie", territory: "Bretagne" });
    expect(s.people.find((p) => p.participantId === "u4")).toMatchObject({ name: "Nadia Kaci", structure: "Ressourcerie", territory: "Bretagne", walkIn: true });
    // Their second screen does not make a second walk-in; a true namesake says they are new (joinAsNew).
    expect(as(s, "u5", { type: "findMe", name: "nadia kaci" })).toMatchObject({ ok: false, code: "person_taken" });
    s = run(s, { id: "u5" }, { type: "joinAsNew", name: "Nadia Kaci" });
    expect(s.people.filter((p) => p.name === "Nadia Kaci")).toHaveLength(2);
  });

  it("E18: 0 to 4 facilitators per room, named once, never a coordinator; the list is replaced", () => {
    const s = day();
    const f = (n: number) => Array.from({ length: n }, (_, i) => ({ participantId: `f${i}`, name: `Anim ${i}` }));
    expect(as(s, "coord", { type: "setFacilitators", roomId: "room-2", facilitators: f(5) })).toMatchObject({ ok: false, code: "out_of_bounds" });
    expect(as(s, "coord", { type: "setFacilitators", roomId: "room-2", facilitators: [{ participantId: "coord", name: "Moi" }] })).toMatchObject({ ok: false, code: "bad_input" });
    expect(as(s, "coord", { type: "setFacilitators", roomId: "room-2", facilitators: [...f(1), ...f(1)] })).toMatchObject({ ok: false, code: "bad_input" });
    expect(as(s, "coord", { type: "setFacilitators", roomId: "room-2", facilitators: [{ participantId: "f0", name: " " }] })).toMatchObject({ ok: false, code: "bad_input" });
    const t = run(s, COORD, { type: "setFacilitators", roomId: "room-1", facilitators: f(4) });
    expect(t.rooms[0].facilitators.map((x) => x.participantId)).toEqual(["f0", "f1", "f2", "f3"]);
    expect(roleOf(t, "fac-1")).toBe("participant");
  });
});

describe("placement in the event", () => {
  it("E6, E20: the coordination places everyone balanced over the 12 rooms", () => {
    const s = run(day(), COORD, { type: "placeBalanced", seed: 2026 });
    const r = balanceReport(s.people, placementOf(s));
    expect(r.placed).toBe(130);
    expect(r.sizes.every((n) => n === 10 || n === 11)).toBe(true);
    expect(balanceProblems(r)).toEqual([]);
    expect(s.placementMode).toBe("balanced");
  });

  it("E19: while self-choice is open a joined participant picks a room within its capacity", () => {
    let s = run(day(), COORD, { type: "configureRoom", roomId: "room-2", capacity: 1 });
    s = run(s, { id: "u1" }, { type: "join", personId: PEOPLE[0].id });
    s = run(s, { id: "u2" }, { type: "join", personId: PEOPLE[1].id });
    expect(as(s, "u1", { type: "chooseRoom", roomId: "room-2" })).toMatchObject({ ok: false, code: "self_choice_closed" });
    s = run(s, COORD, { type: "openSelfChoice" });
    expect(as(s, "u9", { type: "chooseRoom", roomId: "room-2" })).toMatchObject({ ok: false, code: "not_joined" });
    s = run(s, { id: "u1" }, { type: "chooseRoom", roomId: "room-2" });
    expect(as(s, "u2", { type: "chooseRoom", roomId: "room-2" })).toMatchObject({ ok: false, code: "room_full" });
    expect(as(s, "u1", { type: "chooseRoom", roomId: "room-2" })).toMatchObject({ ok: false, code: "already_there" });
    s = run(s, { id: "u1" }, { type: "chooseRoom", roomId: "room-3" });
    s = run(s, { id: "u2" }, { type: "chooseRoom", roomId: "room-2" });
    expect(s.seats).toEqual([{ personId: PEOPLE[0].id, roomId: "room-3" }, { personId: PEOPLE[1].id, roomId: "room-2" }]);
    expect(s.placementMode).toBe("selfChosen");
  });

  it("E20: the coordination may go beyond a capacity, and is told; a move changes one seat", () => {
    let s = run(day(), COORD, { type: "placeBalanced", seed: 4 });
    s = run(s, COORD, { type: "configureRoom", roomId: "room-5", capacity: 5 });
    const who = s.seats.find((x) => x.roomId !== "room-5")!;
    const r = as(s, "coord", { type: "movePerson", personId: who.personId, roomId: "room-5" });
    expect(r.ok && r.notices).toEqual([{ type: "moved", personId: who.personId, from: who.roomId, to: "room-5", overCapacity: true }]);
    const t = must(r);
    expect(t.seats.filter((x) => x.personId !== who.personId)).toEqual(s.seats.filter((x) => x.personId !== who.personId));
    expect(as(t, "coord", { type: "movePerson", personId: "ghost", roomId: "room-5" })).toMatchObject({ ok: false, code: "unknown_person" });
    expect(as(t, "coord", { type: "movePerson", personId: who.personId, roomId: "room-99" })).toMatchObject({ ok: false, code: "unknown_room" });
    const out = must(as(t, "coord", { type: "movePerson", personId: who.personId, roomId: null }));
    expect(out.seats).toHaveLength(129);
    expect(as(day(), "coord", { type: "placeBalanced", seed: Number.NaN })).toMatchObject({ ok: false, code: "bad_input" });
    expect(as(createEvent({ title: "x", coordinatorIds: ["coord"], plenaryTemplateId: "p", now: T0 }), "coord", { type: "placeBalanced", seed: 1 })).toMatchObject({ ok: false, code: "no_rooms" });
  });
});

describe("talking to every room", () => {
  it("E21: a message to every room, cleared with null; 1 to 500 characters", () => {
    const s = day();
    const r = as(s, "coord", { type: "broadcastMessage", text: "  Retour en plénière à 15 h 30\r\nMerci !  " });
    expect(r.ok && r.state.message).toEqual({ text: "Retour en plénière à 15 h 30\nMerci !", sentAt: s.clock + MIN });
    expect(as(s, "coord", { type: "broadcastMessage", text: "" })).toMatchObject({ ok: false, code: "bad_input" });
    expect(as(s, "coord", { type: "broadcastMessage", text: "x".repeat(501) })).toMatchObject({ ok: false, code: "bad_input" });
    expect(must(as(must(r), "coord", { type: "broadcastMessage", text: null })).message).toBeNull();
  });

  it("E21: a timer for every room is an absolute end time, 1 s to 180 min, cleared on demand", () => {
    const s = day();
    const r = applyEvent(s, { type: "startTimer", durationMs: 10 * MIN, label: "Pause" }, COORD, T0 + 30 * MIN);
    expect(r.ok && r.state.timer).toEqual({ label: "Pause", startedAt: T0 + 30 * MIN, endsAt: T0 + 40 * MIN });
    expect(r.ok && r.notices).toEqual([{ type: "timer", endsAt: T0 + 40 * MIN }]);
    for (const durationMs of [999, 180 * MIN + 1, 1.5, Number.NaN]) expect(as(s, "coord", { type: "startTimer", durationMs })).toMatchObject({ ok: false, code: "out_of_bounds" });
    expect(as(s, "coord", { type: "startTimer", durationMs: MIN, label: "x".repeat(81) })).toMatchObject({ ok: false, code: "bad_input" });
    expect(as(s, "coord", { type: "clearTimer" })).toMatchObject({ ok: false, code: "no_timer" });
    expect(must(as(must(r), "coord", { type: "clearTimer" })).timer).toBeNull();
  });

  it("E22: advancing every room starts the ones in the lobby, moves the running ones on, skips the others", () => {
    const s = day();
    const seance = createSeance(IC_TEMPLATE, { facilitatorId: "fac-1", now: T0 });
    const rooms = [
      roomProgress("room-1", seance)!,
      { roomId: "room-2", status: "running" as const, atLastStep: false },
      { roomId: "room-3", status: "running" as const, atLastStep: true },
      { roomId: "room-4", status: "ended" as const, atLastStep: true },
    ];
    const r = as(s, "coord", { type: "advanceAll" }, { rooms });
    if (!r.ok) throw new Error(r.code);
    expect(r.roomCommands).toEqual([{ roomId: "room-1", command: { type: "start" } }, { roomId: "room-2", command: { type: "next" } }]);
    expect(r.notices.slice(0, 3)).toEqual([
      { type: "roomSkipped", roomId: "room-3", reason: "last_step" },
      { type: "roomSkipped", roomId: "room-4", reason: "ended" },
      { type: "roomSkipped", roomId: "room-5", reason: "no_seance" },
    ]);
    expect(r.notices).toHaveLength(10);
    expect(r.state).toEqual({ ...s, clock: s.clock + MIN });
    expect(roomProgress("room-1", null)).toBeNull();
    expect(as(s, "coord", { type: "advanceAll" }, { rooms: "all" as unknown as [] })).toMatchObject({ ok: false, code: "bad_input" });
  });
});

describe("calling the facilitator", () => {
  function placed(): EventState {
    let s = run(day(), COORD, { type: "placeBalanced", seed: 9 });
    const inRoom1 = s.seats.find((x) => x.roomId === "room-1")!.personId;
    const inRoom2 = s.seats.find((x) => x.roomId === "room-2")!.personId;
    s = run(s, { id: "u1" }, { type: "join", personId: inRoom1 });
    s = run(s, { id: "u2" }, { type: "join", personId: inRoom2 });
    return s;
  }

  it("E23: a participant's call goes to their room's facilitators, or to the coordination when there are none", () => {
    let s = placed();
    const r = as(s, "u1", { type: "callFacilitator", note: "Le vidéoprojecteur ne s'allume pas" });
    expect(r.ok && r.notices[0]).toMatchObject({ type: "helpRaised", request: { id: "help-1", roomId: "room-1", to: "facilitator", note: "Le vidéoprojecteur ne s'allume pas" } });
    s = must(r);
    expect(as(s, "u1", { type: "callFacilitator" })).toMatchObject({ ok: false, code: "help_already_open" });
    s = run(s, { id: "u2" }, { type: "callFacilitator" });
    expect(s.help[1]).toMatchObject({ roomId: "room-2", to: "coordinator" });
    s = run(s, { id: "u5" }, { type: "callFacilitator" });
    expect(s.help[2]).toMatchObject({ roomId: null, to: "coordinator" });
    s = run(s, { id: "fac-1" }, { type: "callFacilitator", note: "Il manque des feutres" });
    expect(s.help[3]).toMatchObject({ participantId: "fac-1", roomId: "room-1", to: "coordinator" });
    expect(as(s, "u3", { type: "callFacilitator", note: "x".repeat(201) })).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("E23: the addressees acknowledge once and close; the caller cancels; others cannot answer", () => {
    let s = run(placed(), { id: "u1" }, { type: "callFacilitator" });
    s = run(s, { id: "u2" }, { type: "callFacilitator" });
    expect(as(s, "u2", { type: "acknowledgeHelp", requestId: "help-1" })).toMatchObject({ ok: false, code: "not_addressee" });
    expect(as(s, "fac-1", { type: "acknowledgeHelp", requestId: "help-2" })).toMatchObject({ ok: false, code: "not_addressee" });
    s = run(s, { id: "fac-1" }, { type: "acknowledgeHelp", requestId: "help-1" });
    expect(s.help[0]).toMatchObject({ acknowledgedBy: "fac-1", acknowledgedAt: s.clock });
    expect(as(s, "coord", { type: "acknowledgeHelp", requestId: "help-1" })).toMatchObject({ ok: false, code: "already_acknowledged" });
    s = run(s, { id: "fac-1" }, { type: "closeHelp", requestId: "help-1" });
    s = run(s, COORD, { type: "acknowledgeHelp", requestId: "help-2" });
    expect(as(s, "coord", { type: "closeHelp", requestId: "help-1" })).toMatchObject({ ok: false, code: "unknown_request" });
    const r = as(s, "u2", { type: "cancelHelp" });
    expect(r.ok && r.notices).toEqual([{ type: "helpClosed", requestId: "help-2", by: "u2" }]);
    expect(must(r).help).toEqual([]);
    expect(as(must(r), "u2", { type: "cancelHelp" })).toMatchObject({ ok: false, code: "no_help_request" });
    // a new call gets a new id
    expect(must(as(must(r), "u2", { type: "callFacilitator" })).help[0].id).toBe("help-3");
  });
});

describe("totality", () => {
  it("E24: garbage is refused as a value, never thrown, and the state is left as it was", () => {
    const s = day();
    const garbage: unknown[] = [null, 3, "next", {}, { type: "constructor" }, { type: "addRooms" }, { type: "setFacilitators", roomId: "room-1", facilitators: "x" }, { type: "importPeople", people: null }, { type: "setStage", stage: "bar" }, { type: "configureRoom", roomId: "room-1", templateId: 4 }];
    for (const c of garbage) {
      const r = applyEvent(s, c as EventCommand, COORD, T0);
      expect(r.ok, JSON.stringify(c)).toBe(false);
      expect(r.ok ? "" : r.code).not.toBe("internal");
    }
    expect(applyEvent(null as unknown as EventState, { type: "advanceAll" }, COORD, T0)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyEvent(s, { type: "advanceAll" }, { id: "" }, T0)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyEvent(s, { type: "advanceAll" }, COORD, Number.POSITIVE_INFINITY)).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("E24: time never goes backwards: a late-stamped command counts at the latest time seen", () => {
    const s = run(day(), COORD, { type: "startTimer", durationMs: MIN });
    const r = applyEvent(s, { type: "broadcastMessage", text: "Tard" }, COORD, T0 - 60 * MIN);
    expect(r.ok && r.state.message?.sentAt).toBe(s.clock);
    expect(r.ok && r.state.clock).toBe(s.clock);
  });
});
