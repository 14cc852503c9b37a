// Several processes: with REDIS_URL, socket.io rooms span processes through the Redis
// adapter, and every process's copy of a board receives the updates accepted elsewhere
// (base64, since binary arguments of serverSideEmit arrive as plain objects).
import type { Server } from "socket.io";
import type { RoomRegistry } from "./registry.ts";

export const CLUSTER_UPDATE = "marguerite:update";

export async function attachCluster(
  io: Server,
  registry: RoomRegistry,
  redisUrl: string | undefined,
  log: (msg: string) => void,
): Promise<() => Promise<void>> {
  if (!redisUrl) return async () => {};
  const { createClient } = await import("redis");
  const { createAdapter } = await import("@socket.io/redis-adapter");
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on("error", (err: Error) => log(`redis: ${err.message}`));
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  io.on(CLUSTER_UPDATE, (sessionId: unknown, board: unknown, b64: unknown) => {
    if (typeof sessionId !== "string" || typeof board !== "string" || typeof b64 !== "string") return;
    const room = registry.peek(sessionId, board);
    if (!room) return;
    try {
      room.applyTrustedUpdate(Buffer.from(b64, "base64"), "cluster");
    } catch (err) {
      log(`cluster update for ${sessionId}/${board} failed: ${(err as Error).message}`);
    }
  });
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}

export function publishToCluster(io: Server, enabled: boolean, sessionId: string, board: string, update: Uint8Array): void {
  if (!enabled) return;
  io.serverSideEmit(CLUSTER_UPDATE, sessionId, board, Buffer.from(update).toString("base64"));
}
