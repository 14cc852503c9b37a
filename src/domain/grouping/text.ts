// Turning a sticky note into comparable tokens: lower case, accents stripped for matching,
// French elisions cut (l', d', qu', j'…), stop words dropped. Acronyms keep a flag so that a
// two-letter acronym written in capitals ("AS", "PE") is not mistaken for a common word.
import { STOP_WORDS } from "./stopwords.ts";

export type Language = "fr" | "en";

export interface Token {
  /** Lower case, accents stripped: what is matched. */
  norm: string;
  /** Lower case with accents: what a group's name shows. */
  surface: string;
  /** Written in capitals, 2 to 6 letters: CAF, RSA, AS, PE… */
  acronym: boolean;
}

/** "Crèche" and "creche" match: accents are a frequent typo on a sticky note. */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
}

const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]/i;
// Letters (any script) and digits; apostrophes and hyphens are cut after elisions are handled.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Every word of a text, stop words included (the caller decides). */
export function words(text: string, options: { capitalsAreAcronyms?: boolean } = {}): Token[] {
  const out: Token[] = [];
  // A note written all in capitals is shouting, not a row of acronyms (a lexicon term such as
  // "CAF" is not a note: its caller says so).
  const shouting = !options.capitalsAreAcronyms && !/\p{Ll}/u.test(String(text));
  for (const m of String(text).matchAll(WORD)) {
    let raw = m[0];
    // "l'assistante" -> "assistante"; "aujourd'hui" stays one word.
    while (ELISION.test(raw)) raw = raw.replace(ELISION, "");
    for (const part of raw.split(/['’]/)) {
      if (part.length === 0) continue;
      const acronym = !shouting && part.length >= 2 && part.length <= 6 && /^[\p{Lu}\d]+$/u.test(part) && /\p{Lu}/u.test(part);
      const surface = part.toLowerCase();
      out.push({ norm: fold(surface), surface, acronym });
    }
  }
  return out;
}

/** Numbers that name something in this sector: the emergency lines (115: SAMU social; 119, 3919). */
const KEPT_NUMBERS: ReadonlySet<string> = new Set(["115", "119", "3919"]);

/**
 * Words worth comparing: no stop word, no bare number (but the sector's emergency lines), at
 * least 2 letters. A two-letter acronym in capitals is kept even if it spells a stop word
 * ("AS", assistante sociale).
 */
export function contentWords(text: string, language: Language, options: { capitalsAreAcronyms?: boolean } = {}): Token[] {
  const stop = STOP_WORDS[language];
  return words(text, options).filter(
    (t) => (!stop.has(t.norm) || (t.acronym && t.norm.length === 2)) && t.norm.length >= 2 && (!/^\d+$/.test(t.norm) || KEPT_NUMBERS.has(t.norm)),
  );
}

/** The language of a set of notes: the one whose stop words are more frequent (French on a tie). */
export function detectLanguage(texts: readonly string[]): Language {
  let fr = 0;
  let en = 0;
  for (const text of texts)
    for (const t of words(text)) {
      if (STOP_WORDS.fr.has(t.norm)) fr++;
      if (STOP_WORDS.en.has(t.norm)) en++;
    }
  return en > fr ? "en" : "fr";
}
