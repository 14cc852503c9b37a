// Reading CSV as spreadsheets write it (the writing side is ../csv/). RFC 4180 quoting, with
// the leniency real files need: a quote inside an unquoted field, or text after a closing
// quote, is kept as text rather than refused, since people cannot see those in Excel. Only an
// unterminated quote is an error: everything after it would be swallowed into one field.

export type CsvDelimiter = ";" | "," | "\t";

export interface CsvRecord {
  /** The physical line (1-based) where the record starts; a quoted line break spans lines. */
  line: number;
  fields: string[];
}

export type CsvReadResult = { ok: true; records: CsvRecord[] } | { ok: false; code: "unterminated_quote"; line: number };

/**
 * The delimiter of the first record, counted outside quotes: French Excel writes ";", others
 * ","; a tie (a one-column file) gives ";".
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && (c === ";" || c === "," || c === "\t")) counts[c]++;
  }
  if (counts["\t"] > counts[";"] && counts["\t"] > counts[","]) return "\t";
  return counts[","] > counts[";"] ? "," : ";";
}

/** Records, blank lines left out. A leading BOM is the caller's to strip. */
export function readCsv(text: string, delimiter: CsvDelimiter): CsvReadResult {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== "") records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (quoted) return { ok: false, code: "unterminated_quote", line: quoteLine };
  endRecord();
  return { ok: true, records };
}
