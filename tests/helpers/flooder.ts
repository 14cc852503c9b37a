// A runaway client in its own process (so that its work does not slow down the test's own
// clients): joins a board and sends a real Yjs edit every millisecond for the given time,
// then prints one JSON line {accepted, refused, told}.
// Usage: node --import tsx tests/helpers/flooder.ts URL CODE TOKEN SECONDS
import * as Y from "yjs";
import { io } from "socket.io-client";
import { Events, PROTOCOL_VERSION, type ErrorEvent } from "../../src/protocol/index.ts";
import { encodeUpdate } from "../../src/protocol/framing.ts";

const [url, code, token, seconds] = process.argv.slice(2);
const socket = io(url, { auth: { v: PROTOCOL_VERSION, code, token }, transports: ["websocket"], reconnection: false });
const counts = { accepted: 0, refused: 0, told: [] as string[], connectedAtEnd: false };
socket.on(Events.error, (e: ErrorEvent) => counts.told.push(e.code));
socket.once("connect", () => {
  socket.emit(Events.boardJoin, "main", () => {
    const doc = new Y.Doc();
    doc.on("update", (u: Uint8Array) => socket.emit(Events.y, "main", encodeUpdate(u), (res: { ok: boolean }) => (res.ok ? counts.accepted++ : counts.refused++)));
    const note = new Y.Map<unknown>();
    doc.getMap("notes").set("runaway", note);
    const flood = setInterval(() => {
      for (let k = 0; k < 10; k++) note.set("x", Math.random());
    }, 10);
    setTimeout(() => {
      clearInterval(flood);
      setTimeout(() => {
        counts.connectedAtEnd = socket.connected;
        console.log(JSON.stringify(counts));
        socket.disconnect();
        process.exit(0);
      }, 500);
    }, Number(seconds) * 1000);
  });
});
socket.once("connect_error", (err) => {
  console.error(err.message);
  process.exit(1);
});
