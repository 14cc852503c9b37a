// Child processes of the benchmark (the servers under test): started with plain
// `node --import tsx` (one process, so /proc/PID is the server itself, not tsx's wrapper),
// watched for readiness, measured through /proc, and never left behind.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
/** The Next.js build the servers use: NEXT_DIST_DIR (next.config.js, inherited by the servers) or .next. */
export const BUILD_DIR = process.env.NEXT_DIST_DIR || ".next";

const live = new Set<ChildProcess>();
const cleanups = new Set<() => void>();

function killAll(signal: NodeJS.Signals): void {
  for (const c of live) {
    if (c.exitCode === null && c.signalCode === null) {
      try {
        c.kill(signal);
      } catch {
        /* already gone */
      }
    }
  }
}

function runCleanups(): void {
  for (const fn of cleanups) {
    try {
      fn();
    } catch {
      /* best effort */
    }
  }
  cleanups.clear();
}

/** Synchronous work to do on any exit (temp folders). */
export function onCleanup(fn: () => void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

let installed = false;
export function installExitGuards(): void {
  if (installed) return;
  installed = true;
  process.on("exit", () => {
    killAll("SIGKILL");
    runCleanups();
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping the servers`);
      killAll("SIGKILL");
      process.exit(130);
    });
  }
  process.on("uncaughtException", (err) => {
    console.error("bench failed:", err);
    process.exit(1);
  });
  process.on("unhandledRejection", (err) => {
    console.error("bench failed:", err);
    process.exit(1);
  });
}

export interface ChildHandle {
  name: string;
  pid: number;
  proc: ChildProcess;
  port: number;
  output(): string;
  /** SIGTERM, then SIGKILL after graceMs; resolves with the exit code (or signal). */
  stop(graceMs?: number): Promise<string>;
}

export interface SpawnOptions {
  name: string;
  script: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Printed by the child once it listens; group 1 is the port. */
  ready: RegExp;
  timeoutMs?: number;
  /** Extra modules to preload (node --import) after tsx and the parent watch. */
  preload?: string[];
  /** Extra node flags for the child (e.g. --cpu-prof, which NODE_OPTIONS refuses on Node 20). */
  nodeArgs?: string[];
}

export async function startChild(opts: SpawnOptions): Promise<ChildHandle> {
  installExitGuards();
  // The bench itself may run under tsx's NODE_OPTIONS; the child gets only what we give it
  // (--server-env=NODE_OPTIONS=... reaches it).
  const env = { ...process.env, NODE_OPTIONS: undefined, ...opts.env } as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const proc = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), "--import", "tsx", "--import", path.join(ROOT, "bench/lib/parentWatch.mjs"), ...(opts.preload ?? []).flatMap((m) => ["--import", m]), opts.script, ...(opts.args ?? [])],
    // stdin is a pipe that the child watches: if the bench dies even by SIGKILL, the pipe
    // closes and the child stops itself (no orphans).
    { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] },
  );
  live.add(proc);
  proc.once("exit", () => live.delete(proc));
  let out = "";
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`${opts.name} did not start in ${opts.timeoutMs ?? 90_000} ms:\n${out}`));
    }, opts.timeoutMs ?? 90_000);
    const onData = () => {
      const m = out.match(opts.ready);
      if (m) {
        clearTimeout(timer);
        proc.stdout!.off("data", onData);
        proc.off("exit", onExit);
        resolve(Number(m[1]));
      }
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${opts.name} exited with ${code} before it was ready:\n${out}`));
    };
    proc.stdout!.on("data", onData);
    proc.once("exit", onExit);
  });
  const exited = new Promise<string>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve(String(proc.exitCode ?? proc.signalCode));
    else proc.once("exit", (code, sig) => resolve(String(code ?? sig)));
  });
  return {
    name: opts.name,
    pid: proc.pid!,
    proc,
    port,
    output: () => out,
    async stop(graceMs = 20_000) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
      const t = setTimeout(() => proc.kill("SIGKILL"), graceMs);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
  };
}

// ---- /proc -------------------------------------------------------------------------------

let clkTck = 0;
function ticksPerSecond(): number {
  if (!clkTck) {
    try {
      clkTck = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/** user and system CPU seconds of a process so far; `reaped`: of its children that ended. */
export function cpuSeconds(pid: number): { user: number; sys: number; reaped: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may contain spaces: fields are counted after the closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const tck = ticksPerSecond();
  return { user: Number(fields[11]) / tck, sys: Number(fields[12]) / tck, reaped: (Number(fields[13]) + Number(fields[14])) / tck };
}

/** VmHWM (peak resident set) and VmRSS in MB. */
export function memoryMB(pid: number): { hwm: number; rss: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN);
  return { hwm: kb("VmHWM") / 1024, rss: kb("VmRSS") / 1024 };
}

/** The process and its living descendants (Marguerite's embedded database runs in a child process). */
export function processTree(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // ended meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child);
  return tree;
}

/**
 * user+sys CPU seconds of a process and all its descendants (PostgreSQL's backends, PGlite's
 * process under Marguerite), those that ended included (their time moves to the parent's
 * count of reaped children: without it a backend closing during the window made the figure
 * go down).
 */
export function treeCpuSeconds(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const c = cpuSeconds(p);
      total += c.user + c.sys + (p === pid ? c.reaped : 0);
    } catch {
      // ended meanwhile: its time is in the parent's reaped share once waited for
    }
  }
  return total;
}

/** memoryMB summed over a server and its child processes (the sum of their peaks: an upper bound of the joint peak). */
export function treeMemoryMB(pid: number): { hwm: number; rss: number } {
  let hwm = 0;
  let rss = 0;
  for (const p of processTree(pid)) {
    try {
      const m = memoryMB(p);
      hwm += m.hwm;
      rss += m.rss;
    } catch {
      // ended meanwhile
    }
  }
  return { hwm, rss };
}

/** Busy CPU seconds of the whole machine so far (all cores, from /proc/stat). */
export function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0];
  // cpu user nice system idle iowait irq softirq steal guest guest_nice
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
  return busy / ticksPerSecond();
}

/** A `next build` running meanwhile (a shared machine) removes the build for a while: wait for it. */
export async function waitForBuild(log: (msg: string) => void, timeoutMs = 600_000): Promise<void> {
  const id = path.join(ROOT, BUILD_DIR, "BUILD_ID");
  if (existsSync(id)) return;
  log(`  no ${BUILD_DIR}/BUILD_ID (a \`next build\` running?): waiting for it`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(id)) {
    if (Date.now() > deadline) throw new Error("no Next.js build: run `npx next build` first");
    await new Promise((r) => setTimeout(r, 2000));
  }
  await new Promise((r) => setTimeout(r, 5000));
}
