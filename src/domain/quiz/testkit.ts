// Shared by the quiz tests: a small quiz with every kind of question, actors, helpers.
import { type QuizActor, type QuizCommand, type QuizDefinition, type QuizResult, type QuizState } from "./model.ts";
import { createQuiz, applyQuiz } from "./machine.ts";
import { validateQuiz } from "./validate.ts";

export const FAC: QuizActor = { id: "fac", role: "facilitator" };
export const ANA: QuizActor = { id: "ana", role: "participant" };
export const BEN: QuizActor = { id: "ben", role: "participant" };
export const CLO: QuizActor = { id: "clo", role: "participant" };
export const OBS: QuizActor = { id: "obs", role: "observer" };
export const T0 = 1_800_000_000_000;
export const SEC = 1000;

export const RAW_QUIZ = {
  title: "Les personnes que nous accompagnons",
  questions: [
    {
      id: "q1",
      kind: "single",
      prompt: "Quelle part des salarié·e·s en insertion a moins de 26 ans ?",
      options: [
        { id: "a", label: "Moins de 10 %" },
        { id: "b", label: "Environ 20 %" },
        { id: "c", label: "Plus de 50 %" },
      ],
      correctOptionId: "b",
      explanation: "Environ une personne sur cinq.",
      timeLimitSec: 30,
    },
    {
      id: "q2",
      kind: "multiple",
      prompt: "Quels freins sont périphériques à l'emploi ?",
      options: [
        { id: "mob", label: "Mobilité" },
        { id: "log", label: "Logement" },
        { id: "cv", label: "Rédaction du CV" },
        { id: "gar", label: "Garde d'enfants" },
      ],
      correctOptionIds: ["gar", "mob", "log"],
      scoring: "partial",
      explanation: "Le CV relève de la recherche d'emploi.",
      timeLimitSec: 45,
    },
    { id: "q3", kind: "trueFalse", prompt: "Un chantier d'insertion est une entreprise.", correct: false, explanation: "C'est une structure de l'IAE, souvent associative.", timeLimitSec: 20 },
    {
      id: "q4",
      kind: "ordering",
      prompt: "Remettez le parcours dans l'ordre",
      options: [
        { id: "acc", label: "Accueil" },
        { id: "diag", label: "Diagnostic" },
        { id: "contrat", label: "Contrat" },
        { id: "sortie", label: "Sortie" },
      ],
      scoring: "positional",
      timeLimitSec: 60,
    },
    { id: "q5", kind: "number", prompt: "Durée maximale d'un parcours (mois) ?", correct: 24, tolerance: 0, unit: "mois", timeLimitSec: null, image: "Yh3kQ9xW2mZr7bLc1nPd8sTf", imageAlt: "Frise d'un parcours : accueil, contrat, sortie" },
  ],
};

export function quiz(overrides: Partial<Record<string, unknown>> = {}): QuizDefinition {
  const r = validateQuiz({ ...RAW_QUIZ, ...overrides });
  if (!r.ok) throw new Error(`${r.code} at ${r.path}: ${r.message}`);
  return r.quiz;
}

export function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}

export function must(r: QuizResult): QuizState {
  if (!r.ok) throw new Error(`refused ${r.code}: ${r.message}`);
  return r.state;
}

/** Steps applied in order; each step at its own time. */
export function run(state: QuizState, ...steps: [QuizCommand, QuizActor, number][]): QuizState {
  return steps.reduce((s, [c, a, t]) => must(applyQuiz(deepFreeze(s), c, a, t)), state);
}

export function started(def: QuizDefinition = quiz(), at = T0): QuizState {
  return run(createQuiz(def, { now: T0 }), [{ type: "next" }, FAC, at]);
}
