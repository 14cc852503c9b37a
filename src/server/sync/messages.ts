// y-websocket framing of y-protocols messages, decoded by hand so that a malformed
// message is rejected before anything touches a room's document.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MessageType } from "../../protocol/index.ts";
import { SyncType } from "../../protocol/framing.ts";

const { step1: SYNC_STEP1, step2: SYNC_STEP2, update: SYNC_UPDATE } = SyncType;

export type InboundMessage =
  | { kind: "sync-step1"; stateVector: Uint8Array }
  | { kind: "sync-step2"; update: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array };

/** Returns null for anything that is not exactly one well-formed message. */
export function decodeMessage(bytes: Uint8Array): InboundMessage | null {
  try {
    const d = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(d);
    let msg: InboundMessage;
    if (type === MessageType.sync) {
      const sub = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (sub === SYNC_STEP1) msg = { kind: "sync-step1", stateVector: payload };
      else if (sub === SYNC_STEP2) msg = { kind: "sync-step2", update: payload };
      else if (sub === SYNC_UPDATE) msg = { kind: "update", update: payload };
      else return null;
    } else if (type === MessageType.awareness) {
      msg = { kind: "awareness", update: decoding.readVarUint8Array(d) };
    } else {
      return null;
    }
    // Trailing bytes mean a framing error or smuggled data.
    if (decoding.hasContent(d)) return null;
    return msg;
  } catch {
    return null;
  }
}

export { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from "../../protocol/framing.ts";

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null when the client removes its state. */
  state: Record<string, unknown> | null;
}

/** y-protocols/awareness update layout: count, then (clientID, clock, JSON) per entry. */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const d = decoding.createDecoder(update);
    const n = decoding.readVarUint(d);
    if (n > 64) return null;
    const out: AwarenessEntry[] = [];
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const json = decoding.readVarString(d);
      const state = JSON.parse(json) as unknown;
      if (state !== null && (typeof state !== "object" || Array.isArray(state))) return null;
      out.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    if (decoding.hasContent(d)) return null;
    return out;
  } catch {
    return null;
  }
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const en of entries) {
    encoding.writeVarUint(e, en.clientId);
    encoding.writeVarUint(e, en.clock);
    encoding.writeVarString(e, JSON.stringify(en.state));
  }
  return encoding.toUint8Array(e);
}
