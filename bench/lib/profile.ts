// Reads a V8 .cpuprofile (node --cpu-prof) and tells where the server's time went during
// the measured window only: self time by function and by area (package or source file),
// and inclusive time of the project's own functions (the handler parts).
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./children.ts";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  windowMs: number;
  sampledMs: number;
  idleMs: number;
  bySelfFunction: Array<{ name: string; ms: number }>;
  byArea: Array<{ name: string; ms: number }>;
  projectInclusive: Array<{ name: string; ms: number }>;
  markers: Array<{ name: string; ms: number }>;
  /** Stretches of consecutive busy samples: while one runs, every message waits. */
  longTasks: { over5ms: number; over10ms: number; over20ms: number; longest: Array<{ ms: number; areas: string }> };
}

function shortUrl(url: string): string {
  let u = url.replace(/^file:\/\//, "");
  if (u.startsWith(ROOT)) u = path.relative(ROOT, u);
  return u;
}

function area(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const u = shortUrl(url);
  const nm = u.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = u.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (u.startsWith("node:")) return u;
  if (u.startsWith(".next/")) return ".next (built app)";
  return u;
}

/** Inclusive time of functions whose name matches, wherever they are (socket.io write paths, Prisma, PGlite). */
const MARKERS: Array<[string, RegExp]> = [
  ["Y.applyUpdate", /^applyUpdate$/],
  ["Y.decodeUpdate", /^decodeUpdate$/],
  ["prisma createMany / query", /^(createMany|\$transaction|_request|request)$/],
  ["GC", /^\(garbage collector\)$/],
];

/**
 * What a busy sample is part of, for long tasks: the nearest project frame (src/), else
 * the database (PGlite, Prisma), Yjs, socket writes, GC, or the package of the leaf.
 */
function taskArea(node: ProfileNode, byId: Map<number, ProfileNode>, parent: Map<number, number>): string {
  if (node.callFrame.functionName === "(garbage collector)") return "GC";
  let pkgs = "";
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const n = byId.get(id)!;
    const url = shortUrl(n.callFrame.url);
    if (/@electric-sql\/pglite|pglite-prisma-adapter|^wasm:/.test(url)) pkgs ||= "database (PGlite)";
    else if (/@prisma\/client/.test(url)) pkgs ||= "database (Prisma)";
    else if (/node_modules\/yjs/.test(url)) pkgs ||= "yjs";
    if (url.startsWith("src/")) return pkgs ? `${pkgs} < ${url}` : `${url}`;
  }
  if (pkgs) return pkgs;
  return area(node.callFrame.url, node.callFrame.functionName);
}

export function summarizeProfile(file: string, windowStartUs: number, windowEndUs: number, top = 20): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of prof.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const key = (n: ProfileNode) => {
    const cf = n.callFrame;
    return cf.url ? `${cf.functionName || "(anonymous)"} ${shortUrl(cf.url)}:${cf.lineNumber + 1}` : cf.functionName || "(anonymous)";
  };

  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const markers = new Map<string, number>();
  let sampled = 0;
  let idle = 0;
  let t = prof.startTime;
  // Outside the window (or when the clocks disagree), fall back to the whole profile.
  const overlaps = windowStartUs < prof.endTime && windowEndUs > prof.startTime;
  const from = overlaps ? windowStartUs : prof.startTime;
  const to = overlaps ? windowEndUs : prof.endTime;

  const tasks: Array<{ ms: number; areas: Map<string, number> }> = [];
  let task: { ms: number; areas: Map<string, number> } | null = null;
  for (let i = 0; i < prof.samples.length; i++) {
    t += prof.timeDeltas[i];
    if (t < from || t > to) continue;
    // A sample stands for the time until the next one.
    const dt = (i + 1 < prof.timeDeltas.length ? prof.timeDeltas[i + 1] : 0) / 1000;
    const node = byId.get(prof.samples[i])!;
    sampled += dt;
    const fn = node.callFrame.functionName;
    if (fn === "(idle)") {
      idle += dt;
      if (task) tasks.push(task);
      task = null;
      continue;
    }
    task ??= { ms: 0, areas: new Map() };
    task.ms += dt;
    const ta = taskArea(node, byId, parent);
    task.areas.set(ta, (task.areas.get(ta) ?? 0) + dt);
    self.set(key(node), (self.get(key(node)) ?? 0) + dt);
    const a = area(node.callFrame.url, fn);
    areas.set(a, (areas.get(a) ?? 0) + dt);
    const seen = new Set<string>();
    const seenMarkers = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id)!;
      const url = shortUrl(n.callFrame.url);
      if (url.startsWith("src/")) {
        const k = key(n);
        if (!seen.has(k)) {
          seen.add(k);
          inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
        }
      }
      for (const [name, re] of MARKERS) {
        if (!seenMarkers.has(name) && re.test(n.callFrame.functionName)) {
          seenMarkers.add(name);
          markers.set(name, (markers.get(name) ?? 0) + dt);
        }
      }
    }
  }
  const sorted = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10 }));
  if (task) tasks.push(task);
  tasks.sort((a, b) => b.ms - a.ms);
  const longTasks = {
    over5ms: tasks.filter((x) => x.ms > 5).length,
    over10ms: tasks.filter((x) => x.ms > 10).length,
    over20ms: tasks.filter((x) => x.ms > 20).length,
    longest: tasks.slice(0, 8).map((x) => ({
      ms: Math.round(x.ms * 10) / 10,
      areas: [...x.areas.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(", "),
    })),
  };
  return {
    file,
    longTasks,
    windowMs: (to - from) / 1000,
    sampledMs: Math.round(sampled),
    idleMs: Math.round(idle),
    bySelfFunction: sorted(self, top),
    byArea: sorted(areas, top),
    projectInclusive: sorted(inclusive, top),
    markers: sorted(markers, MARKERS.length),
  };
}

export function printProfile(s: ProfileSummary, title: string): void {
  const busy = s.sampledMs - s.idleMs;
  console.log(`\nCPU profile of the ${title} (${shortUrl(s.file)}), measured window ${(s.windowMs / 1000).toFixed(1)} s: busy ${busy} ms, idle ${s.idleMs} ms`);
  const list = (title: string, rows: Array<{ name: string; ms: number }>) => {
    console.log(`  ${title}`);
    for (const r of rows) console.log(`    ${r.ms.toFixed(0).padStart(7)} ms ${((100 * r.ms) / Math.max(1, busy)).toFixed(1).padStart(5)}%  ${r.name}`);
  };
  list("self time by area:", s.byArea);
  list("self time by function:", s.bySelfFunction);
  list("inclusive time of project functions (src/):", s.projectInclusive);
  list("inclusive time of markers:", s.markers);
  const lt = s.longTasks;
  console.log(`  busy stretches (the loop answers nothing meanwhile): ${lt.over5ms} over 5 ms, ${lt.over10ms} over 10 ms, ${lt.over20ms} over 20 ms; longest:`);
  for (const x of lt.longest) console.log(`    ${x.ms.toFixed(1).padStart(7)} ms  ${x.areas}`);
}
