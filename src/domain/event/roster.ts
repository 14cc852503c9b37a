// Importing the list of a national day's participants from a spreadsheet (E1-E4). The file
// comes from a network's head office, typed by hand, saved by whatever Excel or LibreOffice
// was at hand: ";" or ",", a BOM or not, French or English headers. A bad line never spoils
// the others: it is left out and reported with its line number, so the coordinator can fix
// the file and import it again (ids are stable, E3, so placements survive the re-import).
import { type CsvDelimiter, detectDelimiter, readCsv } from "./csvRead.ts";
import { PERSON_ID, type Person, foldKey, normaliseField, personIdOf } from "./people.ts";

export const ROSTER_LIMITS = {
  people: 2000,
  /** Characters per field, after normalisation. */
  field: 120,
  /** The whole file, in UTF-16 code units: 2,000 long lines fit with room to spare. */
  chars: 2_000_000,
} as const;

/** A person as imported: the line they came from, and the group the list puts them in, if any. */
export interface ImportedPerson extends Person {
  line: number;
  /** The list's "groupe" column, as written; null without one (E12 matches it to a room). */
  group: string | null;
}

export const RosterIssueCode = {
  missingName: "missing_name",
  fieldTooLong: "field_too_long",
  extraFields: "extra_fields",
  duplicate: "duplicate",
  duplicateId: "duplicate_id",
  badId: "bad_id",
} as const;
export type RosterIssueCode = (typeof RosterIssueCode)[keyof typeof RosterIssueCode];

/** A line left out. `firstLine`: the line it repeats (duplicates). */
export interface RosterIssue {
  line: number;
  code: RosterIssueCode;
  column?: RosterColumn;
  firstLine?: number;
}

export type RosterColumn = "name" | "firstName" | "lastName" | "structure" | "territory" | "id" | "group";

export type RosterFailure = {
  ok: false;
  code: "empty" | "too_large" | "unterminated_quote" | "no_name_column" | "too_many_people";
  message: string;
  line?: number;
};
export type RosterResult =
  | { ok: true; people: ImportedPerson[]; issues: RosterIssue[]; delimiter: CsvDelimiter; columns: RosterColumn[] }
  | RosterFailure;

// Folded header words (foldKey) for each column; "nom" is the whole name unless a "prénom"
// column sits beside it, in which case it is the family name.
const HEADERS: Readonly<Record<Exclude<RosterColumn, "lastName">, readonly string[]>> = {
  name: ["nom", "name", "nomcomplet", "fullname", "nomprenom", "nometprenom", "prenomnom", "prenometnom", "participant", "participante", "participantes", "personne"],
  firstName: ["prenom", "firstname", "givenname"],
  structure: ["structure", "organisation", "organization", "organisme", "etablissement", "employeur", "employer", "association", "site"],
  territory: ["territoire", "territory", "region", "departement", "antenne"],
  id: ["id", "identifiant", "identifier"],
  group: ["groupe", "group", "salle", "room", "atelier"],
};
const LAST_NAME = ["nom", "nomdefamille", "lastname", "surname", "familyname"];

function columnsOf(header: readonly string[]): (RosterColumn | null)[] {
  const folded = header.map((h) => foldKey(normaliseField(h)));
  const hasFirst = folded.some((f) => HEADERS.firstName.includes(f));
  const taken = new Set<RosterColumn>();
  return folded.map((f) => {
    let col: RosterColumn | null = null;
    if (hasFirst && LAST_NAME.includes(f)) col = "lastName";
    else for (const [c, words] of Object.entries(HEADERS)) if (words.includes(f)) col = c as RosterColumn;
    // A second column with the same meaning is ignored: the first one is the list's.
    if (col === null || taken.has(col)) return null;
    taken.add(col);
    return col;
  });
}

const fail = (code: RosterFailure["code"], message: string, line?: number): RosterFailure => (line === undefined ? { ok: false, code, message } : { ok: false, code, message, line });

/** E1-E4. Never throws; the people come out in the file's order. */
export function parseRoster(text: string, limits: { people?: number; field?: number } = {}): RosterResult {
  const maxPeople = limits.people ?? ROSTER_LIMITS.people;
  const maxField = limits.field ?? ROSTER_LIMITS.field;
  if (typeof text !== "string") return fail("empty", "no text");
  if (text.length > ROSTER_LIMITS.chars) return fail("too_large", "the file is too large for a participant list");
  const body = text.startsWith("\ufeff") ? text.slice(1) : text;
  const delimiter = detectDelimiter(body);
  const read = readCsv(body, delimiter);
  if (!read.ok) return fail("unterminated_quote", "a quote opened here is never closed", read.line);
  const [header, ...rows] = read.records;
  if (!header) return fail("empty", "the file is empty");
  const columns = columnsOf(header.fields);
  if (!columns.includes("name") && !columns.includes("lastName") && !columns.includes("firstName"))
    return fail("no_name_column", "the first line must name the columns: nom (or name), structure, territoire (or territory)", header.line);

  const people: ImportedPerson[] = [];
  const issues: RosterIssue[] = [];
  const lineOfContent = new Map<string, number>();
  const byGivenId = new Map<string, number>();
  const usedIds = new Set<string>();
  let dataRows = 0;
  for (const row of rows) {
    const values: Partial<Record<RosterColumn, string>> = {};
    let extra = false;
    row.fields.forEach((raw, i) => {
      const v = normaliseField(raw);
      const col = columns[i];
      if (col) values[col] = v;
      else if (i >= columns.length && v !== "") extra = true;
    });
    if (row.fields.every((f) => normaliseField(f) === "")) continue; // a blank line, or ";;;"
    if (++dataRows > maxPeople) return fail("too_many_people", `a list holds at most ${maxPeople} people`, row.line);
    const tooLong = (Object.keys(values) as RosterColumn[]).find((c) => [...(values[c] ?? "")].length > maxField);
    if (tooLong) {
      issues.push({ line: row.line, code: RosterIssueCode.fieldTooLong, column: tooLong });
      continue;
    }
    if (extra) {
      issues.push({ line: row.line, code: RosterIssueCode.extraFields });
      continue;
    }
    const name = values.name || [values.firstName ?? "", values.lastName ?? ""].filter(Boolean).join(" ");
    if (name === "" || [...name].length > maxField) {
      issues.push({ line: row.line, code: name === "" ? RosterIssueCode.missingName : RosterIssueCode.fieldTooLong, column: "name" });
      continue;
    }
    const fields = { name, structure: values.structure ?? "", territory: values.territory ?? "" };
    // Homonyms in one structure are told apart only by the list's ids: with ids, the id is part of the line's identity.
    const content = JSON.stringify([fields.name, fields.structure, fields.territory, values.id ?? ""]);
    const firstLine = lineOfContent.get(content);
    if (firstLine !== undefined) {
      issues.push({ line: row.line, code: RosterIssueCode.duplicate, firstLine });
      continue;
    }
    let id: string;
    const given = values.id ?? "";
    if (given !== "") {
      if (!PERSON_ID.test(given)) {
        issues.push({ line: row.line, code: RosterIssueCode.badId, column: "id" });
        continue;
      }
      const seen = byGivenId.get(given);
      if (seen !== undefined) {
        issues.push({ line: row.line, code: RosterIssueCode.duplicateId, column: "id", firstLine: seen });
        continue;
      }
      id = given;
    } else {
      // Two different people can only share a derived id by a hash collision; a suffix keeps them apart.
      const base = personIdOf(fields);
      id = base;
      for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    }
    if (given !== "" && usedIds.has(id)) {
      issues.push({ line: row.line, code: RosterIssueCode.duplicateId, column: "id" });
      continue;
    }
    usedIds.add(id);
    if (given !== "") byGivenId.set(given, row.line);
    lineOfContent.set(content, row.line);
    people.push({ id, ...fields, line: row.line, group: values.group ? values.group : null });
  }
  return { ok: true, people, issues, delimiter, columns: columns.filter((c): c is RosterColumn => c !== null) };
}
