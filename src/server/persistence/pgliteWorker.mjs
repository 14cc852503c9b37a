// Runs the embedded PostgreSQL (PGlite, WebAssembly) in a worker thread: its queries and
// file writes are synchronous, and on the main thread they would stall every socket.
// Plain JavaScript so that the worker needs no TypeScript loader. See pgliteThread.ts.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, types } from "@electric-sql/pglite";

// Values come back as PostgreSQL's text: the main thread parses them with the parsers its
// caller asked for (functions cannot cross a thread boundary).
const RAW = Object.fromEntries(
  Object.keys(types.parsers)
    .filter((k) => /^\d+$/.test(k))
    .map((oid) => [oid, (x) => x]),
);

function plainError(err) {
  const out = { message: String(err?.message ?? err), name: err?.name ?? "Error" };
  if (err && typeof err === "object") {
    for (const [k, v] of Object.entries(err)) if (typeof v !== "function" && typeof v !== "object") out[k] = v;
  }
  out.isDatabaseError = err?.constructor?.name === "DatabaseError" || typeof err?.code === "string";
  return out;
}

const pg = await PGlite.create(workerData.dataDir ?? undefined);

parentPort.on("message", async (msg) => {
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
      if (!pg.closed) await pg.close();
    } else {
      throw new Error(`unknown operation ${op}`);
    }
    parentPort.postMessage({ id, ok: true, result });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, error: plainError(err) });
  }
});

parentPort.postMessage({ ready: true });
