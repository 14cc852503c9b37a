// Ateliers d'intelligence collective (I1-I5): in each of a national day's groups one
// participant, the porteur·euse, brings a difficulty from their work; the group clarifies it,
// gives ideas, clusters and votes on them, and the porteur·euse writes a short answer that goes
// up to the plenary wall. A template the facilitation machine runs as it runs co-développement
// (same roles, same permission rules); clustering and votes are the board's tools (K, V).
import { NOTE_COLORS, NOTE_MAX_TEXT } from "../board.ts";
import type { AssignableRole, CollectionSpec, MethodTemplate, StepRequirement, StepTemplate } from "../facilitation/templates.ts";
import { normaliseField } from "./people.ts";

export const IC_TEMPLATE_ID = "intelligenceCollective";

export const IC_STEP = {
  subject: "subject",
  problem: "problem",
  clarification: "clarification",
  ideas: "ideas",
  clustering: "clustering",
  answer: "answer",
} as const;

export const IC_COLLECTION = {
  problem: "problem",
  questions: "questions",
  notes: "notes",
  answer: "answer",
  privateNotes: "privateNotes",
  groupNames: "groupNames",
} as const;

/** The name of regroupement N (1-based) is the item `g${N}` of `groupNames`, field `name`. */
export const IC_GROUP_NAME_MAX = 80;
export const icGroupNameId = (index: number): string => `g${index}`;

/** I5: the short answer is meant to be read aloud in a plenary of twelve groups. */
export const IC_ANSWER_MAX = 600;

const text = (maxLength: number) => ({ kind: "text", maxLength }) as const;

const collections: readonly CollectionSpec[] = [
  { id: IC_COLLECTION.problem, title: { fr: "La difficulté", en: "The difficulty" }, scope: "shared", singletonId: "problem", fields: { statement: text(2000) }, visibleFrom: IC_STEP.problem },
  { id: IC_COLLECTION.questions, title: { fr: "Questions de clarification", en: "Clarifying questions" }, scope: "shared", fields: { text: text(1000), answer: text(2000) }, visibleFrom: IC_STEP.clarification },
  {
    id: IC_COLLECTION.notes,
    title: { fr: "Idées", en: "Ideas" },
    scope: "shared",
    fields: { text: text(NOTE_MAX_TEXT), x: { kind: "number" }, y: { kind: "number" }, z: { kind: "number" }, color: { kind: "enum", values: NOTE_COLORS } },
  },
  { id: IC_COLLECTION.answer, title: { fr: "Réponse courte", en: "Short answer" }, scope: "shared", singletonId: "answer", fields: { text: text(IC_ANSWER_MAX) }, visibleFrom: IC_STEP.answer },
  { id: IC_COLLECTION.groupNames, title: { fr: "Noms des regroupements", en: "Group names" }, scope: "shared", fields: { name: text(IC_GROUP_NAME_MAX) }, visibleFrom: IC_STEP.clustering },
  { id: IC_COLLECTION.privateNotes, title: { fr: "Mes notes personnelles", en: "My private notes" }, scope: "private", fields: { text: text(4000) } },
];

const EVERYONE: readonly AssignableRole[] = ["caseHolder", "consultant", "scribe"];
const HELPERS: readonly AssignableRole[] = ["consultant", "scribe"];
const ALL_OPS = ["create", "update", "delete"] as const;
const needsPorteur: StepRequirement = { kind: "role", role: "caseHolder", message: "a porteur (case holder) must be assigned before this step" };

const watch = { fr: "Vous suivez le travail du groupe, sans écrire.", en: "You follow the group's work, without writing." };

const steps: readonly StepTemplate[] = [
  {
    id: IC_STEP.subject,
    title: { fr: "Choix de la difficulté", en: "Choosing the difficulty" },
    defaultDurationMin: 10,
    optional: { enabledByDefault: false },
    subjectChoice: true,
    instructions: {
      facilitator: { fr: "Invitez chacun·e à proposer une difficulté ou un projet, puis à voter ; choisissez ensuite celle sur laquelle le groupe travaille.", en: "Invite everyone to propose a difficulty or a project, then to vote; then pick the one the group works on." },
      caseHolder: { fr: "Proposez une difficulté de votre travail sur laquelle vous aimeriez l'aide du groupe, ou votez.", en: "Propose a difficulty from your work you would like the group's help with, or vote." },
      consultant: { fr: "Proposez une difficulté, ou votez pour celle qui vous semble la plus utile aujourd'hui.", en: "Propose a difficulty, or vote for the one that seems most useful today." },
      scribe: { fr: "Proposez une difficulté, ou votez pour celle qui vous semble la plus utile aujourd'hui.", en: "Propose a difficulty, or vote for the one that seems most useful today." },
      observer: watch,
    },
    grants: [{ roles: EVERYONE, collection: IC_COLLECTION.notes, ops: ALL_OPS, own: true }],
  },
  {
    id: IC_STEP.problem,
    title: { fr: "Énoncé du problème", en: "Stating the problem" },
    defaultDurationMin: 10,
    requires: [needsPorteur],
    instructions: {
      facilitator: { fr: "Donnez la parole au porteur ou à la porteuse : la difficulté, en quelques phrases, sans nom ni détail qui permette de reconnaître une personne.", en: "Give the floor to the porteur: the difficulty in a few sentences, with no name or detail that would identify anyone." },
      caseHolder: { fr: "Écrivez votre difficulté en quelques phrases : ce qui se passe, ce qui vous pose question. Aucun nom, aucun détail qui permette de reconnaître la personne.", en: "Write your difficulty in a few sentences: what is happening, what puzzles you. No name, no detail that would identify the person." },
      consultant: { fr: "Écoutez sans interrompre. Vos notes personnelles ne sont vues par personne d'autre.", en: "Listen without interrupting. Your private notes are seen by nobody else." },
      scribe: { fr: "Écoutez et notez pour vous ce qui vous semble important.", en: "Listen and note for yourself what seems important." },
      observer: watch,
    },
    grants: [{ roles: ["caseHolder"], collection: IC_COLLECTION.problem, ops: ["create", "update"] }],
  },
  {
    id: IC_STEP.clarification,
    title: { fr: "Questions de clarification", en: "Clarifying questions" },
    defaultDurationMin: 10,
    requires: [needsPorteur],
    instructions: {
      facilitator: { fr: "Des questions sur les faits seulement : les idées viendront à l'étape suivante.", en: "Questions about the facts only: ideas come at the next step." },
      caseHolder: { fr: "Répondez sous chaque question. Vous pouvez dire que vous ne savez pas.", en: "Answer under each question. You may say you don't know." },
      consultant: { fr: "Posez une question par carte pour mieux comprendre la situation. Pas encore d'idée ni de conseil.", en: "Ask one question per card to understand the situation better. No ideas or advice yet." },
      scribe: { fr: "Posez vos questions, une par carte.", en: "Ask your questions, one per card." },
      observer: watch,
    },
    grants: [
      { roles: HELPERS, collection: IC_COLLECTION.questions, ops: ALL_OPS, fields: ["text"], own: true },
      { roles: ["caseHolder"], collection: IC_COLLECTION.questions, ops: ["update"], fields: ["answer"] },
    ],
  },
  {
    id: IC_STEP.ideas,
    title: { fr: "Idées", en: "Ideas" },
    defaultDurationMin: 15,
    requires: [needsPorteur],
    instructions: {
      facilitator: { fr: "Une idée par post-it, toutes les idées sont bienvenues : on ne les discute pas encore.", en: "One idea per sticky note, every idea is welcome: they are not discussed yet." },
      caseHolder: { fr: "Lisez les idées qui arrivent ; vous pouvez en ajouter. On ne les discute pas encore.", en: "Read the ideas as they come; you may add some. They are not discussed yet." },
      consultant: { fr: "Écrivez vos idées, une par post-it : pistes, ressources, partenaires, façons de faire.", en: "Write your ideas, one per sticky note: leads, resources, partners, ways of doing." },
      scribe: { fr: "Écrivez vos idées, une par post-it.", en: "Write your ideas, one per sticky note." },
      observer: watch,
    },
    grants: [{ roles: EVERYONE, collection: IC_COLLECTION.notes, ops: ALL_OPS, own: true }],
  },
  {
    id: IC_STEP.clustering,
    title: { fr: "Regroupement et vote", en: "Clustering and vote" },
    defaultDurationMin: 15,
    requires: [needsPorteur],
    instructions: {
      facilitator: { fr: "Faites regrouper les idées proches et nommer chaque groupe, puis ouvrez le vote.", en: "Have similar ideas grouped and each group named, then open the vote." },
      caseHolder: { fr: "Regroupez les idées avec le groupe, puis votez pour celles qui vous aideraient le plus.", en: "Group the ideas with the others, then vote for those that would help you most." },
      consultant: { fr: "Rapprochez les idées qui vont ensemble, nommez les groupes, puis votez.", en: "Put together the ideas that belong together, name the groups, then vote." },
      scribe: { fr: "Rapprochez les idées qui vont ensemble, nommez les groupes, puis votez.", en: "Put together the ideas that belong together, name the groups, then vote." },
      observer: watch,
    },
    // I2: moving anyone's note is how a group clusters; the text stays its author's. Anyone
    // names a regroupement (and renames it, whoever wrote the name first).
    grants: [
      { roles: EVERYONE, collection: IC_COLLECTION.notes, ops: ["update"], fields: ["x", "y", "z"] },
      { roles: EVERYONE, collection: IC_COLLECTION.groupNames, ops: ["create", "update"], fields: ["name"] },
    ],
  },
  {
    id: IC_STEP.answer,
    title: { fr: "Réponse courte", en: "Short answer" },
    defaultDurationMin: 10,
    requires: [needsPorteur],
    instructions: {
      facilitator: { fr: "Aidez le porteur ou la porteuse à écrire en quelques lignes ce que le groupe lui apporte : c'est ce que la plénière lira.", en: "Help the porteur write in a few lines what the group gives them: it is what the plenary will read." },
      caseHolder: { fr: "Écrivez en quelques lignes ce que vous retenez des idées du groupe. Cette réponse sera lue en plénière.", en: "Write in a few lines what you keep from the group's ideas. This answer will be read in the plenary." },
      consultant: { fr: "Le porteur ou la porteuse écrit la réponse du groupe ; aidez-le·la à la formuler à l'oral.", en: "The porteur writes the group's answer; help them put it into words." },
      scribe: { fr: "Vous pouvez écrire la réponse sous la dictée du porteur ou de la porteuse.", en: "You may write the answer as the porteur dictates it." },
      observer: watch,
    },
    grants: [{ roles: ["caseHolder", "scribe"], collection: IC_COLLECTION.answer, ops: ["create", "update"] }],
  },
];

/** I1: the template. */
export const IC_TEMPLATE: MethodTemplate = {
  id: IC_TEMPLATE_ID,
  title: { fr: "Atelier d'intelligence collective", en: "Collective intelligence workshop" },
  description: {
    fr: "Un·e participant·e apporte une difficulté ; le groupe la clarifie, propose des idées, les regroupe et vote, puis une réponse courte part en plénière.",
    en: "A participant brings a difficulty; the group clarifies it, gives ideas, clusters and votes on them, and a short answer goes to the plenary.",
  },
  roles: ["facilitator", "caseHolder", "consultant", "scribe", "observer"],
  defaultRole: "consultant",
  roleLimits: { caseHolder: 1, scribe: 1 },
  collections,
  steps,
  whileRunning: [{ roles: EVERYONE, collection: IC_COLLECTION.privateNotes, ops: ALL_OPS, own: true }],
  // The porteur may still take out a detail before the wall is shared.
  afterEnd: [
    { roles: ["caseHolder"], collection: IC_COLLECTION.problem, ops: ["update"] },
    { roles: ["caseHolder"], collection: IC_COLLECTION.answer, ops: ["update"] },
  ],
  facilitatorLimits: [],
};

// ---- the plenary wall -------------------------------------------------------------------

/** What the server reads from one group's board when the plenary opens. */
export interface GroupAnswer {
  roomId: string;
  roomName: string;
  /** The porteur's statement ("" if none written). */
  problem: string;
  answer: string;
}

export interface WallEntry extends GroupAnswer {
  answered: boolean;
}

/**
 * I4: one entry per group, in room order (groups not in `roomOrder` after, by name with
 * numbers read as numbers: "Groupe 2" before "Groupe 10"); a group that wrote nothing is on
 * the wall all the same, marked unanswered; a room given twice keeps its last answer.
 */
export function plenaryWall(groupAnswers: readonly GroupAnswer[], roomOrder: readonly string[] = []): WallEntry[] {
  const last = new Map<string, GroupAnswer>();
  for (const a of groupAnswers) last.set(a.roomId, a);
  const position = new Map(roomOrder.map((id, i) => [id, i]));
  const collator = new Intl.Collator("fr", { numeric: true, sensitivity: "base" });
  return [...last.values()]
    .map((a): WallEntry => {
      const answer = plain(a.answer);
      return { roomId: a.roomId, roomName: normaliseField(a.roomName), problem: plain(a.problem), answer, answered: answer !== "" };
    })
    .sort((x, y) => (position.get(x.roomId) ?? Infinity) - (position.get(y.roomId) ?? Infinity) || collator.compare(x.roomName, y.roomName) || (x.roomId < y.roomId ? -1 : 1));
}

/** Paragraphs kept, invisible characters out. */
function plain(text: string): string {
  return String(text ?? "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map(normaliseField)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
