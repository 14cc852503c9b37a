// A participant's program that bypasses the UI cannot act outside its rights: for every rule
// of src/domain/SPEC.md that forbids something, a real socket sends the crafted facilitation
// command or Yjs update (built directly on a Y.Doc and framed by hand, no client library), and
//   (a) it is refused with the rule's code, as an ack and as a `marguerite:error` event;
//   (b) nothing is stored or published: another client sees no change, a late joiner neither;
//   (c) the connection and the room keep working: a legitimate write still passes and reaches
//       everyone, the sender included.
// One row per forbidden action, named after its rule id; each row gets a fresh séance, so the
// strikes a crafted message earns (20 a minute close a connection) never add up.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { io, type Socket } from "socket.io-client";
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate, SyncType } from "../../src/protocol/framing.ts";
import { Events, MessageType, PROTOCOL_VERSION, type CreateSessionResponse, type ErrorEvent, type SeanceStateEvent } from "../../src/protocol/index.ts";
import { CODEV_TEMPLATE, privateBoardName } from "../../src/domain/facilitation/index.ts";
import { joinSession } from "../helpers/server.ts";
import { useServer } from "../helpers/useServer.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";

const server = useServer();
const MIN = 60_000;
const COLLECTIONS = CODEV_TEMPLATE.collections.map((c) => c.id);

type Ack = { ok: boolean; code?: string; message?: string };

/** A bare socket.io client holding a mirror Y.Doc per joined board. */
class Peer {
  readonly socket: Socket;
  states: SeanceStateEvent[] = [];
  errors: ErrorEvent[] = [];
  readonly docs = new Map<string, Y.Doc>();
  private synced = new Set<string>();

  private constructor(
    code: string,
    readonly token: string,
    readonly id: string,
  ) {
    this.socket = io(server.url, { auth: { v: PROTOCOL_VERSION, code, token }, transports: ["websocket"], reconnection: false, autoConnect: false });
    this.socket.on(Events.seanceState, (s: SeanceStateEvent) => this.states.push(s));
    this.socket.on(Events.error, (e: ErrorEvent) => this.errors.push(e));
    this.socket.on(Events.y, (board: string, payload: ArrayBuffer | Uint8Array) => {
      const doc = this.docs.get(board);
      if (!doc) return;
      const d = decoding.createDecoder(payload instanceof Uint8Array ? payload : new Uint8Array(payload));
      if (decoding.readVarUint(d) !== MessageType.sync) return;
      const sub = decoding.readVarUint(d);
      const data = decoding.readVarUint8Array(d);
      if (sub === SyncType.step2 || sub === SyncType.update) Y.applyUpdate(doc, data);
      if (sub === SyncType.step2) this.synced.add(board);
    });
  }

  static async connect(code: string, token: string, id: string, boards: string[] = ["main"]): Promise<Peer> {
    const p = new Peer(code, token, id);
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        p.socket.once("connect", () => resolve());
        p.socket.once("connect_error", reject);
        p.socket.connect();
      }),
      10_000,
      "connect",
    );
    await waitFor(() => p.states.length > 0, 10_000, "first séance state");
    for (const b of boards) await p.join(b);
    return p;
  }

  async join(board: string): Promise<void> {
    const doc = new Y.Doc();
    this.docs.set(board, doc);
    expect(await this.emit(Events.boardJoin, board)).toEqual({ ok: true });
    expect(await this.emit(Events.y, board, encodeSyncStep1(Y.encodeStateVector(doc)))).toEqual({ ok: true });
    await waitFor(() => this.synced.has(board), 5000, `${board} synced`);
  }

  doc(board = "main"): Y.Doc {
    const d = this.docs.get(board);
    if (!d) throw new Error(`${this.id} has not joined ${board}`);
    return d;
  }

  get state(): SeanceStateEvent {
    return this.states[this.states.length - 1];
  }

  emit(event: string, ...args: unknown[]): Promise<Ack> {
    return withTimeout(new Promise<Ack>((resolve) => this.socket.emit(event, ...args, resolve)), 5000, `ack of ${event}`);
  }

  /** A crafted update: the mutation is made on a copy of my mirror, so the mirror stays what the server sent. */
  craft(board: string, mutate: (doc: Y.Doc) => void): Uint8Array {
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc(board)));
    const parts: Uint8Array[] = [];
    scratch.on("update", (u: Uint8Array) => parts.push(u));
    scratch.transact(() => mutate(scratch));
    return Y.mergeUpdates(parts);
  }

  /** Sends a crafted update; once accepted it is mine too (the server does not echo it back). */
  async write(board: string, mutate: (doc: Y.Doc) => void, frame: (u: Uint8Array) => Uint8Array = encodeUpdate): Promise<Ack> {
    const u = this.craft(board, mutate);
    const ack = await this.emit(Events.y, board, frame(u));
    if (ack.ok) Y.applyUpdate(this.doc(board), u);
    return ack;
  }

  async command(cmd: unknown): Promise<void> {
    expect(await this.emit(Events.seanceCommand, cmd), JSON.stringify(cmd)).toEqual({ ok: true });
  }

  close(): void {
    this.socket.disconnect();
  }
}

// ---- building the board's content as the layout of docs/protocol.md §4 wants it --------

function kindOf(collection: string, field: string): string | undefined {
  return CODEV_TEMPLATE.collections.find((c) => c.id === collection)?.fields[field]?.kind;
}

function create(collection: string, itemId: string, authorId: string, fields: Record<string, unknown>) {
  return (doc: Y.Doc) => {
    const item = new Y.Map<unknown>();
    doc.getMap(collection).set(itemId, item);
    for (const [k, v] of Object.entries(fields)) item.set(k, kindOf(collection, k) === "text" && typeof v === "string" ? new Y.Text(v) : v);
    item.set("authorId", authorId);
    item.set("createdAt", Date.now());
  };
}

function update(collection: string, itemId: string, field: string, value: unknown) {
  return (doc: Y.Doc) => {
    const item = doc.getMap(collection).get(itemId) as Y.Map<unknown> | undefined;
    if (!item) throw new Error(`no ${collection}/${itemId} in the mirror`);
    const current = item.get(field);
    if (current instanceof Y.Text && typeof value === "string") {
      current.delete(0, current.length);
      current.insert(0, value);
    } else item.set(field, kindOf(collection, field) === "text" && typeof value === "string" ? new Y.Text(value) : value);
  };
}

function remove(collection: string, itemId: string) {
  return (doc: Y.Doc) => doc.getMap(collection).delete(itemId);
}

/** Canonical JSON of every collection of a board. */
function boardJson(doc: Y.Doc): string {
  const sort = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
      : v;
  return JSON.stringify(sort(Object.fromEntries(COLLECTIONS.map((c) => [c, doc.getMap(c).toJSON()]))));
}

function shared(s: SeanceStateEvent): Omit<SeanceStateEvent, "you" | "now" | "timeUp"> {
  const { you: _you, now: _now, timeUp: _timeUp, ...rest } = s;
  return rest;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- a séance brought to a given moment ---------------------------------------------------

type Stage = "lobby" | "subject" | "expose" | "clarification" | "contract" | "reactions" | "synthesis" | "learnings" | "ended";
const RUNNING_STEPS: Stage[] = ["expose", "clarification", "contract", "reactions", "synthesis", "learnings"];

interface Seance {
  code: string;
  fac: Peer;
  /** the case holder */
  holder: Peer;
  /** a consultant: the usual sender of crafted messages */
  co: Peer;
  /** another consultant, author of the items others attack; the watcher of every row */
  co2: Peer;
  obs: Peer;
  all: Peer[];
}

async function seanceAt(stage: Stage, locked = false): Promise<Seance> {
  const res = await fetch(`${server.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Codev", method: "codev" }) });
  const created = (await res.json()) as CreateSessionResponse;
  const [h, c, c2, o] = await Promise.all(["Camille", "Dominique", "Eden", "Fanny"].map((n) => joinSession(server.url, created.code, n)));
  const fac = await Peer.connect(created.code, created.facilitatorToken, created.participantId);
  const [holder, co, co2, obs] = await Promise.all([h, c, c2, o].map((j) => Peer.connect(created.code, j.token, j.participantId)));
  const s: Seance = { code: created.code, fac, holder, co, co2, obs, all: [fac, holder, co, co2, obs] };
  await fac.command({ type: "assignRole", participantId: holder.id, role: "caseHolder" });
  await fac.command({ type: "assignRole", participantId: obs.id, role: "observer" });
  const ok = async (p: Peer, mutate: (doc: Y.Doc) => void) => expect(await p.write("main", mutate)).toEqual({ ok: true });

  if (stage === "subject") {
    await fac.command({ type: "prepare", preparation: { steps: { subject: { enabled: true } } } });
    await fac.command({ type: "start" });
    await co2.command({ type: "proposeSubject", title: "Une équipe épuisée" });
    await ok(co2, create("notes", "n-co2", co2.id, { text: "Mon post-it", x: 10, y: 10, z: 1, color: "yellow" }));
  } else if (stage !== "lobby") {
    await fac.command({ type: "start" });
    const last = stage === "ended" ? RUNNING_STEPS.length - 1 : RUNNING_STEPS.indexOf(stage);
    for (let i = 0; i <= last; i++) {
      if (i > 0) await fac.command({ type: "next" });
      switch (RUNNING_STEPS[i]) {
        case "expose": await ok(holder, create("case", "case", holder.id, { context: "Un salarié en CDDI", situation: "Il arrive en retard" })); break;
        case "clarification": await ok(co2, create("questions", "q-co2", co2.id, { text: "Depuis quand ?" })); break;
        case "contract": await ok(holder, create("contract", "contract", holder.id, { text: "Des idées pour en parler avec lui" })); break;
        case "reactions": await ok(co2, create("suggestions", "s-co2", co2.id, { text: "Un entretien à trois", type: "idea" })); break;
        case "synthesis": await ok(holder, create("actions", "a-1", holder.id, { what: "Appeler la référente", who: "Moi", when: "Lundi" })); break;
        case "learnings": await ok(co2, create("learnings", co2.id, co2.id, { text: "Écouter sans conseiller", rating: 4 })); break;
      }
    }
    if (stage === "ended") await fac.command({ type: "end" });
  }
  if (locked) await fac.command({ type: "lockBoard" });
  // Every screen holds the same board and séance before the crafted message.
  const version = fac.state.version;
  for (const p of s.all) await waitFor(() => p.state.version === version && boardJson(p.doc()) === boardJson(fac.doc()), 5000, `${p.id} up to date`);
  return s;
}

// ---- the table ---------------------------------------------------------------------------

type Who = "fac" | "holder" | "co" | "obs";
type Attempt =
  | { command: unknown }
  | { join: (s: Seance) => string }
  /** On "main", or on the sender's own private board. */
  | { write: (s: Seance) => (doc: Y.Doc) => void; board?: "main" | "private"; asStep2?: boolean }
  /** A message for a board the sender has not joined. */
  | { writeTo: (s: Seance) => string; write: (s: Seance) => (doc: Y.Doc) => void };

type Row = { rule: string; what: string; at: Stage; locked?: boolean; by: Who; code: string } & Attempt;

const note = (id: string, authorId: string) => create("notes", id, authorId, { text: "Intrus", x: 0, y: 0, z: 1, color: "pink" });
const privateNote = (id: string, authorId: string, text = "Pour moi") => create("privateNotes", id, authorId, { text });

const ROWS: Row[] = [
  // M: the step machine
  { rule: "M1", what: "a consultant cannot move to the next step", at: "expose", by: "co", command: { type: "next" }, code: "not_facilitator" },
  { rule: "M1", what: "a consultant cannot jump to a step", at: "expose", by: "co", command: { type: "goTo", stepId: "learnings" }, code: "not_facilitator" },
  { rule: "M1", what: "the case holder cannot start the séance", at: "lobby", by: "holder", command: { type: "start" }, code: "not_facilitator" },
  { rule: "M1", what: "a consultant cannot extend the timer", at: "expose", by: "co", command: { type: "timerExtend", ms: 5 * MIN }, code: "not_facilitator" },
  { rule: "M1", what: "a consultant cannot lock the board", at: "clarification", by: "co", command: { type: "lockBoard" }, code: "not_facilitator" },
  { rule: "M1", what: "a consultant cannot make themself case holder", at: "expose", by: "co", command: { type: "assignRole", participantId: "self", role: "caseHolder" }, code: "not_facilitator" },
  { rule: "M1", what: "an observer cannot end the séance", at: "expose", by: "obs", command: { type: "end" }, code: "not_facilitator" },
  { rule: "M1", what: "a consultant cannot spotlight or summon", at: "expose", by: "co", command: { type: "summon", viewId: "board" }, code: "not_facilitator" },
  { rule: "M2", what: "start is refused once running", at: "expose", by: "fac", command: { type: "start" }, code: "already_started" },
  { rule: "M3", what: "no next step after the last one", at: "learnings", by: "fac", command: { type: "next" }, code: "no_next_step" },
  { rule: "M3", what: "goTo the current step is refused", at: "clarification", by: "fac", command: { type: "goTo", stepId: "clarification" }, code: "same_step" },
  { rule: "M13", what: "the case holder cannot be taken away during the exposé (C2)", at: "expose", by: "fac", command: { type: "unassignRole", participantId: "holder" }, code: "requirement_unmet" },
  { rule: "M5", what: "after the end the facilitator cannot move a step", at: "ended", by: "fac", command: { type: "previous" }, code: "ended" },
  { rule: "M5", what: "after the end no role is handed out", at: "ended", by: "fac", command: { type: "assignRole", participantId: "co", role: "scribe" }, code: "ended" },
  { rule: "M5", what: "after the end a participant cannot volunteer", at: "ended", by: "co", command: { type: "volunteer" }, code: "ended" },
  { rule: "M11", what: "the facilitator is never the case holder", at: "lobby", by: "fac", command: { type: "assignRole", participantId: "fac", role: "caseHolder" }, code: "facilitator_role_fixed" },
  { rule: "M14", what: "an observer cannot volunteer", at: "lobby", by: "obs", command: { type: "volunteer" }, code: "not_allowed_for_role" },
  { rule: "M14", what: "the facilitator cannot volunteer", at: "lobby", by: "fac", command: { type: "volunteer" }, code: "not_allowed_for_role" },
  { rule: "M14", what: "nobody volunteers once the exposé has started", at: "expose", by: "co", command: { type: "volunteer" }, code: "not_in_subject_choice" },
  { rule: "M15", what: "no subject is proposed outside the subject choice", at: "expose", by: "co", command: { type: "proposeSubject", title: "Mon sujet" }, code: "not_in_subject_choice" },
  { rule: "M15", what: "an observer proposes no subject", at: "subject", by: "obs", command: { type: "proposeSubject", title: "Mon sujet" }, code: "not_allowed_for_role" },
  { rule: "M15", what: "a title over 200 characters is refused", at: "subject", by: "co", command: { type: "proposeSubject", title: "x".repeat(201) }, code: "bad_input" },
  { rule: "M15", what: "one cannot withdraw someone else's subject", at: "subject", by: "co", command: { type: "withdrawSubject" }, code: "unknown_subject" },
  { rule: "M16", what: "a vote for a subject that does not exist", at: "subject", by: "co", command: { type: "vote", subjectId: "subject-99" }, code: "unknown_subject" },
  { rule: "M16", what: "the facilitator does not vote", at: "subject", by: "fac", command: { type: "vote", subjectId: "subject-1" }, code: "not_allowed_for_role" },
  { rule: "M16", what: "an observer does not vote", at: "subject", by: "obs", command: { type: "vote", subjectId: "subject-1" }, code: "not_allowed_for_role" },
  { rule: "M16", what: "no vote outside the subject choice", at: "expose", by: "co", command: { type: "vote", subjectId: "subject-1" }, code: "not_in_subject_choice" },
  { rule: "M18", what: "a consultant cannot pick the subject", at: "subject", by: "co", command: { type: "pickSubject", subjectId: "subject-1" }, code: "not_facilitator" },
  { rule: "M18", what: "the facilitator picks only a proposed subject", at: "subject", by: "fac", command: { type: "pickSubject", subjectId: "subject-7" }, code: "unknown_subject" },
  { rule: "M19", what: "prepare only in the lobby", at: "expose", by: "fac", command: { type: "prepare", preparation: { steps: { reactions: { durationMin: 40 } } } }, code: "already_started" },
  // T: timers
  { rule: "T4", what: "resume only a paused timer", at: "expose", by: "fac", command: { type: "timerResume" }, code: "timer_not_paused" },
  { rule: "T5", what: "extend by at most 60 minutes", at: "expose", by: "fac", command: { type: "timerExtend", ms: 61 * MIN }, code: "out_of_bounds" },
  { rule: "T8", what: "a duration of 0 minutes is refused", at: "lobby", by: "fac", command: { type: "prepare", preparation: { steps: { expose: { durationMin: 0 } } } }, code: "out_of_bounds" },
  // C: co-développement
  { rule: "C3", what: "no reactions before the contract is written (M4)", at: "clarification", by: "fac", command: { type: "goTo", stepId: "reactions" }, code: "requirement_unmet" },
  { rule: "C4", what: "the case holder cannot post a suggestion", at: "reactions", by: "holder", write: (s) => create("suggestions", "s-holder", s.holder.id, { text: "Et si…", type: "idea" }), code: "not_in_this_step" },
  { rule: "C4", what: "the case holder cannot edit a suggestion", at: "reactions", by: "holder", write: () => update("suggestions", "s-co2", "text", "Non, plutôt…"), code: "not_in_this_step" },
  { rule: "C4", what: "the case holder cannot delete a suggestion", at: "reactions", by: "holder", write: () => remove("suggestions", "s-co2"), code: "not_in_this_step" },
  { rule: "C5", what: "a consultant cannot write the case", at: "expose", by: "co", write: () => update("case", "case", "situation", "Réécrit"), code: "not_in_this_step" },
  { rule: "C5", what: "a consultant cannot post a sticky note during the exposé", at: "expose", by: "co", write: (s) => note("n-co", s.co.id), code: "not_in_this_step" },
  { rule: "C5", what: "a consultant cannot ask a question during the exposé", at: "expose", by: "co", write: (s) => create("questions", "q-co", s.co.id, { text: "Trop tôt ?" }), code: "not_in_this_step" },
  { rule: "C7", what: "a consultant cannot answer a question", at: "clarification", by: "co", write: () => update("questions", "q-co2", "answer", "Je réponds à sa place"), code: "not_in_this_step" },
  { rule: "C7", what: "a consultant cannot edit someone else's question", at: "clarification", by: "co", write: () => update("questions", "q-co2", "text", "Pirate"), code: "not_your_item" },
  { rule: "C7", what: "a consultant cannot delete someone else's question", at: "clarification", by: "co", write: () => remove("questions", "q-co2"), code: "not_your_item" },
  { rule: "C7", what: "a question card is text only: no answer at creation", at: "clarification", by: "co", write: (s) => create("questions", "q-co", s.co.id, { text: "Et alors ?", answer: "Rien" }), code: "not_in_this_step" },
  { rule: "C7", what: "the case holder cannot ask a question", at: "clarification", by: "holder", write: (s) => create("questions", "q-h", s.holder.id, { text: "Moi aussi" }), code: "not_in_this_step" },
  { rule: "C7", what: "the case holder cannot rewrite a question", at: "clarification", by: "holder", write: () => update("questions", "q-co2", "text", "Autre question"), code: "not_in_this_step" },
  { rule: "C8", what: "a consultant cannot write the contract", at: "contract", by: "co", write: () => update("contract", "contract", "text", "Autre demande"), code: "not_in_this_step" },
  { rule: "C9", what: "a consultant cannot keep a suggestion", at: "reactions", by: "co", write: () => update("suggestions", "s-co2", "kept", true), code: "not_in_this_step" },
  { rule: "C9", what: "a consultant cannot edit someone else's suggestion", at: "reactions", by: "co", write: () => update("suggestions", "s-co2", "text", "Pirate"), code: "not_your_item" },
  { rule: "C9", what: "a consultant cannot delete someone else's suggestion", at: "reactions", by: "co", write: () => remove("suggestions", "s-co2"), code: "not_your_item" },
  { rule: "C9", what: "a consultant cannot post a suggestion already kept", at: "reactions", by: "co", write: (s) => create("suggestions", "s-co", s.co.id, { text: "Gardez-moi", type: "idea", kept: true }), code: "not_in_this_step" },
  { rule: "C10", what: "a consultant cannot write an action", at: "synthesis", by: "co", write: (s) => create("actions", "a-co", s.co.id, { what: "Faire ceci", who: "Toi", when: "Demain" }), code: "not_in_this_step" },
  { rule: "C10", what: "a consultant cannot change the case holder's action", at: "synthesis", by: "co", write: () => update("actions", "a-1", "when", "Jamais"), code: "not_in_this_step" },
  { rule: "C10", what: "a consultant cannot write the synthesis", at: "synthesis", by: "co", write: (s) => create("synthesis", "synthesis", s.co.id, { summary: "Résumé" }), code: "not_in_this_step" },
  { rule: "C11", what: "a learnings card is only under its author's id", at: "learnings", by: "co", write: (s) => create("learnings", "someone", s.co.id, { text: "Appris", rating: 5 }), code: "wrong_item_id" },
  { rule: "C11", what: "a consultant cannot rate in someone else's card", at: "learnings", by: "co", write: (s) => update("learnings", s.co2.id, "rating", 1), code: "not_your_item" },
  { rule: "C11", what: "a rating above 5 is refused", at: "learnings", by: "co", write: (s) => create("learnings", s.co.id, s.co.id, { text: "Appris", rating: 6 }), code: "bad_value" },
  { rule: "C11", what: "a rating is a whole number", at: "learnings", by: "co", write: (s) => create("learnings", s.co.id, s.co.id, { text: "Appris", rating: 2.5 }), code: "bad_value" },
  { rule: "C12", what: "a participant cannot delete someone else's sticky note", at: "subject", by: "co", write: () => remove("notes", "n-co2"), code: "not_your_item" },
  { rule: "C13", what: "the facilitator cannot keep a suggestion", at: "reactions", by: "fac", write: () => update("suggestions", "s-co2", "kept", true), code: "facilitator_forbidden" },
  { rule: "C13", what: "the facilitator cannot rate for someone", at: "learnings", by: "fac", write: (s) => update("learnings", s.co2.id, "rating", 1), code: "facilitator_forbidden" },
  { rule: "C14", what: "after the end a consultant cannot edit the case", at: "ended", by: "co", write: () => update("case", "case", "context", "Réécrit"), code: "not_in_this_step" },
  { rule: "C14", what: "after the end the case holder writes only the case", at: "ended", by: "holder", write: () => update("actions", "a-1", "when", "Plus tard"), code: "not_in_this_step" },
  { rule: "C14", what: "after the end nobody writes private notes", at: "ended", by: "co", board: "private", write: (s) => privateNote(s.co.id, s.co.id), code: "not_in_this_step" },
  // P: content permissions
  { rule: "P1", what: "a field outside the template is refused", at: "clarification", by: "co", write: (s) => create("questions", "q-co", s.co.id, { text: "Ok", priority: 1 }), code: "unknown_field" },
  { rule: "P1", what: "a root type outside the board's collections is refused", at: "clarification", by: "co", write: (s) => create("admin", "x", s.co.id, { text: "?" }), code: "invalid_update" },
  { rule: "P1", what: "a private collection on the shared board is refused", at: "clarification", by: "co", write: (s) => privateNote("p", s.co.id), code: "invalid_update" },
  { rule: "P9", what: "a field holding a nested map is refused", at: "clarification", by: "co", write: (s) => (doc) => { create("questions", "q-co", s.co.id, { text: "Ok" })(doc); (doc.getMap("questions").get("q-co") as Y.Map<unknown>).set("text", new Y.Map()); }, code: "bad_value" },
  { rule: "P1", what: "authorId is set once, at creation", at: "clarification", by: "co", write: (s) => (doc) => (doc.getMap("questions").get("q-co2") as Y.Map<unknown>).set("authorId", s.co.id), code: "invalid_update" },
  { rule: "P2", what: "an observer cannot post a sticky note", at: "subject", by: "obs", write: (s) => note("n-obs", s.obs.id), code: "forbidden" },
  { rule: "P2", what: "an observer cannot write private notes", at: "expose", by: "obs", board: "private", write: (s) => privateNote(s.obs.id, s.obs.id), code: "forbidden" },
  { rule: "P2", what: "an observer cannot write with a sync step 2 either", at: "clarification", by: "obs", asStep2: true, write: (s) => create("questions", "q-obs", s.obs.id, { text: "?" }), code: "forbidden" },
  { rule: "P3", what: "an item is created in its author's name only", at: "clarification", by: "co", write: (s) => create("questions", "q-fake", s.co2.id, { text: "Au nom d'Eden" }), code: "not_your_item" },
  { rule: "P3", what: "a singleton is only its fixed id", at: "expose", by: "holder", write: (s) => create("case", "case-2", s.holder.id, { context: "Un second cas" }), code: "wrong_item_id" },
  { rule: "P4", what: "replacing someone else's question with one's own is a delete of theirs", at: "clarification", by: "co", write: (s) => create("questions", "q-co2", s.co.id, { text: "À moi maintenant" }), code: "not_your_item" },
  { rule: "P5", what: "nobody joins someone else's private board", at: "expose", by: "co", join: (s) => privateBoardName(s.co2.id), code: "forbidden" },
  { rule: "P5", what: "the facilitator does not join a private board either", at: "expose", by: "fac", join: (s) => privateBoardName(s.co.id), code: "forbidden" },
  { rule: "P5", what: "no write to a private board one has not joined", at: "expose", by: "co", writeTo: (s) => privateBoardName(s.co2.id), write: (s) => privateNote(s.co2.id, s.co.id), code: "not_in_room" },
  { rule: "P5", what: "private notes on one's own board are in one's own name", at: "expose", by: "co", board: "private", write: (s) => privateNote(s.co2.id, s.co2.id), code: "not_your_item" },
  { rule: "P7", what: "nothing is written in the lobby", at: "lobby", by: "co", write: (s) => note("n-co", s.co.id), code: "not_started" },
  { rule: "P7", what: "no private notes in the lobby", at: "lobby", by: "co", board: "private", write: (s) => privateNote(s.co.id, s.co.id), code: "not_started" },
  { rule: "P8", what: "a locked board refuses a consultant's question", at: "clarification", locked: true, by: "co", write: (s) => create("questions", "q-co", s.co.id, { text: "Verrouillé ?" }), code: "board_locked" },
  { rule: "P8", what: "a locked board refuses the case holder's case", at: "expose", locked: true, by: "holder", write: () => update("case", "case", "tried", "Rien"), code: "board_locked" },
  { rule: "P9", what: "a text longer than its field is refused", at: "clarification", by: "co", write: (s) => create("questions", "q-co", s.co.id, { text: "x".repeat(1001) }), code: "bad_value" },
  { rule: "P9", what: "an enum value outside its list is refused", at: "reactions", by: "co", write: (s) => create("suggestions", "s-co", s.co.id, { text: "Rumeur", type: "rumour" }), code: "bad_value" },
  { rule: "P9", what: "a number must be finite", at: "subject", by: "co", write: (s) => create("notes", "n-co", s.co.id, { text: "Loin", x: Number.POSITIVE_INFINITY, y: 0, z: 1, color: "yellow" }), code: "bad_value" },
  { rule: "P9", what: "a boolean field takes only a boolean", at: "reactions", by: "holder", write: () => update("suggestions", "s-co2", "kept", "yes"), code: "bad_value" },
  { rule: "P11", what: "a text field holds plain text only: no embedded object", at: "clarification", by: "co", write: (s) => (doc) => { create("questions", "q-co", s.co.id, { text: "Court" })(doc); ((doc.getMap("questions").get("q-co") as Y.Map<unknown>).get("text") as Y.Text).insertEmbed(5, { blob: "x".repeat(5000) }); }, code: "bad_value" },
  { rule: "P11", what: "a text field holds plain text only: no formatting", at: "clarification", by: "co", write: (s) => (doc) => { create("questions", "q-co", s.co.id, { text: "Court" })(doc); ((doc.getMap("questions").get("q-co") as Y.Map<unknown>).get("text") as Y.Text).format(0, 5, { payload: "x".repeat(5000) }); }, code: "bad_value" },
];

/** Ids in commands are written as who they are ("self", "holder", "co", "fac"): replaced here. */
function resolveIds(command: unknown, s: Seance, sender: Peer): unknown {
  const ids: Record<string, string> = { self: sender.id, holder: s.holder.id, co: s.co.id, fac: s.fac.id };
  return JSON.parse(JSON.stringify(command), (k, v) => (k === "participantId" && typeof v === "string" && ids[v] ? ids[v] : v));
}

describe("a crafted client is refused for every forbidden action, and nothing changes", () => {
  it.each(ROWS.map((r) => [`${r.rule}: ${r.what}`, r] as const))("%s", async (_name, row) => {
    const s = await seanceAt(row.at, row.locked);
    const sender = s[row.by];
    const privateBoard = privateBoardName(sender.id);
    if ("board" in row && row.board === "private") await sender.join(privateBoard);
    const before = { main: boardJson(s.co2.doc()), own: sender.docs.has(privateBoard) ? boardJson(sender.doc(privateBoard)) : null, state: shared(s.co2.state) };
    const received = s.all.map((p) => p.states.length);
    const errors = sender.errors.length;

    // (a) refused with the rule's code
    let event: string;
    let ack: Ack;
    if ("command" in row) {
      event = Events.seanceCommand;
      ack = await sender.emit(event, resolveIds(row.command, s, sender));
    } else if ("join" in row) {
      event = Events.boardJoin;
      ack = await sender.emit(event, row.join(s));
    } else if ("writeTo" in row) {
      event = Events.y;
      const scratch = new Y.Doc();
      const parts: Uint8Array[] = [];
      scratch.on("update", (u: Uint8Array) => parts.push(u));
      scratch.transact(() => row.write(s)(scratch));
      ack = await sender.emit(event, row.writeTo(s), encodeUpdate(Y.mergeUpdates(parts)));
    } else {
      event = Events.y;
      ack = await sender.write(row.board === "private" ? privateBoard : "main", row.write(s), row.asStep2 ? encodeSyncStep2 : encodeUpdate);
    }
    expect(ack).toMatchObject({ ok: false, code: row.code });
    await waitFor(() => sender.errors.length > errors, 5000, "error event");
    expect(sender.errors.slice(errors)).toEqual([{ code: row.code, message: expect.any(String), event }]);

    // (b) nothing stored, nothing published
    await sleep(150);
    expect(boardJson(s.co2.doc())).toBe(before.main);
    expect(s.all.map((p) => p.states.length)).toEqual(received);
    const late = await Peer.connect(s.code, s.fac.token, s.fac.id);
    expect(boardJson(late.doc())).toBe(before.main);
    expect(shared(late.state)).toEqual(before.state);
    if (before.own !== null) {
      const again = await Peer.connect(s.code, sender.token, sender.id, [privateBoard]);
      expect(boardJson(again.doc(privateBoard))).toBe(before.own);
      again.close();
    }

    // (c) the sender's connection and the room keep working: a legitimate write reaches everyone
    expect(sender.socket.connected).toBe(true);
    expect(await s.fac.write("main", note("n-fac", s.fac.id))).toEqual({ ok: true });
    for (const p of [s.co2, sender, late]) await waitFor(() => p.doc().getMap("notes").has("n-fac"), 5000, `${p.id} sees the facilitator's note`);
    [...s.all, late].forEach((p) => p.close());
  });

  it("P8: a locked board still takes private notes, and the sender's next legitimate write passes", async () => {
    const s = await seanceAt("clarification", true);
    expect(await s.co.write("main", create("questions", "q-co", s.co.id, { text: "Verrouillé ?" }))).toMatchObject({ ok: false, code: "board_locked" });
    await s.co.join(privateBoardName(s.co.id));
    expect(await s.co.write(privateBoardName(s.co.id), privateNote(s.co.id, s.co.id, "Je note quand même"))).toEqual({ ok: true });
    await s.fac.command({ type: "unlockBoard" });
    await waitFor(() => s.co.state.boardLocked === false, 5000, "unlocked");
    expect(await s.co.write("main", create("questions", "q-co", s.co.id, { text: "Maintenant ?" }))).toEqual({ ok: true });
    await waitFor(() => s.co2.doc().getMap("questions").has("q-co"), 5000, "question seen");
    s.all.forEach((p) => p.close());
  });
});
