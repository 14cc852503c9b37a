// Throwaway services for the several-process bench (--processes=N): a redis-server and a
// PostgreSQL cluster on free loopback ports, in temp folders, stopped at the end (and on any
// exit of the bench, even an error). Mirrors tests/helpers/postgres.ts and redis.ts (the
// bench does not import the tests' helpers). As root, initdb and the server run as the
// `postgres` system user (initdb refuses root). Settings as in the tests: fsync and
// full_page_writes off (a benchmark on a shared disk, not durability), synchronous_commit on.
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { onCleanup } from "./children.ts";

const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ port, host: "127.0.0.1" });
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---- Redis -------------------------------------------------------------------------------

export interface RedisService {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisService> {
  const bin = process.env.REDIS_SERVER ?? "redis-server";
  const probe = spawnSync(bin, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) throw new Error(`redis-server not found (${bin}): \`apt-get install -y redis-server\`, or set REDIS_SERVER`);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const proc: ChildProcess = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout!.on("data", (d) => (out += d));
    proc.stderr!.on("data", (d) => (out += d));
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    const forget = onCleanup(() => proc.kill("SIGKILL"));
    try {
      await Promise.race([
        waitForPort(port),
        exited.then(() => {
          throw new Error(`redis-server exited on port ${port}:\n${out.slice(-2000)}`);
        }),
      ]);
    } catch (err) {
      forget();
      proc.kill("SIGKILL");
      if (attempt >= 3) throw err;
      continue;
    }
    return {
      url: `redis://127.0.0.1:${port}`,
      pid: proc.pid!,
      async stop() {
        forget();
        if (proc.exitCode !== null || proc.signalCode !== null) return;
        proc.kill("SIGTERM");
        const t = setTimeout(() => proc.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(t);
      },
    };
  }
}

// ---- PostgreSQL --------------------------------------------------------------------------

export interface PostgresService {
  port: number;
  /** The postmaster's pid (its backends are its children). */
  pid(): number;
  /** A new empty database in the cluster (one per phase): its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function findPostgresBin(): string {
  const root = "/usr/lib/postgresql";
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  if (existsSync(root)) {
    for (const v of readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(root, v, "bin"));
  }
  const found = candidates.find((d) => existsSync(path.join(d, "initdb")) && existsSync(path.join(d, "pg_ctl")));
  if (!found) throw new Error("PostgreSQL server binaries (initdb, pg_ctl) not found: `apt-get install -y postgresql`, or set PG_BIN");
  return found;
}

export async function startPostgres(): Promise<PostgresService> {
  const bin = findPostgresBin();
  const env = { ...process.env, LC_ALL: "C", LANG: "C" };
  const asRoot = process.getuid?.() === 0;
  let prefix: string[] = [];
  let own = (_dir: string) => {};
  if (asRoot) {
    const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (uid.status !== 0 || gid.status !== 0) throw new Error("running as root without a `postgres` user (initdb refuses root): `apt-get install -y postgresql` creates it");
    prefix = ["runuser", "-u", "postgres", "--"];
    own = (dir) => chownSync(dir, Number(uid.stdout.trim()), Number(gid.stdout.trim()));
  }
  const exec = async (file: string, args: string[], timeout = 60_000) => {
    const [cmd, ...rest] = [...prefix, file, ...args];
    await run(cmd, rest, { env, timeout, cwd: "/" });
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), "marguerite-bench-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  own(dir);
  const pgCtl = path.join(bin, "pg_ctl");
  let started = false;
  let stopped = false;
  const forget = onCleanup(() => {
    if (started && !stopped) {
      const [cmd, ...rest] = [...prefix, pgCtl, "stop", "-D", dataDir, "-m", "immediate", "-w", "-t", "10"];
      spawnSync(cmd, rest, { env, stdio: "ignore", timeout: 15_000, cwd: "/" });
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const describe = (err: unknown) => {
    const e = err as { message?: string; stderr?: string };
    let text = [e.message, e.stderr].filter(Boolean).join("\n");
    if (existsSync(logFile)) text += `\n--- server log ---\n${readFileSync(logFile, "utf8").slice(-3000)}`;
    return text;
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    forget();
    try {
      if (started) await exec(pgCtl, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "30"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await exec(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]).catch((err) => {
      throw new Error(`initdb failed: ${describe(err)}`);
    });
    let port = 0;
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      const opts = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c fsync=off", "-c full_page_writes=off", "-c max_connections=200"].join(" ");
      try {
        await exec(pgCtl, ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", opts], 90_000);
        started = true;
      } catch (err) {
        if (attempt >= 3) throw new Error(`pg_ctl start failed: ${describe(err)}`);
      }
    }
    const pid = () => Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return {
      port,
      pid,
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
        const client = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE "${name}"`);
        } finally {
          await client.end();
        }
        return `postgresql://postgres@127.0.0.1:${port}/${name}`;
      },
      stop,
    };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
