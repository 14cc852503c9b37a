// The cluster's Redis connections when Redis cannot keep up: a publish that cannot be written
// for seconds waits its turn instead of being dropped (node-redis's default 5 s command
// timeout dropped them, and nothing in the socket.io adapter handled the rejection).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisClients } from "../../src/server/sync/cluster.ts";
import { startRedis, type RedisHandle } from "../helpers/redis.ts";

let redis: RedisHandle;
let clients: Awaited<ReturnType<typeof redisClients>>;

beforeAll(async () => {
  redis = await startRedis();
  clients = await redisClients(redis.url);
  await Promise.all([clients.pub.connect(), clients.sub.connect()]);
}, 60_000);

afterAll(async () => {
  redis?.resume();
  await Promise.allSettled([clients?.pub.quit(), clients?.sub.quit()]);
  await redis?.stop();
}, 30_000);

describe("Redis backed up", () => {
  it("30 MB published while Redis is frozen for 7 s: every message arrives once it answers, none rejected", async () => {
    const received: number[] = [];
    await clients.sub.subscribe("board-updates", (message) => received.push(message.length));
    const big = "x".repeat(1_000_000);
    let rejected = 0;
    redis.pause();
    let sent: Promise<unknown>[] = [];
    try {
      // More than the kernel buffers on loopback: most of these cannot be written until Redis reads.
      sent = Array.from({ length: 30 }, () => clients.pub.publish("board-updates", big).catch(() => rejected++));
      await new Promise((r) => setTimeout(r, 7000));
      expect(rejected).toBe(0);
    } finally {
      redis.resume();
    }
    await Promise.all(sent);
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(30);
    expect(rejected).toBe(0);
  }, 60_000);
});
