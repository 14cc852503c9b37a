// Refusals of the event's commands in the user's words: the French catalogue's sentence for
// the code (src/i18n, `event.refused`), the domain's own message when the catalogue has none.
import { t, type MessageKey } from "../../i18n/index.ts";

export function refusal(code: string, fallback: string): string {
  const key = `event.refused.${code}` as MessageKey;
  const text = t("fr", key);
  return text === key ? fallback : text;
}
