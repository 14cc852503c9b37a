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

interface WsSocket {
  readyState: number;
  _sender?: { sendFrame?: (list: Buffer[], cb?: (err?: Error) => void) => void };
}

interface WsTransport {
  name: string;
  perMessageDeflate?: unknown;
  socket?: WsSocket;
}

interface EngineConn {
  readyState: string;
  writeBuffer: unknown[];
  transport: WsTransport;
  write(data: string, options: { wsPreEncodedFrame: Buffer[] }): void;
}

const WS_OPEN = 1;

/**
 * Whether engine.io will write a pre-encoded frame for this socket as is: a websocket
 * without compression (the same test as engine.io's `_canSendPreEncodedFrame`). A socket
 * still on HTTP long-polling (upgrading from it included) gets the ordinary emit.
 */
function takesFrames(socket: Socket): boolean {
  const t = (socket.conn as unknown as EngineConn).transport;
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
      writeFrames(socket.conn as unknown as EngineConn, frames);
    } else socket.emit(event, ...args, binary);
  }
}

/**
 * When engine.io holds nothing back for this socket (it may hold the attachment of a binary
 * event of socket.io's own, whose first frame is written), everything it handed to the websocket is
 * already in the TCP socket's queue: writing the frames there directly keeps the order and
 * skips engine.io's per-packet bookkeeping (a packet, its events, a flush, a completion
 * callback, for every receiver): a fifth of what the server allocated in the 300-client bench.
 * Otherwise the packet joins engine.io's write queue, which its websocket transport writes as
 * `wsPreEncodedFrame` instead of encoding `data`.
 */
function writeFrames(conn: EngineConn, frames: Buffer): void {
  const ws = conn.transport.socket!;
  if (conn.readyState === "open" && conn.writeBuffer.length === 0 && ws.readyState === WS_OPEN) ws._sender!.sendFrame!([frames]);
  else conn.write("", { wsPreEncodedFrame: [frames] });
}
