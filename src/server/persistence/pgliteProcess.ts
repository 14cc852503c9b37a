// The server's handle on PGlite running in a child process (pgliteChild.mjs). It offers the
// part of PGlite's API that the Prisma adapter and our driver use (query, exec,
// transaction), so Prisma works unchanged while the database's CPU and fsyncs happen outside
// the server. Operations run one at a time; a transaction holds the line until it ends.
//
// Why a process and not a worker thread: on these machines (Linux with DAMON reclaiming cold
// memory), PGlite's ~900 MB, mostly idle, inside the server's process made the server's own
// thread stall 10-30 ms every second; a bare socket.io server holding the same memory in a
// worker thread went from p99 3.4 to 19 ms, in a child process it stayed at 4.6 ms (bench
// README, 2026-12-06). Rows cross the pipe by structured clone, bytea as Uint8Array.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { messages, types, type PGlite, type Results } from "@electric-sql/pglite";

type Parsers = Record<string | number, (value: string, typeId: number) => unknown>;
interface QueryOptions {
  rowMode?: "array" | "object";
  parsers?: Parsers;
}
interface RawResult {
  rows: unknown[][];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: Record<string, unknown> & { message: string } };

export interface PGliteLike {
  readonly closed: boolean;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
  transaction<T>(fn: (tx: PGliteTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
export interface PGliteTx {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

export class PGliteProcess implements PGliteLike {
  private child: ChildProcess;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private line: Promise<unknown> = Promise.resolve();
  private _closed = false;

  private constructor(child: ChildProcess) {
    this.child = child;
    child.on("message", (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(toError(m.error));
    });
    child.on("exit", (code, signal) => {
      const err = new Error(`the database process ended (${signal ?? `code ${code}`})`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  /** Starts the database process and waits until the database is open (`dataDir` undefined: in memory). */
  static async open(dataDir?: string): Promise<PGliteProcess> {
    // Plain node, no inherited --import hooks or flags: the child is plain JavaScript.
    const child = fork(fileURLToPath(new URL("./pgliteChild.mjs", import.meta.url)), dataDir ? [dataDir] : [], {
      execArgv: [],
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the database process ended before opening (code ${code})`));
      child.once("error", reject);
      child.once("exit", onExit);
      child.on("message", function onMessage(m: { ready?: boolean }) {
        if (!m.ready) return;
        child.off("message", onMessage);
        child.off("error", reject);
        child.off("exit", onExit);
        resolve();
      });
    });
    return new PGliteProcess(child);
  }

  private get ended(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  get closed(): boolean {
    return this._closed;
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.inLine(() => this.rawQuery<T>(sql, params, options));
  }

  exec(sql: string, options?: QueryOptions): Promise<Results[]> {
    return this.inLine(() => this.rawExec(sql, options));
  }

  transaction<T>(fn: (tx: PGliteTx) => Promise<T>): Promise<T> {
    return this.inLine(async () => {
      let ended = false;
      let rolledBack = false;
      const tx: PGliteTx = {
        query: (sql, params, options) => this.rawQuery(sql, params, options),
        exec: (sql, options) => this.rawExec(sql, options),
        rollback: async () => {
          rolledBack = true;
        },
        get closed() {
          return ended;
        },
      };
      await this.rawExec("BEGIN");
      try {
        const result = await fn(tx);
        await this.rawExec(rolledBack ? "ROLLBACK" : "COMMIT");
        return result;
      } catch (err) {
        await this.rawExec("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        ended = true;
      }
    });
  }

  async close(): Promise<void> {
    if (this._closed) return;
    const gone = this.ended ? Promise.resolve() : new Promise<void>((r) => this.child.once("exit", () => r()));
    await this.inLine(() => this.call("close", {})).catch(() => {});
    this._closed = true;
    // The child leaves once its pipe is closed (after closing the database, see pgliteChild.mjs).
    if (this.child.connected) this.child.disconnect();
    await gone;
  }

  private inLine<T>(job: () => Promise<T>): Promise<T> {
    if (this._closed) return Promise.reject(new Error("database closed"));
    const run = this.line.then(job, job);
    this.line = run.catch(() => {});
    return run;
  }

  private async rawQuery<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    const r = (await this.call("query", { sql, params: params ?? [] })) as RawResult;
    return parseResult<T>(r, options);
  }

  private async rawExec(sql: string, options?: QueryOptions): Promise<Results[]> {
    const rs = (await this.call("exec", { sql })) as RawResult[];
    return rs.map((r) => parseResult(r, options));
  }

  private call(op: string, body: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.ended || !this.child.connected) return reject(new Error("the database process has ended"));
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, op, ...body });
    });
  }
}

function parseResult<T>(r: RawResult, options?: QueryOptions): Results<T> {
  const parsers = options?.parsers;
  // bytea arrives as bytes (pgliteChild.mjs decodes it): the same Uint8Array any caller's parser
  // would have made, without a string per byte on this thread.
  const rows = r.rows.map((row) => row.map((v, i) => (v instanceof Uint8Array ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : types.parseType(v as string, r.fields[i].dataTypeID, parsers as never))));
  const out = options?.rowMode === "array" ? rows : rows.map((row) => Object.fromEntries(r.fields.map((f, i) => [f.name, row[i]])));
  return { rows: out as T[], fields: r.fields, affectedRows: r.affectedRows } as Results<T>;
}

/** Database errors become PGlite's own DatabaseError again, which the Prisma adapter maps to P2002 etc. */
function toError(e: Record<string, unknown> & { message: string }): Error {
  if (e.isDatabaseError) {
    const err = new messages.DatabaseError(e.message, Number(e.length ?? 0), "error") as unknown as Error & Record<string, unknown>;
    for (const [k, v] of Object.entries(e)) if (k !== "isDatabaseError" && k !== "message" && k !== "name" && k !== "length") err[k] = v;
    return err;
  }
  const err = new Error(e.message);
  err.name = String(e.name ?? "Error");
  return err;
}

export type { PGlite };
