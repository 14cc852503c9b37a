import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("configuration", () => {
  it("has defaults that run the embedded database on port 3000", () => {
    const c = loadConfig({}, { dev: false });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/data$/);
  });

  it("names the bad variable and says what is expected", () => {
    expect(() => loadConfig({ PORT: "abc" }, { dev: false })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "70000" }, { dev: false })).toThrow(/PORT="70000": must be 0..65535/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" }, { dev: false })).toThrow(/DATABASE_URL.*postgres/);
    expect(() => loadConfig({ REDIS_URL: "localhost:6379" }, { dev: false })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ PUBLIC_URL: "example.org" }, { dev: false })).toThrow(/PUBLIC_URL/);
  });

  it("accepts a PostgreSQL server, Redis and a public URL", () => {
    const c = loadConfig(
      { DATABASE_URL: "postgresql://u:p@db:5432/m", REDIS_URL: "redis://r:6379", PUBLIC_URL: "https://atelier.example.org/", PORT: "8080" },
      { dev: false },
    );
    expect(c).toMatchObject({ port: 8080, databaseUrl: "postgresql://u:p@db:5432/m", redisUrl: "redis://r:6379", publicUrl: "https://atelier.example.org" });
  });

  it("throttles join codes, trusts no proxy and purges closed sessions after 90 days by default", () => {
    expect(loadConfig({}, { dev: false })).toMatchObject({ trustProxy: 0, joinAttemptsPerMinute: 20, joinBurst: 20, purgeAfterDays: 90 });
    expect(loadConfig({ TRUST_PROXY: "true", PURGE_AFTER_DAYS: "30", JOIN_BURST: "5" }, { dev: false })).toMatchObject({ trustProxy: 1, purgeAfterDays: 30, joinBurst: 5 });
    expect(loadConfig({ TRUST_PROXY: "2" }, { dev: false }).trustProxy).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: "yes" }, { dev: false })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ PURGE_AFTER_DAYS: "-1" }, { dev: false })).toThrow(/PURGE_AFTER_DAYS/);
    expect(() => loadConfig({ JOIN_ATTEMPTS_PER_MINUTE: "0" }, { dev: false })).toThrow(/JOIN_ATTEMPTS_PER_MINUTE/);
  });
});
