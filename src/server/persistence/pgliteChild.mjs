// Runs the embedded PostgreSQL (PGlite, WebAssembly) in a child process of the server. Its
// queries and file writes are synchronous, so it cannot share the event loop; and it is not a
// worker thread either: its memory (300-800 MB), mostly idle, in the server's own process made
// every socket wait (see pgliteProcess.ts). Plain JavaScript so that it needs no TypeScript
// loader.
import { existsSync, readFileSync, renameSync, writeFileSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite, types } from "@electric-sql/pglite";

// bytea crosses the pipe as bytes, converted here with Buffer's hex codec: PGlite's own
// bytea serializer and parser make a JavaScript string per byte (65 ms for a 143 KB board
// state, 12 ms to read back 600 log rows, against 1-2 ms), which stalled this process's
// queue on every compaction and, on the server's side, its event loop.
const BYTEA = 17;
function byteaToText(value) {
  if (!(value instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
  return "\\x" + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex");
}
function byteaFromText(text) {
  if (!text.startsWith("\\x")) return byteaFromEscape(text);
  const bytes = new Uint8Array((text.length - 2) >> 1);
  Buffer.from(bytes.buffer).write(text.slice(2), "hex");
  return bytes;
}
/** `bytea_output = escape` (PGlite's own parser reads only hex): `\\` or `\ooo` (octal), else the byte itself. */
function byteaFromEscape(text) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "\\") {
      out.push(text.charCodeAt(i));
      i += 1;
    } else if (text[i + 1] === "\\") {
      out.push(92);
      i += 2;
    } else {
      out.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 4;
    }
  }
  return Uint8Array.from(out);
}

// Other values come back as PostgreSQL's text: the server parses them with the parsers its
// caller asked for (functions cannot cross a process boundary).
const RAW = Object.fromEntries(
  Object.keys(types.parsers)
    .filter((k) => /^\d+$/.test(k))
    .map((oid) => [oid, (x) => x]),
);
RAW[BYTEA] = byteaFromText;

function plainError(err) {
  const out = { message: String(err?.message ?? err), name: err?.name ?? "Error" };
  if (err && typeof err === "object") {
    for (const [k, v] of Object.entries(err)) if (typeof v !== "function" && typeof v !== "object") out[k] = v;
  }
  out.isDatabaseError = err?.constructor?.name === "DatabaseError" || typeof err?.code === "string";
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

// The server decides when the database closes: Ctrl-C reaches the whole process group, and
// the server still has updates to flush when it does.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});

const dataDir = process.argv[2] || undefined;

// A fresh data folder is initialised by a process of its own (this file with `--init`).
// PGlite builds a new cluster with a second instance, and about 500 MB of memory stay in the
// process after it closes: this process, which lives as long as the server, held 800 MB on
// a new installation against 280 MB once restarted. The cluster is built in a folder beside
// the data folder and moved into place whole, so a start cut short leaves no half cluster.
if (process.argv[3] === "--init") {
  const pg = await PGlite.create({ dataDir });
  await pg.close();
  process.exit(0);
}
async function initialiseApart(dir) {
  const building = `${dir}.init-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), building, "--init"], { stdio: ["ignore", "inherit", "inherit"] });
  const [code, signal] = await once(child, "exit");
  if (code !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(`initialising the database in ${dir} failed (${signal ?? `exit code ${code}`})`);
  }
  try {
    // rename(2) replaces an empty directory: a data folder someone created empty is fine.
    renameSync(building, dir);
  } catch (err) {
    rmSync(building, { recursive: true, force: true });
    throw err;
  }
}
// One process at a time on a data folder: after a `kill -9` of a server, its database process
// may still be finishing its last write when the next server starts.
const lock = dataDir ? path.join(path.dirname(dataDir), "pglite.pid") : null;
if (lock && existsSync(lock)) {
  const previous = Number(readFileSync(lock, "utf8"));
  const until = Date.now() + 30_000;
  while (previous && previous !== process.pid && alive(previous) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}
if (lock) writeFileSync(lock, String(process.pid));

if (dataDir && !existsSync(path.join(dataDir, "PG_VERSION"))) await initialiseApart(dataDir);

const pg = await PGlite.create({ dataDir, serializers: { [BYTEA]: byteaToText } });
let closing = null;
const close = () =>
  (closing ??= (async () => {
    if (!pg.closed) await pg.close();
    if (lock) rmSync(lock, { force: true });
  })());

process.on("message", async (msg) => {
  const { id, op } = msg;
  try {
    let result = null;
    if (op === "query") {
      const r = await pg.query(msg.sql, msg.params ?? [], { rowMode: "array", parsers: RAW });
      result = { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
    } else if (op === "exec") {
      const rs = await pg.exec(msg.sql, { rowMode: "array", parsers: RAW });
      result = rs.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
    } else if (op === "close") {
      await close();
    } else {
      throw new Error(`unknown operation ${op}`);
    }
    if (process.connected) process.send({ id, ok: true, result });
  } catch (err) {
    if (process.connected) process.send({ id, ok: false, error: plainError(err) });
  }
});

// The server is gone (ended, or killed): finish what is under way, close the files, leave.
process.on("disconnect", () => void close().finally(() => process.exit(0)));

process.send({ ready: true });
