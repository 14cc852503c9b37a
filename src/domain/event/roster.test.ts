import { describe, expect, it } from "vitest";
import { detectDelimiter, readCsv } from "./csvRead.ts";
import { personIdOf } from "./people.ts";
import { ROSTER_LIMITS, parseRoster } from "./roster.ts";

function ok(text: string) {
  const r = parseRoster(text);
  if (!r.ok) throw new Error(`refused ${r.code}: ${r.message}`);
  return r;
}

describe("reading CSV", () => {
  it("E1: quoted fields hold the delimiter, doubled quotes and line breaks; records start on their physical line", () => {
    const r = readCsv('a;"b;c";"say ""hi"""\r\n"multi\nline";x;y\n\nlast;;', ";");
    expect(r).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ["a", "b;c", 'say "hi"'] },
        { line: 2, fields: ["multi\nline", "x", "y"] },
        { line: 5, fields: ["last", "", ""] },
      ],
    });
  });

  it("E1: the delimiter is read on the header line, outside quotes; a tie gives ';'", () => {
    expect(detectDelimiter("nom;structure;territoire\na,b,c,d,e")).toBe(";");
    expect(detectDelimiter('name,structure,"territory; region"\n')).toBe(",");
    expect(detectDelimiter("nom\tstructure\tterritoire")).toBe("\t");
    expect(detectDelimiter("nom\nMarie")).toBe(";");
  });

  it("E1: CR-only and LF line ends, a stray quote inside a field and text after a closing quote are read as text", () => {
    expect(readCsv('a;b"c\r"d"e;f', ";")).toEqual({ ok: true, records: [{ line: 1, fields: ["a", 'b"c'] }, { line: 2, fields: ["de", "f"] }] });
  });

  it("E1: an unterminated quote refuses the file with the line where it opened", () => {
    expect(readCsv('a;b\nc;"oops\nd;e', ";")).toEqual({ ok: false, code: "unterminated_quote", line: 2 });
    expect(parseRoster('nom;structure\nMarie;"Emmaüs\nPaul;X')).toMatchObject({ ok: false, code: "unterminated_quote", line: 2 });
  });
});

describe("importing a roster", () => {
  it("E1, E2: French headers, ';', a BOM and Windows line ends (what French Excel saves)", () => {
    const r = ok("\ufeffNom;Structure;Territoire\r\nMarie Curie;Jardins de Cocagne;Bretagne\r\nPaul Éluard;Emmaüs;Occitanie\r\n");
    expect(r.delimiter).toBe(";");
    expect(r.people.map((p) => [p.name, p.structure, p.territory, p.line])).toEqual([
      ["Marie Curie", "Jardins de Cocagne", "Bretagne", 2],
      ["Paul Éluard", "Emmaüs", "Occitanie", 3],
    ]);
    expect(r.issues).toEqual([]);
  });

  it("E2: English headers with ',', any case and accents; other columns are ignored", () => {
    const r = ok('Name,E-mail,ORGANISATION,Territory\n"Smith, Jane",jane@example.org,"Atelier ""Vélo""",Normandie\n');
    expect(r.people[0]).toMatchObject({ name: "Smith, Jane", structure: 'Atelier "Vélo"', territory: "Normandie" });
    expect(r.columns).toEqual(["name", "structure", "territory"]);
  });

  it("E2: prénom and nom columns are joined; a file without a name column is refused", () => {
    const r = ok("Prénom;Nom;Établissement;Région;Groupe\nAïcha;Benali;ACI Rives;Hauts-de-France;Groupe 2\n");
    expect(r.people[0]).toMatchObject({ name: "Aïcha Benali", structure: "ACI Rives", territory: "Hauts-de-France", group: "Groupe 2" });
    expect(parseRoster("structure;territoire\nX;Y")).toMatchObject({ ok: false, code: "no_name_column", line: 1 });
    expect(parseRoster("")).toMatchObject({ ok: false, code: "empty" });
    expect(parseRoster("\ufeff\r\n\r\n")).toMatchObject({ ok: false, code: "empty" });
  });

  it("E3: fields are NFC, without invisible characters, spaces folded and trimmed", () => {
    const decomposed = "Zoe\u0301"; // "Zoé" with a combining accent, as macOS writes it
    const r = ok(`nom;structure;territoire\n  ${decomposed}\u200b  \u00a0Martin ;\u202eStructure\tA; Île-de-France \n`);
    expect(r.people[0]).toMatchObject({ name: "Zoé Martin", structure: "Structure A", territory: "Île-de-France" });
  });

  it("E3: derived ids are stable: the same person gets the same id whatever the line and the file", () => {
    const a = ok("nom;structure;territoire\nMarie;S1;T1\nPaul;S2;T2\n");
    const b = ok("territoire,nom,structure\nT2,Paul,S2\nT1,Marie,S1\n");
    const idOf = (r: typeof a, name: string) => r.people.find((p) => p.name === name)!.id;
    expect(idOf(a, "Marie")).toBe(idOf(b, "Marie"));
    expect(idOf(a, "Paul")).toBe(idOf(b, "Paul"));
    expect(idOf(a, "Marie")).toBe(personIdOf({ name: "Marie", structure: "S1", territory: "T1" }));
    expect(idOf(a, "Marie")).not.toBe(idOf(a, "Paul"));
    // the same name in another structure is another person
    const c = ok("nom;structure;territoire\nMarie;S1;T1\nMarie;S9;T1\n");
    expect(new Set(c.people.map((p) => p.id)).size).toBe(2);
  });

  it("E3, E4: ids given by the list are kept, checked and unique", () => {
    const r = ok("id;nom;structure;territoire\nA-17;Marie;S;T\nbad id!;Paul;S;T\nA-17;Jeanne;S;T\n;Luc;S;T\n");
    expect(r.people.map((p) => [p.id, p.name])).toEqual([["A-17", "Marie"], [personIdOf({ name: "Luc", structure: "S", territory: "T" }), "Luc"]]);
    expect(r.issues).toEqual([
      { line: 3, code: "bad_id", column: "id" },
      { line: 4, code: "duplicate_id", column: "id", firstLine: 2 },
    ]);
  });

  it("E4: bad lines are left out and reported with their line numbers; the others are imported", () => {
    const long = "x".repeat(ROSTER_LIMITS.field + 1);
    const text = ["nom;structure;territoire", "Marie;S1;T1", ";S2;T2", `Paul;${long};T1`, "Jeanne;S1;T1;en trop", "marie;S1;T1", "Marie; S1 ;T1", ";;", "Luc;S3;T3;;"].join("\n");
    const r = ok(text);
    expect(r.people.map((p) => [p.name, p.line])).toEqual([["Marie", 2], ["marie", 6], ["Luc", 9]]);
    expect(r.issues).toEqual([
      { line: 3, code: "missing_name", column: "name" },
      { line: 4, code: "field_too_long", column: "structure" },
      { line: 5, code: "extra_fields" },
      { line: 7, code: "duplicate", firstLine: 2 },
    ]);
  });

  it("E4: homonyms in one structure are two people when the list gives them two ids", () => {
    const r = ok("id;nom;structure;territoire\n1;Marie Martin;ACI;T\n2;Marie Martin;ACI;T\n2;Marie Martin;ACI;T\n");
    expect(r.people.map((p) => p.id)).toEqual(["1", "2"]);
    expect(r.issues).toEqual([{ line: 4, code: "duplicate", firstLine: 3 }]);
  });

  it("E4: a line number counts the line breaks inside quoted fields", () => {
    const r = ok('nom;structure;territoire\n"Marie";"Atelier\nchantier";T1\n;S;T\n');
    expect(r.people[0].structure).toBe("Atelier chantier");
    expect(r.issues).toEqual([{ line: 4, code: "missing_name", column: "name" }]);
  });

  it("E4: more than 2,000 people, or a huge file, refuses the whole list", () => {
    const rows = Array.from({ length: ROSTER_LIMITS.people }, (_, i) => `P${i};S;T`);
    expect(ok(["nom;structure;territoire", ...rows].join("\n")).people).toHaveLength(2000);
    expect(parseRoster(["nom;structure;territoire", ...rows, "Extra;S;T"].join("\n"))).toMatchObject({ ok: false, code: "too_many_people", line: 2002 });
    expect(parseRoster(`nom\n${"x".repeat(ROSTER_LIMITS.chars)}`)).toMatchObject({ ok: false, code: "too_large" });
    expect(parseRoster(42 as unknown as string)).toMatchObject({ ok: false, code: "empty" });
  });

  it("E1, E4: a roster of random bytes never throws", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    const alphabet = ['"', ";", ",", "\n", "\r", "\t", "a", "é", " ", "\ufeff", "\u0000", "=", "x"];
    for (let i = 0; i < 300; i++) {
      const body = Array.from({ length: next() % 200 }, () => alphabet[next() % alphabet.length]).join("");
      const r = parseRoster(`nom;structure;territoire\n${body}`);
      if (r.ok) for (const p of r.people) expect(p.name).not.toBe("");
    }
  });
});
