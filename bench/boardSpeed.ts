// `npm run bench -- --only=board`: a board of 500 notes in 40 clusters in headless chromium
// (Debian's), against the production server. Measures (bench/README.md says how):
//   - load: navigation start to 500 notes on screen with the main thread free again;
//   - drag: main-thread work per frame while a note is dragged (event handlers, then style,
//     layout and paint of the frame), and the interval between frames;
//   - remote: a note dropped on one screen, until its new position is on a second screen.
import os from "node:os";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { ROOT, onCleanup, startChild } from "./lib/children.ts";
import { seedBoard, type SeedCluster } from "./lib/seedBoard.ts";
import type { CreateSessionResponse } from "../src/protocol/index.ts";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface BoardSpeedResult {
  notes: number;
  clusters: number;
  loadMs: number[];
  loadMedianMs: number;
  frameWorkMedianMs: number;
  frameWorkP95Ms: number;
  frameIntervalMedianMs: number;
  frames: number;
  remoteMedianMs: number;
  remoteMaxMs: number;
  remoteSamples: number;
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const WORDS = ["permis", "bus", "logement", "loyer", "crèche", "santé", "dettes", "formation", "confiance", "mobilité", "horaires", "papiers", "langue", "numérique", "partenaires"];

function spec(notes: number, clusters: number): SeedCluster[] {
  const out: SeedCluster[] = [];
  const colors = [null, "yellow", "green", "blue", "pink", "orange", "purple"] as const;
  for (let c = 0; c < clusters; c++) {
    const size = Math.floor(notes / clusters) + (c < notes % clusters ? 1 : 0);
    out.push({
      name: `Famille ${c + 1} : ${WORDS[c % WORDS.length]}`,
      color: colors[c % colors.length],
      notes: Array.from({ length: size }, (_, i) => `Note ${c + 1}.${i + 1} : ${WORDS[(c + i) % WORDS.length]} et ${WORDS[(c * 3 + i) % WORDS.length]}, une idée du groupe`),
    });
  }
  return out;
}

async function openRoom(browser: Browser, base: string, s: CreateSessionResponse): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "fr-FR", baseURL: base });
  // The share panel closed, as a facilitator would after people joined.
  await context.addInitScript((code) => window.localStorage.setItem(`marguerite:share-open:${code}`, "0"), s.code);
  return context.newPage();
}

/** Navigation start to: 500 notes in the DOM, a frame painted, and a task run after it. */
async function load(page: Page, url: string, notes: number): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction((n) => document.querySelectorAll("[data-note-id]").length >= n, notes, { polling: "raf", timeout: 30_000 });
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve(performance.now());
          ch.port2.postMessage(0);
        }),
      ),
  );
}

async function drag(page: Page): Promise<{ work: number[]; intervals: number[] }> {
  // A note near the middle of the screen, inside its cluster.
  const target = page.locator("[data-note-id]").nth(7);
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  await page.evaluate(() => {
    const w = window as unknown as { __frames: { work: number[]; intervals: number[] }; __pending: { start: number; handled: number } | null };
    w.__frames = { work: [], intervals: [] };
    w.__pending = null;
    let last = 0;
    // Bubbling listener on document: runs after React's (on the root), so `handled` is the end of the handlers.
    document.addEventListener("pointermove", (e) => {
      const start = e.timeStamp;
      const handled = performance.now();
      if (w.__pending) return; // one frame may take several moves: the first one counts from its start
      w.__pending = { start, handled };
      requestAnimationFrame((t) => {
        if (last) w.__frames.intervals.push(t - last);
        last = t;
        const rafStart = performance.now();
        // Runs after this frame's style, layout and paint.
        setTimeout(() => {}, 0);
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          const p = w.__pending!;
          w.__frames.work.push(p.handled - p.start + (performance.now() - rafStart));
          w.__pending = null;
        };
        ch.port2.postMessage(0);
      });
    });
  });
  const x0 = box.x + box.width / 2;
  const y0 = box.y + 12;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 150; i++) {
    await page.mouse.move(x0 + Math.sin(i / 10) * 120, y0 + (i % 50) * 3);
  }
  await page.mouse.move(x0 + 2, y0 + 2);
  await page.mouse.up();
  return page.evaluate(() => (window as unknown as { __frames: { work: number[]; intervals: number[] } }).__frames);
}

async function remote(a: Page, b: Page, samples: number): Promise<number[]> {
  // Nothing selected (a selected note's toolbar could cover the note to drag).
  await a.getByTestId("board-search").click();
  const id = (await a.locator("[data-note-id]").nth(2).getAttribute("data-note-id"))!;
  // By id, not by position: a dropped note comes to the front, so the third element of the
  // list is another note after a few drops (the "lost drops" of earlier runs were that).
  const note = a.locator(`[data-note-id="${id}"]`);
  await a.evaluate(() => {
    document.addEventListener("pointerup", (e) => ((window as unknown as { __upAt: number }).__upAt = performance.timeOrigin + e.timeStamp), true);
  });
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const seen = b.evaluate(
      (noteId) =>
        new Promise<number>((resolve) => {
          const el = document.querySelector(`[data-note-id="${noteId}"]`)!;
          const obs = new MutationObserver(() => {
            obs.disconnect();
            resolve(performance.timeOrigin + performance.now());
          });
          obs.observe(el, { attributes: true, attributeFilter: ["data-x", "data-y"] });
          setTimeout(() => resolve(NaN), 5000);
        }),
      id,
    );
    await note.scrollIntoViewIfNeeded();
    const box = (await note.boundingBox())!;
    const dx = i % 2 === 0 ? 12 : -12;
    await a.mouse.move(box.x + box.width / 2, box.y + 12);
    await a.mouse.down();
    await a.mouse.move(box.x + box.width / 2 + dx / 2, box.y + 14, { steps: 2 });
    await a.mouse.move(box.x + box.width / 2 + dx, box.y + 16, { steps: 2 });
    await a.mouse.up();
    const at = await seen;
    const up = await a.evaluate(() => (window as unknown as { __upAt: number }).__upAt);
    if (Number.isNaN(at)) {
      const ax = await note.getAttribute("data-x");
      const bx = await b.locator(`[data-note-id="${id}"]`).getAttribute("data-x");
      console.log(`[board] remote: the drop never reached the other screen within 5 s (here x=${ax}, there x=${bx}); stopping this measure`);
      break;
    }
    out.push(at - up);
    await a.getByTestId("board-search").click();
    await a.waitForTimeout(150);
  }
  return out;
}

export async function runBoardSpeed(opts: { notes?: number; clusters?: number; loads?: number; log?: (s: string) => void } = {}): Promise<BoardSpeedResult> {
  const notes = opts.notes ?? 500;
  const clusterCount = opts.clusters ?? 40;
  const log = opts.log ?? console.log;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "marguerite-board-bench-"));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const server = await startChild({
    name: "marguerite",
    script: path.join(ROOT, "src/server/main.ts"),
    ready: /MARGUERITE_READY port=(\d+)/,
    env: { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: undefined, REDIS_URL: undefined },
  });
  const base = `http://127.0.0.1:${server.port}`;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const res = await fetch(`${base}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Banc d'essai : 500 notes" }) });
    if (res.status !== 201) throw new Error(`create session: ${res.status}`);
    const s = (await res.json()) as CreateSessionResponse;
    const t0 = Date.now();
    await seedBoard(base, s.code, s.facilitatorToken, s.participantId, { clusters: spec(notes, clusterCount), boardWidth: 4000 });
    log(`[board] ${notes} notes in ${clusterCount} clusters written and stored in ${Date.now() - t0} ms`);

    const url = `/s/${s.code}#cle=${s.facilitatorToken}`;
    const a = await openRoom(browser, base, s);
    const loads: number[] = [];
    for (let i = 0; i < (opts.loads ?? 3); i++) loads.push(await load(a, i === 0 ? url : `/s/${s.code}`, notes));
    log(`[board] loads (ms): ${loads.map((v) => v.toFixed(0)).join(", ")}`);

    const frames = await drag(a);
    log(`[board] drag: ${frames.work.length} frames`);

    // The second screen: a participant who joined with the code.
    const b = await openRoom(browser, base, s);
    await b.goto(`/rejoindre/${s.code}`);
    await b.getByLabel("Votre prénom").fill("Banc");
    await b.getByRole("button", { name: "Entrer dans la séance" }).click();
    await b.waitForFunction((n) => document.querySelectorAll("[data-note-id]").length >= n, notes, { polling: "raf", timeout: 30_000 });
    const lat = await remote(a, b, 15);
    log(`[board] remote (ms): ${lat.map((v) => v.toFixed(1)).join(", ")}`);
    return {
      notes,
      clusters: clusterCount,
      loadMs: loads,
      loadMedianMs: median(loads),
      frameWorkMedianMs: median(frames.work),
      frameWorkP95Ms: quantile(frames.work, 0.95),
      frameIntervalMedianMs: median(frames.intervals),
      frames: frames.work.length,
      remoteMedianMs: median(lat),
      remoteMaxMs: lat.length ? Math.max(...lat) : NaN,
      remoteSamples: lat.length,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export function reportBoard(r: BoardSpeedResult): void {
  const ok = (b: boolean) => (b ? "PASS" : "FAIL");
  console.log("");
  console.log(`Board of ${r.notes} notes in ${r.clusters} clusters, headless chromium 1366x768`);
  console.log(`| | measured | goal | |`);
  console.log(`|---|---|---|---|`);
  console.log(`| load to interactive, median of ${r.loadMs.length} (${r.loadMs.map((v) => v.toFixed(0)).join(" / ")} ms) | ${r.loadMedianMs.toFixed(0)} ms | < 1500 ms | ${ok(r.loadMedianMs < 1500)} |`);
  console.log(`| drag: main-thread work per frame, median (p95) over ${r.frames} frames | ${r.frameWorkMedianMs.toFixed(1)} ms (${r.frameWorkP95Ms.toFixed(1)}) | < 16 ms | ${ok(r.frameWorkMedianMs < 16)} |`);
  console.log(`| drag: frame interval, median | ${r.frameIntervalMedianMs.toFixed(1)} ms | | |`);
  console.log(
    r.remoteSamples
      ? `| a drop seen on the other screen, median (max) of ${r.remoteSamples} | ${r.remoteMedianMs.toFixed(1)} ms (${r.remoteMaxMs.toFixed(1)}) | < 100 ms | ${ok(r.remoteMaxMs < 100)} |`
      : `| a drop seen on the other screen | not seen within 5 s | < 100 ms | FAIL |`,
  );
  console.log(`BENCH_BOARD_JSON ${JSON.stringify(r)}`);
}
