// Catalogue français: la langue de référence. Toute chaîne visible vient d'ici (ou de en.ts).
export const fr = {
  app: {
    name: "Marguerite",
    tagline: "Des ateliers collectifs guidés pas à pas, en direct, pour l'accompagnement socioprofessionnel.",
    switchLanguage: "English",
    switchLanguageLabel: "Switch to English",
  },
  room: {
    defaultFacilitatorName: "Animateur·rice",
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalogue = Widen<typeof fr>;
