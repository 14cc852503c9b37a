import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyPatches, boardView, emptyBoard } from "../clusters/index.ts";
import { mulberry32, shuffled } from "../seededRandom.ts";
import { BLIND_FR } from "./fixtures/blind.fr.ts";
import { DEV_FR } from "./fixtures/dev.fr.ts";
import { SET_EN } from "./fixtures/en.ts";
import type { LabelledNote } from "./fixtures/labelled.ts";
import { TEST_FR } from "./fixtures/test.fr.ts";
import { CONCEPTS, type Suggestion, acceptSuggestion, adjustedRandIndex, conceptScores, groupName, stems, suggestGroups } from "./index.ts";

/** Every note left on its own is its own group: a suggestion gets no credit for what it did not group. */
function ari(set: readonly LabelledNote[], s: Suggestion): number {
  const label = new Map<string, string>();
  s.groups.forEach((g, i) => g.noteIds.forEach((id) => label.set(id, `group-${i}`)));
  s.ungrouped.forEach((id) => label.set(id, `alone-${id}`));
  return adjustedRandIndex(
    set.map((n) => n.theme),
    set.map((n) => label.get(n.id)),
  );
}

function partition(s: Suggestion): string[][] {
  return [...s.groups.map((g) => g.noteIds), ...s.ungrouped.map((id) => [id])];
}

describe("suggested groups", () => {
  it("G5: quality on the blind French set (written by someone else, never seen before the measure): ARI at least 0.6", (ctx) => {
    if (BLIND_FR.length === 0) {
      console.log("G5 blind ARI: skipped, fixtures/blind.fr.ts is still empty (see SPEC.md G5 for the protocol)");
      ctx.skip("fixtures/blind.fr.ts is empty: drop the blind set in to measure");
      return;
    }
    const s = suggestGroups(BLIND_FR);
    const value = ari(BLIND_FR, s);
    const themes = new Set(BLIND_FR.map((n) => n.theme)).size;
    console.log(`G5 blind ARI = ${value.toFixed(3)} (${BLIND_FR.length} notes, ${themes} themes; ${s.groups.length} groups, ${s.ungrouped.length} notes alone; goal 0.6)`);
    expect(value).toBeGreaterThanOrEqual(0.6);
  });

  it("G5: quality on the old held-out French set (88 notes, 8 themes; seen before, for information), reported as the adjusted Rand index", () => {
    expect(TEST_FR.length).toBeGreaterThanOrEqual(80);
    expect(new Set(TEST_FR.map((n) => n.theme)).size).toBe(8);
    const s = suggestGroups(TEST_FR);
    const value = ari(TEST_FR, s);
    console.log(`G5 held-out ARI = ${value.toFixed(3)} (${s.groups.length} groups, ${s.ungrouped.length} notes alone; goal 0.6)`);
    // The goal is 0.6; today's honest figure is lower (README, "Suggested groups"). This floor
    // only catches regressions; raise it as the figure rises, never tune against this set.
    expect(value).toBeGreaterThanOrEqual(0.3);
  });

  it("G5: quality on the development set (the set the lexicon and thresholds were tuned on)", () => {
    const value = ari(DEV_FR, suggestGroups(DEV_FR));
    console.log(`G5 development ARI = ${value.toFixed(3)}`);
    expect(value).toBeGreaterThanOrEqual(0.7);
  });

  it("G6: an English board is detected as English and grouped sensibly", () => {
    const s = suggestGroups(SET_EN);
    const value = ari(SET_EN, s);
    console.log(`G6 English ARI = ${value.toFixed(3)}`);
    expect(s.language).toBe("en");
    expect(value).toBeGreaterThanOrEqual(0.5);
    expect(s.groups.some((g) => g.name.startsWith("Health"))).toBe(true);
  });

  it("G7: the lexicon is written from domain knowledge, broad for every concept, and takes nothing from the evaluation sets", () => {
    expect(CONCEPTS.length).toBeGreaterThanOrEqual(10);
    for (const c of CONCEPTS) {
      // Every term yields words to match (none is only stop words), and each concept is broad.
      const empty = [...c.terms.fr, ...(c.weak?.fr ?? [])].filter((t) => stems(t, "fr", { capitalsAreAcronyms: true }).length === 0);
      expect({ concept: c.id, empty }).toEqual({ concept: c.id, empty: [] });
      expect(c.terms.fr.length, c.id).toBeGreaterThanOrEqual(80);
      expect(c.terms.en.length, c.id).toBeGreaterThanOrEqual(15);
    }
    expect(CONCEPTS.reduce((sum, c) => sum + c.terms.fr.length, 0)).toBeGreaterThanOrEqual(1200);
    // The lexicon is not derived from labelled notes: it imports no fixture.
    const source = readFileSync(path.join(import.meta.dirname, "lexicon.ts"), "utf8");
    expect(source).not.toMatch(/import[^;]*fixtures/);
  });

  it("G2: the same notes in any order give the same suggestion", () => {
    const reference = suggestGroups(DEV_FR);
    const random = mulberry32(7);
    for (let i = 0; i < 3; i++) expect(suggestGroups(shuffled(DEV_FR, random))).toEqual(reference);
  });

  it("G2: every note is in exactly one group or alone; empty and one-note boards are fine", () => {
    const s = suggestGroups(TEST_FR);
    expect(partition(s).flat().sort()).toEqual(TEST_FR.map((n) => n.id).sort());
    expect(s.groups.every((g) => g.noteIds.length >= 2)).toBe(true);
    expect(suggestGroups([])).toEqual({ language: "fr", groups: [], ungrouped: [] });
    expect(suggestGroups([{ id: "a", text: "Pas de permis" }])).toEqual({ language: "fr", groups: [], ungrouped: ["a"] });
    expect(suggestGroups([{ id: "a", text: "" }, { id: "b", text: "!!!" }]).groups).toEqual([]);
  });

  it("G2: 500 notes are grouped, each exactly once (timing is measured outside the unit tests)", () => {
    const base = [...DEV_FR, ...TEST_FR];
    const notes = Array.from({ length: 500 }, (_, i) => ({ id: `n${String(i).padStart(3, "0")}`, text: `${base[i % base.length].text} (${i % 7})` }));
    const s = suggestGroups(notes);
    expect(partition(s).flat().sort()).toEqual(notes.map((n) => n.id).sort());
  });

  it("G4: a group is named after its shared concept and its most characteristic words", () => {
    const s = suggestGroups([
      { id: "1", text: "Pas de permis, bus rare" },
      { id: "2", text: "Permis en cours, voiture en panne" },
      { id: "3", text: "Covoiturage à organiser, pas de permis" },
      { id: "4", text: "Dettes de loyer" },
      { id: "5", text: "Dossier de surendettement, dettes EDF" },
      { id: "6", text: "Découvert bancaire et dettes" },
    ]);
    expect(s.groups.map((g) => [g.conceptId, g.name, g.noteIds])).toEqual([
      ["mobility", "Mobilité : permis", ["1", "2", "3"]],
      ["money", "Budget et dettes : dettes", ["4", "5", "6"]],
    ]);
    expect(s.groups.every((g) => g.name.length <= 80)).toBe(true);
  });

  it("G9: a note votes for the concept its terms weigh most: longest term first, shared and weak terms count less, the head word more", () => {
    const scores = (text: string) => Object.fromEntries(conceptScores(stems(text, "fr"), "fr"));
    // "mode de garde" is one family term, not "mode" and "garde"; "garde à vue" is justice
    expect(Object.keys(scores("Pas de mode de garde"))).toEqual(["family"]);
    expect(Object.keys(scores("Sortie de garde à vue"))).toEqual(["justice"]);
    // a term two concepts list is split between them
    expect(scores("CAF")).toEqual({ money: 0.5, rights: 0.5 });
    // a weak term counts half; the head of the note counts more than what follows
    expect(scores("horaires")).toEqual({ mobility: 0.5 });
    const head = scores("Dettes de loyer");
    expect(head.money).toBeGreaterThan(head.housing);
    // acronyms match in capitals as written on a note, and lower-case forms of longer ones too
    expect(Object.keys(scores("Formation CACES"))).toEqual(["employment"]);
    expect(Object.keys(scores("passer le caces"))).toEqual(["employment"]);
    expect(Object.keys(scores("RDV avec l'AS"))).toEqual(["partnership"]);
    expect(Object.keys(scores("tu as vu"))).toEqual([]);
  });

  it("G9: a concept chosen by too few notes is no group; notes without a concept join the closest group or stay alone", () => {
    const s = suggestGroups([
      { id: "a1", text: "Pas de permis" },
      { id: "a2", text: "Voiture en panne, usine zone Nord" },
      { id: "a3", text: "Bus trop rare vers la zone Nord" },
      { id: "b1", text: "Dettes EDF" },
      { id: "b2", text: "Surendettement, dossier Banque de France" },
      { id: "b3", text: "Découvert et dettes" },
      // justice is chosen by one note only: it falls to its next concept
      { id: "c1", text: "Casier judiciaire et dettes" },
      // no concept, but words shared with the mobility notes
      { id: "d1", text: "Zone Nord, toujours" },
      // nothing in common with anything
      { id: "e1", text: "Zorglub" },
    ]);
    expect(s.groups.map((g) => [g.conceptId, g.noteIds])).toEqual([
      ["mobility", ["a1", "a2", "a3", "d1"]],
      ["money", ["b1", "b2", "b3", "c1"]],
    ]);
    expect(s.ungrouped).toEqual(["e1"]);
  });

  it("G4: a group's name does not repeat its concept's name among its words", () => {
    expect(groupName("Logement", ["logement", "loyer", "HLM"], "fr")).toBe("Logement : loyer, HLM");
    expect(groupName("Santé", ["sante"], "fr")).toBe("Santé");
    expect(groupName("", ["permis", "bus"], "fr")).toBe("permis, bus");
  });

  it("G8: the facilitator accepts all or some suggested groups; each becomes a named cluster", () => {
    const notes = [
      { id: "1", text: "Pas de permis, bus rare" },
      { id: "2", text: "Permis en cours, voiture en panne" },
      { id: "4", text: "Dettes de loyer" },
      { id: "5", text: "Découvert bancaire et dettes" },
    ];
    const board = { ...emptyBoard(), notes: new Map(notes.map((n) => [n.id, n.id === "5" ? "old" : null])) };
    board.clusters = new Map([["old", { name: "Ancien", collapsed: false, order: 0, color: null, mergedInto: null }]]);
    const s = suggestGroups(notes);
    const some = acceptSuggestion(board, [s.groups[1]], ["k1"]);
    if (!some.ok) throw new Error(some.message);
    expect(boardView(applyPatches(board, some.patches)).clusters.map((c) => [c.id, c.name, c.noteIds])).toEqual([["k1", s.groups[1].name, ["4", "5"]]]);
    const all = acceptSuggestion(board, s.groups, ["k1", "k2"]);
    if (!all.ok) throw new Error(all.message);
    expect(boardView(applyPatches(board, all.patches)).clusters.map((c) => c.id)).toEqual(["k1", "k2"]);
    expect(acceptSuggestion(board, s.groups, ["k1"])).toMatchObject({ ok: false, code: "bad_input" });
    expect(acceptSuggestion(board, s.groups, ["old", "k2"])).toMatchObject({ ok: false, code: "id_taken" });
    // a note deleted since the suggestion is skipped; a group left with one note is not created
    const smaller = { ...board, notes: new Map([...board.notes].filter(([id]) => id !== "2")) };
    const r = acceptSuggestion(smaller, s.groups, ["k1", "k2"]);
    expect(r.ok && r.patches.filter((p) => p.type === "createCluster").length).toBe(1);
  });
});
