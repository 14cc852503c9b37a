// Starts a real Marguerite server as a child process (the built app, production mode) on a
// free port with its own data folder, and tells when it is ready.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CreateSessionResponse, JoinSessionResponse, Method } from "../../src/protocol/index.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ServerHandle {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: no flush, no goodbye. */
  kill9(): Promise<void>;
}

export interface ServerOptions {
  dataDir?: string;
  env?: Record<string, string>;
  port?: number;
  startTimeoutMs?: number;
}

export function tempDir(prefix = "marguerite-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * An embedded database cluster just after initdb, made once per machine and PGlite version.
 * initdb is most of a first start (5 s on a quiet machine, 15 s on a loaded one) and every
 * test server starts on a fresh folder: they get a copy instead. The server still applies
 * every migration itself; a first start from an empty folder is what the browser tests and
 * migrations.test.ts run.
 */
async function initdbTemplate(): Promise<string> {
  const version = JSON.parse(readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8")).version as string;
  const final = path.join(os.tmpdir(), `marguerite-pglite-initdb-${version}`);
  if (existsSync(final)) return final;
  // Made aside and renamed: a folder at the final path is always complete. Two test workers
  // racing both make one; the second rename fails and its copy is dropped.
  const work = mkdtempSync(path.join(os.tmpdir(), "marguerite-pglite-initdb-work-"));
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = await PGlite.create(path.join(work, "pglite"));
    await pg.close();
    renameSync(path.join(work, "pglite"), final);
  } catch (err) {
    if (!existsSync(final)) throw err;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return final;
}

export async function startServer(opts: ServerOptions = {}): Promise<ServerHandle> {
  const dataDir = opts.dataDir ?? tempDir();
  const embedded = !(opts.env?.DATABASE_URL ?? process.env.DATABASE_URL);
  if (embedded && !existsSync(path.join(dataDir, "pglite"))) cpSync(await initdbTemplate(), path.join(dataDir, "pglite"), { recursive: true });
  // node --import tsx, not the tsx binary: tsx would run the server in a grandchild
  // process, and a SIGKILL would leave that grandchild running.
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/server/main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(opts.port ?? 0),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${out}`)), opts.startTimeoutMs ?? 60_000);
    const onData = () => {
      const m = out.match(/MARGUERITE_READY port=(\d+)/);
      if (m) {
        clearTimeout(timer);
        proc.stdout!.off("data", onData);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on("data", onData);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${out}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => {
    if (proc.exitCode !== null) resolve(proc.exitCode);
    else proc.once("exit", (code) => resolve(code));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    proc,
    output: () => out,
    async stop() {
      proc.kill("SIGTERM");
      return exited;
    },
    async kill9() {
      proc.kill("SIGKILL");
      await exited;
    },
  };
}

/**
 * A free loopback port below Linux's ephemeral range (32768+), for servers that must come
 * back on the same port: client sockets retrying in the meantime take ephemeral ports, and
 * one of them could otherwise hold the port we want to listen on again.
 */
export async function stablePort(): Promise<number> {
  const net = await import("node:net");
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

// ---- HTTP helpers used by integration tests and the benchmark --------------------------

export async function createSession(url: string, title = "Séance de test", method?: Method): Promise<CreateSessionResponse> {
  const res = await fetch(`${url}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(method ? { title, method } : { title }),
  });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateSessionResponse;
}

export async function joinSession(url: string, code: string, displayName: string): Promise<JoinSessionResponse> {
  const res = await fetch(`${url}/api/sessions/${code}/participants`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ displayName }),
  });
  if (res.status !== 201) throw new Error(`join session: ${res.status} ${await res.text()}`);
  return (await res.json()) as JoinSessionResponse;
}
