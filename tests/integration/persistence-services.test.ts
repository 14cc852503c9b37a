// The test services themselves: a throwaway PostgreSQL cluster and a redis-server that
// start on free loopback ports, answer, and leave nothing behind; redis can be frozen,
// killed and brought back for the multi-process tests.
import { existsSync } from "node:fs";
import net from "node:net";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { createClient } from "redis";
import { freePort } from "../helpers/ports.ts";
import { findPostgresBin, startPostgres } from "../helpers/postgres.ts";
import { findRedisServer, startRedis } from "../helpers/redis.ts";

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ port, host: "127.0.0.1" });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });

describe("freePort", () => {
  it("returns distinct loopback ports nobody listens on", async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    for (const p of ports) {
      expect(p).toBeGreaterThan(1023);
      expect(await portOpen(p)).toBe(false);
    }
  });
});

describe("startPostgres", () => {
  it("runs a throwaway cluster on 127.0.0.1, with extra databases, and removes it on stop", async () => {
    const server = await startPostgres();
    expect(server.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/marguerite_test$/);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ version: string; fsync: string }>("SELECT version() AS version, current_setting('fsync') AS fsync");
    expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
    expect(rows[0].fsync).toBe("off");
    await client.end();

    const second = await server.createDatabase("another_one");
    const c2 = new pg.Client({ connectionString: second });
    await c2.connect();
    expect((await c2.query("SELECT current_database() AS db")).rows[0].db).toBe("another_one");
    await c2.end();

    const dataDir = (await (async () => {
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      const dir = (await c.query("SHOW data_directory")).rows[0].data_directory as string;
      await c.end();
      return dir;
    })());
    expect(existsSync(dataDir)).toBe(true);
    await server.stop();
    await server.stop();
    expect(await portOpen(server.port)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("refuses to run without the binaries, saying what to install", () => {
    expect(() => findPostgresBin(undefined, "/nonexistent")).toThrow(/initdb, pg_ctl\) not found .*apt-get install -y postgresql/);
    expect(() => findPostgresBin("/nonexistent/bin", "/nonexistent")).toThrow(/not found in \/nonexistent\/bin/);
    expect(findPostgresBin(undefined)).toMatch(/postgresql\/\d+\/bin$/);
  });
});

describe("startRedis", () => {
  it("refuses to run without redis-server, saying what to install", () => {
    expect(() => findRedisServer("/nonexistent/redis-server")).toThrow(/apt-get install -y redis-server/);
  });

  it("answers, freezes on pause, comes back on resume, and restarts empty on the same port after kill", async () => {
    const redis = await startRedis();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    const client = createClient({ url: redis.url, socket: { reconnectStrategy: 50, connectTimeout: 2000 } });
    client.on("error", () => {});
    await client.connect();
    try {
      expect(await client.ping()).toBe("PONG");
      await client.set("k", "v");

      redis.pause();
      const stalled = await Promise.race([client.ping().then(() => "answered"), new Promise((r) => setTimeout(() => r("stalled"), 300))]);
      expect(stalled).toBe("stalled");
      redis.resume();
      expect(await client.get("k")).toBe("v");

      await redis.kill();
      expect(await portOpen(redis.port)).toBe(false);
      await redis.restart();
      const deadline = Date.now() + 5000;
      while (!client.isReady && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await client.get("k")).toBeNull();
      expect(await client.ping()).toBe("PONG");
    } finally {
      client.destroy();
      await redis.stop();
      await redis.stop();
    }
    expect(await portOpen(redis.port)).toBe(false);
  });
});
