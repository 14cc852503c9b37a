// The embedded database's process (src/server/persistence/pgliteProcess.ts): queries,
// transactions and bytes cross the pipe intact; closing ends the process and frees its data
// folder; a database process that dies fails the queries with a clear error, never a hang.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PGliteProcess } from "../../src/server/persistence/pgliteProcess.ts";
import { waitFor } from "../helpers/clients.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "marguerite-pglite-process-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A data folder as database.ts makes it (the lock file goes beside it). */
function dataFolder(name: string): { dir: string; data: string } {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, "pglite"), { recursive: true });
  return { dir, data: path.join(dir, "pglite") };
}

/** The database process's pid, from the lock file it writes beside its data folder. */
const childPid = (dir: string) => Number(readFileSync(path.join(dir, "pglite.pid"), "utf8"));

describe("PGlite in a child process", () => {
  it("keeps what was committed across a close and a reopen; a failed transaction leaves nothing", async () => {
    const { dir, data } = dataFolder("a");
    const bytes = new Uint8Array([0, 1, 127, 128, 255]);
    const db = await PGliteProcess.open(data);
    await db.exec("CREATE TABLE t (id int PRIMARY KEY, data bytea)");
    await db.query("INSERT INTO t VALUES ($1, $2)", [1, bytes]);
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES ($1, $2)", [2, bytes]);
        await tx.query("INSERT INTO t VALUES ($1, $2)", [1, bytes]); // duplicate key
      }),
    ).rejects.toThrow(/duplicate key/);
    const pid = childPid(dir);
    await db.close();
    expect(alive(pid)).toBe(false);
    expect(existsSync(path.join(dir, "pglite.pid"))).toBe(false);

    const again = await PGliteProcess.open(data);
    const { rows } = await again.query<{ id: number; data: Uint8Array }>("SELECT id, data FROM t ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual([1]);
    expect([...rows[0].data]).toEqual([...bytes]);
    await again.close();
  });

  it("stores and reads back bytea byte for byte, whatever its size and PostgreSQL's output format", async () => {
    const { data } = dataFolder("bytes");
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    const large = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256);
    const values = [every, new Uint8Array(0), large, every.subarray(250, 256)];
    const db = await PGliteProcess.open(data);
    await db.exec("CREATE TABLE t (id int PRIMARY KEY, data bytea)");
    for (const [i, v] of values.entries()) await db.query("INSERT INTO t VALUES ($1, $2)", [i, v]);
    await db.query("INSERT INTO t VALUES ($1, $2)", [9, null]);
    // What the database holds, judged by the database itself (not only a round trip).
    const md5 = (v: Uint8Array) => createHash("md5").update(v).digest("hex");
    const { rows: held } = await db.query<{ id: number; n: number; sum: string }>("SELECT id, length(data) AS n, md5(data) AS sum FROM t WHERE data IS NOT NULL ORDER BY id");
    expect(held).toEqual(values.map((v, id) => ({ id, n: v.byteLength, sum: md5(v) })));
    for (const format of ["hex", "escape"]) {
      await db.exec(`SET bytea_output = '${format}'`);
      const { rows } = await db.query<{ id: number; data: Uint8Array | null }>("SELECT id, data FROM t ORDER BY id");
      expect(rows.map((r) => r.data?.constructor.name ?? null)).toEqual(["Uint8Array", "Uint8Array", "Uint8Array", "Uint8Array", null]);
      expect(rows.map((r) => (r.data ? md5(r.data) : null))).toEqual([...values.map(md5), null]);
      const [viaExec] = await db.exec("SELECT data FROM t WHERE id = 0");
      expect([...(viaExec.rows[0] as { data: Uint8Array }).data]).toEqual([...every]);
    }
    await db.close();
  });

  it("fails queries with a clear error once its process has died, and still closes", async () => {
    const { dir, data } = dataFolder("b");
    const db = await PGliteProcess.open(data);
    await db.exec("CREATE TABLE t (id int)");
    const pid = childPid(dir);
    process.kill(pid, "SIGKILL");
    await waitFor(() => !alive(pid));
    await expect(db.query("SELECT 1")).rejects.toThrow(/database process (has )?ended/);
    await expect(db.close()).resolves.toBeUndefined();
  });

  it("builds a new cluster beside the data folder and moves it in whole, leaving nothing else", async () => {
    const { dir, data } = dataFolder("fresh");
    // A leftover of a start cut short, as a crashed earlier start could leave it.
    mkdirSync(`${data}.init-1`);
    const db = await PGliteProcess.open(data);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class")).rows[0].n).toBeGreaterThan(100);
    await db.close();
    expect(existsSync(path.join(data, "PG_VERSION"))).toBe(true);
    // Only the data folder and the (stale) leftover we made; this start's own work folder is gone.
    expect(readdirSync(dir).sort()).toEqual(["pglite", "pglite.init-1"]);
    const again = await PGliteProcess.open(data);
    expect((await again.query<{ n: number }>("SELECT 1 AS n")).rows[0].n).toBe(1);
    await again.close();
  });

  it("refuses to start when the new cluster cannot be moved in, and leaves no work folder", async () => {
    const { data } = dataFolder("blocked");
    rmSync(data, { recursive: true });
    // The data folder is a file: the new cluster cannot be moved there.
    writeFileSync(data, "not a folder");
    await expect(PGliteProcess.open(data)).rejects.toThrow(/ended before opening/);
    expect(readdirSync(path.dirname(data)).filter((f) => f.includes(".init-"))).toEqual([]);
  });
});
