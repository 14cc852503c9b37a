// Opens the database: embedded PGlite in the data folder by default, a PostgreSQL server
// when DATABASE_URL is set. Same schema, same migrations, same Prisma client.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { applyMigrations, type SqlDriver } from "./migrate.ts";
import { PGliteProcess, type PGliteLike } from "./pgliteProcess.ts";

export type Prisma = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** Raw driver, for migrations and tests. */
  driver: SqlDriver;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Tests may pass a PGlite already open (in memory). */
  pglite?: PGlite;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPGlite(opts);
}

async function openPGlite(opts: DatabaseOptions): Promise<Database> {
  let client: PGliteLike;
  if (opts.pglite) {
    client = opts.pglite as unknown as PGliteLike;
  } else {
    const dir = path.join(opts.dataDir, "pglite");
    await mkdir(dir, { recursive: true });
    // In a child process: PGlite's queries and fsyncs are synchronous WebAssembly (pgliteProcess.ts says why not a thread).
    client = await PGliteProcess.open(dir);
  }
  const pglite = client;
  const driver: SqlDriver = {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
        }),
      ),
  };
  try {
    await applyMigrations(driver);
  } catch (err) {
    await pglite.close().catch(() => {});
    throw err;
  }
  // The adapter only uses query, exec and transaction, which PGliteProcess provides.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite as unknown as PGlite) });
  return {
    prisma,
    kind: "pglite",
    driver,
    async close() {
      await prisma.$disconnect();
      // PGlite must be closed or the process lingers and the next open of the folder waits.
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A dropped server connection must not crash the process: queries fail and are retried.
  pool.on("error", () => {});
  const migrationClient = await pool.connect();
  try {
    await applyMigrations({
      exec: async (sql) => {
        await migrationClient.query(sql);
      },
      query: async <T>(sql: string, params?: unknown[]) => (await migrationClient.query(sql, params)).rows as T[],
    });
  } finally {
    migrationClient.release();
  }
  const driver: SqlDriver = {
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    transaction: async (fn) => {
      const conn = await pool.connect();
      let broken: Error | undefined;
      try {
        await conn.query("BEGIN");
        const result = await fn({
          exec: async (sql) => {
            await conn.query(sql);
          },
          query: async <T>(sql: string, params?: unknown[]) => (await conn.query(sql, params)).rows as T[],
        });
        await conn.query("COMMIT");
        return result;
      } catch (err) {
        await conn.query("ROLLBACK").catch((e: Error) => (broken = e));
        throw err;
      } finally {
        // A connection that could not even roll back (server gone) is not put back in the pool.
        conn.release(broken);
      }
    },
  };
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: "postgres",
    driver,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
