// What a board's storage costs the server, as the server runs it: BoardRepository with the SQL
// driver over the embedded database's process (pgliteProcess.ts). `npx tsx bench/storageCost.ts`
//
// For a small board (15 notes, as in `npm run bench`) and a plenary's (130 notes with text),
// each with a 500-update log as RoomRegistry compacts it:
// - the writer's batch of 15 rows (BoardRepository.append);
// - a compaction (BoardRepository.compact: read the log and the snapshot, fold in a worker
//   thread, write the snapshot, delete the rows);
// - a board's load (BoardRepository.loadOrCreate: snapshot and log).
// For each: wall time, the server thread's busy time (event-loop utilization), its longest
// stall (a 1 ms timer's largest gap: sockets wait that long), medians over ROUNDS runs
// (default 7); and the database process's CPU, a mean (the kernel counts it in 10 ms ticks).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { openDatabase } from "../src/server/persistence/database.ts";
import { BoardRepository } from "../src/server/persistence/boards.ts";
import { stopFoldThread } from "../src/server/persistence/foldThread.ts";
import { SessionRepository } from "../src/server/persistence/sessions.ts";
import { cpuSeconds } from "./lib/children.ts";
import { createContentNote, createNote, editNote } from "./lib/notes.ts";
import { summarize } from "./lib/stats.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const LOG = 500;

/** A board's snapshot (its notes) and then LOG edits of its first 15 notes, each a stored update. */
function board(notes: number): { snapshot: Uint8Array; log: Uint8Array[] } {
  const doc = new Y.Doc();
  const mine = Array.from({ length: 15 }, (_, c) => createNote(doc, c, `participant-${c}`.padEnd(21, "x")));
  for (let k = 0; k < notes - 15; k++) createContentNote(doc, 15 + (k % 115), k, "participant-content-xx");
  // Edits before the snapshot: a board that has lived a while.
  for (let seq = 1; seq <= 20; seq++) for (let c = 0; c < 15; c++) editNote(doc, mine[c], c, seq, 0);
  const snapshot = Y.encodeStateAsUpdate(doc);
  const log: Uint8Array[] = [];
  const grab = (u: Uint8Array) => log.push(u);
  doc.on("update", grab);
  for (let k = 0; log.length < LOG; k++) editNote(doc, mine[k % 15], k % 15, 21 + Math.floor(k / 15), 0);
  doc.off("update", grab);
  return { snapshot, log };
}

/** The server thread while `work` runs: wall, busy and longest-stall milliseconds. */
async function watch(work: () => Promise<unknown>): Promise<{ wall: number; busy: number; stall: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    stall = Math.max(stall, t - last);
    last = t;
  }, 1);
  await new Promise((r) => setTimeout(r, 5));
  last = performance.now();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  await work();
  const wall = performance.now() - t0;
  const busy = performance.eventLoopUtilization(elu0).active;
  // The gap that ends with the work's last synchronous part.
  await new Promise((r) => setTimeout(r, 2));
  clearInterval(timer);
  return { wall, busy, stall: Math.max(stall, 1) - 1 };
}

/** CPU milliseconds used so far by a process (/proc). */
function cpuMs(pid: number): number {
  const { user, sys } = cpuSeconds(pid);
  return (user + sys) * 1000;
}

const median = (v: number[]) => summarize(v)!.p50;

const dataDir = mkdtempSync(path.join(os.tmpdir(), "marguerite-storagecost-"));
try {
  const db = await openDatabase({ dataDir });
  const child = Number(readFileSync(path.join(dataDir, "pglite.pid"), "utf8"));
  const sessions = new SessionRepository(db.prisma);
  const boards = new BoardRepository(db.prisma, db.driver);
  const { session, facilitator } = await sessions.create({ title: "Coût du stockage", facilitatorName: "F" });
  console.log(`medians of ${ROUNDS} rounds; server thread = this process's event loop; database = the PGlite process (pid ${child})\n`);
  console.log(`${"".padEnd(44)}${"wall".padStart(9)}${"busy".padStart(9)}${"stall".padStart(9)}${"db CPU".padStart(9)}  (ms)`);
  for (const [label, notes] of [
    ["small board (15 notes)", 15],
    ["plenary board (130 notes)", 130],
  ] as const) {
    const { snapshot, log } = board(notes);
    const folded = new Y.Doc();
    for (const u of [snapshot, ...log]) Y.applyUpdate(folded, u);
    const stateBytes = Y.encodeStateAsUpdate(folded).byteLength;
    console.log(`${label}: snapshot ${(snapshot.byteLength / 1024).toFixed(1)} KB, log ${LOG} updates (${(log.reduce((n, u) => n + u.byteLength, 0) / 1024).toFixed(1)} KB), compacted ${(stateBytes / 1024).toFixed(1)} KB`);
    const rows: Record<string, { wall: number[]; busy: number[]; stall: number[]; db: number[] }> = {};
    let warm = false;
    const measure = async (name: string, work: () => Promise<unknown>) => {
      const c0 = cpuMs(child);
      const r = await watch(work);
      if (!warm) return;
      const m = (rows[name] ??= { wall: [], busy: [], stall: [], db: [] });
      m.wall.push(r.wall);
      m.busy.push(r.busy);
      m.stall.push(r.stall);
      m.db.push(cpuMs(child) - c0);
    };
    // Round 0 warms the JIT up and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      warm = round > 0;
      const name = `${notes}-${round}`;
      const { boardId } = await boards.loadOrCreate(session.id, name);
      // The snapshot as a compaction would have left it, then the log as the writer stores it.
      await boards.append([{ boardId, data: snapshot, participantId: null }]);
      await boards.compact(boardId);
      for (let i = 0; i < log.length; i += 15) {
        const batch = log.slice(i, i + 15).map((data) => ({ boardId, data, participantId: facilitator.id }));
        await measure("append (batch of 15)", () => boards.append(batch));
      }
      await measure("load (snapshot + 500-update log)", () => boards.loadOrCreate(session.id, name));
      await measure("compact (500-update log)", () => boards.compact(boardId));
    }
    for (const [name, m] of Object.entries(rows)) {
      const dbMean = m.db.reduce((a, b) => a + b, 0) / m.db.length;
      console.log(`  ${name.padEnd(42)}${[median(m.wall), median(m.busy), median(m.stall), dbMean].map((v) => v.toFixed(2).padStart(9)).join("")}`);
    }
  }
  await db.close();
  await stopFoldThread();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
