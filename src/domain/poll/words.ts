// Word-cloud answers: "Confiance", "la confiance" and "CONFIANCE !" are one word in the cloud.
// Entries are folded (case, accents, elisions, punctuation) and grammar words dropped, French
// and English alike (a room may mix them). Only grammar words: in this sector "accompagnement"
// or "partenariat" is exactly what a cloud should show (O7).

// Folded (no accents), so matched after `foldWord`.
const FR = `a au aux avec ce ces cet cette ca cela ceci d de des du dans en et est es etre ete il ils elle elles je j l la le les leur leurs lui
m ma me mes moi mon n ne ni nos notre nous on ou par pas plus pour qu que qui quoi s sa se ses si son sont sur t ta te tes toi ton tu un une
vos votre vous y c au aux sans sous chez vers entre mais donc or car tres trop bien aussi avoir ai as a avons avez ont suis sommes etes
fait faire tout tous toute toutes ceux celle celui celles dont quand comme alors`;
const EN = `a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those i me my we our
you your he him his she her they them their not no so do does did have has had will would can could should just very too also than then`;

const STOP: ReadonlySet<string> = new Set(`${FR} ${EN}`.split(/\s+/).filter(Boolean));

const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'/;

/** Lower case, accents stripped, ligatures spelled out, typographic apostrophes made plain. */
export function foldWord(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[’ʼ‘`´]/g, "'");
}

export function isStopWord(folded: string): boolean {
  return STOP.has(folded);
}

/**
 * The key an entry is counted under: its content words, folded, in order, joined by one
 * space; null when nothing is left (an entry of grammar words or punctuation only).
 */
export function wordKey(entry: string): string | null {
  const words: string[] = [];
  for (const raw of foldWord(entry).match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? []) {
    let w = raw;
    while (ELISION.test(w)) w = w.replace(ELISION, "");
    for (const part of w.split("'")) if (part.length > 0 && !isStopWord(part)) words.push(part);
  }
  return words.length === 0 ? null : words.join(" ");
}

export interface CloudWord {
  key: string;
  /** The spelling most people used (ties: the first in code-point order). */
  text: string;
  /** People who gave it: one person counts once per word. */
  count: number;
}

/** O7: sorted by count, then by key, so every screen draws the same cloud. */
export function wordCloud(entriesPerPerson: readonly (readonly string[])[]): CloudWord[] {
  const counts = new Map<string, { count: number; surfaces: Map<string, number> }>();
  for (const entries of entriesPerPerson) {
    const seen = new Set<string>();
    for (const entry of entries) {
      const key = wordKey(entry);
      if (key === null || seen.has(key)) continue;
      seen.add(key);
      const c = counts.get(key) ?? { count: 0, surfaces: new Map<string, number>() };
      c.count++;
      c.surfaces.set(entry, (c.surfaces.get(entry) ?? 0) + 1);
      counts.set(key, c);
    }
  }
  const out = [...counts].map(([key, c]) => {
    const text = [...c.surfaces].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0][0];
    return { key, text, count: c.count };
  });
  return out.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
