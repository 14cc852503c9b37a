import { describe, expect, it } from "vitest";
import { applyFeedback, createFeedback, defaultFeedbackTemplate, feedbackResults, type FeedbackActor, type FeedbackCommand, type FeedbackState } from "../feedback/index.ts";
import { IDLE_POLL, applyPoll, pollResults, type PollState } from "../poll/index.ts";
import { applyQuiz, createQuiz, validateQuiz, type QuizState } from "../quiz/index.ts";
import { csvField, feedbackCsv, feedbackSummaryCsv, neutraliseFormula, pollCsv, quizCsv, toCsv } from "./index.ts";

const T0 = 1_800_000_000_000;

/** A minimal RFC 4180 reader, to check that what we write reads back as written. */
function parse(csv: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) row.push(field), (field = "");
    else if (c === "\r" && csv[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else field += c;
  }
  return rows;
}

function must<S>(r: { ok: true; state: S } | { ok: false; message: string }): S {
  if (!r.ok) throw new Error(r.message);
  return r.state;
}

function feedback(anonymous: boolean): FeedbackState {
  const fac: FeedbackActor = { id: "fac", role: "facilitator" };
  const who = (id: string): FeedbackActor => ({ id, role: "participant" });
  const steps: [FeedbackCommand, FeedbackActor, number][] = [
    [{ type: "open", closesAt: null }, fac, T0],
    [{ type: "submit", responseId: "k9", answers: [{ questionId: "satisfaction", value: 4 }, { questionId: "takeaway", value: "=1+1" }] }, who("marie"), T0 + 1],
    [{ type: "submit", responseId: "a1", answers: [{ questionId: "satisfaction", value: 5 }, { questionId: "suggestions", value: 'Plus de "temps", merci\nvraiment' }] }, who("yanis"), T0 + 2],
  ];
  return steps.reduce((s, [c, a, t]) => must(applyFeedback(s, c, a, t)), createFeedback(defaultFeedbackTemplate(), { now: T0, anonymous }));
}

describe("csv", () => {
  it("X1: text cells starting with = + - @ tab or CR get a leading apostrophe; numbers stay numbers", () => {
    for (const danger of ["=SUM(A1:A9)", "+33 6 12", "-2+3", "@cmd", "\t=1", "\r=1"]) expect(neutraliseFormula(danger)).toBe(`'${danger}`);
    for (const safe of ["Mobilité", " =1", "a=b", "", "'déjà"]) expect(neutraliseFormula(safe)).toBe(safe);
    expect(csvField(-3)).toBe("-3");
    expect(csvField("-3")).toBe("'-3");
    expect(toCsv([["=HYPERLINK(\"http://evil\",\"x\")", "@SUM(1)"]])).toBe(`"'=HYPERLINK(""http://evil"",""x"")",'@SUM(1)\r\n`);
  });

  it("X2: RFC 4180 quoting: delimiter, quotes and line breaks are quoted, quotes doubled; records end with CRLF", () => {
    const rows = [["a", "b,c", 'd"e', "f\ng", "h\r\ni", ""], ["É", null, undefined, 3, "x"]];
    const csv = toCsv(rows);
    expect(csv).toBe('a,"b,c","d""e","f\ng","h\r\ni",\r\nÉ,,,3,x\r\n');
    expect(parse(csv)).toEqual([["a", "b,c", 'd"e', "f\ng", "h\r\ni", ""], ["É", "", "", "3", "x"]]);
    expect(toCsv([["a;b", "c,d"]], { delimiter: ";" })).toBe('"a;b";c,d\r\n');
    expect(toCsv([])).toBe("");
  });

  it("X3: the BOM option starts the text with U+FEFF", () => {
    expect(toCsv([["é"]], { bom: true })).toBe("\uFEFFé\r\n");
    expect(toCsv([["é"]]).charCodeAt(0)).not.toBe(0xfeff);
  });

  it("X4: a decimal comma writes numbers with a comma and defaults the delimiter to a semicolon; non-finite numbers are empty", () => {
    expect(toCsv([[3.75, "x", 2]], { decimal: "," })).toBe("3,75;x;2\r\n");
    expect(toCsv([[3.75]], { decimal: ",", delimiter: "," })).toBe('"3,75"\r\n');
    expect(toCsv([[Number.NaN, Number.POSITIVE_INFINITY, 0.5]])).toBe(",,0.5\r\n");
  });

  it("X5: feedback responses: one row per response; anonymous without names, ids or times, rows in response-id order", () => {
    const csv = feedbackCsv(feedback(true), "fr", { bom: true, decimal: "," });
    expect(csv.startsWith("\uFEFFRéponse;Dans l'ensemble")).toBe(true);
    const rows = parse(csv.slice(1), ";");
    expect(rows[0]).toHaveLength(6);
    expect(rows.slice(1)).toEqual([
      ["1", "5", "", "", "", 'Plus de "temps", merci\nvraiment'],
      ["2", "4", "", "", "'=1+1", ""],
    ]);
    expect(csv).not.toMatch(/marie|yanis|k9|a1|1800000/);
    const named = parse(feedbackCsv(feedback(false), "en", { names: new Map([["marie", "Marie D."]]) }));
    expect(named[0].slice(0, 3)).toEqual(["Response", "Participant", "Overall, how satisfied are you with this day?"]);
    expect(named.slice(1).map((r) => r[1])).toEqual(["Marie D.", "yanis"]);
    const summary = parse(feedbackSummaryCsv(feedbackResults(feedback(true)), "fr", { decimal: "," }), ";");
    expect(summary[0]).toEqual(["Question", "Réponses", "Moyenne", "Réponse", "Nombre"]);
    expect(summary[1]).toEqual(["Dans l'ensemble, êtes-vous satisfait·e de cette journée ?", "2", "4,5", "1", "0"]);
    expect(summary.find((r) => r[0].startsWith("Qu'est-ce"))).toEqual(["Qu'est-ce que vous retenez de cette journée ?", "1", "", "", ""]);
  });

  it("X6: poll and quiz exports hold results only, never a participant", () => {
    const fac = { id: "fac", role: "facilitator" } as const;
    let poll: PollState = must(applyPoll(IDLE_POLL, { type: "launch", poll: { id: "p", kind: "words", question: "Un mot ?", maxWords: 3, results: "live", stepId: null } }, fac, T0));
    for (const [id, words] of [["marie", ["Confiance", "@écoute"]], ["yanis", ["confiance"]]] as const) poll = must(applyPoll(poll, { type: "answer", answer: { kind: "words", words } }, { id, role: "participant" }, T0));
    expect(parse(pollCsv(poll.poll!, pollResults(poll)!, "fr"))).toEqual([["Question", "Réponses", "Réponse", "Nombre"], ["Un mot ?", "2", "Confiance", "2"], ["Un mot ?", "2", "'@écoute", "1"]]);
    let scale: PollState = must(applyPoll(IDLE_POLL, { type: "launch", poll: { id: "s", kind: "scale", question: "Énergie", minLabel: "", maxLabel: "", results: "live", stepId: null } }, fac, T0));
    for (const [id, value] of [["a", 4], ["b", 5]] as const) scale = must(applyPoll(scale, { type: "answer", answer: { kind: "scale", value } }, { id, role: "participant" }, T0));
    expect(parse(pollCsv(scale.poll!, pollResults(scale)!, "en", { decimal: "," }), ";").at(-1)).toEqual(["Énergie", "2", "Average", "4,5"]);

    const def = validateQuiz({ title: "Quiz", questions: [{ id: "q1", kind: "single", prompt: "-Combien ?", options: [{ id: "a", label: "Un" }, { id: "b", label: "Deux" }], correctOptionId: "b" }, { id: "q2", kind: "number", prompt: "Âge ?", correct: 26, timeLimitSec: 10 }] });
    if (!def.ok) throw new Error(def.message);
    let quiz: QuizState = must(applyQuiz(createQuiz(def.quiz, { now: T0 }), { type: "next" }, fac, T0));
    quiz = must(applyQuiz(quiz, { type: "answer", questionId: "q1", answer: { kind: "single", optionId: "b" } }, { id: "marie", role: "participant" }, T0));
    quiz = must(applyQuiz(quiz, { type: "next" }, fac, T0));
    quiz = must(applyQuiz(quiz, { type: "answer", questionId: "q2", answer: { kind: "number", value: 25.5 } }, { id: "yanis", role: "participant" }, T0));
    const rows = parse(quizCsv(quiz, "fr", { decimal: "," }), ";");
    expect(rows).toEqual([
      ["N°", "Question", "Réponses", "Bonnes réponses", "Réponse", "Nombre", "Bonne réponse"],
      ["1", "'-Combien ?", "1", "1", "Un", "0", "non"],
      ["1", "'-Combien ?", "1", "1", "Deux", "1", "oui"],
      ["2", "Âge ?", "1", "0", "25,5", "1", "non"],
    ]);
    for (const csv of [pollCsv(poll.poll!, pollResults(poll)!), quizCsv(quiz)]) expect(csv).not.toMatch(/marie|yanis/);
  });
});
