// A throwaway PostgreSQL cluster for tests: initdb into a fresh temp folder, a server on a
// free loopback port with trust auth and fsync off, removed by stop(). synchronous_commit
// stays on: with fsync off a commit costs one write() to the OS cache, and an outage test's
// immediate stop must not lose what the server already reported committed (with it off, a
// board created 100 ms before the stop vanished, and the writer then dropped its updates). initdb refuses to run
// as root, so as root the cluster belongs to the `postgres` system user (Debian's package
// creates it). Missing binaries are an error, never a silent skip: scripts/test.sh installs
// them (`apt-get install -y postgresql`).
import { execFile, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./ports.ts";

const run = promisify(execFile);

export interface PostgresHandle {
  /** postgresql://postgres@127.0.0.1:PORT/marguerite_test */
  url: string;
  port: number;
  /** Creates another empty database in the same cluster and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
  /** An outage: the server stops at once (no clean shutdown), its data stays; "fast": a clean stop. */
  halt(mode?: "immediate" | "fast"): Promise<void>;
  /** Back after halt(), on the same port with the same data. */
  restart(): Promise<void>;
}

/** Where initdb and pg_ctl live: $PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(pgBin = process.env.PG_BIN, root = "/usr/lib/postgresql"): string {
  const candidates: string[] = [];
  if (pgBin) candidates.push(pgBin);
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(root, v, "bin")));
  }
  const found = candidates.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")));
  if (!found) {
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl) not found in ${candidates.length ? candidates.join(", ") : `${root}/*/bin`}. ` +
        `Install them with \`apt-get install -y postgresql\` (bash scripts/test.sh does it) or set PG_BIN to their folder.`,
    );
  }
  return found;
}

interface Runner {
  /** Runs a PostgreSQL binary as the user that owns the cluster. */
  exec(bin: string, args: string[], timeoutMs?: number): Promise<void>;
  execSync(bin: string, args: string[]): void;
  /** Gives the folder to that user. */
  own(dir: string): void;
}

function runner(): Runner {
  const env = { ...process.env, LC_ALL: "C", LANG: "C" };
  if (process.getuid?.() !== 0) {
    return {
      exec: async (bin, args, timeout = 60_000) => void (await run(bin, args, { env, timeout })),
      execSync: (bin, args) => void spawnSync(bin, args, { env, stdio: "ignore", timeout: 15_000 }),
      own: () => {},
    };
  }
  const id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (id.status !== 0 || gid.status !== 0) {
    throw new Error("running as root, and there is no `postgres` user to run the test cluster (initdb refuses root): `apt-get install -y postgresql` creates it");
  }
  const uid = Number(id.stdout.trim());
  const groupId = Number(gid.stdout.trim());
  return {
    exec: async (bin, args, timeout = 60_000) => void (await run("runuser", ["-u", "postgres", "--", bin, ...args], { env, timeout, cwd: "/" })),
    execSync: (bin, args) => void spawnSync("runuser", ["-u", "postgres", "--", bin, ...args], { env, stdio: "ignore", timeout: 15_000, cwd: "/" }),
    own: (dir) => chownSync(dir, uid, groupId),
  };
}

function describeError(err: unknown, logFile?: string): string {
  const e = err as { message?: string; stderr?: string; stdout?: string };
  let text = [e.message, e.stdout, e.stderr].filter(Boolean).join("\n");
  if (logFile && existsSync(logFile)) text += `\n--- server log ---\n${readFileSync(logFile, "utf8").slice(-4000)}`;
  return text;
}

export async function startPostgres(opts: { database?: string } = {}): Promise<PostgresHandle> {
  const bin = findPostgresBin();
  const as = runner();
  const dir = mkdtempSync(path.join(os.tmpdir(), "marguerite-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  as.own(dir);
  const pgCtl = path.join(bin, "pg_ctl");
  let started = false;
  let stopped = false;

  // If the test process dies without calling stop(), do not leave a server behind.
  const onExit = () => {
    if (started && !stopped) as.execSync(pgCtl, ["stop", "-D", dataDir, "-m", "immediate", "-w", "-t", "10"]);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", onExit);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", onExit);
    try {
      if (started) await as.exec(pgCtl, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "30"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  try {
    try {
      await as.exec(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    } catch (err) {
      throw new Error(`initdb failed: ${describeError(err)}`);
    }
    // The port is free when we look but may be taken before the server binds it: retry.
    let port = 0;
    let serverOpts = "";
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      serverOpts = [
        `-p ${port}`,
        `-k ${dir}`,
        "-c listen_addresses=127.0.0.1",
        "-c fsync=off",
        "-c full_page_writes=off",
        "-c max_connections=100",
      ].join(" ");
      try {
        await as.exec(pgCtl, ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", serverOpts], 90_000);
        started = true;
      } catch (err) {
        if (attempt >= 3) throw new Error(`pg_ctl start failed: ${describeError(err, logFile)}`);
      }
    }

    const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    let counter = 0;
    const createDatabase = async (name = `db_${process.pid}_${++counter}`) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    };
    const url = await createDatabase(opts.database ?? "marguerite_test");
    const halt = async (mode: "immediate" | "fast" = "immediate") => {
      await as.exec(pgCtl, ["stop", "-D", dataDir, "-m", mode, "-w", "-t", "30"]);
    };
    const restart = async () => {
      await as.exec(pgCtl, ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", serverOpts], 90_000);
    };
    return { url, port, createDatabase, stop, halt, restart };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
