// The co-développement séance report (issue 3, "The report"): plain data in, a ReportDocument
// out. No Yjs, no I/O, no clock: the server reads the board, the séance and the attendees and
// passes them here with the time.
import {
  CODEV_TEMPLATE,
  ROLE_LABELS,
  SUGGESTION_TYPES,
  findStep,
  holdersOf,
  stepTimes,
  type MethodRole,
  type SeanceState,
  type SuggestionType,
} from "../facilitation/index.ts";
import { LABELS, type ReportLabels } from "./labels.ts";
import type { ReportBlock, ReportDocument, ReportField, ReportListItem, ReportLocale, ReportSection } from "./model.ts";

export interface ReportAttendee {
  participantId: string;
  displayName: string;
  /** The method role the séance gives them (the server's effectiveRole). */
  role: MethodRole;
}

/** The board's content as plain JSON (docs/protocol.md §4); absent fields are empty strings or null. */
export interface CodevContent {
  case: { context: string; situation: string; tried: string; question: string } | null;
  contract: string | null;
  questions: ReadonlyArray<{ id: string; text: string; answer: string; createdAt: number | null }>;
  suggestions: ReadonlyArray<{ id: string; text: string; type: string | null; kept: boolean; createdAt: number | null }>;
  actions: ReadonlyArray<{ id: string; what: string; who: string; when: string; createdAt: number | null }>;
  synthesis: string | null;
  /** One per author (keyed by author id). */
  learnings: ReadonlyArray<{ authorId: string; text: string; rating: number | null; createdAt: number | null }>;
}

export const EMPTY_CODEV_CONTENT: CodevContent = Object.freeze({
  case: null,
  contract: null,
  questions: [],
  suggestions: [],
  actions: [],
  synthesis: null,
  learnings: [],
});

export interface CodevReportInput {
  /** The session's title: the group. */
  sessionTitle: string;
  joinCode: string;
  /** When the session was created (the date of the report when the séance never started). */
  sessionCreatedAt: number;
  attendees: readonly ReportAttendee[];
  /** Null for a session whose séance was never opened. */
  seance: SeanceState | null;
  content: CodevContent;
  /** When the report is made: open visits count up to it; printed in the footer. */
  now: number;
  /** IANA zone for dates and hours; default Europe/Paris. */
  timeZone?: string;
  /** The group's previous meeting: its case holder's action plan, for the report-back. */
  previousPlan?: PreviousPlan | null;
}

export interface PreviousPlan {
  /** When that séance started, epoch ms. */
  at: number;
  caseHolders: readonly string[];
  actions: ReadonlyArray<{ what: string; who: string; when: string }>;
}

const DEFAULT_TZ = "Europe/Paris";

export function buildCodevReport(input: CodevReportInput, locale: ReportLocale = "fr"): ReportDocument {
  const L = LABELS[locale];
  const tz = input.timeZone ?? DEFAULT_TZ;
  const intl = locale === "fr" ? "fr-FR" : "en-GB";
  const seance = input.seance;
  const nameOf = names(input.attendees);

  const started = seance?.history[0]?.startedAt ?? null;
  const lastVisit = seance?.history[seance.history.length - 1];
  const finished = seance?.status === "ended" && lastVisit ? (lastVisit.endedAt ?? null) : null;
  const day = started ?? input.sessionCreatedAt;

  const facilitator = seance ? nameOf(seance.facilitatorId) : input.attendees.find((a) => a.role === "facilitator")?.displayName;
  const caseHolders = seance ? holdersOf(seance, "caseHolder").map(nameOf) : [];

  const meta: ReportField[] = [{ label: L.group, value: clean(input.sessionTitle) }, { label: L.date, value: formatDate(day, intl, tz) }];
  if (started !== null) {
    const from = formatTime(started, intl, tz);
    meta.push({ label: L.hours, value: finished !== null ? `${from} – ${formatTime(finished, intl, tz)}` : from });
  }
  if (facilitator) meta.push({ label: L.facilitator, value: facilitator });
  if (caseHolders.length > 0) meta.push({ label: L.caseHolder, value: caseHolders.join(", ") });
  meta.push({ label: L.status, value: seance ? L.statuses[seance.status] : L.statuses.none });
  meta.push({ label: L.sessionCode, value: input.joinCode });

  const sections: ReportSection[] = [
    attendeesSection(L, locale, input.attendees),
    timingSection(L, locale, seance, input.now),
    ...(input.previousPlan ? [previousPlanSection(L, input.previousPlan, intl, tz)] : []),
    caseSection(L, input.content),
    questionsSection(L, input.content),
    contractSection(L, input.content),
    ...suggestionsSections(L, input.content),
    ...synthesisSections(L, input.content),
    ...learningsSections(L, locale, input.content, input.attendees, nameOf),
  ];

  return {
    locale,
    title: L.title,
    subtitle: clean(input.sessionTitle),
    meta,
    sections,
    footer: L.footer(`${formatDate(input.now, intl, tz)}, ${formatTime(input.now, intl, tz)}`),
    fileBaseName: `${L.fileBase}-${isoDay(day, tz)}-${input.joinCode.replace(/[^A-Za-z0-9]/g, "")}`,
  };
}

// ---- sections ------------------------------------------------------------------------

function attendeesSection(L: ReportLabels, locale: ReportLocale, attendees: readonly ReportAttendee[]): ReportSection {
  if (attendees.length === 0) return { level: 2, heading: L.attendees, blocks: [muted(L.noAttendees)] };
  const order: MethodRole[] = ["facilitator", "caseHolder", "scribe", "consultant", "observer"];
  const sorted = [...attendees].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  return {
    level: 2,
    heading: L.attendees,
    blocks: [{ kind: "table", columns: L.attendeesColumns, rows: sorted.map((a) => [clean(a.displayName), ROLE_LABELS[a.role][locale]]) }],
  };
}

function timingSection(L: ReportLabels, locale: ReportLocale, seance: SeanceState | null, now: number): ReportSection {
  if (!seance || seance.history.length === 0) return { level: 2, heading: L.timing, blocks: [muted(L.noTiming)] };
  const times = stepTimes(seance, now);
  const visited = new Set(seance.history.map((v) => v.stepId));
  let planned = 0;
  let actual = 0;
  const rows = times.map((t) => {
    const title = findStep(CODEV_TEMPLATE, t.stepId)?.title[locale] ?? t.stepId;
    planned += t.plannedMs;
    if (!visited.has(t.stepId)) return [title, duration(L, t.plannedMs), L.notVisited, ""];
    actual += t.actualMs;
    return [title, duration(L, t.plannedMs), duration(L, t.actualMs), difference(L, t.actualMs - t.plannedMs)];
  });
  rows.push([L.total, duration(L, planned), duration(L, actual), difference(L, actual - planned)]);
  return { level: 2, heading: L.timing, blocks: [{ kind: "table", columns: L.timingColumns, rows, numeric: [1, 2, 3], totalRow: true }] };
}

function previousPlanSection(L: ReportLabels, plan: PreviousPlan, intl: string, tz: string): ReportSection {
  const actions = plan.actions.filter((a) => clean(a.what) || clean(a.who) || clean(a.when));
  return {
    level: 2,
    heading: L.previousPlan,
    blocks: [
      { kind: "paragraph", text: L.previousPlanLead(formatDate(plan.at, intl, tz), plan.caseHolders.map(clean).filter(Boolean).join(", ")) },
      actions.length
        ? { kind: "table", columns: L.actionColumns, rows: actions.map((a) => [clean(a.what), clean(a.who), clean(a.when)]) }
        : muted(L.previousPlanNone),
    ],
  };
}

function caseSection(L: ReportLabels, content: CodevContent): ReportSection {
  const c = content.case;
  const fields: ReportField[] = [];
  if (c) {
    for (const key of ["context", "situation", "tried", "question"] as const) {
      const v = clean(c[key]);
      if (v) fields.push({ label: L.caseFields[key], value: v });
    }
  }
  return { level: 2, heading: L.theCase, blocks: fields.length ? [{ kind: "fields", fields }] : [muted(L.noCase)] };
}

function questionsSection(L: ReportLabels, content: CodevContent): ReportSection {
  const items: ReportListItem[] = byTime(content.questions)
    .filter((q) => clean(q.text) || clean(q.answer))
    .map((q) => ({ text: clean(q.text), detail: { label: L.answer, value: clean(q.answer) || `(${L.noAnswer})` } }));
  return { level: 2, heading: L.questions, blocks: items.length ? [{ kind: "list", ordered: true, items }] : [muted(L.noQuestions)] };
}

function contractSection(L: ReportLabels, content: CodevContent): ReportSection {
  const text = clean(content.contract ?? "");
  return { level: 2, heading: L.contract, blocks: [text ? { kind: "paragraph", text } : muted(L.noContract)] };
}

function suggestionsSections(L: ReportLabels, content: CodevContent): ReportSection[] {
  const all = byTime(content.suggestions).filter((s) => clean(s.text));
  if (all.length === 0) return [{ level: 2, heading: L.suggestions, blocks: [muted(L.noSuggestions)] }];
  const kept = all.filter((s) => s.kept === true).length;
  const out: ReportSection[] = [{ level: 2, heading: L.suggestions, blocks: [{ kind: "paragraph", text: L.suggestionsSummary(all.length, kept) }] }];
  const types: Array<SuggestionType | "other"> = [...SUGGESTION_TYPES, "other"];
  for (const type of types) {
    const ofType = all.filter((s) => (type === "other" ? !isSuggestionType(s.type) : s.type === type));
    if (ofType.length === 0) continue;
    // Kept ones first: they are what the case holder leaves with.
    const sorted = [...ofType.filter((s) => s.kept === true), ...ofType.filter((s) => s.kept !== true)];
    out.push({
      level: 3,
      heading: L.suggestionTypes[type],
      blocks: [{ kind: "list", ordered: false, items: sorted.map((s) => ({ text: clean(s.text), badge: s.kept === true ? L.kept : undefined })) }],
    });
  }
  return out;
}

function synthesisSections(L: ReportLabels, content: CodevContent): ReportSection[] {
  const summary = clean(content.synthesis ?? "");
  const actions = byTime(content.actions).filter((a) => clean(a.what) || clean(a.who) || clean(a.when));
  return [
    { level: 2, heading: L.synthesis, blocks: [] },
    { level: 3, heading: L.whatIKeep, blocks: [summary ? { kind: "paragraph", text: summary } : muted(L.noSynthesis)] },
    {
      level: 3,
      heading: L.actionPlan,
      blocks: actions.length
        ? [{ kind: "table", columns: L.actionColumns, rows: actions.map((a) => [clean(a.what), clean(a.who), clean(a.when)]) }]
        : [muted(L.noActions)],
    },
  ];
}

function learningsSections(
  L: ReportLabels,
  locale: ReportLocale,
  content: CodevContent,
  attendees: readonly ReportAttendee[],
  nameOf: (id: string) => string,
): ReportSection[] {
  // In the order of the attendees list, then anyone else (someone who left the session).
  const rank = (id: string) => {
    const i = attendees.findIndex((a) => a.participantId === id);
    return i < 0 ? attendees.length : i;
  };
  const written = content.learnings.filter((l) => clean(l.text)).sort((a, b) => rank(a.authorId) - rank(b.authorId));
  const ratings = content.learnings.map((l) => l.rating).filter((r): r is number => Number.isInteger(r) && r! >= 1 && r! <= 5);
  // Each person's rating stays theirs: the report gives the group's average only.
  const avg = averageRating(ratings);
  const intl = locale === "fr" ? "fr-FR" : "en-GB";
  return [
    {
      level: 2,
      heading: L.learnings,
      blocks: written.length
        ? [{ kind: "list", ordered: false, items: written.map((l) => ({ lead: nameOf(l.authorId), text: clean(l.text) })) }]
        : [muted(L.noLearnings)],
    },
    {
      level: 3,
      heading: L.evaluation,
      blocks: [
        avg === null
          ? muted(L.noRatings)
          : { kind: "paragraph", tone: "strong", text: L.average(new Intl.NumberFormat(intl, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(avg), ratings.length) },
      ],
    },
  ];
}

// ---- helpers -------------------------------------------------------------------------

/** The mean of whole ratings from 1 to 5, to one decimal; null without any. */
export function averageRating(ratings: readonly number[]): number | null {
  const valid = ratings.filter((r) => Number.isInteger(r) && r >= 1 && r <= 5);
  if (valid.length === 0) return null;
  return Math.round((valid.reduce((s, r) => s + r, 0) / valid.length) * 10) / 10;
}

function isSuggestionType(t: unknown): t is SuggestionType {
  return typeof t === "string" && (SUGGESTION_TYPES as readonly string[]).includes(t);
}

function names(attendees: readonly ReportAttendee[]): (id: string) => string {
  const m = new Map(attendees.map((a) => [a.participantId, clean(a.displayName)]));
  return (id) => m.get(id) || "?";
}

/** Plain text as written: control characters out, line ends normalised, outer blank space trimmed. */
export function clean(s: string | null | undefined): string {
  if (typeof s !== "string") return "";
  return s
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, "")
    .replace(/\t/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function byTime<T extends { createdAt: number | null }>(items: readonly T[]): T[] {
  return items.map((it, i) => ({ it, i })).sort((a, b) => (a.it.createdAt ?? 0) - (b.it.createdAt ?? 0) || a.i - b.i).map((x) => x.it);
}

function muted(text: string): ReportBlock {
  return { kind: "paragraph", text, tone: "muted" };
}

function duration(L: ReportLabels, ms: number): string {
  const totalSec = Math.round(Math.max(0, ms) / 1000);
  return L.minutes(Math.floor(totalSec / 60), totalSec % 60);
}

function difference(L: ReportLabels, ms: number): string {
  if (Math.abs(ms) < 1000) return duration(L, 0);
  return `${ms > 0 ? "+" : "−"}${duration(L, Math.abs(ms))}`;
}

function formatDate(at: number, intl: string, tz: string): string {
  return new Intl.DateTimeFormat(intl, { dateStyle: "full", timeZone: tz }).format(new Date(at));
}

function formatTime(at: number, intl: string, tz: string): string {
  const t = new Intl.DateTimeFormat(intl, { hour: "numeric", minute: "2-digit", timeZone: tz }).format(new Date(at));
  return intl === "fr-FR" ? t.replace(":", " h ") : t;
}

/** YYYY-MM-DD in the given zone. */
export function isoDay(at: number, tz: string = DEFAULT_TZ): string {
  const parts = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: tz }).formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
