// The baseline: a bare socket.io broadcast server with no application logic. Each client
// names its room in the handshake; every `y` message is relayed to the rest of the room.
// Same socket.io version and transport settings as Marguerite (perMessageDeflate off).
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
  io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
