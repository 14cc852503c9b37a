import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          environment: "node",
          // No timing in unit tests (speed lives in the bench): the seeded fuzz tests take 2-3 s on
          // a quiet machine and three times that beside a browser run; 5 s failed them on a loaded one.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Tests that start their own servers (a restart, a second process) need it on a loaded CI machine.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file starts its own servers; two at a time fits 2 cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
