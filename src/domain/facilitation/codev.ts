// Co-développement professionnel (Payette & Champagne), as a template. Rule ids (C…) refer
// to src/domain/SPEC.md.
import { NOTE_COLORS, NOTE_MAX_TEXT } from "../board.ts";
import type { AssignableRole, CollectionSpec, MethodTemplate, StepRequirement, StepTemplate } from "./templates.ts";

export const CODEV_STEP = {
  subject: "subject",
  expose: "expose",
  clarification: "clarification",
  contract: "contract",
  reactions: "reactions",
  synthesis: "synthesis",
  learnings: "learnings",
} as const;

export const CODEV_COLLECTION = {
  case: "case",
  questions: "questions",
  contract: "contract",
  suggestions: "suggestions",
  actions: "actions",
  synthesis: "synthesis",
  learnings: "learnings",
  notes: "notes",
  privateNotes: "privateNotes",
} as const;

export const SUGGESTION_TYPES = ["idea", "hypothesis", "testimony", "resource"] as const;
export type SuggestionType = (typeof SUGGESTION_TYPES)[number];

/** Facts the server computes from the board and passes to `apply` and `tick`. */
// A type, not an interface, so that it is assignable to the machine's Facts record.
export type CodevFacts = {
  contractWritten: boolean;
};

/** What the server reads from the board to build the facts: a contract is written once it has text. */
export function codevFacts(content: { contractText?: string | null }): CodevFacts {
  return { contractWritten: typeof content.contractText === "string" && content.contractText.trim().length > 0 };
}

const text = (maxLength: number) => ({ kind: "text", maxLength }) as const;

const collections: readonly CollectionSpec[] = [
  {
    id: CODEV_COLLECTION.case,
    title: { fr: "La situation", en: "The case" },
    scope: "shared",
    singletonId: "case",
    fields: { context: text(4000), situation: text(4000), tried: text(4000), question: text(2000) },
    visibleFrom: CODEV_STEP.expose,
  },
  {
    id: CODEV_COLLECTION.questions,
    title: { fr: "Questions de clarification", en: "Clarifying questions" },
    scope: "shared",
    fields: { text: text(1000), answer: text(2000) },
    visibleFrom: CODEV_STEP.clarification,
  },
  {
    id: CODEV_COLLECTION.contract,
    title: { fr: "Le contrat", en: "The contract" },
    scope: "shared",
    singletonId: "contract",
    fields: { text: text(2000) },
    visibleFrom: CODEV_STEP.contract,
  },
  {
    id: CODEV_COLLECTION.suggestions,
    title: { fr: "Réactions et suggestions", en: "Reactions and suggestions" },
    scope: "shared",
    fields: { text: text(2000), type: { kind: "enum", values: SUGGESTION_TYPES }, kept: { kind: "boolean" } },
    visibleFrom: CODEV_STEP.reactions,
  },
  {
    id: CODEV_COLLECTION.actions,
    title: { fr: "Plan d'action", en: "Action plan" },
    scope: "shared",
    fields: { what: text(1000), who: text(200), when: text(100) },
    visibleFrom: CODEV_STEP.synthesis,
  },
  {
    id: CODEV_COLLECTION.synthesis,
    title: { fr: "Ce que je retiens", en: "What I keep" },
    scope: "shared",
    singletonId: "synthesis",
    fields: { summary: text(4000) },
    visibleFrom: CODEV_STEP.synthesis,
  },
  {
    id: CODEV_COLLECTION.learnings,
    title: { fr: "Apprentissages", en: "Learnings" },
    scope: "shared",
    keyedByAuthor: true,
    fields: { text: text(2000), rating: { kind: "integer", min: 1, max: 5 } },
    visibleFrom: CODEV_STEP.learnings,
  },
  {
    id: CODEV_COLLECTION.notes,
    title: { fr: "Post-it", en: "Sticky notes" },
    scope: "shared",
    fields: { text: text(NOTE_MAX_TEXT), x: { kind: "number" }, y: { kind: "number" }, z: { kind: "number" }, color: { kind: "enum", values: NOTE_COLORS } },
  },
  {
    id: CODEV_COLLECTION.privateNotes,
    title: { fr: "Mes notes personnelles", en: "My private notes" },
    scope: "private",
    fields: { text: text(4000) },
  },
];

const CONSULTANTS: readonly AssignableRole[] = ["consultant", "scribe"];
const PARTICIPANTS: readonly AssignableRole[] = ["caseHolder", "consultant", "scribe"];
const ALL_OPS = ["create", "update", "delete"] as const;

// C2: from the exposé on, the séance is about one person's situation.
const needsCaseHolder: StepRequirement = {
  kind: "role",
  role: "caseHolder",
  message: "a case holder must be assigned before this step",
};

const steps: readonly StepTemplate[] = [
  {
    id: CODEV_STEP.subject,
    title: { fr: "Choix du sujet", en: "Choosing the subject" },
    defaultDurationMin: 10,
    optional: { enabledByDefault: false },
    subjectChoice: true,
    instructions: {
      facilitator: {
        fr: "Invitez chaque personne à proposer une situation, puis à voter. Choisissez ensuite le sujet : en cas d'égalité, le groupe en parle.",
        en: "Invite everyone to propose a situation, then to vote. Then pick the subject; if there is a tie, the group talks it over.",
      },
      caseHolder: {
        fr: "Proposez une situation que vous vivez et sur laquelle vous aimeriez l'aide du groupe, puis votez.",
        en: "Propose a situation you are living and would like the group's help with, then vote.",
      },
      consultant: {
        fr: "Proposez une situation sur laquelle vous aimeriez l'aide du groupe, ou votez pour le sujet qui vous semble le plus utile aujourd'hui.",
        en: "Propose a situation you would like the group's help with, or vote for the subject that seems most useful today.",
      },
      scribe: {
        fr: "Proposez une situation ou votez pour le sujet qui vous semble le plus utile aujourd'hui.",
        en: "Propose a situation or vote for the subject that seems most useful today.",
      },
      observer: {
        fr: "Le groupe choisit le sujet du jour. Vous suivez les propositions et les votes, sans écrire.",
        en: "The group is choosing today's subject. You follow the proposals and votes, without writing.",
      },
    },
    grants: [{ roles: PARTICIPANTS, collection: CODEV_COLLECTION.notes, ops: ALL_OPS, own: true }], // C12
  },
  {
    id: CODEV_STEP.expose,
    title: { fr: "Exposé de la situation", en: "Presenting the situation" },
    defaultDurationMin: 10,
    requires: [needsCaseHolder],
    instructions: {
      facilitator: {
        fr: "Donnez la parole au porteur ou à la porteuse et veillez à ce que personne ne l'interrompe.",
        en: "Give the floor to the case holder and make sure nobody interrupts.",
      },
      caseHolder: {
        fr: "Présentez votre situation : le contexte, ce qui se passe, ce que vous avez déjà essayé et votre question. Ne donnez aucun nom ni détail qui permette de reconnaître la personne.",
        en: "Present your situation: the context, what is happening, what you have already tried and your question. Give no name or detail that would identify the person.",
      },
      consultant: {
        fr: "Écoutez le porteur ou la porteuse : vous ne pouvez pas écrire sur le tableau pendant cette étape. Vos notes personnelles, elles, ne sont vues par personne d'autre.",
        en: "Listen to the case holder: you cannot write on the board during this step. Your private notes are seen by nobody else.",
      },
      scribe: {
        fr: "Écoutez et notez pour vous ce qui vous semble important. Vos notes personnelles ne sont vues par personne d'autre.",
        en: "Listen and note for yourself what seems important. Your private notes are seen by nobody else.",
      },
      observer: {
        fr: "Écoutez la présentation de la situation. Vous ne pouvez pas écrire.",
        en: "Listen to the presentation of the situation. You cannot write.",
      },
    },
    grants: [{ roles: ["caseHolder"], collection: CODEV_COLLECTION.case, ops: ["create", "update"] }], // C5
  },
  {
    id: CODEV_STEP.clarification,
    title: { fr: "Questions de clarification", en: "Clarifying questions" },
    defaultDurationMin: 15,
    requires: [needsCaseHolder],
    instructions: {
      facilitator: {
        fr: "Invitez les consultant·e·s à poser des questions sur les faits. Rappelez qu'on ne donne pas encore de conseil.",
        en: "Invite the consultants to ask factual questions. Remind them that no advice is given yet.",
      },
      caseHolder: {
        fr: "Répondez à chaque question directement sous sa carte. Vous avez le droit de dire que vous ne savez pas.",
        en: "Answer each question right under its card. You may say that you don't know.",
      },
      consultant: {
        fr: "Posez vos questions pour mieux comprendre la situation, une question par carte. Pas de conseil pour l'instant : gardez vos idées pour l'étape des suggestions.",
        en: "Ask your questions to understand the situation better, one question per card. No advice yet: keep your ideas for the suggestions step.",
      },
      scribe: {
        fr: "Posez vos questions, une par carte, et suivez les réponses. Pas de conseil pour l'instant.",
        en: "Ask your questions, one per card, and follow the answers. No advice yet.",
      },
      observer: {
        fr: "Suivez les questions et les réponses. Vous ne pouvez pas écrire.",
        en: "Follow the questions and answers. You cannot write.",
      },
    },
    grants: [
      // C7: question cards only; the answer belongs to the case holder.
      { roles: CONSULTANTS, collection: CODEV_COLLECTION.questions, ops: ["create"], fields: ["text"] },
      { roles: CONSULTANTS, collection: CODEV_COLLECTION.questions, ops: ["update", "delete"], fields: ["text"], own: true },
      { roles: ["caseHolder"], collection: CODEV_COLLECTION.questions, ops: ["update"], fields: ["answer"] },
    ],
  },
  {
    id: CODEV_STEP.contract,
    title: { fr: "Contrat", en: "Contract" },
    defaultDurationMin: 5,
    requires: [needsCaseHolder],
    instructions: {
      facilitator: {
        fr: "Aidez le porteur ou la porteuse à dire quelle aide il ou elle attend. Le groupe ne passe aux suggestions qu'une fois le contrat écrit.",
        en: "Help the case holder say what help they expect. The group moves on to suggestions only once the contract is written.",
      },
      caseHolder: {
        fr: "Écrivez ce que vous attendez du groupe : des idées, une façon de mener un entretien, des ressources… C'est la question sur laquelle le groupe va travailler.",
        en: "Write what you expect from the group: ideas, a way to handle a conversation, resources… This is the question the group will work on.",
      },
      consultant: {
        fr: "Le porteur ou la porteuse écrit sa demande au groupe. Vérifiez que vous la comprenez ; vous pouvez le dire à l'oral.",
        en: "The case holder writes their request to the group. Check that you understand it; you can say so out loud.",
      },
      scribe: {
        fr: "Le porteur ou la porteuse écrit sa demande au groupe. Vérifiez que vous la comprenez ; vous pouvez le dire à l'oral.",
        en: "The case holder writes their request to the group. Check that you understand it; you can say so out loud.",
      },
      observer: {
        fr: "Le porteur ou la porteuse précise la demande faite au groupe. Vous ne pouvez pas écrire.",
        en: "The case holder states the request made to the group. You cannot write.",
      },
    },
    grants: [{ roles: ["caseHolder"], collection: CODEV_COLLECTION.contract, ops: ["create", "update"] }], // C8
  },
  {
    id: CODEV_STEP.reactions,
    title: { fr: "Réactions, commentaires, suggestions", en: "Reactions, comments, suggestions" },
    defaultDurationMin: 25,
    // C3: the group works on the question the case holder asked, so it must be written first.
    requires: [needsCaseHolder, { kind: "fact", fact: "contractWritten", message: "the contract must be written before the reactions" }],
    instructions: {
      facilitator: {
        fr: "Invitez chaque consultant·e à proposer idées, hypothèses, témoignages ou ressources. Veillez à ce que le porteur ou la porteuse écoute sans débattre.",
        en: "Invite each consultant to offer ideas, hypotheses, testimonies or resources. Make sure the case holder listens without debating.",
      },
      caseHolder: {
        fr: "Écoutez sans répondre : vous ne pouvez pas poster pendant cette étape. Marquez les suggestions que vous voulez garder.",
        en: "Listen without answering: you cannot post during this step. Mark the suggestions you want to keep.",
      },
      consultant: {
        fr: "Postez vos suggestions en choisissant leur type : idée, hypothèse, témoignage ou ressource. Partez de votre expérience, sans juger.",
        en: "Post your suggestions and choose their type: idea, hypothesis, testimony or resource. Speak from your experience, without judging.",
      },
      scribe: {
        fr: "Postez vos suggestions en choisissant leur type, et aidez le groupe à garder la trace de ce qui se dit.",
        en: "Post your suggestions and choose their type, and help the group keep track of what is said.",
      },
      observer: {
        fr: "Suivez les suggestions du groupe. Vous ne pouvez pas écrire.",
        en: "Follow the group's suggestions. You cannot write.",
      },
    },
    grants: [
      // C9: typed suggestions; `kept` is the case holder's choice (C4).
      { roles: CONSULTANTS, collection: CODEV_COLLECTION.suggestions, ops: ["create"], fields: ["text", "type"] },
      { roles: CONSULTANTS, collection: CODEV_COLLECTION.suggestions, ops: ["update", "delete"], fields: ["text", "type"], own: true },
      { roles: ["caseHolder"], collection: CODEV_COLLECTION.suggestions, ops: ["update"], fields: ["kept"] },
    ],
  },
  {
    id: CODEV_STEP.synthesis,
    title: { fr: "Synthèse et plan d'action", en: "Synthesis and action plan" },
    defaultDurationMin: 15,
    requires: [needsCaseHolder],
    instructions: {
      facilitator: {
        fr: "Invitez le porteur ou la porteuse à dire ce qu'il ou elle retient, puis à écrire ses actions : quoi, qui, pour quand.",
        en: "Invite the case holder to say what they keep, then to write their actions: what, who, by when.",
      },
      caseHolder: {
        fr: "Dites ce que vous retenez, puis écrivez vos actions : quoi, qui, pour quand. Partez des suggestions que vous avez gardées.",
        en: "Say what you keep, then write your actions: what, who, by when. Start from the suggestions you kept.",
      },
      consultant: {
        fr: "Écoutez ce que le porteur ou la porteuse retient. Vous ne pouvez pas écrire pendant cette étape.",
        en: "Listen to what the case holder keeps. You cannot write during this step.",
      },
      scribe: {
        fr: "Si le porteur ou la porteuse le souhaite, écrivez la synthèse et le plan d'action sous sa dictée.",
        en: "If the case holder wishes, write the synthesis and the action plan as they dictate.",
      },
      observer: {
        fr: "Écoutez la synthèse et le plan d'action. Vous ne pouvez pas écrire.",
        en: "Listen to the synthesis and the action plan. You cannot write.",
      },
    },
    grants: [
      // C10: the plan is the case holder's; the scribe writes it under their dictation.
      { roles: ["caseHolder", "scribe"], collection: CODEV_COLLECTION.actions, ops: ALL_OPS },
      { roles: ["caseHolder", "scribe"], collection: CODEV_COLLECTION.synthesis, ops: ["create", "update"] },
    ],
  },
  {
    id: CODEV_STEP.learnings,
    title: { fr: "Apprentissages", en: "Learnings" },
    defaultDurationMin: 15,
    requires: [needsCaseHolder],
    instructions: {
      facilitator: {
        fr: "Invitez chaque personne, y compris le porteur ou la porteuse, à écrire ce qu'elle a appris et à noter la séance.",
        en: "Invite everyone, the case holder included, to write what they learnt and to rate the session.",
      },
      caseHolder: {
        fr: "Écrivez ce que vous avez appris pendant cette séance, puis notez-la de 1 à 5.",
        en: "Write what you learnt during this session, then rate it from 1 to 5.",
      },
      consultant: {
        fr: "Écrivez ce que vous avez appris pendant cette séance, puis notez-la de 1 à 5.",
        en: "Write what you learnt during this session, then rate it from 1 to 5.",
      },
      scribe: {
        fr: "Écrivez ce que vous avez appris pendant cette séance, puis notez-la de 1 à 5.",
        en: "Write what you learnt during this session, then rate it from 1 to 5.",
      },
      observer: {
        fr: "Chaque participant·e écrit ce qu'il ou elle a appris. Vous ne pouvez pas écrire.",
        en: "Each participant writes what they learnt. You cannot write.",
      },
    },
    // C11: your own card only (the collection is keyed by author: one card, one rating each).
    grants: [{ roles: PARTICIPANTS, collection: CODEV_COLLECTION.learnings, ops: ALL_OPS, own: true }],
  },
];

export const CODEV_TEMPLATE: MethodTemplate = {
  id: "codev",
  title: { fr: "Co-développement professionnel", en: "Professional co-development" },
  description: {
    fr: "Un groupe de pairs aide l'un ou l'une des siens à avancer sur une situation vécue : exposé, questions, contrat, suggestions, plan d'action, apprentissages.",
    en: "A group of peers helps one of its members move forward on a real situation: presentation, questions, contract, suggestions, action plan, learnings.",
  },
  roles: ["facilitator", "caseHolder", "consultant", "scribe", "observer"],
  defaultRole: "consultant",
  roleLimits: { caseHolder: 1, scribe: 1 },
  collections,
  steps,
  // C6: anyone who writes may keep private notes in any step (they stay on their own board).
  whileRunning: [{ roles: PARTICIPANTS, collection: CODEV_COLLECTION.privateNotes, ops: ALL_OPS, own: true }],
  // C14: the case holder may still pseudonymise the case before the report is shared.
  afterEnd: [{ roles: ["caseHolder"], collection: CODEV_COLLECTION.case, ops: ["update"] }],
  facilitatorLimits: [
    { collection: CODEV_COLLECTION.suggestions, field: "kept", why: "keeping a suggestion is the case holder's choice" },
    { collection: CODEV_COLLECTION.learnings, field: "rating", why: "the rating is each participant's own evaluation of the séance" },
  ],
};
