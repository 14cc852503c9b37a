// Where a Marguerite server spends its time per message, outside socket.io: times the real
// server modules (no server running) on the bench's traffic. `npx tsx bench/handlerCost.ts`
//
// - the `y` handler's parts: decodeMessage, BoardNameSchema, checkUpdateShape, the Y.Doc
//   applies of BoardRoom.applyClientUpdate, encodeUpdate;
// - the writer's database batch (BoardRepository.append through Prisma on PGlite, in this
//   thread, as in the server) for the batch sizes the 15 ms window produces at 300 msg/s;
// - compaction of a board's 500-update log (RoomRegistry compacts every 500 appends).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { BoardNameSchema } from "../src/protocol/index.ts";
import { openDatabase } from "../src/server/persistence/database.ts";
import { BoardRepository } from "../src/server/persistence/boards.ts";
import { SessionRepository } from "../src/server/persistence/sessions.ts";
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

// ---- the database ------------------------------------------------------------------------

const dataDir = mkdtempSync(path.join(os.tmpdir(), "marguerite-handlercost-"));
try {
  const db = await openDatabase({ dataDir });
  const sessions = new SessionRepository(db.prisma);
  const boards = new BoardRepository(db.prisma);
  const { session, facilitator } = await sessions.create({ title: "Coût", facilitatorName: "F" });
  const stored = await boards.loadOrCreate(session.id, "main");
  // Does the event loop turn while the database works? A 1 ms timer counts its turns.
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  await new Promise((r) => setTimeout(r, 20));
  console.log("\nper writer batch (BoardRepository.append = one createMany through Prisma on PGlite):");
  let next = 0;
  ticks = 0;
  const appendStart = process.hrtime.bigint();
  for (const size of [1, 5, 10, 20]) {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 150; i++) {
      const rows = Array.from({ length: size }, () => ({ boardId: stored.boardId, data: raw[next++ % raw.length], participantId: facilitator.id }));
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      await boards.append(rows);
      wall.push(ms(t0));
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    line(`append ${String(size).padStart(2)} rows: wall`, half(wall));
    line(`append ${String(size).padStart(2)} rows: CPU of this process`, half(cpu));
  }

  const appendMs = ms(appendStart);
  console.log(`event-loop turns during these ${4 * 150} appends (${appendMs.toFixed(0)} ms): ${ticks} (0: the loop never turned; PGlite through Prisma resolves in microtasks, so a batch blocks all I/O for its whole wall time)`);

  // Compaction as RoomRegistry does it every 500 appends of a board.
  console.log("\ncompaction of a 500-update log (BoardRepository.compact), as every 500 appends of a board:");
  const comp: number[] = [];
  const compCpu: number[] = [];
  for (let round = 0; round < 6; round++) {
    // A board whose log holds the initial notes and then 499 edits in order, as stored.
    const board = await boards.loadOrCreate(session.id, `board-${round}`);
    const log = [initial, ...raw.slice(0, 499)];
    for (let i = 0; i < log.length; i += 10) {
      await boards.append(log.slice(i, i + 10).map((data) => ({ boardId: board.boardId, data, participantId: null })));
    }
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    ticks = 0;
    await boards.compact(board.boardId);
    if (ticks > 0) console.log(`  (the event loop turned ${ticks} times during a compaction)`);
    comp.push(ms(t0));
    const c = process.cpuUsage(c0);
    compCpu.push((c.user + c.system) / 1000);
  }
  line("compact: wall", comp);
  line("compact: CPU of this process", compCpu);
  // Its Yjs part alone: fold the same 500 stored updates through a Y.Doc and re-encode.
  const fold: number[] = [];
  for (let round = 0; round < 6; round++) {
    const t0 = process.hrtime.bigint();
    const doc = new Y.Doc();
    for (const u of [initial, ...raw.slice(0, 499)]) Y.applyUpdate(doc, u);
    Y.encodeStateAsUpdate(doc);
    doc.destroy();
    fold.push(ms(t0));
  }
  line("  of which the Yjs fold (500 applyUpdate + encode)", fold);
  console.log("the event loop did not turn during any compaction unless noted above: each blocks all I/O for its wall time");
  clearInterval(timer);
  await db.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
