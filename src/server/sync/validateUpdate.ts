// First line of defence for a client's Yjs update, before the scratch copy: does it decode,
// and does it only touch root types the board allows?
import * as Y from "yjs";
import { ALLOWED_ROOTS } from "../../domain/board.ts";

export type UpdateCheck = { ok: true } | { ok: false; reason: string };

export function checkUpdateShape(update: Uint8Array, allowedRoots: readonly string[] = ALLOWED_ROOTS): UpdateCheck {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, reason: "not a Yjs update" };
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
