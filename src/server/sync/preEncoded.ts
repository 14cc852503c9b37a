// A board message for many sockets, encoded once. socket.io sends an event with a binary
// payload as two websocket frames (a text frame with a placeholder, then the binary), and
// encodes and writes them for every socket separately: two system calls per socket, the
// second only after the first has completed. Here the two frames are built once per
// broadcast and handed to each websocket as one buffer: one write per socket. socket.io does
// the same for text-only broadcasts (`wsPreEncodedFrame`, which engine.io's websocket
// transport writes as is); the bytes on the wire are exactly what socket.io would send, so
// clients (ours or a third party's socket.io-client) see no difference.
import type { Namespace, Socket } from "socket.io";

const OPCODE_TEXT = 0x1;
const OPCODE_BINARY = 0x2;

/** A final, unmasked websocket frame (servers never mask). */
export function wsFrame(opcode: number, payload: Uint8Array): Buffer {
  const n = payload.byteLength;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + n);
  out[0] = 0x80 | opcode;
  if (n < 126) out[1] = n;
  else if (n < 65536) {
    out[1] = 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 127;
    out.writeBigUInt64BE(BigInt(n), 2);
  }
  out.set(payload, head);
  return out;
}

/**
 * The socket.io packet of `emit(event, ...args, binary)` on the main namespace, as its
 * engine.io message: `4` (engine.io "message") + `51-` (socket.io binary event, one
 * attachment) + the arguments with a placeholder, then the attachment itself.
 */
export function binaryEventFrames(event: string, args: readonly (string | number)[], binary: Uint8Array): Buffer {
  const head = `451-${JSON.stringify([event, ...args, { _placeholder: true, num: 0 }])}`;
  return Buffer.concat([wsFrame(OPCODE_TEXT, Buffer.from(head)), wsFrame(OPCODE_BINARY, binary)]);
}

interface WsTransport {
  name: string;
  perMessageDeflate?: unknown;
  socket?: { _sender?: { sendFrame?: unknown } };
}

/**
 * Whether engine.io will write a pre-encoded frame for this socket as is: a websocket
 * without compression (the same test as engine.io's `_canSendPreEncodedFrame`). A socket
 * still on HTTP long-polling (upgrading from it included) gets the ordinary emit.
 */
function takesFrames(socket: Socket): boolean {
  const t = (socket.conn as unknown as { transport: WsTransport }).transport;
  return t.name === "websocket" && !t.perMessageDeflate && typeof t.socket?._sender?.sendFrame === "function";
}

/**
 * `io.local.to(room).except(except).emit(event, ...args, binary)` on the main namespace
 * (`io.of("/")`), written once per websocket. The frames are built only if some socket takes them.
 */
export function emitBinaryToRoom(nsp: Namespace, room: string, except: string | undefined, event: string, args: readonly (string | number)[], binary: Uint8Array): void {
  const ids = nsp.adapter.rooms.get(room);
  if (!ids) return;
  let frames: Buffer | null = null;
  for (const id of ids) {
    if (id === except) continue;
    const socket = nsp.sockets.get(id);
    if (!socket) continue;
    if (takesFrames(socket)) {
      frames ??= binaryEventFrames(event, args, binary);
      // engine.io keeps the packet in the socket's write queue (order with every other packet
      // kept) and its websocket transport writes `wsPreEncodedFrame` instead of encoding `data`.
      socket.conn.write("", { wsPreEncodedFrame: [frames] } as never);
    } else socket.emit(event, ...args, binary);
  }
}
