// The questionnaire a facilitator starts from after a seminar or a national day (F2): the five
// questions networks ask, in French first. Nothing is required: people answer what they want.
import type { FeedbackDefinition, LocalText } from "./model.ts";

export type FeedbackEvent = "seminar" | "nationalDay";

const t = (fr: string, en: string): LocalText => ({ fr, en });

export function defaultFeedbackTemplate(event: FeedbackEvent = "nationalDay"): FeedbackDefinition {
  const day = event === "nationalDay";
  const cette = day ? t("cette journée", "this day") : t("ce séminaire", "this seminar");
  return {
    title: t("Questionnaire de satisfaction", "Feedback questionnaire"),
    intro: t(
      `Merci de prendre quelques minutes pour nous dire ce que vous avez pensé de ${cette.fr}. Vos réponses nous aident à préparer les prochaines rencontres.`,
      `Thank you for taking a few minutes to tell us what you thought of ${cette.en}. Your answers help us prepare the next meetings.`,
    ),
    questions: [
      {
        id: "satisfaction",
        kind: "scale",
        required: false,
        label: t(`Dans l'ensemble, êtes-vous satisfait·e de ${cette.fr} ?`, `Overall, how satisfied are you with ${cette.en}?`),
        minLabel: t("Pas du tout satisfait·e", "Not at all satisfied"),
        maxLabel: t("Très satisfait·e", "Very satisfied"),
      },
      {
        id: "usefulness",
        kind: "scale",
        required: false,
        label: t(
          day ? "Cette journée vous sera-t-elle utile dans votre pratique d'accompagnement ?" : "Ce séminaire vous sera-t-il utile dans votre pratique d'accompagnement ?",
          `Will ${cette.en} be useful in your accompaniment practice?`,
        ),
        minLabel: t("Pas utile", "Not useful"),
        maxLabel: t("Très utile", "Very useful"),
      },
      {
        id: "organisation",
        kind: "scale",
        required: false,
        label: t("Comment jugez-vous l'organisation (accueil, horaires, rythme, lieu) ?", "How would you rate the organisation (welcome, timing, pace, venue)?"),
        minLabel: t("Insatisfaisante", "Poor"),
        maxLabel: t("Excellente", "Excellent"),
      },
      { id: "takeaway", kind: "text", required: false, maxLength: 1000, label: t(`Qu'est-ce que vous retenez de ${cette.fr} ?`, `What do you take away from ${cette.en}?`) },
      { id: "suggestions", kind: "text", required: false, maxLength: 1000, label: t("Vos suggestions pour les prochaines rencontres", "Your suggestions for the next meetings") },
    ],
  };
}
