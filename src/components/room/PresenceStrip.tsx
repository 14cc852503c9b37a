"use client";
// Who is here: everyone who joined, online first. No counts per person, no ranking.
import type { PresenceEntry, Role } from "@/protocol";
import { useT } from "../I18nProvider";

const MAX_SHOWN = 40;

export function PresenceStrip({ people, me }: { people: PresenceEntry[] | null; me: { id: string; name: string; role: Role } }) {
  const t = useT();
  // Until the first presence event, at least I am here.
  const list: PresenceEntry[] = people ?? [{ id: me.id, displayName: me.name, role: me.role, online: true }];
  const sorted = [...list].sort((a, b) => {
    if (a.id === me.id) return -1;
    if (b.id === me.id) return 1;
    if (a.online !== b.online) return a.online ? -1 : 1;
    return a.displayName.localeCompare(b.displayName);
  });
  const online = list.filter((p) => p.online).length;
  const shown = sorted.slice(0, MAX_SHOWN);
  const hidden = sorted.length - shown.length;

  return (
    <section aria-labelledby="presence-titre" className="border-b border-line bg-white" data-testid="presence">
      {/* relative: the screen-reader-only texts (absolute) stay inside the scroller, so a long strip never widens a phone's page */}
      {/* focusable: on a phone the strip scrolls sideways, and a keyboard must be able to scroll it too */}
      <div className="relative flex items-center gap-3 overflow-x-auto px-3 py-1.5 sm:px-4" tabIndex={0} role="group" aria-labelledby="presence-titre">
        <h2 id="presence-titre" className="shrink-0 text-sm font-semibold text-muted">
          {t("presence.label")} <span className="font-normal">({t("presence.summary", { online, total: list.length })})</span>
        </h2>
        <ul className="flex shrink-0 items-center gap-1.5">
          {shown.map((p) => (
            <li
              key={p.id}
              className={`flex min-h-8 items-center gap-1.5 whitespace-nowrap rounded-full border px-2.5 py-0.5 text-sm ${
                p.online ? "border-accent/40 bg-accent-soft" : "border-line bg-white text-muted"
              }`}
              data-online={p.online}
            >
              <span
                aria-hidden="true"
                className={`inline-block h-2.5 w-2.5 rounded-full ${p.online ? "bg-accent" : "border-2 border-gray-400 bg-white"}`}
              />
              <span className="font-semibold">{p.displayName}</span>{" "}
              {p.id === me.id && <span>({t("presence.you")})</span>}{" "}
              {p.role === "facilitator" && <span className="text-xs uppercase tracking-wide">· {t("presence.facilitator")}</span>}
              {p.role === "observer" && <span className="text-xs uppercase tracking-wide">· {t("presence.observer")}</span>}
              <span className="sr-only">, {p.online ? t("presence.online") : t("presence.away")}</span>
            </li>
          ))}
          {hidden > 0 && (
            <li className="whitespace-nowrap text-sm text-muted">
              <span aria-hidden="true">{t("presence.more", { count: hidden })}</span>
              <span className="sr-only">{t("presence.moreLabel", { count: hidden })}</span>
            </li>
          )}
        </ul>
      </div>
    </section>
  );
}
