// Moderated boards: a participant's note waits in the facilitator's queue (it is not in the
// shared document), the facilitator approves or rejects it, then reveals the approved notes
// one by one or all at once; only then does the server write them into the board. Pure:
// the caller passes the time and writes the revealed notes. Rule ids (Q…): ../SPEC.md.
import { NOTE_MAX_TEXT, isNoteColor, type NoteColor } from "../board.ts";

export type ModerationRole = "facilitator" | "participant" | "observer";
export interface ModerationActor {
  id: string;
  role: ModerationRole;
}

export type PendingStatus = "pending" | "approved" | "rejected" | "revealed";

export interface PendingNote {
  /** Becomes the note's id on the board once revealed. */
  id: string;
  /** Kept by the server; sent to nobody in an anonymous board (A3). */
  authorId: string;
  text: string;
  color: NoteColor;
  submittedAt: number;
  status: PendingStatus;
}

export interface ModerationState {
  enabled: boolean;
  /** In submission order. An array, not a record: ids come from outside. */
  notes: readonly PendingNote[];
}

export type ModerationCommand =
  | { type: "setModerated"; moderated: boolean }
  | { type: "submitNote"; id: string; text: string; color?: NoteColor }
  | { type: "withdrawNote"; noteId: string }
  | { type: "approveNote"; noteId: string }
  | { type: "rejectNote"; noteId: string }
  | { type: "revealNote"; noteId: string }
  | { type: "revealAll" };

export const ModerationError = {
  badInput: "bad_input",
  notFacilitator: "not_facilitator",
  observerCannotWrite: "observer_cannot_write",
  notModerated: "not_moderated",
  textRequired: "text_required",
  textTooLong: "text_too_long",
  tooManyPending: "too_many_pending",
  unknownNote: "unknown_note",
  notPending: "not_pending",
  notApproved: "not_approved",
  nothingToReveal: "nothing_to_reveal",
} as const;
export type ModerationErrorCode = (typeof ModerationError)[keyof typeof ModerationError];
export type ModerationRefusal = { ok: false; code: ModerationErrorCode; message: string };
/** `revealed`: the notes the caller must now write into the shared board, in order (Q6). */
export type ModerationResult = { ok: true; state: ModerationState; revealed: PendingNote[] } | ModerationRefusal;

/** Q2: one person's notes waiting at once; a queue is a conversation, not a dump. */
export const MAX_PENDING_PER_PERSON = 20;
/** The queue as a whole (rejected and revealed notes count until the board is reset). */
export const MAX_QUEUE = 2000;

export const EMPTY_MODERATION: ModerationState = Object.freeze({ enabled: false, notes: Object.freeze([]) as readonly PendingNote[] });

const E = ModerationError;
const no = (code: ModerationErrorCode, message: string): ModerationRefusal => ({ ok: false, code, message });
const isId = (v: unknown): v is string => typeof v === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(v);

/** Q2: the text as it is kept: NFC, trimmed, 1 to NOTE_MAX_TEXT characters. */
export function cleanText(text: unknown): { ok: true; text: string } | ModerationRefusal {
  if (typeof text !== "string") return no(E.badInput, "text is a string");
  const t = text.normalize("NFC").trim();
  if (t.length === 0) return no(E.textRequired, "a note needs some text");
  if (t.length > NOTE_MAX_TEXT) return no(E.textTooLong, `at most ${NOTE_MAX_TEXT} characters`);
  return { ok: true, text: t };
}

/** Total: garbage is refused, never thrown; a refusal leaves the state as it was. */
export function applyModeration(state: ModerationState, command: ModerationCommand, actor: ModerationActor, now: number): ModerationResult {
  if (typeof state !== "object" || state === null || !Array.isArray(state.notes)) return no(E.badInput, "not a moderation state");
  if (typeof actor !== "object" || actor === null || !isId(actor.id) || !["facilitator", "participant", "observer"].includes(actor.role))
    return no(E.badInput, "bad actor");
  if (typeof command !== "object" || command === null) return no(E.badInput, "a command is an object");
  const ok = (next: ModerationState, revealed: PendingNote[] = []): ModerationResult => ({ ok: true, state: next, revealed });
  const find = (id: unknown) => (isId(id) ? state.notes.findIndex((n) => n.id === id) : -1);
  const withStatus = (i: number, status: PendingStatus) => state.notes.map((n, j) => (j === i ? { ...n, status } : n));

  switch (command.type) {
    case "submitNote": {
      // Q2: participants submit while moderation is on; the facilitator writes on the board (P6).
      if (actor.role === "observer") return no(E.observerCannotWrite, "observers do not write");
      if (!state.enabled) return no(E.notModerated, "this board is not moderated: write on it directly");
      if (!isId(command.id)) return no(E.badInput, "a note id is 1 to 64 letters, digits, _ or -");
      if (state.notes.some((n) => n.id === command.id)) return no(E.badInput, "this id is already used");
      const text = cleanText(command.text);
      if (!text.ok) return text;
      const color = command.color === undefined ? "yellow" : command.color;
      if (!isNoteColor(color)) return no(E.badInput, "unknown colour");
      if (state.notes.filter((n) => n.authorId === actor.id && n.status === "pending").length >= MAX_PENDING_PER_PERSON)
        return no(E.tooManyPending, `at most ${MAX_PENDING_PER_PERSON} notes waiting at once`);
      if (state.notes.length >= MAX_QUEUE) return no(E.tooManyPending, "the queue is full");
      return ok({ ...state, notes: [...state.notes, { id: command.id, authorId: actor.id, text: text.text, color, submittedAt: now, status: "pending" }] });
    }
    case "withdrawNote": {
      // Q7: an author takes back a note that nobody has judged yet.
      const i = find(command.noteId);
      if (i < 0 || state.notes[i].authorId !== actor.id) return no(E.unknownNote, "no note of yours with this id");
      if (state.notes[i].status !== "pending") return no(E.notPending, "this note was already judged");
      return ok({ ...state, notes: state.notes.filter((_, j) => j !== i) });
    }
    case "setModerated":
    case "approveNote":
    case "rejectNote":
    case "revealNote":
    case "revealAll":
      break;
    default:
      return no(E.badInput, "unknown command");
  }
  // Q1: the rest is the facilitator's.
  if (actor.role !== "facilitator") return no(E.notFacilitator, "only the facilitator moderates");
  switch (command.type) {
    case "setModerated":
      if (typeof command.moderated !== "boolean") return no(E.badInput, "moderated is a boolean");
      // Turning moderation off keeps the queue: what waits can still be judged and revealed.
      return ok({ ...state, enabled: command.moderated });
    case "approveNote":
    case "rejectNote": {
      const i = find(command.noteId);
      if (i < 0) return no(E.unknownNote, "no such note in the queue");
      // Q3: judged once; a rejected note may be approved after all (a mistaken click), not a revealed one.
      const current = state.notes[i].status;
      if (current === "revealed" || current === (command.type === "approveNote" ? "approved" : "rejected"))
        return no(E.notPending, "this note is not waiting for this decision");
      return ok({ ...state, notes: withStatus(i, command.type === "approveNote" ? "approved" : "rejected") });
    }
    case "revealNote": {
      const i = find(command.noteId);
      if (i < 0) return no(E.unknownNote, "no such note in the queue");
      if (state.notes[i].status !== "approved") return no(E.notApproved, "approve the note before revealing it");
      const notes = withStatus(i, "revealed");
      return ok({ ...state, notes }, [notes[i]]);
    }
    case "revealAll": {
      const approved = state.notes.filter((n) => n.status === "approved");
      if (approved.length === 0) return no(E.nothingToReveal, "no approved note to reveal");
      const notes = state.notes.map((n) => (n.status === "approved" ? { ...n, status: "revealed" as const } : n));
      return ok({ ...state, notes }, notes.filter((n) => approved.some((a) => a.id === n.id)));
    }
  }
  return no(E.badInput, "unknown command");
}

export interface QueueEntry {
  id: string;
  text: string;
  color: NoteColor;
  status: PendingStatus;
  submittedAt: number;
  /** Only outside anonymity, and only for the facilitator (Q4, A3). */
  authorId?: string;
}

export interface ModerationView {
  enabled: boolean;
  /** The facilitator's queue (pending, approved and rejected; revealed ones are on the board); null for others. */
  queue: QueueEntry[] | null;
  /** The viewer's own notes not yet on the board, with their status (Q4). */
  mine: QueueEntry[];
  /** How many notes wait for a decision: everyone may know the queue is not empty. */
  waiting: number;
}

/** Q4: what one person is sent about the queue. */
export function moderationView(state: ModerationState, viewer: ModerationActor, anonymous: boolean): ModerationView {
  const entry = (n: PendingNote, withAuthor: boolean): QueueEntry => ({
    id: n.id,
    text: n.text,
    color: n.color,
    status: n.status,
    submittedAt: n.submittedAt,
    ...(withAuthor ? { authorId: n.authorId } : {}),
  });
  const open = state.notes.filter((n) => n.status !== "revealed");
  return {
    enabled: state.enabled,
    queue: viewer.role === "facilitator" ? open.map((n) => entry(n, !anonymous)) : null,
    mine: open.filter((n) => n.authorId === viewer.id).map((n) => entry(n, false)),
    waiting: state.notes.filter((n) => n.status === "pending").length,
  };
}
