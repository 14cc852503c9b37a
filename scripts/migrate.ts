// `npm run db:migrate`: applies pending migrations to the configured database and exits.
// The server does the same at start; this is for deployments that migrate separately.
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/persistence/database.ts";
import { readMigrations } from "../src/server/persistence/migrate.ts";

const config = loadConfig(process.env, { dev: false });
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const rows = await db.driver.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
const all = await readMigrations();
console.log(`${db.kind}: ${rows.length}/${all.length} migrations applied (${rows.map((r) => r.migration_name).join(", ")})`);
await db.close();
