// Configuration comes from the environment, checked once at start with a message a
// newcomer can act on.
import path from "node:path";
import { z } from "zod";

const urlWithProtocol = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => p + "//").join(" or ")}`);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0, "must be 0..65535").max(65535, "must be 0..65535").default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: urlWithProtocol(["postgres:", "postgresql:"]).optional(),
  REDIS_URL: urlWithProtocol(["redis:", "rediss:"]).optional(),
  PUBLIC_URL: urlWithProtocol(["http:", "https:"]).optional(),
  DATA_DIR: z.string().min(1).default("data"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Milliseconds a room waits to gather updates into one database write. */
  WRITE_WINDOW_MS: z.coerce.number().int().min(0).max(1000).default(50),
  /** Seconds an empty room stays in memory before it is flushed, compacted and unloaded. */
  ROOM_IDLE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  /**
   * Reverse proxies in front of the server whose X-Forwarded-For (and -Host, -Proto) we
   * believe: 0 (or false) trusts none, so a client cannot pick the address it is throttled as.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+)$/, "must be true, false or a number of proxies")
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v)))
    .pipe(z.number().max(10, "at most 10 proxies"))
    .default(0),
  /** Join-code guesses per client address and minute (a wrong code costs one, a right one 1/50). */
  JOIN_ATTEMPTS_PER_MINUTE: z.coerce.number().min(1).max(100_000).default(20),
  /** Guesses a client address may make at once before the per-minute rate applies. */
  JOIN_BURST: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Days a closed session is kept before the purge deletes it and everything in it. */
  PURGE_AFTER_DAYS: z.coerce.number().min(0).max(36_500).default(90),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  redisUrl?: string;
  publicUrl?: string;
  dataDir: string;
  dev: boolean;
  writeWindowMs: number;
  roomIdleMs: number;
  /** Proxies in front whose forwarding headers are believed (0: none). */
  trustProxy: number;
  joinAttemptsPerMinute: number;
  joinBurst: number;
  purgeAfterDays: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>, opts: { dev: boolean }): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}=${JSON.stringify(env[String(i.path[0])] ?? "")}: ${i.message}`);
    throw new ConfigError(`Marguerite cannot start, the configuration is wrong:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    dataDir: path.resolve(e.DATA_DIR),
    dev: opts.dev,
    writeWindowMs: e.WRITE_WINDOW_MS,
    roomIdleMs: e.ROOM_IDLE_SECONDS * 1000,
    trustProxy: e.TRUST_PROXY,
    joinAttemptsPerMinute: e.JOIN_ATTEMPTS_PER_MINUTE,
    joinBurst: e.JOIN_BURST,
    purgeAfterDays: e.PURGE_AFTER_DAYS,
  };
}
