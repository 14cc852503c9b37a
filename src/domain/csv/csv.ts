// CSV that opens cleanly in Excel and LibreOffice and cannot run anything there. Rule ids
// (X…): ../SPEC.md.
//
// Formula injection: a spreadsheet reads a cell starting with = + - @ (or a tab or CR before
// one) as a formula, and a participant's free text ends up in such cells. Every text cell
// starting with one of them gets a leading apostrophe, which spreadsheets show as text.
// Numbers we computed are written as numbers.

export type CsvCell = string | number | null | undefined;

export interface CsvOptions {
  /** Start with U+FEFF so that Excel reads UTF-8 (accents) correctly. */
  bom?: boolean;
  /** "," for French spreadsheets. */
  decimal?: "." | ",";
  /** Defaults to ";" with a decimal comma (what French Excel expects), "," otherwise. */
  delimiter?: "," | ";" | "\t";
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** X1: the text as a spreadsheet should show it. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function delimiterOf(options: CsvOptions): string {
  return options.delimiter ?? (options.decimal === "," ? ";" : ",");
}

/** X1, X2, X4: one field, protected and quoted as needed. */
export function csvField(cell: CsvCell, options: CsvOptions = {}): string {
  let text: string;
  if (typeof cell === "number") {
    // X4: NaN and infinities are not data; a missing value is an empty cell.
    if (!Number.isFinite(cell)) return "";
    text = String(cell);
    if (options.decimal === ",") text = text.replace(".", ",");
  } else if (typeof cell === "string") {
    text = neutraliseFormula(cell);
  } else {
    return "";
  }
  const delimiter = delimiterOf(options);
  // X2 (RFC 4180): quote a field holding the delimiter, a quote or a line break; double the quotes.
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** X2, X3: records end with CRLF; the BOM comes first when asked. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const delimiter = delimiterOf(options);
  const body = rows.map((row) => row.map((cell) => csvField(cell, options)).join(delimiter) + "\r\n").join("");
  return (options.bom ? "\uFEFF" : "") + body;
}
