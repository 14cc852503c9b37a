// The baseline: a bare socket.io broadcast server with no application logic. Each client
// names its room in the handshake; every `y` message is relayed to the rest of the room.
// Same socket.io version and transport settings as Marguerite (perMessageDeflate off).
// With REDIS_URL (bench --processes=N), several of these share rooms through
// @socket.io/redis-adapter, as Marguerite's processes do: a broadcast reaches the room's
// sockets on every process.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

const server = http.createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
const io = new Server(server, {
  path: "/socket.io",
  perMessageDeflate: false,
  httpCompression: false,
  maxHttpBufferSize: 2 * 1024 * 1024,
});

// As Marguerite's server does (src/server/main.ts): on a saturated machine the Redis
// adapter's publish can time out with nobody to catch it, which must not end the baseline.
process.on("unhandledRejection", (err) => console.error("unhandled rejection:", err));

let closeRedis = async () => {};
if (process.env.REDIS_URL) {
  const { createClient } = await import("redis");
  const { createAdapter } = await import("@socket.io/redis-adapter");
  const pub = createClient({ url: process.env.REDIS_URL });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on("error", (err: Error) => console.error(`redis: ${err.message}`));
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  closeRedis = async () => void (await Promise.allSettled([pub.quit(), sub.quit()]));
}

io.on("connection", (socket) => {
  const room = String((socket.handshake.auth as { room?: unknown }).room ?? "default");
  void socket.join(room);
  socket.on("y", (board: unknown, payload: unknown) => {
    socket.to(room).emit("y", board, payload);
  });
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1", () => {
  console.log(`BARE_READY port=${(server.address() as AddressInfo).port}`);
});

const stop = () => {
  io.close(() => void closeRedis().finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
