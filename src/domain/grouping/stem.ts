// Light stemmers, written for short notes rather than for linguistic completeness. They run
// on folded words (lower case, no accents). The French one is a suffix stripper in the
// spirit of Snowball French (plural, then the longest known suffix, keeping a stem of at
// least 3 letters): "déplacement", "déplacer", "déplacé" all give "deplac". The English one
// is a simplified Porter stemmer.

const FR_SUFFIXES = [
  "issements", "issement", "atrices", "ateurs", "ations", "eraient", "erions", "atrice", "ateur", "ation", "ements", "ement",
  "ments", "ment", "euses", "euse", "ances", "ance", "ences", "ence", "ismes", "isme", "istes", "iste", "ables", "able",
  "iques", "ique", "elles", "elle", "erait", "erais", "eront", "erai", "eras", "erez", "era", "ites", "ite", "ives", "ive",
  "eux", "ifs", "if", "aient", "ait", "ais", "ions", "iez", "ees", "ee", "ies", "ie", "er", "ez", "ir", "es", "e",
].sort((a, b) => b.length - a.length);

const MIN_STEM = 3;

export function stemFr(word: string): string {
  let w = word;
  if (w.length <= MIN_STEM) return w;
  // Plural: "sociaux" -> "social"; "enfants" -> "enfant"; "bus", "mois", "dos" stay.
  if (w.endsWith("aux") && w.length > 4) w = `${w.slice(0, -3)}al`;
  else if (w.endsWith("eaux")) w = w.slice(0, -1);
  else if (/[sx]$/.test(w) && !/(?:[sui]s|[ou]x)$/.test(w) && w.length > MIN_STEM + 1) w = w.slice(0, -1);
  for (const suffix of FR_SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= MIN_STEM) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // A doubled final consonant is one sound: "dett" (dette) and "endett" (endetté) agree already;
  // "appell"/"appel" would not.
  if (/([^aeiouy])\1$/.test(w) && w.length > MIN_STEM + 1 && !/(ss|tt)$/.test(w)) w = w.slice(0, -1);
  return w;
}

const VOWEL = /[aeiouy]/;

function hasVowel(s: string): boolean {
  return VOWEL.test(s);
}

const EN_SUFFIXES: [string, string][] = [
  ["ational", "ate"], ["tional", "tion"], ["ization", "ize"], ["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"],
  ["ation", "ate"], ["biliti", "ble"], ["aliti", "al"], ["iviti", "ive"], ["iti", ""], ["alism", "al"], ["ness", ""], ["ment", ""], ["ful", ""], ["ous", ""], ["ive", ""], ["able", ""],
  ["ible", ""], ["ance", ""], ["ence", ""], ["ism", ""], ["ist", ""], ["ity", ""], ["ly", ""], ["er", ""],
];

export function stemEn(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (/(?:[sxz]|ch|sh)es$/.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("eed")) {
    if (w.length > 4) w = w.slice(0, -1);
  } else {
    for (const suffix of ["ing", "ed"]) {
      const stem = w.slice(0, -suffix.length);
      if (w.endsWith(suffix) && stem.length >= 3 && hasVowel(stem)) {
        w = stem;
        if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
        else if (/(?:at|bl|iz)$/.test(w)) w += "e";
        break;
      }
    }
  }
  if (w.endsWith("y") && w.length > 3 && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  for (const [suffix, repl] of EN_SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length) + repl;
      break;
    }
  }
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

export function stem(word: string, language: "fr" | "en"): string {
  return language === "fr" ? stemFr(word) : stemEn(word);
}
