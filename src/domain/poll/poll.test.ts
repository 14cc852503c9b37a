import { describe, expect, it } from "vitest";
import { mulberry32, shuffled } from "../seededRandom.ts";
import { IDLE_POLL, type PollActor, type PollAnswer, type PollCommand, type PollDefinition, type PollResult, type PollState, aggregatePoll, applyPoll, pollInvariantViolations, pollResults, pollView, validatePoll, wordCloud, wordKey } from "./index.ts";

const FAC: PollActor = { id: "fac", role: "facilitator" };
const ANA: PollActor = { id: "ana", role: "participant" };
const BEN: PollActor = { id: "ben", role: "participant" };
const OBS: PollActor = { id: "obs", role: "observer" };
const T0 = 1_800_000_000_000;

const CHOICE = { id: "p1", kind: "choice", question: "Quel frein rencontrez-vous le plus ?", options: [{ id: "mob", label: "Mobilité" }, { id: "log", label: "Logement" }, { id: "sante", label: "Santé" }] };
const SCALE = { id: "p2", kind: "scale", question: "Votre énergie ce matin ?", minLabel: "Fatigué·e", maxLabel: "En forme" };
const WORDS = { id: "p3", kind: "words", question: "Un mot pour la matinée", maxWords: 3, results: "live" };

function must(r: PollResult): PollState {
  if (!r.ok) throw new Error(`refused ${r.code}: ${r.message}`);
  return r.state;
}
function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}
function run(state: PollState, ...steps: [PollCommand, PollActor][]): PollState {
  return steps.reduce((s, [c, a], i) => must(applyPoll(deepFreeze(s), c, a, T0 + i)), state);
}
const launched = (poll: unknown) => run(IDLE_POLL, [{ type: "launch", poll: poll as PollDefinition }, FAC]);
const choose = (...optionIds: string[]): PollCommand => ({ type: "answer", answer: { kind: "choice", optionIds } });
const scale = (value: number): PollCommand => ({ type: "answer", answer: { kind: "scale", value } });
const words = (...w: string[]): PollCommand => ({ type: "answer", answer: { kind: "words", words: w } });

describe("polls", () => {
  it("O1: only the facilitator launches, reveals and closes; one open poll at a time; a new poll starts empty", () => {
    for (const who of [ANA, OBS]) {
      expect(applyPoll(IDLE_POLL, { type: "launch", poll: CHOICE as unknown as PollDefinition }, who, T0)).toMatchObject({ ok: false, code: "not_facilitator" });
      expect(applyPoll(launched(CHOICE), { type: "reveal" }, who, T0)).toMatchObject({ ok: false, code: "not_facilitator" });
      expect(applyPoll(launched(CHOICE), { type: "close" }, who, T0)).toMatchObject({ ok: false, code: "not_facilitator" });
    }
    const s = run(launched(CHOICE), [choose("mob"), ANA]);
    expect(applyPoll(s, { type: "launch", poll: SCALE as unknown as PollDefinition }, FAC, T0)).toMatchObject({ ok: false, code: "poll_already_open" });
    const next = run(s, [{ type: "close" }, FAC], [{ type: "launch", poll: SCALE as unknown as PollDefinition }, FAC]);
    expect(next).toMatchObject({ status: "open", answers: [], revealed: false, closedAt: null });
    expect(next.poll!.kind).toBe("scale");
  });

  it("O2: a poll is checked and normalised", () => {
    expect(validatePoll({ ...CHOICE, question: "  Quel   frein ? " })).toMatchObject({ ok: true, poll: { question: "Quel frein ?", multiple: false, maxChoices: 1, results: "onReveal", stepId: null } });
    expect(validatePoll({ ...CHOICE, multiple: true })).toMatchObject({ ok: true, poll: { maxChoices: 3 } });
    expect(validatePoll({ ...WORDS, maxWords: undefined })).toMatchObject({ ok: true, poll: { maxWords: 3 } });
    expect(validatePoll(SCALE)).toMatchObject({ ok: true, poll: { minLabel: "Fatigué·e", maxLabel: "En forme" } });
    const bad: [unknown, string, string][] = [
      [null, "bad_input", ""],
      [{ ...CHOICE, id: "" }, "bad_id", "id"],
      [{ ...CHOICE, question: " " }, "required", "question"],
      [{ ...CHOICE, question: "x".repeat(301) }, "too_long", "question"],
      [{ ...CHOICE, options: CHOICE.options.slice(0, 1) }, "too_few", "options"],
      [{ ...CHOICE, options: [CHOICE.options[0], CHOICE.options[0]] }, "duplicate_id", "options[1].id"],
      [{ ...CHOICE, options: [CHOICE.options[0], { id: "x", label: "a\u0007" }] }, "bad_input", "options[1].label"],
      [{ ...CHOICE, multiple: true, maxChoices: 4 }, "out_of_range", "maxChoices"],
      [{ ...WORDS, maxWords: 4 }, "out_of_range", "maxWords"],
      [{ ...SCALE, minLabel: "x".repeat(61) }, "too_long", "minLabel"],
      [{ ...CHOICE, kind: "ranking" }, "bad_kind", "kind"],
      [{ ...CHOICE, results: "never" }, "bad_input", "results"],
    ];
    for (const [input, code, path] of bad) expect(validatePoll(input), JSON.stringify(input)).toMatchObject({ ok: false, code, path });
    expect(applyPoll(IDLE_POLL, { type: "launch", poll: { ...CHOICE, options: [] } as unknown as PollDefinition }, FAC, T0)).toMatchObject({ ok: false, code: "bad_input" });
  });

  it("O3: one answer per participant, replaced when answering again, withdrawn with null; nothing after the close", () => {
    let s = run(launched(CHOICE), [choose("mob"), ANA], [choose("log"), ANA], [choose("log"), BEN]);
    expect(s.answers.map((a) => [a.participantId, a.answer])).toEqual([["ana", { kind: "choice", optionIds: ["log"] }], ["ben", { kind: "choice", optionIds: ["log"] }]]);
    s = run(s, [{ type: "answer", answer: null }, BEN]);
    expect(applyPoll(s, { type: "answer", answer: null }, BEN, T0)).toMatchObject({ ok: false, code: "nothing_to_withdraw" });
    expect(pollResults(s)).toMatchObject({ respondents: 1 });
    expect(applyPoll(s, choose("mob"), OBS, T0)).toMatchObject({ ok: false, code: "observer_cannot_answer" });
    expect(applyPoll(s, choose("mob"), FAC, T0)).toMatchObject({ ok: false, code: "facilitator_does_not_answer" });
    const closed = run(s, [{ type: "close" }, FAC]);
    for (const c of [choose("mob"), { type: "answer", answer: null } as PollCommand]) expect(applyPoll(closed, c, ANA, T0 + 10)).toMatchObject({ ok: false, code: "poll_not_open" });
    expect(applyPoll(IDLE_POLL, choose("mob"), ANA, T0)).toMatchObject({ ok: false, code: "poll_not_open" });
  });

  it("O4: the answer must fit the poll", () => {
    const c = launched(CHOICE);
    const m = launched({ ...CHOICE, multiple: true, maxChoices: 2 });
    const sc = launched(SCALE);
    const w = launched({ ...WORDS, maxWords: 2 });
    const bad: [PollState, unknown][] = [
      [c, { kind: "choice", optionIds: ["mob", "log"] }],
      [c, { kind: "choice", optionIds: [] }],
      [c, { kind: "choice", optionIds: ["zz"] }],
      [c, { kind: "scale", value: 3 }],
      [m, { kind: "choice", optionIds: ["mob", "log", "sante"] }],
      [m, { kind: "choice", optionIds: ["mob", "mob"] }],
      [sc, { kind: "scale", value: 0 }],
      [sc, { kind: "scale", value: 6 }],
      [sc, { kind: "scale", value: 2.5 }],
      [w, { kind: "words", words: [] }],
      [w, { kind: "words", words: ["a", "b", "c"] }],
      [w, { kind: "words", words: ["   "] }],
      [w, { kind: "words", words: ["x".repeat(41)] }],
      [w, { kind: "words", words: ["ok\u0000"] }],
      [w, "confiance"],
    ];
    for (const [s, a] of bad) expect(applyPoll(s, { type: "answer", answer: a as PollAnswer }, ANA, T0), JSON.stringify(a)).toMatchObject({ ok: false, code: "bad_answer" });
    expect(run(m, [choose("sante", "mob"), ANA]).answers[0].answer).toEqual({ kind: "choice", optionIds: ["mob", "sante"] });
    expect(run(w, [words("  travail \n d’équipe ", "x".repeat(40)), ANA]).answers[0].answer).toEqual({ kind: "words", words: ["travail d’équipe", "x".repeat(40)] });
  });

  it("O5: before the reveal others see the question, the number of answers and their own answer; the facilitator sees results live", () => {
    const s = run(launched(CHOICE), [choose("mob"), ANA], [choose("sante"), BEN]);
    expect(pollView(s, ANA)).toEqual({ status: "open", poll: s.poll, revealed: false, respondents: 2, mine: { kind: "choice", optionIds: ["mob"] }, results: null });
    expect(pollView(s, OBS)).toMatchObject({ respondents: 2, mine: null, results: null });
    expect(pollView(s, null)).toMatchObject({ respondents: 2, mine: null, results: null });
    expect(pollView(s, FAC).results).toMatchObject({ kind: "choice", respondents: 2 });
    const shown = run(s, [{ type: "reveal" }, FAC]);
    expect(pollView(shown, ANA).results).toEqual(pollView(shown, FAC).results);
    expect(applyPoll(shown, { type: "reveal" }, FAC, T0)).toMatchObject({ ok: false, code: "already_revealed" });
    // still open after the reveal: answers keep coming
    expect(applyPoll(shown, choose("log"), { id: "clo", role: "participant" }, T0)).toMatchObject({ ok: true });
    const live = run(launched(WORDS), [words("Confiance"), ANA]);
    expect(pollView(live, BEN).results).toMatchObject({ kind: "words", words: [{ key: "confiance", count: 1 }] });
  });

  it("O6: choice counts in option order; scale distribution 1 to 5 and average", () => {
    const m = run(launched({ ...CHOICE, multiple: true }), [choose("sante", "mob"), ANA], [choose("sante"), BEN]);
    expect(pollResults(m)).toEqual({
      kind: "choice",
      respondents: 2,
      bars: [{ optionId: "mob", label: "Mobilité", count: 1 }, { optionId: "log", label: "Logement", count: 0 }, { optionId: "sante", label: "Santé", count: 2 }],
    });
    const sc = run(launched(SCALE), [scale(4), ANA], [scale(5), BEN], [scale(2), { id: "clo", role: "participant" }]);
    expect(pollResults(sc)).toEqual({ kind: "scale", respondents: 3, average: 11 / 3, distribution: [{ value: 1, count: 0 }, { value: 2, count: 1 }, { value: 3, count: 0 }, { value: 4, count: 1 }, { value: 5, count: 1 }] });
    expect(pollResults(launched(SCALE))).toMatchObject({ average: null, respondents: 0 });
    expect(pollResults(IDLE_POLL)).toBeNull();
  });

  it("O7: word cloud: folded, elisions cut, stop words dropped, one count per person, sorted by count then key, most frequent spelling", () => {
    expect(wordKey("  L’Écoute ! ")).toBe("ecoute");
    expect(wordKey("la confiance")).toBe("confiance");
    expect(wordKey("Travail d'équipe")).toBe("travail equipe");
    expect(wordKey("the trust")).toBe("trust");
    expect(wordKey("de la")).toBeNull();
    expect(wordKey("!!!")).toBeNull();
    expect(wordKey("Cœur")).toBe("coeur");
    expect(wordKey("35h")).toBe("35h");
    expect(wordKey("accompagnement")).toBe("accompagnement");
    const cloud = wordCloud([["confiance", "Confiance", "écoute"], ["Confiance"], ["la confiance", "Ecoute"], ["partage"], ["de la"], ["Bienveillance"]]);
    expect(cloud).toEqual([
      { key: "confiance", text: "Confiance", count: 3 },
      { key: "ecoute", text: "Ecoute", count: 2 },
      { key: "bienveillance", text: "Bienveillance", count: 1 },
      { key: "partage", text: "partage", count: 1 },
    ]);
    // the same answers in any order give the same cloud
    const people = [["Écoute", "confiance"], ["ecoute"], ["Écoute"], ["CONFIANCE", "Confiance"], ["confiance"]];
    const reference = wordCloud(people);
    expect(reference[0]).toEqual({ key: "confiance", text: "confiance", count: 3 });
    expect(reference[1]).toEqual({ key: "ecoute", text: "Écoute", count: 3 });
    for (let seed = 1; seed <= 20; seed++) expect(wordCloud(shuffled(people, mulberry32(seed)).map((p) => shuffled(p, mulberry32(seed + 100))))).toEqual(reference);
  });

  it("O8: closing freezes the answers and shows the results to everyone", () => {
    const s = run(launched(CHOICE), [choose("mob"), ANA], [{ type: "close" }, FAC]);
    expect(s).toMatchObject({ status: "closed", revealed: true, closedAt: T0 + 1 });
    expect(pollView(s, OBS).results).toMatchObject({ bars: [{ optionId: "mob", count: 1 }, {}, {}] });
    expect(applyPoll(s, { type: "close" }, FAC, T0)).toMatchObject({ ok: false, code: "poll_not_open" });
  });

  it("O9: what anyone is sent never carries a participant id", () => {
    for (const def of [CHOICE, SCALE, WORDS]) {
      const answer = def === CHOICE ? choose("mob") : def === SCALE ? scale(3) : words("écoute", "partage");
      const s = run(launched({ ...def, results: "live" }), [answer, ANA], [answer, BEN]);
      for (const viewer of [ANA, BEN, OBS, FAC, null]) {
        const json = JSON.stringify(pollView(s, viewer));
        for (const id of ["ben", "ana"].filter((x) => x !== viewer?.id)) expect(json).not.toContain(`"${id}"`);
      }
      expect(JSON.stringify(aggregatePoll(s.poll!, s.answers))).not.toMatch(/participantId/);
    }
  });

  it("O10: applyPoll is total: garbage refused, never thrown; the input state never changes", () => {
    const s = deepFreeze(launched(CHOICE));
    const garbage: unknown[] = [null, 3, {}, { type: "toString" }, { type: "__proto__" }, { type: "launch" }, { type: "launch", poll: null }];
    for (const g of garbage) expect(applyPoll(s, g as PollCommand, FAC, T0), JSON.stringify(g)).toMatchObject({ ok: false });
    for (const g of garbage.slice(0, 5)) expect(applyPoll(s, g as PollCommand, FAC, T0)).toMatchObject({ code: "bad_input" });
    expect(applyPoll(s, choose("mob"), { id: "", role: "participant" }, T0)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyPoll(s, choose("mob"), ANA, Number.NaN)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyPoll(null as never, choose("mob"), ANA, T0)).toMatchObject({ ok: false, code: "bad_input" });
    expect(applyPoll(s, { type: "answer", answer: { kind: "choice", optionIds: "mob" } } as never, ANA, T0)).toMatchObject({ ok: false, code: "bad_answer" });
  });
});

describe("poll fuzz", () => {
  const PEOPLE: PollActor[] = ["p1", "p2", "p3", "p4", "p5", "__proto__"].map((id) => ({ id, role: "participant" as const }));
  const ENTRIES = ["confiance", "Confiance", "l'écoute", "écoute", "partage", "de la", "Travail d’équipe", "travail équipe", "x".repeat(41), ""];

  function randomAnswer(random: () => number, kind: string): unknown {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    if (random() < 0.15) return null;
    if (kind === "choice") return { kind, optionIds: CHOICE.options.filter(() => random() < 0.4).map((o) => o.id) };
    if (kind === "scale") return { kind, value: pick([1, 2, 3, 4, 5, 0, 6]) };
    return { kind, words: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(ENTRIES)) };
  }

  it("O3, O6, O8: concurrent and late answers: each participant counted once, nothing after the close, totals equal the accepted answers", () => {
    let accepted = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const def = [{ ...CHOICE, multiple: true }, SCALE, WORDS][seed % 3];
      let s = launched(def);
      // what the server accepted, replayed independently: the last accepted answer of each person
      const last = new Map<string, PollAnswer | null>();
      let now = T0;
      for (let burst = 0; burst < 12; burst++) {
        now += 1000;
        const batch: [PollCommand, PollActor][] = Array.from({ length: 8 }, () => [{ type: "answer", answer: randomAnswer(random, def.kind) } as PollCommand, PEOPLE[Math.floor(random() * PEOPLE.length)]]);
        if (burst === 9) batch.push([{ type: "close" }, FAC]);
        for (const [command, actor] of shuffled(batch, random)) {
          const r = applyPoll(s, command, actor, now);
          if (!r.ok) {
            expect(["bad_answer", "poll_not_open", "nothing_to_withdraw"], `seed ${seed}`).toContain(r.code);
            continue;
          }
          if (command.type === "answer") last.set(actor.id, r.state.answers.find((a) => a.participantId === actor.id)?.answer ?? null);
          accepted++;
          s = r.state;
          expect(pollInvariantViolations(s), `seed ${seed}`).toEqual([]);
        }
      }
      expect(s.status).toBe("closed");
      const given = [...last.values()].filter((a): a is PollAnswer => a !== null);
      const results = pollResults(s)!;
      expect(results.respondents, `seed ${seed}`).toBe(given.length);
      if (results.kind === "scale") expect(results.distribution.reduce((n, d) => n + d.count, 0)).toBe(given.length);
      if (results.kind === "choice") expect(results.bars.reduce((n, b) => n + b.count, 0)).toBe(given.reduce((n, a) => n + (a.kind === "choice" ? a.optionIds.length : 0), 0));
      if (results.kind === "words") for (const w of results.words) expect(w.count).toBeLessThanOrEqual(given.length);
    }
    expect(accepted).toBeGreaterThan(5000);
  });
});
