import { describe, expect, it } from "vitest";
import { mulberry32 } from "../seededRandom.ts";
import { type EventCommand, type EventState, applyEvent, createEvent, eventBalance, facilitatorView, mayReadWall, participantView } from "./index.ts";
import { MIN, T0, randomRoster } from "./testkit.ts";

const PEOPLE = randomRoster(mulberry32(8), { people: 40, territories: 5, structures: 10 });

function run(s: EventState, actorId: string, ...commands: EventCommand[]): EventState {
  for (const c of commands) {
    const r = applyEvent(s, c, { id: actorId }, s.clock + MIN);
    if (!r.ok) throw new Error(`${c.type}: ${r.code}`);
    s = r.state;
  }
  return s;
}

function day(): EventState {
  let s = createEvent({ title: "Journée des territoires", coordinatorIds: ["coord"], plenaryTemplateId: "plenary", now: T0 });
  s = run(
    s,
    "coord",
    { type: "addRooms", count: 4, templateId: "intelligenceCollective" },
    { type: "importPeople", people: PEOPLE },
    { type: "placeBalanced", seed: 3 },
    { type: "setFacilitators", roomId: "room-2", facilitators: [{ participantId: "fac", name: "Léa Martin" }] },
    { type: "setStage", stage: "groups" },
    { type: "broadcastMessage", text: "Plénière à 16 h" },
    { type: "startTimer", durationMs: 20 * MIN, label: "Idées" },
  );
  const inRoom2 = s.seats.find((x) => x.roomId === "room-2")!.personId;
  return run(run(s, "u1", { type: "join", personId: inRoom2 }, { type: "callFacilitator", note: "Une question" }), "u2", { type: "callFacilitator" });
}

describe("views", () => {
  it("E25: a participant sees their own person, room, the message, the timer and their call, never the list", () => {
    const s = day();
    const v = participantView(s, "u1", s.clock + 5 * MIN);
    const me = s.people.find((p) => p.participantId === "u1")!;
    expect(v).toMatchObject({
      title: "Journée des territoires",
      stage: "groups",
      me: { personId: me.id, name: me.name },
      room: { id: "room-2", name: "Groupe 2", templateId: "intelligenceCollective", facilitators: ["Léa Martin"] },
      message: { text: "Plénière à 16 h" },
      myCall: { id: "help-1", acknowledged: false },
      choice: null,
    });
    expect(v.timer?.label).toBe("Idées");
    expect(v.timer?.remainingMs).toBe(s.timer!.endsAt - (s.clock + 5 * MIN));
    expect(participantView(s, "u1", s.timer!.endsAt + MIN).timer?.remainingMs).toBe(0);
    const text = JSON.stringify(v);
    for (const p of PEOPLE.filter((x) => x.id !== me.id)) expect(text).not.toContain(`"${p.name}"`);
    expect(participantView(s, "nobody", s.clock)).toMatchObject({ me: null, room: null, myCall: null });
  });

  it("E25: while self-choice is open a participant sees each room's free seats, not who sits there", () => {
    const s = run(day(), "coord", { type: "configureRoom", roomId: "room-1", capacity: 12 }, { type: "openSelfChoice" });
    const v = participantView(s, "u9", s.clock);
    const taken = s.seats.filter((x) => x.roomId === "room-1").length;
    expect(v.choice).toEqual([
      { id: "room-1", name: "Groupe 1", seatsLeft: 12 - taken },
      { id: "room-2", name: "Groupe 2", seatsLeft: null },
      { id: "room-3", name: "Groupe 3", seatsLeft: null },
      { id: "room-4", name: "Groupe 4", seatsLeft: null },
    ]);
  });

  it("E25: a facilitator sees their room's people and the calls addressed to them; others see none", () => {
    const s = day();
    const v = facilitatorView(s, "fac", s.clock);
    expect(v.rooms.map((r) => r.id)).toEqual(["room-2"]);
    expect(v.rooms[0].people.map((p) => p.personId).sort()).toEqual(s.seats.filter((x) => x.roomId === "room-2").map((x) => x.personId).sort());
    expect(v.rooms[0].people.filter((p) => p.joined)).toHaveLength(1);
    expect(v.calls.map((c) => c.id)).toEqual(["help-1"]);
    // The caller's name, from the list, for the facilitator to know whom to go to.
    const caller = s.people.find((p) => p.participantId === v.calls[0].participantId);
    expect(v.calls[0].name).toBe(caller?.name);
    expect(v.calls[0].name).not.toBe("");
    expect(facilitatorView(s, "u2", s.clock)).toMatchObject({ rooms: [], calls: [] });
  });

  it("E13, E25: the coordination's balance panel is the balance report over the rooms, in room order", () => {
    const s = day();
    const b = eventBalance(s);
    expect(b.roomIds).toEqual(["room-1", "room-2", "room-3", "room-4"]);
    expect(b.sizes).toEqual([10, 10, 10, 10]);
    expect(b.even).toBe(true);
  });

  it("I6: the plenary wall is the coordination's at any time, and everyone's who joined during the plenary", () => {
    const groups = day();
    const plenary = run(groups, "coord", { type: "setStage", stage: "plenary" });
    expect(mayReadWall(groups, "coord")).toEqual({ ok: true });
    // u1 joined as a person of the list, fac is room 2's facilitator, "stranger" never said who they are.
    expect(mayReadWall(groups, "u1")).toEqual({ ok: false, code: "not_in_plenary" });
    expect(mayReadWall(groups, "fac")).toEqual({ ok: false, code: "not_in_plenary" });
    expect(mayReadWall(plenary, "u1")).toEqual({ ok: true });
    expect(mayReadWall(plenary, "fac")).toEqual({ ok: true });
    expect(mayReadWall(plenary, "stranger")).toEqual({ ok: false, code: "not_joined" });
    expect(mayReadWall(run(plenary, "coord", { type: "setStage", stage: "angles" }), "u1")).toEqual({ ok: false, code: "not_in_plenary" });
  });
});
