// Notes as sparse vectors: TF-IDF of word stems, plus the sector's concepts (lexicon.ts) and
// character trigrams of the stems (they catch what the stemmer misses: "surendettement" and
// "endettement", typos). Cosine similarity between unit vectors is their dot product.
import { CONCEPTS, type Concept } from "./lexicon.ts";
import { stem } from "./stem.ts";
import { type Language, type Token, contentWords, fold } from "./text.ts";

export type SparseVector = Map<string, number>;

export interface Weights {
  /** Weight of a concept relative to a word (before normalisation). */
  concept: number;
  /** Weight of the trigrams of a stem, all together, relative to the stem itself. */
  trigrams: number;
}

export const DEFAULT_WEIGHTS: Weights = { concept: 5, trigrams: 0.5 };

export interface StemmedToken {
  stem: string;
  surface: string;
  acronym: boolean;
}

export function stems(text: string, language: Language, options: { capitalsAreAcronyms?: boolean } = {}): StemmedToken[] {
  return contentWords(text, language, options).map((t: Token) => ({ stem: t.acronym ? t.norm : stem(t.norm, language), surface: t.surface, acronym: t.acronym }));
}

interface CompiledTerm {
  stems: string[];
  /** Two-letter acronyms match only words written in capitals. */
  needsCapitals: boolean[];
  /** Concept id -> weight: 1 for a term, ½ for a weak one, split when several concepts list it, more for longer terms. */
  weights: Map<string, number>;
}

/** Terms by their first stem, longest first. */
type CompiledLexicon = Map<string, CompiledTerm[]>;

/** Weak terms ("horaires", "code", "chantier") count this much. */
export const WEAK_TERM = 0.5;
/** Each extra word of a term adds this much: "réunion de synthèse" is surer than "réunion". */
export const LONG_TERM_BONUS = 0.5;
/** The head of a short note comes first ("Dettes de loyer"): a term's weight shrinks with its position. */
export const POSITION_DECAY = 0.1;

const compiled = new Map<Language, CompiledLexicon>();

function compileLexicon(language: Language, concepts: readonly Concept[]): CompiledLexicon {
  const byKey = new Map<string, CompiledTerm>();
  for (const c of concepts) {
    const lists: [readonly string[], number][] = [[c.terms[language], 1], [c.weak?.[language] ?? [], WEAK_TERM]];
    for (const [list, weight] of lists)
      for (const term of list) {
        const toks = stems(term, language, { capitalsAreAcronyms: true });
        if (toks.length === 0) continue;
        const needsCapitals = toks.map((t) => t.acronym && t.stem.length <= 2);
        // "CACES" on a note is kept whole; "caces" is stemmed like any word: both forms match.
        const lower = toks.map((t, i) => (t.acronym && !needsCapitals[i] ? stem(fold(t.surface), language) : t.stem));
        for (const variant of [toks.map((t) => t.stem), lower]) {
          const key = variant.map((s, i) => (needsCapitals[i] ? s.toUpperCase() : s)).join(" ");
          const entry = byKey.get(key) ?? { stems: variant, needsCapitals, weights: new Map<string, number>() };
          entry.weights.set(c.id, Math.max(entry.weights.get(c.id) ?? 0, weight));
          byKey.set(key, entry);
        }
      }
  }
  const out: CompiledLexicon = new Map();
  for (const entry of byKey.values()) {
    // A term two concepts list is ambiguous: it is split between them.
    const share = (1 + LONG_TERM_BONUS * (entry.stems.length - 1)) / entry.weights.size;
    for (const [id, w] of entry.weights) entry.weights.set(id, w * share);
    const list = out.get(entry.stems[0]) ?? [];
    list.push(entry);
    out.set(entry.stems[0], list);
  }
  for (const list of out.values()) list.sort((a, b) => b.stems.length - a.stems.length || (a.stems.join(" ") < b.stems.join(" ") ? -1 : 1));
  return out;
}

function lexiconFor(language: Language, concepts: readonly Concept[]): CompiledLexicon {
  let lexicon = concepts === CONCEPTS ? compiled.get(language) : undefined;
  if (!lexicon) {
    lexicon = compileLexicon(language, concepts);
    if (concepts === CONCEPTS) compiled.set(language, lexicon);
  }
  return lexicon;
}

/**
 * How strongly a note speaks of each concept. Terms are matched longest first from left to
 * right, each word used once ("mode de garde" is one term, not "mode" and "garde").
 */
export function conceptScores(tokens: readonly StemmedToken[], language: Language, concepts: readonly Concept[] = CONCEPTS): Map<string, number> {
  const lexicon = lexiconFor(language, concepts);
  const scores = new Map<string, number>();
  let position = 0;
  for (let i = 0; i < tokens.length; ) {
    let hit: CompiledTerm | undefined;
    for (const term of lexicon.get(tokens[i].stem) ?? []) {
      if (i + term.stems.length > tokens.length) continue;
      let match = true;
      for (let k = 0; k < term.stems.length && match; k++) {
        const t = tokens[i + k];
        match = t.stem === term.stems[k] && (!term.needsCapitals[k] || t.acronym);
      }
      if (match) {
        hit = term;
        break;
      }
    }
    if (!hit) {
      i++;
      continue;
    }
    const factor = 1 / (1 + POSITION_DECAY * position++);
    for (const [id, w] of hit.weights) scores.set(id, (scores.get(id) ?? 0) + w * factor);
    i += hit.stems.length;
  }
  return scores;
}

/** The concepts a note mentions (each counted once). */
export function conceptsOf(tokens: readonly StemmedToken[], language: Language, concepts: readonly Concept[] = CONCEPTS): Set<string> {
  return new Set(conceptScores(tokens, language, concepts).keys());
}

function trigrams(s: string): string[] {
  if (s.length < 5) return [];
  const padded = `^${s}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

export interface NoteFeatures {
  tokens: StemmedToken[];
  /** Concept id -> how strongly the note speaks of it (conceptScores). */
  scores: Map<string, number>;
  concepts: Set<string>;
}

export function features(text: string, language: Language, concepts: readonly Concept[] = CONCEPTS): NoteFeatures {
  const tokens = stems(text, language);
  const scores = conceptScores(tokens, language, concepts);
  return { tokens, scores, concepts: new Set(scores.keys()) };
}

/** Unit vectors for a set of notes (IDF is computed on the set itself). */
export function vectorize(notes: readonly NoteFeatures[], weights: Weights = DEFAULT_WEIGHTS): SparseVector[] {
  const raw = notes.map((n) => {
    const v: SparseVector = new Map();
    for (const t of n.tokens) {
      v.set(`w:${t.stem}`, (v.get(`w:${t.stem}`) ?? 0) + 1);
      const grams = trigrams(t.stem);
      for (const g of grams) v.set(`g:${g}`, (v.get(`g:${g}`) ?? 0) + weights.trigrams / grams.length);
    }
    // The concepts, in proportion to the note's strongest one.
    const top = Math.max(0, ...n.scores.values());
    for (const [c, score] of n.scores) v.set(`c:${c}`, (weights.concept * score) / top);
    return v;
  });
  const df = new Map<string, number>();
  for (const v of raw) for (const k of v.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = notes.length;
  return raw.map((v) => {
    const out: SparseVector = new Map();
    let norm = 0;
    for (const [k, tf] of v) {
      // A feature seen on a single note links it to nothing: drop it, it only dilutes.
      if (df.get(k)! < 2) continue;
      const w = k.startsWith("c:") ? tf : tf * Math.log((n + 1) / df.get(k)!);
      if (w <= 0) continue;
      out.set(k, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [k, w] of out) out.set(k, w / norm);
    return out;
  });
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, w] of small) {
    const o = large.get(k);
    if (o !== undefined) s += w * o;
  }
  return s;
}
