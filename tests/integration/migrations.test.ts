// The migration runner (src/server/persistence/migrate.ts) on both databases: it applies
// prisma/migrations to a fresh database once, records them the way `prisma migrate deploy`
// does, refuses a migration edited after it was applied, and rolls a failed one back whole.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, readMigrations, type Migration } from "../../src/server/persistence/migrate.ts";
import { BACKENDS, useBackend } from "../helpers/databases.ts";

const INIT = "20261123000000_init";

function migration(name: string, sql: string): Migration {
  return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
}

interface Recorded {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

describe("readMigrations", () => {
  it("lists prisma/migrations in order with the sha-256 of each file, as Prisma computes it", async () => {
    const all = await readMigrations();
    expect(all.map((m) => m.name)).toEqual([...all.map((m) => m.name)].sort());
    expect(all[0].name).toBe(INIT);
    const sql = readFileSync(path.join(MIGRATIONS_DIR, INIT, "migration.sql"), "utf8");
    expect(all[0].checksum).toBe(createHash("sha256").update(sql).digest("hex"));
  });
});

describe.each(BACKENDS)("migrations on %s", (backend) => {
  const ctx = useBackend(backend);

  it("apply to a fresh database, are recorded in _prisma_migrations, and a second run applies nothing", async () => {
    const target = await ctx.fresh();
    const db = await target.raw();
    const all = await readMigrations();
    expect(await applyMigrations(db)).toEqual(all.map((m) => m.name));

    const rows = await db.query<Recorded>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(all.map((m) => m.name));
    for (const [i, r] of rows.entries()) {
      expect(r.checksum).toBe(all[i].checksum);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.rolled_back_at).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(["_prisma_migrations", "board_document", "board_tools", "board_update", "participant", "quiz_image", "seance", "session", "session_group"]);

    expect(await applyMigrations(db)).toEqual([]);
    expect(await db.query(`SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(all.length);
    await db.close();

    // openDatabase runs the same runner at every start: nothing more is recorded.
    const opened = await target.open();
    expect(await opened.driver.query(`SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(all.length);
  });

  it("refuses a migration whose file changed after it was applied, and changes nothing", async () => {
    const target = await ctx.fresh();
    const db = await target.raw();
    const [init] = await readMigrations();
    await applyMigrations(db, [init]);

    const edited = migration(init.name, init.sql + "\nCREATE TABLE sneaky (id INT);\n");
    await expect(applyMigrations(db, [edited])).rejects.toThrow(`migration ${INIT} was changed after it was applied`);
    expect(await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'sneaky'`)).toHaveLength(0);

    // The same refusal at start-up: a tampered record stops openDatabase.
    await db.exec(`UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = '${INIT}'`);
    await db.close();
    await expect(target.open()).rejects.toThrow(/was changed after it was applied/);
  });

  it("applies only the migrations added since the last run, in name order", async () => {
    const target = await ctx.fresh();
    const db = await target.raw();
    const [init] = await readMigrations();
    await applyMigrations(db, [init]);
    const later = [
      migration("20270101000000_b", `ALTER TABLE "session" ADD COLUMN "note_b" TEXT;`),
      migration("20270102000000_c", `ALTER TABLE "session" ADD COLUMN "note_c" TEXT;`),
    ];
    expect(await applyMigrations(db, [init, ...later])).toEqual(later.map((m) => m.name));
    expect(await applyMigrations(db, [init, ...later])).toEqual([]);
    const cols = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'session' AND column_name LIKE 'note_%' ORDER BY 1`,
    );
    expect(cols.map((c) => c.column_name)).toEqual(["note_b", "note_c"]);
    await db.close();
  });

  it("rolls a failing migration back whole and records nothing, so a fixed one can run later", async () => {
    const target = await ctx.fresh();
    const db = await target.raw();
    const [init] = await readMigrations();
    await applyMigrations(db, [init]);
    const broken = migration("20270101000000_broken", `CREATE TABLE "half" (id INT);\nALTER TABLE "no_such_table" ADD COLUMN x INT;`);
    await expect(applyMigrations(db, [init, broken])).rejects.toThrow(/migration 20270101000000_broken failed/);
    expect(await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half'`)).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [broken.name])).toHaveLength(0);

    const fixed = migration(broken.name, `CREATE TABLE "half" (id INT);`);
    expect(await applyMigrations(db, [init, fixed])).toEqual([fixed.name]);
    await db.close();
  });

  it("creates the indexes and constraints schema.prisma declares, under Prisma's names", async () => {
    const target = await ctx.fresh();
    const db = await target.open();
    const indexes = await db.driver.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
    );
    const byName = Object.fromEntries(indexes.map((i) => [i.indexname, i.indexdef]));
    expect(Object.keys(byName)).toEqual([
      "board_document_pkey",
      "board_document_session_id_name_key",
      "board_tools_pkey",
      "board_tools_session_id_board_key",
      "board_update_board_id_seq_idx",
      "board_update_pkey",
      "participant_pkey",
      "participant_session_id_idx",
      "participant_token_hash_key",
      "quiz_image_pkey",
      "quiz_image_session_id_idx",
      "seance_pkey",
      "seance_session_id_key",
      "session_event_id_idx",
      "session_group_id_created_at_idx",
      "session_group_pkey",
      "session_join_code_key",
      "session_pkey",
      "session_status_closed_at_idx",
    ]);
    expect(byName.board_document_session_id_name_key).toMatch(/UNIQUE INDEX .* \(session_id, name\)/);
    expect(byName.board_update_board_id_seq_idx).toMatch(/\(board_id, seq\)/);
    expect(byName.participant_token_hash_key).toMatch(/UNIQUE INDEX/);
    expect(byName.session_join_code_key).toMatch(/UNIQUE INDEX/);
    expect(byName.seance_session_id_key).toMatch(/UNIQUE INDEX .* \(session_id\)/);
    expect(byName.session_status_closed_at_idx).toMatch(/\(status, closed_at\)/);

    const fks = await db.driver.query<{ conname: string; def: string }>(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f' ORDER BY conname`,
    );
    expect(fks).toEqual([
      { conname: "board_document_session_id_fkey", def: expect.stringMatching(/REFERENCES session\(id\) ON UPDATE CASCADE ON DELETE CASCADE/) },
      { conname: "board_tools_session_id_fkey", def: expect.stringMatching(/REFERENCES session\(id\) ON UPDATE CASCADE ON DELETE CASCADE/) },
      { conname: "board_update_board_id_fkey", def: expect.stringMatching(/REFERENCES board_document\(id\) ON UPDATE CASCADE ON DELETE CASCADE/) },
      { conname: "participant_session_id_fkey", def: expect.stringMatching(/REFERENCES session\(id\) ON UPDATE CASCADE ON DELETE CASCADE/) },
      { conname: "quiz_image_session_id_fkey", def: expect.stringMatching(/REFERENCES session\(id\) ON UPDATE CASCADE ON DELETE CASCADE/) },
      { conname: "seance_session_id_fkey", def: expect.stringMatching(/REFERENCES session\(id\) ON UPDATE CASCADE ON DELETE CASCADE/) },
      { conname: "session_event_id_fkey", def: expect.stringMatching(/REFERENCES session\(id\) ON UPDATE CASCADE ON DELETE CASCADE/) },
      { conname: "session_group_id_fkey", def: expect.stringMatching(/REFERENCES session_group\(id\) ON UPDATE CASCADE ON DELETE SET NULL/) },
    ]);
    expect(byName.session_group_id_created_at_idx).toMatch(/\(group_id, created_at\)/);
  });

  if (backend === "postgres") {
    // Regression: creating _prisma_migrations before taking the advisory lock made processes
    // starting together on a fresh database crash; the lock is now taken first.
    it("serialises concurrent start-ups: several processes migrating a fresh database apply each migration once", async () => {
      for (let round = 0; round < 5; round++) {
        const target = await ctx.fresh();
        const drivers = await Promise.all([1, 2, 3, 4].map(() => target.raw()));
        const results = await Promise.allSettled(drivers.map((d) => applyMigrations(d)));
        for (const r of results) if (r.status === "rejected") throw r.reason;
        const applied = results.map((r) => (r as PromiseFulfilledResult<string[]>).value);
        const all = (await readMigrations()).map((m) => m.name);
        expect(applied.flat()).toEqual(all);
        expect(await drivers[0].query(`SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(all.length);
        for (const d of drivers) await d.close();
      }
    });

    it("serialises concurrent start-ups once the bookkeeping table exists", async () => {
      const target = await ctx.fresh();
      const first = await target.raw();
      await applyMigrations(first, []);
      const drivers = [first, ...(await Promise.all([1, 2, 3].map(() => target.raw())))];
      const applied = await Promise.all(drivers.map((d) => applyMigrations(d)));
      const all = (await readMigrations()).map((m) => m.name);
      expect(applied.flat()).toEqual(all);
      expect(await first.query(`SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(all.length);
      for (const d of drivers) await d.close();
    });
  }
});
