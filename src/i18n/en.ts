import type { Catalogue } from "./fr";

export const en: Catalogue = {
  app: {
    name: "Marguerite",
    tagline: "Guided, live collective workshops for people who support others back into work.",
    switchLanguage: "Français",
    switchLanguageLabel: "Passer en français",
  },
  room: {
    defaultFacilitatorName: "Facilitator",
  },
};
