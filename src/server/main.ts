// Entry point: `npm start` (production) or `npm run dev`.
import "./quietDebug.ts"; // first: before socket.io loads
import { ConfigError, loadConfig } from "./config.ts";
import { startMarguerite } from "./app.ts";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const dev = process.argv.includes("--dev");

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { dev });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const app = await startMarguerite(config);
  const shown = config.publicUrl ?? `http://localhost:${app.port}`;
  console.log(`Marguerite is ready on ${shown} (database: ${app.db.kind === "pglite" ? `embedded, ${config.dataDir}` : "PostgreSQL"})`);
  // Machine-readable line for tests and scripts that start the server on port 0.
  console.log(`MARGUERITE_READY port=${app.port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing rooms and saving...`);
    const timer = setTimeout(() => {
      console.error("shutdown took too long, exiting");
      process.exit(1);
    }, 30_000);
    timer.unref();
    await app.close();
    console.log("bye");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

// The stack as text: Next.js's console hides the frames of node_modules in an Error it prints,
// and those are the frames that tell which library rejected.
process.on("unhandledRejection", (err) =>
  console.error("[marguerite] unhandled rejection:", err instanceof Error ? `${err.constructor.name} ${JSON.stringify(err.message)} ${err.stack ?? ""}` : err),
);
main().catch((err) => {
  console.error("Marguerite failed to start:", err);
  process.exit(1);
});
