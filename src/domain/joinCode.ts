// Join codes are read aloud and typed by people on phones: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
export const JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const JOIN_CODE_LENGTH = 6;

/** `randomInt(n)` must return a uniform integer in [0, n): pass crypto.randomInt on the server. */
export function generateJoinCode(randomInt: (n: number) => number): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/**
 * What a person typed (spaces, dashes, dots, lower case) to a canonical code, or null. The
 * alphabet has no look-alike pairs, so there is nothing to guess: 0, O, 1, I, L... are simply
 * not part of any code.
 */
export function normalizeJoinCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s\-_.]/g, "");
  if (cleaned.length !== JOIN_CODE_LENGTH) return null;
  for (const c of cleaned) if (!JOIN_CODE_ALPHABET.includes(c)) return null;
  return cleaned;
}

/** Display form: "ACD EFG" is easier to read from a projector. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}
