"use client";
// The coordination's dashboard (ux.md: "a grid of rooms with step, timer, people, notes, help
// requests; broadcast bar"): always on top, where everyone is asked to be (the stage), the
// message, the shared timer, "advance all rooms" and the calls; below, tabs for the groups,
// the people (list, placement), the angles d'écoute and the plenary's quiz and questionnaire.
import { useCallback, useId, useState } from "react";
import type { BoardConnection } from "@/client/boardConnection";
import type { EventResult } from "@/client/event";
import type { EventClient } from "@/client/event";
import type { StoredIdentity } from "@/client/identity";
import type { QuizClient } from "@/client/quiz";
import { formatClock } from "@/client/seance";
import { formatJoinCode } from "@/domain/joinCode";
import type { AdvancedRoom, EventStage, EventStateEvent, EventWireCommand } from "@/protocol";
import { useT } from "../I18nProvider";
import { LanguageSwitch } from "../LanguageSwitch";
import { RoomTitle } from "../room/RoomTitle";
import { useConnectionStatus } from "../room/hooks";
import { OfflineBanner } from "../room/SaveStatus";
import { useCountdown, refusalText } from "./hooks";
import { RoomsPanel } from "./RoomsPanel";
import { PeoplePanel } from "./PeoplePanel";
import { AnglesPanel } from "./AnglesPanel";
import { PlenaryActivities } from "./PlenaryActivities";
import { useQuizState } from "../quiz/hooks";

export type CoordinatorState = Extract<EventStateEvent, { role: "coordinator" }>;
export type Run = (command: EventWireCommand, done?: string) => Promise<EventResult>;

const STAGES: readonly EventStage[] = ["plenary", "groups", "angles"];
type Tab = "rooms" | "people" | "angles" | "plenary";

export function Dashboard({ code, identity, conn, client, quiz, state }: { code: string; identity: StoredIdentity; conn: BoardConnection; client: EventClient; quiz: QuizClient; state: CoordinatorState }) {
  const t = useT();
  const status = useConnectionStatus(conn);
  const [tab, setTab] = useState<Tab>("rooms");
  const [notice, setNotice] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [advanced, setAdvanced] = useState<AdvancedRoom[] | null>(null);
  const ev = state.state;
  // The quiz's state is followed whatever the tab: its tab says when a question is on.
  const quizState = useQuizState(quiz);
  const quizLive = quizState?.prepared === true && quizState.view.status === "running";

  const run: Run = useCallback(
    async (command, done) => {
      const res = await client.send(command);
      if (!res.ok) setNotice({ kind: "error", text: refusalText(t, res) });
      else setNotice(done ? { kind: "ok", text: done } : null);
      return res;
    },
    [client, t],
  );

  const title = identity.title ?? ev.title;
  const tabs: { id: Tab; label: string }[] = [
    { id: "rooms", label: t("event.dash.tabs.rooms", { count: ev.rooms.length }) },
    { id: "people", label: t("event.dash.tabs.people", { count: ev.people.length }) },
    { id: "angles", label: t("event.dash.tabs.angles") },
    { id: "plenary", label: quizLive ? t("event.dash.tabs.plenaryLive") : t("event.dash.tabs.plenary") },
  ];

  return (
    <div className="flex min-h-dvh flex-col bg-paper">
      <header className="border-b border-line bg-white">
        <div className="flex items-center gap-2 px-3 py-1.5 sm:gap-3 sm:px-4">
          <RoomTitle title={title} status={status} />
          <p className="hidden shrink-0 text-right md:block">
            <span className="block text-sm text-muted">{t("event.dash.joinWith")}</span>
            <span className="font-mono text-xl font-bold tracking-wider" data-testid="event-code">
              {formatJoinCode(code)}
            </span>
          </p>
          <a className="btn-secondary shrink-0" href={`/s/${code}/projection`} target="_blank" rel="noopener" data-testid="open-projection">
            {t("event.dash.project")}
          </a>
          <LanguageSwitch className="shrink-0" />
        </div>
      </header>
      <OfflineBanner status={status} refusal={conn.refusal} code={code} />

      <main id="contenu" tabIndex={-1} className="flex-1 outline-none" data-testid="dashboard">
        <h2 className="sr-only">{t("event.dash.heading")}</h2>
        <ControlBar state={state} client={client} run={run} onAdvanced={setAdvanced} />

        {notice && (
          <div
            role={notice.kind === "error" ? "alert" : "status"}
            className={`flex items-center gap-3 border-b-2 px-4 py-2 ${notice.kind === "error" ? "border-[#8a5a00] bg-[#fde49a]" : "border-accent bg-accent-soft"}`}
            data-testid="dash-notice"
          >
            <p className="flex-1 font-semibold" data-testid="dash-notice-text">{notice.text}</p>
            <button type="button" className="btn-ghost shrink-0" onClick={() => setNotice(null)} aria-label={t("event.dash.dismiss")}>
              ✕
            </button>
          </div>
        )}

        <div className="grid gap-4 p-3 sm:p-4 xl:grid-cols-[1fr_22rem]">
          <div className="min-w-0">
            <div role="tablist" aria-label={t("event.dash.heading")} className="flex flex-wrap gap-1 border-b border-line">
              {tabs.map((x) => (
                <button
                  key={x.id}
                  type="button"
                  role="tab"
                  id={`tab-${x.id}`}
                  aria-selected={tab === x.id}
                  aria-controls={`panel-${x.id}`}
                  className={`-mb-px min-h-11 rounded-t-lg border border-b-0 px-4 font-semibold ${tab === x.id ? "border-line bg-white text-accent" : "border-transparent text-muted hover:text-ink"}`}
                  onClick={() => setTab(x.id)}
                  data-testid={`tab-${x.id}`}
                >
                  {x.label}
                </button>
              ))}
            </div>
            <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="rounded-b-xl border border-t-0 border-line bg-white p-3 sm:p-4">
              {tab === "rooms" && <RoomsPanel state={state} client={client} run={run} advanced={advanced} />}
              {tab === "people" && <PeoplePanel code={code} token={identity.token} state={state} run={run} />}
              {tab === "angles" && <AnglesPanel code={code} token={identity.token} state={state} run={run} client={client} />}
              {tab === "plenary" && <PlenaryActivities code={code} token={identity.token} title={title} stage={ev.stage} quiz={quiz} />}
            </div>
          </div>
          <HelpCalls state={state} run={run} />
        </div>
      </main>
    </div>
  );
}

/** Stage, message, timer, advance all: the coordination's bar, always in the same place. */
function ControlBar({ state, client, run, onAdvanced }: { state: CoordinatorState; client: EventClient; run: Run; onAdvanced: (rooms: AdvancedRoom[] | null) => void }) {
  const t = useT();
  const id = useId();
  const ev = state.state;
  const [message, setMessage] = useState("");
  const [minutes, setMinutes] = useState("10");
  const [label, setLabel] = useState("");
  const [busy, setBusy] = useState(false);
  const left = useCountdown(client, ev.timer?.endsAt);

  return (
    <section aria-labelledby={`${id}-now`} className="border-b border-line bg-daisy-soft px-3 py-3 sm:px-4">
      <h2 id={`${id}-now`} className="sr-only">
        {t("event.dash.controls")}
      </h2>
      <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <fieldset>
          <legend className="text-sm font-bold uppercase tracking-wide text-accent">{t("event.dash.stageLegend")}</legend>
          <div className="mt-1 flex flex-wrap gap-1" data-testid="stage-controls">
            {STAGES.map((s) => (
              <button
                key={s}
                type="button"
                aria-pressed={ev.stage === s}
                className={ev.stage === s ? "btn-primary px-3" : "btn-secondary px-3"}
                onClick={() => void run({ type: "setStage", stage: s })}
                data-testid={`stage-${s}`}
              >
                {t(`event.stage.${s}`)}
              </button>
            ))}
          </div>
        </fieldset>

        <form
          className="min-w-0 flex-[2_1_22rem]"
          onSubmit={async (e) => {
            e.preventDefault();
            const text = message.trim();
            if (!text) return;
            const res = await run({ type: "broadcastMessage", text });
            if (res.ok) setMessage("");
          }}
        >
          <label htmlFor={`${id}-msg`} className="text-sm font-bold uppercase tracking-wide text-accent">
            {t("event.dash.messageLabel")}
          </label>
          <div className="mt-1 flex gap-2">
            <input id={`${id}-msg`} className="field min-w-0 flex-1" maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} placeholder={t("event.dash.messagePlaceholder")} data-testid="broadcast-input" />
            <button type="submit" className="btn-primary shrink-0" data-testid="broadcast-send">
              {t("event.dash.messageSend")}
            </button>
          </div>
          {ev.message && (
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
              <span className="font-semibold">{t("event.dash.messageShown")}</span>
              <span className="rounded bg-white px-2 py-0.5 ring-1 ring-line" data-testid="broadcast-current">
                {ev.message.text}
              </span>
              <button type="button" className="btn-ghost min-h-9 py-0 text-sm underline" onClick={() => void run({ type: "broadcastMessage", text: null })}>
                {t("event.dash.messageClear")}
              </button>
            </p>
          )}
        </form>

        <form
          className="min-w-0 flex-[1_1_auto]"
          onSubmit={(e) => {
            e.preventDefault();
            const m = Number(minutes.replace(",", "."));
            if (!Number.isFinite(m) || m <= 0) return;
            void run({ type: "startTimer", durationMs: Math.round(m * 60_000), ...(label.trim() ? { label: label.trim() } : {}) });
          }}
        >
          <p className="text-sm font-bold uppercase tracking-wide text-accent">{t("event.dash.timerLegend")}</p>
          {ev.timer && left !== null ? (
            <div className="mt-1 flex items-center gap-2">
              <p className="font-mono text-2xl font-bold tabular-nums" data-testid="dash-timer">
                {ev.timer.label ? `${ev.timer.label} · ` : ""}
                {left === 0 ? t("event.timeUp") : formatClock(left)}
              </p>
              <button type="button" className="btn-secondary px-3" onClick={() => void run({ type: "clearTimer" })}>
                {t("event.dash.timerStop")}
              </button>
            </div>
          ) : (
            <div className="mt-1 flex flex-wrap items-end gap-2">
              <label className="text-sm">
                <span className="block">{t("event.dash.timerMinutes")}</span>
                <input className="field w-20" inputMode="decimal" value={minutes} onChange={(e) => setMinutes(e.target.value)} data-testid="timer-minutes" />
              </label>
              <label className="text-sm">
                <span className="block">{t("event.dash.timerLabel")}</span>
                <input className="field w-36" maxLength={80} value={label} onChange={(e) => setLabel(e.target.value)} placeholder={t("event.dash.timerLabelPlaceholder")} />
              </label>
              <button type="submit" className="btn-primary" data-testid="timer-start">
                {t("event.dash.timerStart")}
              </button>
            </div>
          )}
        </form>

        <div>
          <p className="text-sm font-bold uppercase tracking-wide text-accent">{t("event.dash.advanceLegend")}</p>
          <button
            type="button"
            className="btn-primary mt-1"
            disabled={busy || ev.rooms.length === 0}
            aria-busy={busy}
            onClick={async () => {
              setBusy(true);
              const res = await run({ type: "advanceAll" });
              setBusy(false);
              onAdvanced(res.ok ? (res.rooms ?? []) : null);
            }}
            data-testid="advance-all"
          >
            {t("event.dash.advance")}
          </button>
        </div>
      </div>
    </section>
  );
}

/** The calls for help that reach the coordination (and those addressed to rooms' facilitators, to follow). */
function HelpCalls({ state, run }: { state: CoordinatorState; run: Run }) {
  const t = useT();
  const ev = state.state;
  const nameOf = (pid: string) => ev.people.find((p) => p.participantId === pid)?.name ?? t("event.dash.calls.someone");
  const roomOf = (rid: string | null) => (rid ? (ev.rooms.find((r) => r.id === rid)?.name ?? rid) : t("event.dash.calls.noRoom"));
  return (
    <aside aria-labelledby="appels-titre" className="card h-fit p-3 sm:p-4" data-testid="help-calls">
      <h2 id="appels-titre" className="text-lg font-bold">
        {t("event.dash.calls.title", { count: ev.help.length })}
      </h2>
      {ev.help.length === 0 ? (
        <p className="mt-1 text-muted">{t("event.dash.calls.none")}</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {ev.help.map((h) => (
            <li key={h.id} className={`rounded-lg border-2 p-2 ${h.acknowledgedAt ? "border-line" : "border-daisy bg-daisy-soft"}`} data-testid="help-call">
              <p className="font-semibold">{t("event.dash.calls.from", { name: nameOf(h.participantId), room: roomOf(h.roomId) })}</p>
              {h.note && <p className="text-sm">« {h.note} »</p>}
              <p className="text-sm text-muted">
                {h.to === "facilitator" ? t("event.dash.calls.toFacilitator") : t("event.dash.calls.toYou")}
                {h.acknowledgedAt ? ` · ${t("event.dash.calls.acknowledged")}` : ""}
              </p>
              <div className="mt-1 flex gap-2">
                {!h.acknowledgedAt && (
                  <button type="button" className="btn-primary min-h-9 px-3 py-1" onClick={() => void run({ type: "acknowledgeHelp", requestId: h.id })} data-testid="help-ack">
                    {t("event.dash.calls.acknowledge")}
                  </button>
                )}
                <button type="button" className="btn-secondary min-h-9 px-3 py-1" onClick={() => void run({ type: "closeHelp", requestId: h.id })} data-testid="help-close">
                  {t("event.dash.calls.close")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
