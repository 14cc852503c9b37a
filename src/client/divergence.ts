// What the user is told when the server refuses one of their edits for what it does (the
// connection's `diverged` event): the room throws its document away, opens the board afresh
// as the server holds it, and says why in a sentence from the catalogue.
import type { MessageKey } from "../i18n/index.ts";

/** Refusal codes with their own sentence; any other code gets the general one. */
export const WRITE_REFUSAL_REASONS = ["board_locked", "not_in_this_step", "not_your_item", "forbidden", "bad_value", "too_large"] as const;
export type WriteRefusalReason = (typeof WRITE_REFUSAL_REASONS)[number];

export function writeRefusedKey(code: string | null | undefined): MessageKey {
  const known = WRITE_REFUSAL_REASONS.find((r) => r === code);
  return known ? `seance.writeRefusedBecause.${known}` : "seance.writeRefused";
}
