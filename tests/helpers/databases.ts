// The two databases Marguerite runs on, for suites that must pass on both: embedded PGlite
// (a fresh temp data folder each time) and a real PostgreSQL server (a throwaway cluster per
// describe block, a fresh database each time). Call useBackend() inside a describe block.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase, type Database } from "../../src/server/persistence/database.ts";
import type { SqlDriver } from "../../src/server/persistence/migrate.ts";
import { startPostgres, type PostgresHandle } from "./postgres.ts";

export const BACKENDS = ["pglite", "postgres"] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface RawDriver extends SqlDriver {
  close(): Promise<void>;
}

export interface Target {
  backend: BackendName;
  dataDir: string;
  databaseUrl?: string;
  /** openDatabase() on this target (applies the migrations); closed after the suite. */
  open(): Promise<Database>;
  /** A bare driver on this target: no migrations applied, no Prisma. */
  raw(): Promise<RawDriver>;
}

export interface BackendContext {
  name: BackendName;
  /** A new, empty database. */
  fresh(): Promise<Target>;
}

export function useBackend(name: BackendName): BackendContext {
  let server: PostgresHandle | null = null;
  const dirs: string[] = [];
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    if (name === "postgres") server = await startPostgres();
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    await server?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const track = <T extends { close(): Promise<void> }>(x: T): T => {
    let closed = false;
    const close = x.close.bind(x);
    x.close = async () => {
      if (closed) return;
      closed = true;
      await close();
    };
    closers.push(() => x.close());
    return x;
  };

  return {
    name,
    async fresh() {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), "marguerite-db-"));
      dirs.push(dataDir);
      const databaseUrl = name === "postgres" ? await server!.createDatabase() : undefined;
      return {
        backend: name,
        dataDir,
        databaseUrl,
        open: async () => track(await openDatabase({ databaseUrl, dataDir })),
        raw: async () => track(databaseUrl ? await rawPostgres(databaseUrl) : await rawPGlite(path.join(dataDir, "pglite"))),
      };
    },
  };
}

async function rawPGlite(dir: string): Promise<RawDriver> {
  const db = await PGlite.create(dir);
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    close: () => db.close(),
  };
}

async function rawPostgres(url: string): Promise<RawDriver> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}
