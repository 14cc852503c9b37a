// Every word of the report in French (first) and English.
import type { ReportLocale } from "./model.ts";

export interface ReportLabels {
  title: string;
  fileBase: string;
  group: string;
  date: string;
  hours: string;
  facilitator: string;
  caseHolder: string;
  sessionCode: string;
  status: string;
  statuses: { lobby: string; running: string; ended: string; none: string };
  attendees: string;
  attendeesColumns: [string, string];
  noAttendees: string;
  timing: string;
  timingColumns: [string, string, string, string];
  total: string;
  notVisited: string;
  noTiming: string;
  theCase: string;
  caseFields: { context: string; situation: string; tried: string; question: string };
  noCase: string;
  questions: string;
  answer: string;
  noAnswer: string;
  noQuestions: string;
  contract: string;
  noContract: string;
  suggestions: string;
  suggestionTypes: { idea: string; hypothesis: string; testimony: string; resource: string; other: string };
  kept: string;
  suggestionsSummary: (total: number, kept: number) => string;
  noSuggestions: string;
  synthesis: string;
  whatIKeep: string;
  noSynthesis: string;
  actionPlan: string;
  actionColumns: [string, string, string];
  noActions: string;
  previousPlan: string;
  previousPlanLead: (date: string, caseHolders: string) => string;
  previousPlanNone: string;
  learnings: string;
  noLearnings: string;
  evaluation: string;
  average: (avg: string, count: number) => string;
  noRatings: string;
  footer: (generatedAt: string) => string;
  minutes: (min: number, sec: number) => string;
}

export const LABELS: Readonly<Record<ReportLocale, ReportLabels>> = {
  fr: {
    title: "Compte rendu de séance de co-développement",
    fileBase: "compte-rendu",
    group: "Groupe",
    date: "Date",
    hours: "Horaire",
    facilitator: "Animation",
    caseHolder: "Porteur·euse du sujet",
    sessionCode: "Code de la séance",
    status: "État",
    statuses: { lobby: "pas encore commencée", running: "en cours", ended: "terminée", none: "non lancée" },
    attendees: "Participant·e·s",
    attendeesColumns: ["Nom", "Rôle"],
    noAttendees: "Aucun·e participant·e.",
    timing: "Déroulé et temps par étape",
    timingColumns: ["Étape", "Prévu", "Réel", "Écart"],
    total: "Total",
    notVisited: "non réalisée",
    noTiming: "La séance n'a pas été lancée : aucun temps à rapporter.",
    theCase: "La situation",
    caseFields: { context: "Contexte", situation: "Situation", tried: "Ce qui a déjà été tenté", question: "La question posée au groupe" },
    noCase: "La situation n'a pas été rédigée.",
    questions: "Questions de clarification",
    answer: "Réponse",
    noAnswer: "sans réponse écrite",
    noQuestions: "Aucune question n'a été notée.",
    contract: "Le contrat",
    noContract: "Le contrat n'a pas été rédigé.",
    suggestions: "Réactions et suggestions",
    suggestionTypes: { idea: "Idées", hypothesis: "Hypothèses", testimony: "Témoignages", resource: "Ressources", other: "Autres" },
    kept: "Retenue",
    suggestionsSummary: (total, kept) =>
      `${total} suggestion${total > 1 ? "s" : ""}, dont ${kept} retenue${kept > 1 ? "s" : ""} par le porteur ou la porteuse du sujet.`,
    noSuggestions: "Aucune suggestion n'a été notée.",
    synthesis: "Synthèse et plan d'action",
    whatIKeep: "Ce que je retiens",
    noSynthesis: "La synthèse n'a pas été rédigée.",
    actionPlan: "Plan d'action",
    actionColumns: ["Action", "Qui", "Quand"],
    noActions: "Aucune action n'a été notée.",
    previousPlan: "Retour sur le plan d'action de la dernière séance",
    previousPlanLead: (date, holders) => (holders ? `Séance du ${date}, porteur·euse du sujet : ${holders}.` : `Séance du ${date}.`),
    previousPlanNone: "Aucune action n'avait été notée à la dernière séance.",
    learnings: "Apprentissages",
    noLearnings: "Aucun apprentissage n'a été noté.",
    evaluation: "Évaluation de la séance",
    average: (avg, count) => `Note moyenne : ${avg} / 5 (${count} évaluation${count > 1 ? "s" : ""}).`,
    noRatings: "Aucune évaluation n'a été donnée.",
    footer: (at) => `Compte rendu établi le ${at} avec Marguerite. Document confidentiel : à ne transmettre qu'aux personnes concernées.`,
    minutes: (min, sec) => (sec === 0 ? `${min} min` : min === 0 ? `${sec} s` : `${min} min ${String(sec).padStart(2, "0")} s`),
  },
  en: {
    title: "Co-development session report",
    fileBase: "session-report",
    group: "Group",
    date: "Date",
    hours: "Time",
    facilitator: "Facilitator",
    caseHolder: "Case holder",
    sessionCode: "Session code",
    status: "Status",
    statuses: { lobby: "not started yet", running: "in progress", ended: "ended", none: "not started" },
    attendees: "Attendees",
    attendeesColumns: ["Name", "Role"],
    noAttendees: "No attendees.",
    timing: "Steps and time",
    timingColumns: ["Step", "Planned", "Actual", "Difference"],
    total: "Total",
    notVisited: "not held",
    noTiming: "The session was not started: no time to report.",
    theCase: "The case",
    caseFields: { context: "Context", situation: "Situation", tried: "What has been tried", question: "The question for the group" },
    noCase: "The case was not written.",
    questions: "Clarifying questions",
    answer: "Answer",
    noAnswer: "no written answer",
    noQuestions: "No questions were noted.",
    contract: "The contract",
    noContract: "The contract was not written.",
    suggestions: "Reactions and suggestions",
    suggestionTypes: { idea: "Ideas", hypothesis: "Hypotheses", testimony: "Testimonies", resource: "Resources", other: "Other" },
    kept: "Kept",
    suggestionsSummary: (total, kept) => `${total} suggestion${total === 1 ? "" : "s"}, ${kept} kept by the case holder.`,
    noSuggestions: "No suggestions were noted.",
    synthesis: "Synthesis and action plan",
    whatIKeep: "What I keep",
    noSynthesis: "The synthesis was not written.",
    actionPlan: "Action plan",
    actionColumns: ["Action", "Who", "When"],
    noActions: "No actions were noted.",
    previousPlan: "Report-back on the last session's action plan",
    previousPlanLead: (date, holders) => (holders ? `Session of ${date}, case holder: ${holders}.` : `Session of ${date}.`),
    previousPlanNone: "No actions were noted at the last session.",
    learnings: "Learnings",
    noLearnings: "No learnings were noted.",
    evaluation: "Session evaluation",
    average: (avg, count) => `Average rating: ${avg} / 5 (${count} rating${count === 1 ? "" : "s"}).`,
    noRatings: "No ratings were given.",
    footer: (at) => `Report made on ${at} with Marguerite. Confidential: share only with the people concerned.`,
    minutes: (min, sec) => (sec === 0 ? `${min} min` : min === 0 ? `${sec} s` : `${min} min ${String(sec).padStart(2, "0")} s`),
  },
};
