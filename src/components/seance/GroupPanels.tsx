"use client";
// A co-development group meets many times (src/server/groupService.ts): at the opening of a
// séance the group looks back at the previous case holder's action plan; at the end the
// facilitator opens the next séance, and everyone's screen offers to join it.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { Socket } from "socket.io-client";
import { api, joinPath, roomPath } from "@/client/api";
import { saveIdentity, type StoredIdentity } from "@/client/identity";
import { formatJoinCode } from "@/domain/joinCode";
import { Events, type GroupNextEvent, type GroupOverview } from "@/protocol";
import { useT } from "../I18nProvider";

/** The group's overview for this séance; `next` follows `group:next` live. */
export function useGroup(code: string, token: string, socket: Socket): GroupOverview | null {
  const [overview, setOverview] = useState<GroupOverview | null>(null);
  useEffect(() => {
    let live = true;
    void api.group(code, token).then((res) => {
      if (live && res.ok) setOverview((o) => ({ previous: res.data.previous, next: o?.next ?? res.data.next }));
    });
    const onNext = (next: GroupNextEvent) => setOverview((o) => ({ previous: o?.previous ?? null, next }));
    socket.on(Events.groupNext, onNext);
    return () => {
      live = false;
      socket.off(Events.groupNext, onNext);
    };
  }, [code, token, socket]);
  return overview;
}

export function PreviousPlan({ overview, locale }: { overview: GroupOverview | null; locale: "fr" | "en" }) {
  const t = useT();
  const previous = overview?.previous;
  if (!previous) return null;
  const date = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "full" }).format(new Date(previous.at));
  const holders = previous.caseHolders.join(", ");
  return (
    <section aria-labelledby="plan-precedent" className="card p-4" data-testid="previous-plan">
      <h3 id="plan-precedent" className="text-lg font-bold">
        {t("seance.group.previousTitle")}
      </h3>
      <p className="mt-1">{holders ? t("seance.group.previousLead", { date, holders }) : t("seance.group.previousLeadNoHolder", { date })}</p>
      {previous.actions.length === 0 ? (
        <p className="mt-2 text-muted">{t("seance.group.previousNone")}</p>
      ) : (
        <>
          <p className="mt-1 text-muted">{t("seance.group.previousHint")}</p>
          <table className="mt-2 w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1.5 pr-3">{t("seance.group.what")}</th>
                <th scope="col" className="py-1.5 pr-3">{t("seance.group.who")}</th>
                <th scope="col" className="py-1.5">{t("seance.group.when")}</th>
              </tr>
            </thead>
            <tbody>
              {previous.actions.map((a, i) => (
                <tr key={i} className="border-b border-line last:border-0" data-testid="previous-action">
                  <td className="py-1.5 pr-3">{a.what}</td>
                  <td className="py-1.5 pr-3">{a.who}</td>
                  <td className="py-1.5">{a.when}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** At the end: the facilitator opens the group's next séance; everyone is offered to join it. */
export function NextSeance({ code, identity, overview, isFacilitator }: { code: string; identity: StoredIdentity; overview: GroupOverview | null; isFacilitator: boolean }) {
  const t = useT();
  const router = useRouter();
  const [status, setStatus] = useState<"idle" | "busy" | "failed">("idle");
  const next = overview?.next ?? null;

  const create = async () => {
    setStatus("busy");
    const res = await api.nextSeance(code, identity.token);
    if (!res.ok) return setStatus("failed");
    const s = res.data;
    saveIdentity(s.code, { participantId: s.participantId, token: s.facilitatorToken, displayName: identity.displayName, role: "facilitator", title: s.title, method: s.method });
    router.push(roomPath(s.code));
  };

  if (next) {
    return (
      <div className="card flex flex-wrap items-center gap-3 p-3" data-testid="next-seance">
        <p className="w-full font-semibold" role="status">
          {t("seance.group.nextReady", { code: formatJoinCode(next.code) })}
        </p>
        <a className="btn-primary" href={isFacilitator ? roomPath(next.code) : joinPath(next.code)} data-testid="next-seance-link">
          {isFacilitator ? t("seance.group.nextOpen") : t("seance.group.nextJoin")}
        </a>
      </div>
    );
  }
  if (!isFacilitator) return null;
  return (
    <div className="card flex flex-wrap items-center gap-2 p-3" data-testid="next-seance">
      <button type="button" className="btn-secondary" disabled={status === "busy"} onClick={() => void create()} data-testid="next-seance-create">
        {t("seance.group.nextCreate")}
      </button>
      <p className="w-full text-sm text-muted">{t("seance.group.nextCreateHint")}</p>
      {status === "failed" && (
        <p role="alert" className="error-text w-full">
          {t("seance.group.nextFailed")}
        </p>
      )}
    </div>
  );
}
