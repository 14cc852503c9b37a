// The day's synthesis as a ReportDocument (L12): the stories, each angle's prioritised
// modalités d'action, the angles × stories matrix and, when the day had intelligence-
// collective groups, the plenary wall (I4), then the plenary quiz and the feedback questionnaire
// (sections made by their own domains). A day may have no angles at all. The report layer renders it (Markdown here, PDF at
// the server's edge) like any other report; French first, English available.
import type { WallEntry } from "../event/intelligenceCollective.ts";
import { type ReportBlock, type ReportDocument, type ReportField, type ReportListItem, type ReportLocale, type ReportSection, clean, isoDay } from "../report/index.ts";
import type { AnglesSetup } from "./model.ts";
import type { AngleSynthesis, RankedModalite } from "./synthesis.ts";

interface SynthesisLabels {
  title: string;
  fileBase: string;
  date: string;
  code: string;
  counts: string;
  countsValue: (angles: number, stories: number, perceptions: number) => string;
  stories: string;
  noStories: string;
  toldBy: string;
  toldIn: string;
  plenary: string;
  byAngle: string;
  byAngleIntro: string;
  perceptions: (n: number) => string;
  modalitesSummary: (perceptions: number, modalites: number, unclustered: number) => string;
  noModalites: string;
  unnamed: string;
  votes: (n: number) => string;
  tied: string;
  matrix: string;
  matrixIntro: string;
  angle: string;
  otherStories: string;
  total: string;
  perStory: (angle: string) => string;
  none: string;
  wall: string;
  wallIntro: string;
  difficulty: string;
  noAnswer: string;
  noGroups: string;
  empty: string;
  emptyText: string;
  footer: (at: string) => string;
}

const LABELS: Readonly<Record<ReportLocale, SynthesisLabels>> = {
  fr: {
    title: "Synthèse de la journée",
    fileBase: "synthese-journee",
    date: "Date",
    code: "Code de l'événement",
    counts: "En quelques chiffres",
    countsValue: (a, s, p) => `${a} angle${a > 1 ? "s" : ""} d'écoute, ${s} histoire${s > 1 ? "s" : ""}, ${p} perception${p > 1 ? "s" : ""}`,
    stories: "Les histoires d'accompagnement",
    noStories: "Aucune histoire n'a été renseignée.",
    toldBy: "Racontée par",
    toldIn: "Lieu",
    plenary: "en plénière",
    byAngle: "Modalités d'action par angle d'écoute",
    byAngleIntro: "Pour chaque angle, les modalités d'action nommées par son groupe, de la plus votée à la moins votée. Les ex æquo sont indiqués.",
    perceptions: (n) => `${n} perception${n > 1 ? "s" : ""}`,
    modalitesSummary: (p, m, u) => `${p} perception${p > 1 ? "s" : ""} réunie${p > 1 ? "s" : ""}, ${m} modalité${m > 1 ? "s" : ""} d'action${u > 0 ? `, ${u} perception${u > 1 ? "s" : ""} hors regroupement` : ""}.`,
    noModalites: "Aucune modalité d'action n'a été nommée pour cet angle.",
    unnamed: "Modalité sans nom",
    votes: (n) => `${n} vote${n > 1 ? "s" : ""}`,
    tied: "ex æquo",
    matrix: "Angles et histoires",
    matrixIntro: "Nombre de perceptions notées pour chaque histoire, par angle d'écoute.",
    angle: "Angle d'écoute",
    otherStories: "Autres",
    total: "Total",
    perStory: (angle) => `${angle} : modalités par histoire`,
    none: "–",
    wall: "Mur de la plénière : ateliers d'intelligence collective",
    wallIntro: "La réponse courte de chaque groupe à la difficulté apportée par son porteur ou sa porteuse.",
    difficulty: "Difficulté",
    noAnswer: "Le groupe n'a pas écrit de réponse.",
    noGroups: "Aucun groupe n'a travaillé en intelligence collective.",
    empty: "Rien à synthétiser pour l'instant",
    emptyText: "Ni angles d'écoute, ni ateliers d'intelligence collective, ni quiz, ni questionnaire de satisfaction n'ont encore de contenu.",
    footer: (at) => `Synthèse établie le ${at} avec Marguerite. Document de travail du réseau : à ne transmettre qu'aux personnes concernées.`,
  },
  en: {
    title: "Synthesis of the day",
    fileBase: "day-synthesis",
    date: "Date",
    code: "Event code",
    counts: "At a glance",
    countsValue: (a, s, p) => `${a} listening angle${a === 1 ? "" : "s"}, ${s} stor${s === 1 ? "y" : "ies"}, ${p} perception${p === 1 ? "" : "s"}`,
    stories: "The stories of accompaniment",
    noStories: "No story was entered.",
    toldBy: "Told by",
    toldIn: "Where",
    plenary: "in the plenary",
    byAngle: "Modalités d'action by listening angle",
    byAngleIntro: "For each angle, the modalités d'action its group named, from the most voted to the least. Ties are shown.",
    perceptions: (n) => `${n} perception${n === 1 ? "" : "s"}`,
    modalitesSummary: (p, m, u) => `${p} perception${p === 1 ? "" : "s"} pooled, ${m} modalité${m === 1 ? "" : "s"} d'action${u > 0 ? `, ${u} perception${u === 1 ? "" : "s"} in no cluster` : ""}.`,
    noModalites: "No modalité d'action was named for this angle.",
    unnamed: "Unnamed modalité",
    votes: (n) => `${n} vote${n === 1 ? "" : "s"}`,
    tied: "tied",
    matrix: "Angles and stories",
    matrixIntro: "Number of perceptions noted for each story, by listening angle.",
    angle: "Listening angle",
    otherStories: "Other",
    total: "Total",
    perStory: (angle) => `${angle}: modalités by story`,
    none: "–",
    wall: "Plenary wall: collective intelligence workshops",
    wallIntro: "Each group's short answer to the difficulty its porteur brought.",
    difficulty: "Difficulty",
    noAnswer: "The group wrote no answer.",
    noGroups: "No group held a collective intelligence workshop.",
    empty: "Nothing to sum up yet",
    emptyText: "No listening angles, collective intelligence workshops, quiz or feedback questionnaire have content yet.",
    footer: (at) => `Synthesis made on ${at} with Marguerite. A working document of the network: share only with the people concerned.`,
  },
};

export interface SynthesisReportInput {
  eventTitle: string;
  /** The day itself (epoch ms), for the date line and the file name. */
  date: number;
  /** When the report is made, for the footer. */
  now: number;
  eventCode?: string;
  /** The angles d'écoute, when the day had them (both or neither). */
  setup?: AnglesSetup;
  synthesis?: AngleSynthesis;
  /** Person id → display name, for the narrators; an unknown id is left out. */
  names?: ReadonlyMap<string, string>;
  /** Room id → name, for where each story was told. */
  roomNames?: ReadonlyMap<string, string>;
  /** The plenary wall (intelligence collective), if the day had one. */
  wall?: readonly WallEntry[];
  /** The plenary's quiz and the feedback questionnaire's results, last (Z19, F10). */
  more?: readonly ReportSection[];
  timeZone?: string;
}

/** L12. */
export function synthesisReport(input: SynthesisReportInput, locale: ReportLocale = "fr"): ReportDocument {
  const L = LABELS[locale];
  const tz = input.timeZone ?? "Europe/Paris";
  const intl = locale === "fr" ? "fr-FR" : "en-GB";
  const dateText = new Intl.DateTimeFormat(intl, { dateStyle: "full", timeZone: tz }).format(new Date(input.date));
  const nowText = new Intl.DateTimeFormat(intl, { dateStyle: "full", timeStyle: "short", timeZone: tz }).format(new Date(input.now));
  const s = input.synthesis;
  const meta: ReportField[] = [{ label: L.date, value: dateText }];
  if (s) meta.push({ label: L.counts, value: L.countsValue(s.angles.length, s.stories.length, s.total) });
  if (input.eventCode) meta.push({ label: L.code, value: clean(input.eventCode) });
  const sections: ReportSection[] = input.setup && s ? [storiesSection(L, input.setup, input), ...angleSections(L, s), ...matrixSections(L, s)] : [];
  if (input.wall) sections.push(wallSection(L, input.wall));
  if (input.more) sections.push(...input.more);
  if (sections.length === 0) sections.push({ level: 2, heading: L.empty, blocks: [{ kind: "paragraph", text: L.emptyText, tone: "muted" }] });
  const code = (input.eventCode ?? "").replace(/[^A-Za-z0-9]/g, "");
  return {
    locale,
    title: L.title,
    subtitle: clean(input.eventTitle),
    meta,
    sections,
    footer: L.footer(nowText),
    fileBaseName: [L.fileBase, isoDay(input.date, tz), code].filter(Boolean).join("-"),
  };
}

function storiesSection(L: SynthesisLabels, setup: AnglesSetup, input: SynthesisReportInput): ReportSection {
  if (setup.stories.length === 0) return { level: 2, heading: L.stories, blocks: [{ kind: "paragraph", text: L.noStories, tone: "muted" }] };
  const items: ReportListItem[] = setup.stories.map((story) => {
    const narrators = story.narratorIds.map((id) => clean(input.names?.get(id))).filter(Boolean).join(", ");
    const where = story.roomId === null ? L.plenary : clean(input.roomNames?.get(story.roomId));
    const detail = narrators ? { label: L.toldBy, value: where ? `${narrators} (${where})` : narrators } : where ? { label: L.toldIn, value: where } : undefined;
    return detail ? { text: clean(story.title), detail } : { text: clean(story.title) };
  });
  return { level: 2, heading: L.stories, blocks: [{ kind: "list", ordered: true, items }] };
}

function modaliteName(L: SynthesisLabels, m: { name: string; unnamed: boolean }): string {
  return m.unnamed ? L.unnamed : clean(m.name);
}

function angleSections(L: SynthesisLabels, s: AngleSynthesis): ReportSection[] {
  const out: ReportSection[] = [{ level: 2, heading: L.byAngle, blocks: [{ kind: "paragraph", text: L.byAngleIntro, tone: "muted" }] }];
  for (const row of s.angles) {
    const blocks: ReportBlock[] = [{ kind: "paragraph", text: L.modalitesSummary(row.perceptionCount, row.modalites.length, row.unclustered), tone: "muted" }];
    blocks.push(
      row.modalites.length === 0
        ? { kind: "paragraph", text: L.noModalites, tone: "muted" }
        : { kind: "list", ordered: false, items: row.modalites.map((m) => modaliteItem(L, m)) },
    );
    out.push({ level: 3, heading: clean(row.label), blocks });
  }
  return out;
}

function modaliteItem(L: SynthesisLabels, m: RankedModalite): ReportListItem {
  return { lead: String(m.rank), text: modaliteName(L, m), badge: [L.votes(m.votes), m.tied ? L.tied : "", L.perceptions(m.perceptionCount)].filter(Boolean).join(" · ") };
}

function matrixSections(L: SynthesisLabels, s: AngleSynthesis): ReportSection[] {
  const label = new Map(s.angles.map((a) => [a.angleId, clean(a.label)]));
  const other = s.matrix.some((r) => r.otherStories > 0);
  const columns = [L.angle, ...s.stories.map((st) => clean(st.title)), ...(other ? [L.otherStories] : []), L.total];
  const rows = s.matrix.map((r) => [label.get(r.angleId) ?? "", ...r.cells.map((c) => String(c.count)), ...(other ? [String(r.otherStories)] : []), String(r.total)]);
  const otherTotal = s.matrix.reduce((n, r) => n + r.otherStories, 0);
  rows.push([L.total, ...s.storyTotals.map(String), ...(other ? [String(otherTotal)] : []), String(s.total)]);
  const out: ReportSection[] = [
    {
      level: 2,
      heading: L.matrix,
      blocks: [
        { kind: "paragraph", text: L.matrixIntro, tone: "muted" },
        { kind: "table", columns, rows, numeric: columns.map((_, i) => i).slice(1), totalRow: true },
      ],
    },
  ];
  if (s.stories.length === 0) return out;
  for (const r of s.matrix) {
    const items: ReportListItem[] = r.cells.map((c, i) => ({
      lead: clean(s.stories[i].title),
      text: c.top.length === 0 ? L.none : c.top.map((m) => `${modaliteName(L, m)} (${L.votes(m.votes)}${m.tied ? `, ${L.tied}` : ""})`).join(" ; "),
    }));
    out.push({ level: 3, heading: L.perStory(label.get(r.angleId) ?? ""), blocks: [{ kind: "list", ordered: false, items }] });
  }
  return out;
}

function wallSection(L: SynthesisLabels, wall: readonly WallEntry[]): ReportSection {
  const items: ReportListItem[] = wall.map((w) => {
    const item: ReportListItem = { lead: clean(w.roomName), text: w.answered ? clean(w.answer) : L.noAnswer };
    return w.problem ? { ...item, detail: { label: L.difficulty, value: clean(w.problem) } } : item;
  });
  return { level: 2, heading: L.wall, blocks: [{ kind: "paragraph", text: L.wallIntro, tone: "muted" }, items.length === 0 ? { kind: "paragraph", text: L.noGroups, tone: "muted" } : { kind: "list", ordered: false, items }] };
}
