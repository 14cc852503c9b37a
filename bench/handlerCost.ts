// Where a Marguerite server spends its time per message, outside socket.io: times the real
// server modules (no server running) on the bench's traffic. `npx tsx bench/handlerCost.ts`
//
// the `y` handler's parts: decodeMessage, BoardNameSchema, checkUpdateShape, the Y.Doc
// applies of BoardRoom.applyClientUpdate, encodeUpdate.
import * as Y from "yjs";
import { BoardNameSchema } from "../src/protocol/index.ts";
import { BoardRoom } from "../src/server/sync/room.ts";
import { decodeMessage, encodeUpdate } from "../src/server/sync/messages.ts";
import { checkUpdateShape } from "../src/server/sync/validateUpdate.ts";
import { createNote, editNote } from "./lib/notes.ts";
import { summarize } from "./lib/stats.ts";

const ROOM = 15;
const EDITS = Number(process.env.EDITS ?? 6000);

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function line(name: string, values: number[]): void {
  const s = summarize(values)!;
  console.log(`${name.padEnd(46)} mean ${s.mean.toFixed(4).padStart(8)}  p50 ${s.p50.toFixed(4).padStart(8)}  p99 ${s.p99.toFixed(4).padStart(8)}  max ${s.max.toFixed(3).padStart(8)} ms`);
}

// ---- traffic: 15 clients of one board, each editing its note in turn ----------------------

const docs = Array.from({ length: ROOM }, () => new Y.Doc());
const notes = docs.map((d, i) => createNote(d, i, `participant-${i}`.padEnd(21, "x")));
const initial = Y.mergeUpdates(docs.map((d) => Y.encodeStateAsUpdate(d)));
for (const d of docs) Y.applyUpdate(d, initial);
const framed: Uint8Array[] = [];
const raw: Uint8Array[] = [];
for (let k = 0; k < EDITS; k++) {
  const c = k % ROOM;
  let captured: Uint8Array | null = null;
  const grab = (u: Uint8Array) => (captured = u);
  docs[c].on("update", grab);
  editNote(docs[c], notes[c], c, Math.floor(k / ROOM) + 1, 0);
  docs[c].off("update", grab);
  raw.push(captured!);
  framed.push(encodeUpdate(captured!));
}
console.log(`traffic: ${EDITS} edits of ${ROOM} clients on one board, ~${framed[framed.length - 1].byteLength} B framed\n`);

// ---- the y handler's parts ---------------------------------------------------------------

const room = new BoardRoom({ boardId: "b", sessionId: "s", name: "main" }, [initial], 0);
const plain = new Y.Doc();
Y.applyUpdate(plain, initial);
const t = { decode: [] as number[], name: [] as number[], shape: [] as number[], apply: [] as number[], plainApply: [] as number[], encode: [] as number[] };
for (let k = 0; k < EDITS; k++) {
  let t0 = process.hrtime.bigint();
  const msg = decodeMessage(framed[k]);
  t.decode.push(ms(t0));
  t0 = process.hrtime.bigint();
  BoardNameSchema.safeParse("main");
  t.name.push(ms(t0));
  t0 = process.hrtime.bigint();
  checkUpdateShape(raw[k]);
  t.shape.push(ms(t0));
  t0 = process.hrtime.bigint();
  const res = room.applyClientUpdate((msg as { update: Uint8Array }).update, "socket");
  t.apply.push(ms(t0));
  t0 = process.hrtime.bigint();
  Y.applyUpdate(plain, raw[k]);
  t.plainApply.push(ms(t0));
  t0 = process.hrtime.bigint();
  if (res.ok && res.effective) encodeUpdate(res.effective);
  t.encode.push(ms(t0));
}
// The first half warms the JIT up; report the second.
const half = (v: number[]) => v.slice(v.length / 2);
console.log("per inbound update (the y handler, in order):");
line("decodeMessage", half(t.decode));
line("BoardNameSchema.safeParse (zod)", half(t.name));
line("checkUpdateShape (Y.decodeUpdate)", half(t.shape));
line("BoardRoom.applyClientUpdate (total)", half(t.apply));
line("  of which one Y.applyUpdate (same update)", half(t.plainApply));
line("encodeUpdate", half(t.encode));

// The database side (the writer's batch, compaction, a board's load, as the server runs them
// over the embedded database's process): bench/storageCost.ts.
