import { describe, expect, it } from "vitest";
import { apply, type SeanceState } from "../facilitation/index.ts";
import { CONS, CONS2, CONTRACT, FAC, HOLDER, MIN, OBS, SCRIBE, T0, codev, lobby, must } from "../facilitation/testkit.ts";
import { EMPTY_CODEV_CONTENT, averageRating, buildCodevReport, type CodevContent, type CodevReportInput } from "./codev.ts";
import { escapeMarkdown, toMarkdown } from "./markdown.ts";
import type { ReportDocument } from "./model.ts";

/** A whole séance: each step takes its planned time, except the reactions (5 min more). */
function endedSeance(): SeanceState {
  let s = lobby();
  let t = T0 + 30 * MIN; // 9:30 UTC, 10:30 in Paris
  s = must(apply(codev, s, { type: "start" }, { id: FAC }, t, CONTRACT));
  for (const [minutes, cmd] of [
    [10, { type: "next" }],
    [15, { type: "next" }],
    [5, { type: "next" }],
    [30, { type: "next" }],
    [15, { type: "next" }],
    [15, { type: "end" }],
  ] as const) {
    t += minutes * MIN;
    s = must(apply(codev, s, cmd, { id: FAC }, t, CONTRACT));
  }
  return s;
}

const attendees = [
  { participantId: FAC, displayName: "Claire Martin", role: "facilitator" as const },
  { participantId: HOLDER, displayName: "Ana", role: "caseHolder" as const },
  { participantId: CONS, displayName: "Ben", role: "consultant" as const },
  { participantId: CONS2, displayName: "Chloé", role: "consultant" as const },
  { participantId: SCRIBE, displayName: "Driss", role: "scribe" as const },
  { participantId: OBS, displayName: "Mme Financeur", role: "observer" as const },
];

const content: CodevContent = {
  case: {
    context: "Chantier d'insertion maraîchage, 12 salarié·e·s.",
    situation: "M. X ne vient plus depuis deux semaines.",
    tried: "Deux appels, un courrier.",
    question: "Comment renouer le dialogue sans le mettre en difficulté ?",
  },
  contract: "Des idées concrètes pour un premier contact.",
  questions: [
    { id: "q2", text: "A-t-il un référent social ?", answer: "", createdAt: T0 + 2 },
    { id: "q1", text: "Depuis quand est-il en contrat ?", answer: "Six mois.", createdAt: T0 + 1 },
  ],
  suggestions: [
    { id: "s1", text: "Proposer une visite à domicile", type: "idea", kept: false, createdAt: 1 },
    { id: "s2", text: "Passer par la travailleuse sociale", type: "idea", kept: true, createdAt: 2 },
    { id: "s3", text: "Une difficulté de santé ?", type: "hypothesis", kept: false, createdAt: 3 },
    { id: "s4", text: "Le guide de la DREETS", type: "resource", kept: true, createdAt: 4 },
    { id: "s5", text: "Sans type", type: null, kept: false, createdAt: 5 },
  ],
  actions: [{ id: "a1", what: "Appeler la travailleuse sociale", who: "Ana", when: "lundi", createdAt: 1 }],
  synthesis: "Je retiens surtout de passer par les partenaires.",
  learnings: [
    { authorId: CONS, text: "Écouter sans conseiller trop vite.", rating: 4, createdAt: 1 },
    { authorId: HOLDER, text: "Le groupe m'a ouvert des pistes.", rating: 5, createdAt: 2 },
    { authorId: CONS2, text: "", rating: 4, createdAt: 3 },
  ],
};

function input(over: Partial<CodevReportInput> = {}): CodevReportInput {
  const seance = endedSeance();
  return {
    sessionTitle: "Groupe codev Nord",
    joinCode: "ABCDEF",
    sessionCreatedAt: T0,
    attendees,
    seance,
    content,
    now: seance.clock + 5 * MIN,
    ...over,
  };
}

function headings(doc: ReportDocument): string[] {
  return doc.sections.map((s) => s.heading);
}

describe("the séance report", () => {
  it("holds the group, the date in French, the attendees with their roles and every section", () => {
    const doc = buildCodevReport(input());
    expect(doc.title).toBe("Compte rendu de séance de co-développement");
    expect(doc.subtitle).toBe("Groupe codev Nord");
    expect(doc.meta).toEqual(
      expect.arrayContaining([
        { label: "Date", value: "vendredi 14 mars 2025" },
        { label: "Horaire", value: "10 h 30 – 12 h 00" },
        { label: "Animation", value: "Claire Martin" },
        { label: "Porteur·euse du sujet", value: "Ana" },
        { label: "État", value: "terminée" },
      ]),
    );
    expect(headings(doc)).toEqual([
      "Participant·e·s",
      "Déroulé et temps par étape",
      "La situation",
      "Questions de clarification",
      "Le contrat",
      "Réactions et suggestions",
      "Idées",
      "Hypothèses",
      "Ressources",
      "Autres",
      "Synthèse et plan d'action",
      "Ce que je retiens",
      "Plan d'action",
      "Apprentissages",
      "Évaluation de la séance",
    ]);
    expect(doc.fileBaseName).toBe("compte-rendu-2025-03-14-ABCDEF");
    const md = toMarkdown(doc);
    expect(md).toContain("| Claire Martin | Animateur·rice |");
    expect(md).toContain("| Ana | Porteur·euse du sujet |");
    expect(md).toContain("| Mme Financeur | Observateur·rice |");
  });

  it("gives planned against actual time per step, with the difference and a total", () => {
    const md = toMarkdown(buildCodevReport(input()));
    expect(md).toContain("| Exposé de la situation | 10 min | 10 min | 0 min |");
    expect(md).toContain("| Réactions, commentaires, suggestions | 25 min | 30 min | +5 min |");
    expect(md).toContain("| **Total** | **85 min** | **90 min** | **+5 min** |");
  });

  it("orders questions by time with their answers, marks kept suggestions first in their type, lists actions and learnings", () => {
    const md = toMarkdown(buildCodevReport(input()));
    expect(md.indexOf("Depuis quand")).toBeLessThan(md.indexOf("A-t-il"));
    expect(md).toContain("1. Depuis quand est-il en contrat ?  \n   *Réponse* : Six mois\\.".replace("\\.", "."));
    expect(md).toContain("*Réponse* : (sans réponse écrite)");
    expect(md).toContain("5 suggestions, dont 2 retenues par le porteur ou la porteuse du sujet.");
    expect(md.indexOf("Passer par la travailleuse sociale")).toBeLessThan(md.indexOf("Proposer une visite"));
    expect(md).toContain("- Passer par la travailleuse sociale **\\[Retenue\\]**");
    expect(md).not.toContain("Proposer une visite à domicile **\\[Retenue");
    expect(md).toContain("| Appeler la travailleuse sociale | Ana | lundi |");
    expect(md).toContain("- **Ana** : Le groupe m'a ouvert des pistes.");
    expect(md.indexOf("**Ana** : Le groupe")).toBeLessThan(md.indexOf("**Ben** : Écouter"));
    expect(md).toContain("Comment renouer le dialogue sans le mettre en difficulté ?");
  });

  it("gives the average of the ratings (empty learnings count), never each person's rating", () => {
    const doc = buildCodevReport(input());
    expect(toMarkdown(doc)).toContain("**Note moyenne : 4,3 / 5 (3 évaluations).**");
    expect(averageRating([4, 5, 4])).toBe(4.3);
    expect(averageRating([5])).toBe(5);
    expect(averageRating([])).toBeNull();
    expect(averageRating([0, 6, 2.5, NaN, 3])).toBe(3);
    const noRatings = buildCodevReport(input({ content: { ...content, learnings: [{ authorId: CONS, text: "x", rating: null, createdAt: 1 }] } }));
    expect(toMarkdown(noRatings)).toContain("*Aucune évaluation n'a été donnée.*");
  });

  it("says so when a section is empty, and reports a séance never started", () => {
    const doc = buildCodevReport(input({ seance: null, content: EMPTY_CODEV_CONTENT, attendees: [] }));
    const md = toMarkdown(doc);
    for (const line of [
      "*Aucun·e participant·e.*",
      "*La séance n'a pas été lancée : aucun temps à rapporter.*",
      "*La situation n'a pas été rédigée.*",
      "*Aucune question n'a été notée.*",
      "*Le contrat n'a pas été rédigé.*",
      "*Aucune suggestion n'a été notée.*",
      "*La synthèse n'a pas été rédigée.*",
      "*Aucune action n'a été notée.*",
      "*Aucun apprentissage n'a été noté.*",
      "*Aucune évaluation n'a été donnée.*",
    ])
      expect(md).toContain(line);
    expect(doc.meta).toContainEqual({ label: "Date", value: "vendredi 14 mars 2025" });
    expect(doc.meta).toContainEqual({ label: "État", value: "non lancée" });
    // Blank texts are empty too.
    const blank = toMarkdown(buildCodevReport(input({ content: { ...EMPTY_CODEV_CONTENT, contract: "  \n ", questions: [{ id: "q", text: " ", answer: "", createdAt: 1 }] } })));
    expect(blank).toContain("*Le contrat n'a pas été rédigé.*");
    expect(blank).toContain("*Aucune question n'a été notée.*");
  });

  it("counts an open step up to now in a running séance", () => {
    const s = must(apply(codev, lobby(), { type: "start" }, { id: FAC }, T0, CONTRACT));
    const md = toMarkdown(buildCodevReport(input({ seance: s, now: T0 + 3 * MIN + 20_000 })));
    expect(md).toContain("| Exposé de la situation | 10 min | 3 min 20 s | −6 min 40 s |");
    expect(md).toContain("| Questions de clarification | 15 min | non réalisée |  |");
    expect(md).toContain("en cours");
  });

  it("at a group's next séance, reports back on the previous case holder's action plan, right after the timing", () => {
    const previousPlan = { at: T0 - 14 * 24 * 60 * MIN, caseHolders: ["Fatou"], actions: [{ what: "Appeler la mission locale", who: "Moi", when: "Lundi" }, { what: "  ", who: "", when: "" }] };
    const doc = buildCodevReport(input({ previousPlan }));
    const h = headings(doc);
    expect(h.indexOf("Retour sur le plan d'action de la dernière séance")).toBe(h.indexOf("Déroulé et temps par étape") + 1);
    const md = toMarkdown(doc);
    expect(md).toContain("Séance du vendredi 28 février 2025, porteur·euse du sujet : Fatou.");
    expect(md).toMatch(/\| Appeler la mission locale \| Moi \| Lundi \|/);
    const empty = toMarkdown(buildCodevReport(input({ previousPlan: { ...previousPlan, caseHolders: [], actions: [] } })));
    expect(empty).toContain("Aucune action n'avait été notée à la dernière séance.");
    expect(headings(buildCodevReport(input()))).not.toContain("Retour sur le plan d'action de la dernière séance");
  });

  it("speaks English on request", () => {
    const doc = buildCodevReport(input(), "en");
    expect(doc.title).toBe("Co-development session report");
    expect(doc.fileBaseName).toBe("session-report-2025-03-14-ABCDEF");
    const md = toMarkdown(doc);
    expect(md).toContain("Friday 14 March 2025".replace("Friday", "Friday,"));
    expect(md).toContain("| Ana | Case holder |");
    expect(md).toContain("**Average rating: 4.3 / 5 (3 ratings).**");
    expect(md).toContain("## Clarifying questions");
    expect(md).toContain("**\\[Kept\\]**");
    expect(md).not.toMatch(/Aucun|Réponse|Note moyenne/);
  });
});

describe("escaping: what people write stays text", () => {
  const evil = [
    "# Titre injecté",
    "## Autre",
    "[lien](https://evil.example)",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "![img](http://x/y.png)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "https://phishing.example/login",
    "www.evil.example",
    "contact@evil.example",
    "| a | b |",
    "- liste",
    "1. numéro",
    "> citation",
    "    code indenté",
    "**gras** _souligné_ `code` ~~barré~~",
    "&amp; &#60;",
    "Titre\n===",
    "---",
  ].join("\n");

  const doc = buildCodevReport(
    input({
      sessionTitle: "# Groupe <b>",
      attendees: [{ participantId: HOLDER, displayName: "[Ana](http://x)", role: "caseHolder" }],
      content: {
        ...content,
        case: { context: evil, situation: evil, tried: "", question: evil },
        contract: evil,
        questions: [{ id: "q", text: evil, answer: evil, createdAt: 1 }],
        suggestions: [{ id: "s", text: evil, type: "idea", kept: true, createdAt: 1 }],
        actions: [{ id: "a", what: evil, who: "| x |", when: "<i>", createdAt: 1 }],
        synthesis: evil,
        learnings: [{ authorId: HOLDER, text: evil, rating: 5, createdAt: 1 }],
      },
    }),
  );
  const md = toMarkdown(doc);

  it("injects no heading, rule, list, quote or code block", () => {
    const lines = md.split("\n");
    const ours = new Set(["# " + doc.title, ...doc.sections.map((s) => `${s.level === 2 ? "##" : "###"} ${s.heading}`)]);
    for (const line of lines) {
      if (line.startsWith("#")) expect(ours.has(line), line).toBe(true);
      expect(line, line).not.toMatch(/^\s*>/); // quote
      expect(line, line).not.toMatch(/^\s*(=+|-{3,}|\*{3,})\s*$/.source ? /^\s*=+\s*$/ : /$^/); // setext underline
      expect(line, line).not.toMatch(/^ {4,}\S/); // indented code, outside list continuations (3 spaces)
      expect(line, line).not.toMatch(/^\s*([-+*]|\d+[.)]) (liste|numéro)/);
    }
    expect(lines.filter((l) => /^\s*-{3,}\s*$/.test(l))).toEqual(["---"]); // ours, before the footer
  });

  it("injects no link, image, autolink, HTML or entity", () => {
    expect(md).not.toMatch(/(?<!\\)\[lien(?<!\\)\]/);
    expect(md).not.toMatch(/(?<!\\)<(script|img|b|i)\b/);
    expect(md).not.toMatch(/https?:\/\//); // the colon is escaped: no scheme autolink
    expect(md).not.toMatch(/www\.evil/);
    expect(md).not.toMatch(/(?<!\\)@/);
    expect(md).not.toMatch(/(?<!\\)&(amp|#60);/);
    expect(md).toContain("\\<script\\>alert(1)\\</script\\>");
    expect(md).toContain("\\[Ana\\](http\\://x)");
    expect(md).not.toMatch(/(?<!\\)\]\(javascript/); // no link target, javascript: or other
    expect(md).not.toMatch(/(?<!\\)<javascript/);
  });

  it("keeps every table row to its own cells", () => {
    const row = md.split("\n").find((l) => l.includes("x \\|"))!;
    expect(row).toBeDefined();
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(4); // three cells: four unescaped pipes
  });

  it("escapes one line on its own", () => {
    expect(escapeMarkdown("# a")).toBe("\\# a");
    expect(escapeMarkdown("- a")).toBe("\\- a");
    expect(escapeMarkdown("12. a")).toBe("12\\. a");
    expect(escapeMarkdown("    code")).toBe("code");
    expect(escapeMarkdown("a*b*_c_")).toBe("a\\*b\\*\\_c\\_");
    expect(escapeMarkdown("Bonjour : ça va ? l'équipe")).toBe("Bonjour : ça va ? l'équipe");
  });
});
