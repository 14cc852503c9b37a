import { describe, expect, it } from "vitest";
import { presentItem, presentItems, splitAuthorship } from "./index.ts";
import { CODEV_TEMPLATE, apply, createSeance, currentStep, type MethodTemplate } from "../facilitation/index.ts";

const note = {
  id: "n1",
  text: "Pas de permis, bus rare le matin",
  x: 20,
  y: 40,
  color: "yellow",
  authorId: "p-7f3a",
  authorName: "Sophie Martin",
  comments: [{ text: "idem pour moi", authorId: "p-99", authorName: "Karim B." }],
};

describe("anonymity", () => {
  it("A1: in an anonymous step another participant's JSON has no author id or name, not even as a key", () => {
    const sent = JSON.stringify(presentItem(note, { anonymous: true, viewerId: "p-other" }));
    for (const secret of ["p-7f3a", "Sophie", "p-99", "Karim", "authorId", "authorName"]) expect(sent).not.toContain(secret);
    expect(JSON.parse(sent)).toEqual({
      id: "n1",
      text: "Pas de permis, bus rare le matin",
      x: 20,
      y: 40,
      color: "yellow",
      comments: [{ text: "idem pour moi" }],
      mine: false,
    });
  });

  it("A1: a list of items is stripped item by item, and the items given are not changed", () => {
    const items = [note, { ...note, id: "n2", authorId: "p-2", authorName: "Léa" }];
    const sent = JSON.stringify(presentItems(items, { anonymous: true, viewerId: "p-3" }));
    for (const secret of ["p-7f3a", "p-2", "Léa", "Sophie", "author"]) expect(sent).not.toContain(secret);
    expect(items[0].authorId).toBe("p-7f3a");
    expect(items[0].comments[0].authorName).toBe("Karim B.");
  });

  it("A2: the author still sees their own item as theirs, without the identity fields", () => {
    const own = presentItem(note, { anonymous: true, viewerId: "p-7f3a" });
    expect(own.mine).toBe(true);
    expect("authorId" in own).toBe(false);
  });

  it("A3: the facilitator gets no author identity either in an anonymous step", () => {
    const sent = JSON.stringify(presentItem(note, { anonymous: true, viewerId: "fac" }));
    expect(sent).not.toContain("p-7f3a");
    expect(sent).not.toContain("Sophie");
  });

  it("A4: outside an anonymous step the item is sent as it is; a missing flag counts as anonymous", () => {
    expect(presentItem(note, { anonymous: false, viewerId: "p-other" })).toEqual({ ...note, mine: false });
    const unsure = JSON.stringify(presentItem(note, { viewerId: "p-other" } as never));
    expect(unsure).not.toContain("p-7f3a");
  });

  it("A5: an item created in an anonymous step is written to the shared document without its author, which the server keeps", () => {
    const { shared, authorship } = splitAuthorship(note);
    expect(JSON.stringify(shared)).not.toContain("p-7f3a");
    expect(JSON.stringify(shared)).not.toContain("Sophie");
    expect(authorship).toEqual({ itemId: "n1", authorId: "p-7f3a" });
  });

  it("A7: a template step flagged anonymous is anonymous while it is the current step", () => {
    const template: MethodTemplate = { ...CODEV_TEMPLATE, steps: CODEV_TEMPLATE.steps.map((s, i) => (i === 1 ? { ...s, anonymous: true } : s)) };
    let state = createSeance(template, { facilitatorId: "fac", now: 0 });
    const step = (id: string) => template.steps.find((s) => s.id === id);
    expect(currentStep(template, state)).toBeNull();
    const assigned = apply(template, state, { type: "assignRole", participantId: "awa", role: "caseHolder" }, { id: "fac" }, 1, {});
    if (assigned.ok) state = assigned.state;
    const started = apply(template, state, { type: "start" }, { id: "fac" }, 2, {});
    if (!started.ok) throw new Error(started.code);
    const first = currentStep(template, started.state)!;
    expect(first.anonymous === true).toBe(step(first.id)?.anonymous === true);
    expect(template.steps.filter((s) => s.anonymous).length).toBe(1);
  });
});
