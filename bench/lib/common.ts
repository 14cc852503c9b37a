// What every bench script shares: its numeric flags, the table's number formats, the commit
// it measured, medians over several runs, and the servers' logs kept after a run.
import { mkdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ROOT, type ChildHandle } from "./children.ts";

/** `--name=V` or `BENCH_NAME` (dashes as underscores), a number >= 0. */
export function flag(name: string, fallback: number): number {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  const env = process.env[`BENCH_${name.toUpperCase().replace(/-/g, "_")}`];
  const v = Number(a ? a.slice(a.indexOf("=") + 1) : (env ?? fallback));
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number`);
  return v;
}

export const fmt = (v: number | undefined | null, digits = 2) => (v === undefined || v === null || !Number.isFinite(v) ? "-" : v.toFixed(digits));
export const ratio = (m: number | undefined | null, b: number | undefined | null) => (m != null && b != null && b > 0 ? m / b : null);

export function median(values: number[]): number {
  const a = values.slice().sort((x, y) => x - y);
  const m = Math.floor(a.length / 2);
  return a.length === 0 ? NaN : a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

export function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }).toString().trim();
  } catch {
    return "unknown";
  }
}

/**
 * Median of each number over several runs of the same shape (a run's result object);
 * arrays (samples, worst seconds) are the first run's, or dropped with `arrays: "drop"`.
 */
export function medianOf(values: unknown[], arrays: "first" | "drop" = "first"): unknown {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return values[0];
  if (present.every((v) => typeof v === "number")) return median(present as number[]);
  if (present.some((v) => Array.isArray(v))) return arrays === "drop" ? [] : present[0];
  if (present.every((v) => typeof v === "object")) {
    const out: Record<string, unknown> = {};
    for (const k of new Set(present.flatMap((v) => Object.keys(v as object)))) out[k] = medianOf(present.map((v) => (v as Record<string, unknown>)[k]), arrays);
    return out;
  }
  return present[0];
}

/** The server's output, kept in .tmp/bench-logs/ for a look after the run. */
export function saveLog(name: string, server: ChildHandle): void {
  try {
    const dir = path.join(ROOT, ".tmp/bench-logs");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${name}-${server.pid}.log`), server.output());
  } catch {
    /* best effort */
  }
}
