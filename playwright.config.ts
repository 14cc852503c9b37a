// Browser tests against the production build (run `npx next build` first; scripts/test.sh
// does). Debian's chromium, no browser download. The server gets a fresh data folder.
import { defineConfig, devices } from "@playwright/test";
import { mkdirSync, mkdtempSync } from "node:fs";
import path from "node:path";

const PORT = Number(process.env.MARGUERITE_E2E_PORT ?? 3311);
const root = import.meta.dirname;
mkdirSync(path.join(root, ".tmp"), { recursive: true });
// Computed once in the main process; workers inherit it through the environment.
process.env.MARGUERITE_E2E_DATA ??= mkdtempSync(path.join(root, ".tmp", "e2e-data-"));

export default defineConfig({
  testDir: "tests/e2e",
  // Screenshots are a tool to look at the pages, not a test: `npm run screens`.
  testIgnore: process.env.MARGUERITE_SCREENS ? [] : ["**/screens*.spec.ts"],
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // A test that passes in 10 s on a quiet machine took four or five times that on a loaded
  // CI run (load average 16 on 2 cores); a limit only costs time when a test hangs.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  forbidOnly: Boolean(process.env.CI),
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    ...devices["Desktop Chrome"],
    viewport: { width: 1366, height: 768 },
    locale: "fr-FR",
    // The DOM snapshots of a failed test, not its screencast: the screenshots cost a fifth of
    // the e2e time (boardTools + clusters: 78 s with them, 61 s without, 66 s with no trace at all).
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: false },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node --import tsx src/server/main.ts",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR: process.env.MARGUERITE_E2E_DATA,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // The build the tests run against (`NEXT_DIST_DIR=.next-x npx next build` for a parallel run).
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next",
    },
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
