// First line of defence for a client's Yjs update, before the room applies it: does it decode,
// and does it only touch root types the board allows?
import * as Y from "yjs";
import { ALLOWED_ROOTS } from "../../domain/board.ts";

export type UpdateCheck = { ok: true } | { ok: false; reason: string; missing?: true };

/**
 * `knownClock(client)` is how far the board has each writer's structs: an update starting past
 * it builds on something the board never accepted, and is refused before any work is spent on it.
 */
export function checkUpdateShape(update: Uint8Array, allowedRoots: readonly string[] = ALLOWED_ROOTS, knownClock?: (client: number) => number): UpdateCheck {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, reason: "not a Yjs update" };
  }
  if (knownClock) {
    const first = new Map<number, number>();
    for (const s of decoded.structs) if (!first.has(s.id.client) || s.id.clock < first.get(s.id.client)!) first.set(s.id.client, s.id.clock);
    for (const [client, clock] of first)
      if (clock > knownClock(client)) return { ok: false, reason: "this update builds on changes the board does not have: reload the board", missing: true };
  }
  for (const s of decoded.structs) {
    // The parent is spelled out only for the first item of a root type; the others point at
    // their neighbours, which must themselves belong to an allowed root.
    if (s instanceof Y.Item && typeof s.parent === "string" && !allowedRoots.includes(s.parent)) {
      return { ok: false, reason: `root type "${s.parent}" is not part of a board` };
    }
  }
  return { ok: true };
}
