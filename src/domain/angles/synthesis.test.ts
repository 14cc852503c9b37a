import { describe, expect, it } from "vitest";
import { plenaryWall } from "../event/intelligenceCollective.ts";
import { T0 } from "../event/testkit.ts";
import { toMarkdown } from "../report/index.ts";
import type { AnglesSetup, Perception } from "./model.ts";
import { synthesisReport } from "./report.ts";
import { type AngleCluster, angleSynthesis } from "./synthesis.ts";

const SETUP: AnglesSetup = {
  angles: [
    { id: "collaboration", label: "Collaboration autour du salarié" },
    { id: "partenariat", label: "Pratique partenariale" },
    { id: "evolution", label: "Évolution des pratiques professionnelles" },
  ],
  stories: [
    { id: "suivi", title: "Un suivi conjoint avec une assistante sociale", narratorIds: ["n1"], roomId: "room-1" },
    { id: "cdi", title: "Du premier contrat au CDI", narratorIds: ["n2", "n3"], roomId: "room-2" },
    { id: "soin", title: "Un parcours vers le soin", narratorIds: ["n4"], roomId: null },
  ],
};

let counter = 0;
const p = (angleId: string, storyId: string, text = "perception"): Perception => ({ id: `p${++counter}`, text, authorId: "someone", angleId, storyId, roomId: "room-1" });

function fixture() {
  counter = 0;
  const perceptions = [
    ...[1, 2, 3].map(() => p("partenariat", "suivi")),
    ...[1, 2].map(() => p("partenariat", "cdi")),
    p("partenariat", "soin"),
    p("partenariat", "ghost-story"),
    ...[1, 2].map(() => p("collaboration", "cdi")),
    p("collaboration", "soin"),
  ];
  // p1..p3 suivi, p4..p5 cdi, p6 soin, p7 other story (partenariat); p8..p9 cdi, p10 soin (collaboration)
  const clusters: AngleCluster[] = [
    { angleId: "partenariat", id: "k-confiance", name: "La confiance entre conseillers", perceptionIds: ["p1", "p4"], votes: 7 },
    { angleId: "partenariat", id: "k-systemique", name: "Une approche systémique", perceptionIds: ["p2", "p5", "p1"], votes: 9 },
    { angleId: "partenariat", id: "k-regards", name: "Des regards croisés", perceptionIds: ["p3"], votes: 7 },
    { angleId: "partenariat", id: "k-vide", name: "Vide", perceptionIds: [], votes: 3 },
    { angleId: "partenariat", id: "k-intrus", name: "Intrus", perceptionIds: ["p8"], votes: 12 },
    { angleId: "partenariat", id: "k-sansnom", name: "  ", perceptionIds: ["p6"], votes: 0 },
    { angleId: "collaboration", id: "k-temps", name: "Un temps adapté à la personne", perceptionIds: ["p8", "p9", "p10"], votes: 4 },
  ];
  return { perceptions, clusters };
}

describe("the angles' synthesis", () => {
  it("L10: modalités ordered by votes, equal votes share a rank and are marked tied, never broken", () => {
    const s = angleSynthesis({ setup: SETUP, ...fixture() });
    const part = s.angles.find((a) => a.angleId === "partenariat")!;
    expect(part.modalites.map((m) => [m.clusterId, m.votes, m.rank, m.tied])).toEqual([
      ["k-systemique", 9, 1, false],
      ["k-confiance", 7, 2, true],
      ["k-regards", 7, 2, true],
      ["k-sansnom", 0, 4, false],
    ]);
  });

  it("L10: a cluster counts its own angle's perceptions only, each once; empty clusters are not modalités; unnamed ones are flagged", () => {
    const s = angleSynthesis({ setup: SETUP, ...fixture() });
    const part = s.angles.find((a) => a.angleId === "partenariat")!;
    // p1 is claimed by the first cluster listing it; p8 belongs to another angle; k-vide holds nothing
    expect(part.modalites.find((m) => m.clusterId === "k-systemique")).toMatchObject({ perceptionCount: 2, storyIds: ["suivi", "cdi"] });
    expect(part.modalites.map((m) => m.clusterId)).not.toContain("k-vide");
    expect(part.modalites.map((m) => m.clusterId)).not.toContain("k-intrus");
    expect(part.modalites.find((m) => m.clusterId === "k-sansnom")).toMatchObject({ name: "", unnamed: true });
    expect(part).toMatchObject({ perceptionCount: 7, unclustered: 1 });
    expect(s.angles.find((a) => a.angleId === "evolution")).toMatchObject({ perceptionCount: 0, unclustered: 0, modalites: [] });
    expect(s.angles.map((a) => a.angleId)).toEqual(["collaboration", "partenariat", "evolution"]);
  });

  it("L11: the matrix counts each angle's perceptions per story; rows and columns add up", () => {
    const { perceptions, clusters } = fixture();
    const s = angleSynthesis({ setup: SETUP, perceptions, clusters });
    expect(s.matrix.map((r) => [r.angleId, r.cells.map((c) => c.count), r.otherStories, r.total])).toEqual([
      ["collaboration", [0, 2, 1], 0, 3],
      ["partenariat", [3, 2, 1], 1, 7],
      ["evolution", [0, 0, 0], 0, 0],
    ]);
    expect(s.storyTotals).toEqual([3, 4, 2]);
    expect(s.total).toBe(10);
    for (const r of s.matrix) expect(r.cells.reduce((n, c) => n + c.count, 0) + r.otherStories).toBe(r.total);
    expect(s.storyTotals.reduce((a, b) => a + b, 0) + s.matrix.reduce((n, r) => n + r.otherStories, 0)).toBe(s.total);
  });

  it("L11: each cell lists the best-ranked modalités fed by its story, ties at the cut kept", () => {
    const s = angleSynthesis({ setup: SETUP, ...fixture() });
    const part = s.matrix.find((r) => r.angleId === "partenariat")!;
    expect(part.cells[0].top.map((m) => m.clusterId)).toEqual(["k-systemique", "k-confiance", "k-regards"]);
    expect(part.cells[1].top.map((m) => m.clusterId)).toEqual(["k-systemique", "k-confiance"]);
    expect(part.cells[2].top.map((m) => m.clusterId)).toEqual(["k-sansnom"]);
    const one = angleSynthesis({ setup: SETUP, ...fixture(), topPerCell: 2 });
    // the cut falls between two tied modalités: both stay
    expect(one.matrix[1].cells[0].top.map((m) => m.clusterId)).toEqual(["k-systemique", "k-confiance", "k-regards"]);
    const none = angleSynthesis({ setup: SETUP, ...fixture(), topPerCell: 0 });
    expect(none.matrix[1].cells[0].top).toEqual([]);
  });

  it("L10, L11: nothing lost on random inputs: the matrix accounts for every distinct perception of a known angle", () => {
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    for (let round = 0; round < 100; round++) {
      const perceptions = Array.from({ length: next() % 150 }, (): Perception => ({
        id: `p${next() % 120}`,
        text: "t",
        authorId: "a",
        angleId: ["collaboration", "partenariat", "evolution", "gone"][next() % 4],
        storyId: ["suivi", "cdi", "soin", "x"][next() % 4],
        roomId: null,
      }));
      const clusters: AngleCluster[] = Array.from({ length: next() % 12 }, (_, i) => ({
        angleId: ["collaboration", "partenariat", "evolution"][next() % 3],
        id: `k${i}`,
        name: `M${i}`,
        perceptionIds: Array.from({ length: next() % 6 }, () => `p${next() % 120}`),
        votes: next() % 5,
      }));
      const s = angleSynthesis({ setup: SETUP, perceptions, clusters });
      const first = new Map<string, string>();
      for (const x of perceptions) if (!first.has(x.id)) first.set(x.id, x.angleId);
      const known = [...first.values()].filter((a) => a !== "gone").length;
      expect(s.total).toBe(known);
      for (const a of s.angles) {
        const clustered = a.modalites.reduce((n, m) => n + m.perceptionCount, 0);
        expect(clustered + a.unclustered).toBe(a.perceptionCount);
        for (const m of a.modalites) expect(m.rank).toBe(1 + a.modalites.filter((o) => o.votes > m.votes).length);
      }
    }
  });
});

describe("the synthesis report", () => {
  const names = new Map([["n1", "Claire Petit"], ["n2", "Samir Haddad"], ["n3", "Julie Roux"]]);
  const wall = plenaryWall(
    [
      { roomId: "room-2", roomName: "Groupe 2", problem: "Accueillir un salarié sans domicile", answer: "Un casier, une douche, un lien avec l'accueil de jour." },
      { roomId: "room-1", roomName: "Groupe 1", problem: "Un conflit avec une personne ayant des troubles psychiques", answer: "" },
    ],
    ["room-1", "room-2"],
  );

  function report(locale: "fr" | "en" = "fr") {
    const s = angleSynthesis({ setup: SETUP, ...fixture() });
    return synthesisReport({ eventTitle: "Journée nationale du réseau", date: T0, now: T0 + 8 * 3600_000, eventCode: "ACD-EFG", setup: SETUP, synthesis: s, names, roomNames: new Map([["room-1", "Groupe 1"], ["room-2", "Groupe 2"]]), wall }, locale);
  }

  it("L12: French first: stories with narrators, each angle's prioritised modalités, the matrix with totals, the wall", () => {
    const doc = report();
    expect(doc).toMatchObject({ locale: "fr", title: "Synthèse de la journée", subtitle: "Journée nationale du réseau", fileBaseName: "synthese-journee-2026-06-11-ACDEFG" });
    expect(doc.meta.map((m) => m.label)).toEqual(["Date", "En quelques chiffres", "Code de l'événement"]);
    expect(doc.meta[1].value).toBe("3 angles d'écoute, 3 histoires, 10 perceptions");
    expect(doc.sections.map((s) => [s.level, s.heading])).toEqual([
      [2, "Les histoires d'accompagnement"],
      [2, "Modalités d'action par angle d'écoute"],
      [3, "Collaboration autour du salarié"],
      [3, "Pratique partenariale"],
      [3, "Évolution des pratiques professionnelles"],
      [2, "Angles et histoires"],
      [3, "Collaboration autour du salarié : modalités par histoire"],
      [3, "Pratique partenariale : modalités par histoire"],
      [3, "Évolution des pratiques professionnelles : modalités par histoire"],
      [2, "Mur de la plénière : ateliers d'intelligence collective"],
    ]);
    const stories = doc.sections[0].blocks[0];
    expect(stories.kind === "list" && stories.items.map((i) => [i.text, i.detail?.value])).toEqual([
      ["Un suivi conjoint avec une assistante sociale", "Claire Petit (Groupe 1)"],
      ["Du premier contrat au CDI", "Samir Haddad, Julie Roux (Groupe 2)"],
      ["Un parcours vers le soin", "en plénière"],
    ]);
    const part = doc.sections[3].blocks[1];
    expect(part.kind === "list" && part.items.map((i) => [i.lead, i.text, i.badge])).toEqual([
      ["1", "Une approche systémique", "9 votes · 2 perceptions"],
      ["2", "La confiance entre conseillers", "7 votes · ex æquo · 2 perceptions"],
      ["2", "Des regards croisés", "7 votes · ex æquo · 1 perception"],
      ["4", "Modalité sans nom", "0 vote · 1 perception"],
    ]);
    const table = doc.sections[5].blocks[1];
    expect(table.kind === "table" && [table.columns, table.rows, table.totalRow]).toEqual([
      ["Angle d'écoute", "Un suivi conjoint avec une assistante sociale", "Du premier contrat au CDI", "Un parcours vers le soin", "Autres", "Total"],
      [
        ["Collaboration autour du salarié", "0", "2", "1", "0", "3"],
        ["Pratique partenariale", "3", "2", "1", "1", "7"],
        ["Évolution des pratiques professionnelles", "0", "0", "0", "0", "0"],
        ["Total", "3", "4", "2", "1", "10"],
      ],
      true,
    ]);
    const wallBlock = doc.sections[9].blocks[1];
    expect(wallBlock.kind === "list" && wallBlock.items.map((i) => [i.lead, i.text, i.detail?.value])).toEqual([
      ["Groupe 1", "Le groupe n'a pas écrit de réponse.", "Un conflit avec une personne ayant des troubles psychiques"],
      ["Groupe 2", "Un casier, une douche, un lien avec l'accueil de jour.", "Accueillir un salarié sans domicile"],
    ]);
    expect(doc.footer).toMatch(/^Synthèse établie le jeudi 11 juin 2026/);
  });

  it("L12: English on demand; no wall section without a wall; an empty day still reads well", () => {
    const doc = report("en");
    expect(doc).toMatchObject({ locale: "en", title: "Synthesis of the day", fileBaseName: "day-synthesis-2026-06-11-ACDEFG" });
    expect(doc.sections[1].heading).toBe("Modalités d'action by listening angle");
    const empty = synthesisReport({ eventTitle: "J", date: T0, now: T0, setup: { angles: SETUP.angles, stories: [] }, synthesis: angleSynthesis({ setup: { angles: SETUP.angles, stories: [] }, perceptions: [], clusters: [] }) });
    expect(empty.sections.map((s) => s.heading)).not.toContain("Mur de la plénière : ateliers d'intelligence collective");
    expect(empty.sections[0].blocks).toEqual([{ kind: "paragraph", text: "Aucune histoire n'a été renseignée.", tone: "muted" }]);
    expect(empty.fileBaseName).toBe("synthese-journee-2026-06-11");
    const noGroups = synthesisReport({ eventTitle: "J", date: T0, now: T0, setup: SETUP, synthesis: angleSynthesis({ setup: SETUP, perceptions: [], clusters: [] }), wall: [] });
    expect(noGroups.sections.at(-1)?.blocks[1]).toEqual({ kind: "paragraph", text: "Aucun groupe n'a travaillé en intelligence collective.", tone: "muted" });
  });

  it("L12: a day without angles d'écoute: no angle sections nor counts; the wall, then the quiz's and the questionnaire's sections; nothing at all says so", () => {
    const more = [{ level: 2 as const, heading: "Quiz : Les personnes accompagnées", blocks: [] }, { level: 2 as const, heading: "Retours des participant·e·s", blocks: [] }];
    const wall = [{ roomId: "room-1", roomName: "Groupe 1", problem: "Mobilité", answer: "Covoiturage", answered: true }];
    const day = synthesisReport({ eventTitle: "J", date: T0, now: T0, wall, more });
    expect(day.sections.map((s) => s.heading)).toEqual(["Mur de la plénière : ateliers d'intelligence collective", "Quiz : Les personnes accompagnées", "Retours des participant·e·s"]);
    expect(day.meta.map((m) => m.label)).toEqual(["Date"]);
    const nothing = synthesisReport({ eventTitle: "J", date: T0, now: T0 }, "en");
    expect(nothing.sections.map((s) => s.heading)).toEqual(["Nothing to sum up yet"]);
    // with angles, the more sections come last
    const withAngles = synthesisReport({ eventTitle: "J", date: T0, now: T0, setup: SETUP, synthesis: angleSynthesis({ setup: SETUP, perceptions: [], clusters: [] }), more });
    expect(withAngles.sections.at(-1)?.heading).toBe("Retours des participant·e·s");
    expect(withAngles.meta[1].label).toBe("En quelques chiffres");
  });

  it("L12: texts from the room stay text in the Markdown export", () => {
    const setup: AnglesSetup = { angles: [{ id: "a", label: "# Angle | <b>" }], stories: [{ id: "s", title: "[lien](javascript:alert(1))", narratorIds: ["n1"], roomId: null }] };
    const perceptions: Perception[] = [{ id: "x", text: "t", authorId: "a", angleId: "a", storyId: "s", roomId: null }];
    const s = angleSynthesis({ setup, perceptions, clusters: [{ angleId: "a", id: "k", name: "**gras** | <script>", perceptionIds: ["x"], votes: 2 }] });
    const md = toMarkdown(synthesisReport({ eventTitle: "J", date: T0, now: T0, setup, synthesis: s }));
    expect(md).not.toContain("<script>");
    // the link's brackets are escaped: a reader sees the text, no link is made
    expect(md).toContain("\\[lien\\](javascript:alert(1))");
    expect(md).not.toMatch(/[^\\]\]\(javascript:/);
    expect(md).not.toMatch(/^# Angle/m);
    expect(md).toContain("Synthèse de la journée");
  });
});
