// A person of a national day, as placement and angle assignment see them: a name, the
// structure they work in and its territory. Texts come from spreadsheets people fill by hand,
// so they are normalised once here and compared exactly afterwards.

export interface Person {
  /** Stable: derived from the person's fields (`personIdOf`) or given by the imported list. */
  id: string;
  name: string;
  /** "" when the list does not say. */
  structure: string;
  /** "" when the list does not say. */
  territory: string;
}

export const PERSON_ID = /^[A-Za-z0-9._-]{1,64}$/;

// C0 and C1 controls (tab and line breaks become spaces first), zero-width marks and the bidi
// overrides that can make a name read differently from what it is.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** NFC, invisible characters dropped, every run of white space (NBSP included) one space, trimmed. */
export function normaliseField(text: string): string {
  return text.normalize("NFC").replace(/[\t\r\n]/g, " ").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** Lower case, accents and everything but letters and digits dropped: "Prénom " → "prenom". */
export function foldKey(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

// Letters NFD leaves whole: "Œ" is no accent on "O".
const LIGATURES: Record<string, string> = { "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d" };

/** A name's words folded (lower case, no accents, ligatures spelt out), in alphabetical order. */
function nameWords(name: string): string[] {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[œæßøłđ]/g, (c) => LIGATURES[c])
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "")
    .sort();
}

/**
 * Whether a typed name is a list's (E26): case, accents, punctuation and spacing aside, and
 * first and last names in either order ("dupont marie-claire" is "Marie-Claire Dupont";
 * "Marie Claire" is "Marie-Claire" and "MarieClaire").
 */
export function sameName(typed: string, listed: string): boolean {
  const a = nameWords(typed);
  const b = nameWords(listed);
  if (a.length === 0 || b.length === 0) return false;
  return a.join(" ") === b.join(" ") || foldKey(typed) === foldKey(listed);
}

/** cyrb53: a 53-bit string hash, stable on every machine; enough to tell 2,000 people apart. */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The id a person gets when the list gives none: the same fields give the same id on every
 * import, whatever the line, so a corrected list can be imported again without losing who
 * was placed where.
 */
export function personIdOf(fields: { name: string; structure: string; territory: string }): string {
  return `p-${hash53(`${fields.name}\u0000${fields.structure}\u0000${fields.territory}`).toString(36).padStart(11, "0")}`;
}

/** People sorted by id: the order every seeded computation starts from, so input order never matters. */
export function byId<T extends { id: string }>(people: readonly T[]): T[] {
  return [...people].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
