// The y-websocket framing of `y` payloads (docs/protocol.md §3), one encoder for the
// browser, the server and the benchmark. Decoding untrusted input is the server's
// (src/server/sync/messages.ts).
import * as encoding from "lib0/encoding";
import { MessageType } from "./index.ts";

/** y-protocols/sync message ids */
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

function frame(head: number[], payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  for (const n of head) encoding.writeVarUint(e, n);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => frame([MessageType.sync, SyncType.step1], stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => frame([MessageType.sync, SyncType.step2], update);
export const encodeUpdate = (update: Uint8Array) => frame([MessageType.sync, SyncType.update], update);
export const encodeAwareness = (update: Uint8Array) => frame([MessageType.awareness], update);
