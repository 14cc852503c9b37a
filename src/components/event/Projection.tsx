"use client";
// The plenary on the big screen (ux.md, Projector): large type, the day's title, where everyone
// is asked to be, the message, the countdown, the join code with its QR code, the groups'
// progress, and after the regroup each angle's synthesis. No controls.
import { useEffect, useState } from "react";
import { BoardConnection } from "@/client/boardConnection";
import { EventClient, synthesisPath } from "@/client/event";
import { api } from "@/client/api";
import { formatClock } from "@/client/seance";
import { formatJoinCode } from "@/domain/joinCode";
import type { AngleSynthesis } from "@/domain/angles";
import { CODEV_TEMPLATE, type MethodTemplate } from "@/domain/facilitation";
import { IC_TEMPLATE } from "@/domain/event";
import { useLocale, useT } from "../I18nProvider";
import { Logo } from "../Logo";
import { useCountdown, useEventState, useServerNow } from "./hooks";
import type { CoordinatorState } from "./Dashboard";

const STEP_TEMPLATES: Record<string, MethodTemplate> = { codev: CODEV_TEMPLATE, intelligenceCollective: IC_TEMPLATE };
const SYNTHESIS_REFRESH_MS = 10_000;

export default function Projection({ code, token }: { code: string; token: string }) {
  const [parts, setParts] = useState<{ conn: BoardConnection; client: EventClient } | null>(null);
  useEffect(() => {
    const conn = new BoardConnection({ url: window.location.origin, code, token });
    const client = new EventClient(conn.socket);
    setParts({ conn, client });
    return () => {
      client.destroy();
      conn.destroy();
    };
  }, [code, token]);
  if (!parts) return null;
  return <Screen code={code} token={token} client={parts.client} />;
}

function Screen({ code, token, client }: { code: string; token: string; client: EventClient }) {
  const t = useT();
  const locale = useLocale();
  const state = useEventState(client);
  const coord = state?.role === "coordinator" ? (state as CoordinatorState) : null;
  const ev = coord?.state;
  const left = useCountdown(client, ev?.timer?.endsAt);
  const now = useServerNow(client, !!coord?.rooms.some((r) => r.seance?.timerEndsAt));
  const [host, setHost] = useState("");
  useEffect(() => setHost(window.location.host), []);
  const synthesis = useSynthesis(code, token, locale, coord?.angles.regroupedAt ?? null);

  if (!state) {
    return (
      <main id="contenu" className="flex min-h-dvh items-center justify-center">
        <p role="status" className="text-2xl font-semibold">
          {t("event.connecting")}
        </p>
      </main>
    );
  }
  if (!coord || !ev) {
    return (
      <main id="contenu" className="flex min-h-dvh items-center justify-center p-6 text-center">
        <p role="alert" className="max-w-xl text-2xl font-semibold">
          {t("event.projection.noKey")}
        </p>
      </main>
    );
  }
  const formatted = formatJoinCode(code);
  const showSynthesis = synthesis && ev.stage !== "groups";

  return (
    <main id="contenu" className="flex min-h-dvh flex-col gap-6 bg-paper p-6 lg:p-10" data-testid="projection">
      <header className="flex items-start gap-6">
        <Logo size={64} />
        <div className="min-w-0 flex-1">
          <h1 className="text-4xl font-bold leading-tight lg:text-5xl" data-testid="projection-title">
            {ev.title}
          </h1>
          <p className="mt-2 text-2xl font-semibold text-accent lg:text-3xl" data-testid="projection-stage">
            {t(`event.stage.${ev.stage}`)}
          </p>
        </div>
        {ev.timer && left !== null && (
          <p className="shrink-0 rounded-2xl bg-white px-6 py-3 text-center ring-2 ring-accent" data-testid="projection-timer">
            {ev.timer.label && <span className="block text-xl font-semibold">{ev.timer.label}</span>}
            <span className="font-mono text-6xl font-bold tabular-nums">{left === 0 ? t("event.timeUp") : formatClock(left)}</span>
          </p>
        )}
      </header>

      {ev.message && (
        <p className="rounded-2xl border-4 border-daisy bg-daisy-soft px-6 py-4 text-3xl font-semibold lg:text-4xl" data-testid="projection-message">
          {ev.message.text}
        </p>
      )}

      <div className="grid flex-1 gap-6 lg:grid-cols-[1fr_auto]">
        <div className="min-w-0 space-y-6">
          {showSynthesis ? (
            <section aria-labelledby="proj-syn">
              <h2 id="proj-syn" className="text-3xl font-bold">
                {t("event.projection.synthesis")}
              </h2>
              <ul className="mt-4 grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="projection-synthesis">
                {synthesis.angles.map((a) => (
                  <li key={a.angleId} className="rounded-2xl bg-white p-5 ring-1 ring-line">
                    <h3 className="text-2xl font-bold">{a.label}</h3>
                    <p className="text-lg text-muted">{t("event.projection.perceptions", { count: a.perceptionCount })}</p>
                    {a.modalites.length === 0 ? (
                      <p className="mt-2 text-lg">{t("event.projection.noModalites")}</p>
                    ) : (
                      <ol className="mt-2 space-y-1 text-xl">
                        {a.modalites.slice(0, 5).map((m) => (
                          <li key={m.clusterId}>
                            <span className="font-bold">{m.rank}.</span> {m.name || "–"} <span className="text-base text-muted">({t("event.projection.votes", { count: m.votes })})</span>
                          </li>
                        ))}
                      </ol>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ) : (
            <section aria-labelledby="proj-rooms">
              <h2 id="proj-rooms" className="text-3xl font-bold">
                {t("event.projection.rooms")}
              </h2>
              <ul className="mt-4 grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="projection-rooms">
                {ev.rooms.map((room) => {
                  const d = coord.rooms.find((r) => r.roomId === room.id);
                  const tpl = STEP_TEMPLATES[room.templateId];
                  const s = d?.seance;
                  const step = s?.stepId && tpl ? tpl.steps.find((x) => x.id === s.stepId) : undefined;
                  const roomLeft = s?.timerEndsAt ? Math.max(0, s.timerEndsAt - now) : null;
                  return (
                    <li key={room.id} className="rounded-2xl bg-white p-5 ring-1 ring-line">
                      <h3 className="text-2xl font-bold">{room.name}</h3>
                      <p className="text-xl">
                        {!tpl
                          ? t("event.rooms.noSteps")
                          : !s || s.status === "lobby"
                            ? t("event.rooms.lobby")
                            : s.status === "ended"
                              ? t("event.rooms.ended")
                              : t("event.rooms.step", { index: s.stepIndex + 1, count: s.stepCount, title: step ? step.title[locale] : "" })}
                        {roomLeft !== null && <span className="ml-2 font-mono tabular-nums">{formatClock(roomLeft)}</span>}
                      </p>
                      {s && s.stepCount > 0 && s.status === "running" && (
                        <div className="mt-2 h-3 overflow-hidden rounded-full bg-line" aria-hidden="true">
                          <div className="h-full bg-accent" style={{ width: `${Math.round(((s.stepIndex + 1) / s.stepCount) * 100)}%` }} />
                        </div>
                      )}
                      <p className="mt-1 text-lg text-muted">{t("event.rooms.people", { present: d?.present ?? 0, seated: d?.seated ?? 0 })}</p>
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
        </div>

        <aside aria-label={t("event.projection.join")} className="flex h-fit flex-col items-center gap-2 rounded-2xl bg-white p-5 text-center ring-1 ring-line lg:w-96">
          <p className="text-2xl font-bold">{t("event.projection.join")}</p>
          <p className="text-lg">{t("event.projection.joinAt", { host: host || "…" })}</p>
          <p className="whitespace-nowrap font-mono text-6xl font-bold tracking-wider" data-testid="projection-code">
            {formatted}
          </p>
          <img src={api.qrUrl(code)} alt={t("event.projection.qrAlt", { code: formatted })} width={208} height={208} className="h-52 w-52" />
        </aside>
      </div>
    </main>
  );
}

/** The synthesis as data (the coordination's token), refreshed while the angle rooms work; null before the regroup. */
function useSynthesis(code: string, token: string, locale: "fr" | "en", regroupedAt: number | null): AngleSynthesis | null {
  const [data, setData] = useState<AngleSynthesis | null>(null);
  useEffect(() => {
    if (regroupedAt === null) return setData(null);
    let stop = false;
    const load = async () => {
      try {
        const res = await fetch(synthesisPath(code, "json", locale), { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
        if (res.ok && !stop) setData(((await res.json()) as { synthesis: AngleSynthesis }).synthesis);
      } catch {
        // the next round tries again
      }
    };
    void load();
    const id = window.setInterval(() => void load(), SYNTHESIS_REFRESH_MS);
    return () => {
      stop = true;
      window.clearInterval(id);
    };
  }, [code, token, locale, regroupedAt]);
  return data;
}
