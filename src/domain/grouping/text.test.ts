import { describe, expect, it } from "vitest";
import { contentWords, detectLanguage, fold, stemEn, stemFr, words } from "./index.ts";

describe("tokenizer and stemmers", () => {
  it("G1: French words are folded (lower case, no accents), elisions cut, stop words dropped", () => {
    expect(contentWords("L'assistante sociale d'Évry n'a pas reçu l’attestation qu'on attendait", "fr").map((t) => t.norm)).toEqual([
      "assistante", "sociale", "evry", "recu", "attestation", "attendait",
    ]);
    expect(fold("Crèche, santé, œuvre")).toBe("Creche, sante, oeuvre");
    expect(words("aujourd'hui")[0].norm).toBe("aujourd");
  });

  it("G1: acronyms in capitals are kept and flagged, even when they spell a stop word", () => {
    const toks = contentWords("RDV avec l'AS et le conseiller PE, dossier CAF", "fr");
    expect(toks.filter((t) => t.acronym).map((t) => t.norm)).toEqual(["as", "pe", "caf"]);
    expect(contentWords("tu as vu", "fr").map((t) => t.norm)).toEqual(["vu"]);
    // a note written all in capitals is not a row of acronyms
    expect(contentWords("PAS DE PERMIS, AS VU LE BUS", "fr").map((t) => [t.norm, t.acronym])).toEqual([["permis", false], ["vu", false], ["bus", false]]);
  });

  it("G1: bare numbers (but the emergency lines) and one-letter words are not compared", () => {
    expect(contentWords("3 enfants, 25 km, permis B", "fr").map((t) => t.norm)).toEqual(["enfants", "km", "permis"]);
    // except the sector's emergency lines
    expect(contentWords("Appel au 115 tous les soirs", "fr").map((t) => t.norm)).toEqual(["appel", "115", "soirs"]);
  });

  it("G1: the French stemmer gives one stem to the forms of a word", () => {
    const same = (ws: string[]) => new Set(ws.map((w) => stemFr(fold(w.toLowerCase())))).size;
    expect(same(["déplacement", "déplacer", "déplacé"])).toBe(1);
    expect(same(["hébergement", "hébergé", "héberger"])).toBe(1);
    expect(same(["dette", "dettes"])).toBe(1);
    expect(same(["social", "sociale", "sociaux"])).toBe(1);
    expect(same(["médical", "médicale", "médicales"])).toBe(1);
    expect(same(["insalubre", "insalubrité"])).toBe(1);
    expect(same(["maladie", "malade"])).toBe(1);
    expect(same(["financement", "financer"])).toBe(1);
    for (const short of ["bus", "dos", "mois", "vie"]) expect(stemFr(short)).toBe(short);
  });

  it("G1: the English stemmer gives one stem to the forms of a word", () => {
    const same = (ws: string[]) => new Set(ws.map(stemEn)).size;
    expect(same(["driving", "drive", "drives"])).toBe(1);
    expect(same(["debt", "debts"])).toBe(1);
    expect(same(["bus", "buses"])).toBe(1);
    expect(same(["training", "trained", "trains"])).toBe(1);
    expect(same(["interview", "interviews"])).toBe(1);
    expect(same(["commute", "commuting"])).toBe(1);
  });

  it("G1: the language of a board is the one whose stop words are more frequent, French on a tie", () => {
    expect(detectLanguage(["Pas de permis et le bus est rare", "Dettes de loyer"])).toBe("fr");
    expect(detectLanguage(["No licence and the bus is rare", "Debts to the landlord"])).toBe("en");
    expect(detectLanguage([])).toBe("fr");
  });
});
