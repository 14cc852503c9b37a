"use client";
// The facilitator's controls: one bar, always at the bottom of the screen (ux.md §3; with the
// poll button from the board tools), the
// people panel (roles, volunteers) and the "time is up" prompt.
import { useId, useState, type ReactNode } from "react";
import { EXTEND_PRESETS_MS, type AssignableRole } from "@/domain/facilitation";
import type { PresenceEntry, SeanceStateEvent } from "@/protocol";
import { useT } from "../I18nProvider";
import type { Run } from "./SeanceRoom";

const ASSIGNABLE: readonly AssignableRole[] = ["caseHolder", "consultant", "scribe", "observer"];

export function FacilitatorBar({
  state,
  run,
  busy,
  peopleOpen,
  onPeople,
  blockedReason,
  extra,
}: {
  state: SeanceStateEvent;
  run: Run;
  busy: boolean;
  peopleOpen: boolean;
  onPeople: () => void;
  blockedReason: string | null;
  /** More tools for any moment of the séance (the poll button). */
  extra?: ReactNode;
}) {
  const t = useT();
  const [confirmEnd, setConfirmEnd] = useState(false);
  const running = state.status === "running";
  const isLast = state.stepIndex >= state.plan.length - 1;
  const paused = state.timer.status === "paused";
  const pendingVolunteers = state.volunteers.filter((v) => !state.roles.some((r) => r.participantId === v && r.role === "caseHolder")).length;
  return (
    <nav aria-label={t("seance.bar.label")} className="sticky bottom-0 z-40 border-t-2 border-accent bg-white shadow-[0_-2px_8px_rgba(0,0,0,0.08)]" data-testid="facilitator-bar">
      {blockedReason && (
        <p className="border-b border-line bg-accent-soft px-3 py-1 text-sm font-semibold" data-testid="blocked-reason">
          {blockedReason}
        </p>
      )}
      {confirmEnd ? (
        <div className="flex flex-wrap items-center gap-2 px-3 py-2" role="group" aria-label={t("seance.bar.endConfirm")}>
          <p className="font-semibold">{t("seance.bar.endConfirm")}</p>
          <button type="button" className="btn-danger" disabled={busy} onClick={() => void run({ type: "end" }).then(() => setConfirmEnd(false))}>
            {t("seance.bar.endYes")}
          </button>
          <button type="button" className="btn-secondary" onClick={() => setConfirmEnd(false)} autoFocus>
            {t("seance.bar.cancel")}
          </button>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-1.5 px-2 py-2 sm:gap-2 sm:px-3">
          {state.status === "lobby" && (
            <button type="button" className="btn-primary text-lg" disabled={busy} onClick={() => void run({ type: "start" })} data-testid="bar-start">
              {t("seance.bar.start")}
            </button>
          )}
          {running && (
            <>
              <button type="button" className="btn-secondary px-3 disabled:cursor-not-allowed disabled:opacity-40" disabled={busy || state.stepIndex <= 0} onClick={() => void run({ type: "previous" })} aria-label={t("seance.bar.previous")} data-testid="bar-previous">
                <span aria-hidden="true">←</span>
                <span className="hidden md:inline">{t("seance.bar.previous")}</span>
              </button>
              <button type="button" className="btn-primary grow disabled:cursor-not-allowed disabled:opacity-40 sm:grow-0 sm:text-lg" disabled={busy || isLast} onClick={() => void run({ type: "next" })} data-testid="bar-next">
                {isLast ? t("seance.bar.last") : t("seance.bar.next")} <span aria-hidden="true">→</span>
              </button>
              <span className="mx-1 hidden h-8 w-px bg-line sm:block" aria-hidden="true" />
              <button
                type="button"
                className="btn-secondary px-3"
                disabled={busy || state.timer.status === "stopped"}
                aria-pressed={paused}
                aria-label={paused ? t("seance.bar.resume") : t("seance.bar.pause")}
                onClick={() => void run({ type: paused ? "timerResume" : "timerPause" })}
                data-testid="bar-pause"
              >
                <PauseIcon paused={paused} />
                <span className="hidden sm:inline">{paused ? t("seance.bar.resume") : t("seance.bar.pause")}</span>
              </button>
              <button type="button" className="btn-secondary px-3 disabled:cursor-not-allowed disabled:opacity-40" disabled={busy} aria-label={t("seance.bar.plus1Label")} onClick={() => void run({ type: "timerExtend", ms: EXTEND_PRESETS_MS[0] })} data-testid="bar-plus1">
                <span className="sm:hidden">+1</span>
                <span className="hidden sm:inline">{t("seance.bar.plus1")}</span>
              </button>
              <button type="button" className="btn-secondary px-3 disabled:cursor-not-allowed disabled:opacity-40" disabled={busy} aria-label={t("seance.bar.plus5Label")} onClick={() => void run({ type: "timerExtend", ms: EXTEND_PRESETS_MS[1] })} data-testid="bar-plus5">
                <span className="sm:hidden">+5</span>
                <span className="hidden sm:inline">{t("seance.bar.plus5")}</span>
              </button>
              <span className="mx-1 hidden h-8 w-px bg-line sm:block" aria-hidden="true" />
              <button
                type="button"
                className="btn-secondary px-3"
                disabled={busy}
                aria-pressed={state.boardLocked}
                aria-label={state.boardLocked ? t("seance.bar.unlockLabel") : t("seance.bar.lockLabel")}
                onClick={() => void run({ type: state.boardLocked ? "unlockBoard" : "lockBoard" })}
                data-testid="bar-lock"
              >
                <LockIcon open={state.boardLocked} />
                <span className="hidden sm:inline">{state.boardLocked ? t("seance.bar.unlock") : t("seance.bar.lock")}</span>
              </button>
              <button
                type="button"
                className={state.summon ? "btn-primary px-3" : "btn-secondary px-3"}
                disabled={busy}
                aria-pressed={state.summon !== null}
                onClick={() => void run({ type: "summon", viewId: state.summon ? null : `step-${state.stepId ?? "none"}` })}
                data-testid="bar-summon"
              >
                <SummonIcon />
                <span className="max-sm:sr-only">{state.summon ? t("seance.summon.clear") : t("seance.summon.button")}</span>
              </button>
            </>
          )}
          <span className="hidden flex-1 sm:block" />
          {extra}
          <button type="button" className="btn-secondary px-3" aria-expanded={peopleOpen} aria-controls="personnes" onClick={onPeople} data-testid="bar-people">
            <PeopleIcon />
            <span className="max-sm:sr-only">{t("seance.bar.people")}</span>
            {pendingVolunteers > 0 && <span className="rounded-full bg-daisy px-2 text-sm text-ink">{pendingVolunteers}</span>}
          </button>
          {state.status !== "ended" && (
            <button type="button" className="btn-danger px-3" disabled={busy} onClick={() => setConfirmEnd(true)} data-testid="bar-end">
              {t("seance.bar.end")}
            </button>
          )}
        </div>
      )}
    </nav>
  );
}

export function TimeUpPrompt({ run, busy, isLast }: { run: Run; busy: boolean; isLast: boolean }) {
  const t = useT();
  return (
    <div role="alert" className="flex flex-wrap items-center gap-2 border-b-2 border-danger bg-danger-soft px-3 py-2" data-testid="time-up">
      <p className="flex-1 font-semibold">{t("seance.timeUpPrompt")}</p>
      {!isLast && (
        <button type="button" className="btn-primary" disabled={busy} onClick={() => void run({ type: "next" })}>
          {t("seance.bar.next")}
        </button>
      )}
      <button type="button" className="btn-secondary" disabled={busy} onClick={() => void run({ type: "timerExtend", ms: EXTEND_PRESETS_MS[1] })}>
        {t("seance.bar.plus5")}
      </button>
    </div>
  );
}

export function PeoplePanel({ state, presence, run, busy, onClose }: { state: SeanceStateEvent; presence: PresenceEntry[] | null; run: Run; busy: boolean; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const people = (presence ?? []).filter((p) => p.id !== state.facilitatorId);
  const roleOf = (pid: string): AssignableRole => state.roles.find((r) => r.participantId === pid)?.role ?? state.defaultRole;
  const sorted = [...people].sort((a, b) => {
    const va = state.volunteers.includes(a.id) ? 0 : 1;
    const vb = state.volunteers.includes(b.id) ? 0 : 1;
    return va - vb || Number(b.online) - Number(a.online) || a.displayName.localeCompare(b.displayName);
  });
  return (
    <div className="p-3" data-testid="people-panel">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-lg font-bold">{t("seance.people.title")}</h2>
        <button type="button" className="btn-secondary" onClick={onClose} autoFocus>
          {t("seance.people.close")}
        </button>
      </div>
      {sorted.length === 0 && <p className="mt-2 text-muted">{t("seance.people.empty")}</p>}
      <ul className="mt-2 space-y-2">
        {sorted.map((p) => {
          const role = roleOf(p.id);
          const volunteer = state.volunteers.includes(p.id);
          return (
            <li key={p.id} className={`rounded-xl border p-2 ${volunteer ? "border-2 border-daisy bg-daisy-soft" : "border-line"}`} data-testid="person">
              <p className="flex flex-wrap items-center gap-x-2 font-semibold">
                <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${p.online ? "bg-accent" : "border-2 border-gray-400"}`} />
                <span>{p.displayName}</span>
                <span className="text-sm font-normal text-muted">({p.online ? t("seance.people.online") : t("seance.people.away")})</span>
              </p>
              {volunteer && role !== "caseHolder" && <p className="text-sm">{t("seance.people.volunteer")}</p>}
              <div className="mt-1 flex flex-col gap-2">
                <div className="min-w-0">
                  <label htmlFor={`${id}-${p.id}`} className="sr-only">
                    {t("seance.people.roleFor", { name: p.displayName })}
                  </label>
                  <select
                    id={`${id}-${p.id}`}
                    className="field min-h-11 py-1 text-base"
                    value={role}
                    disabled={busy || state.status === "ended"}
                    onChange={(e) => void run({ type: "assignRole", participantId: p.id, role: e.target.value as AssignableRole })}
                    data-testid="role-select"
                  >
                    {ASSIGNABLE.map((r) => (
                      <option key={r} value={r}>
                        {t(`seance.roles.${r}`)}
                      </option>
                    ))}
                  </select>
                </div>
                {volunteer && role !== "caseHolder" && (
                  <button type="button" className="btn-primary" disabled={busy} onClick={() => void run({ type: "assignRole", participantId: p.id, role: "caseHolder" })}>
                    {t("seance.people.makeCaseHolder")}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function PauseIcon({ paused }: { paused: boolean }) {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {paused ? <path d="M8 5l11 7-11 7z" fill="currentColor" /> : <path d="M7 5h3.5v14H7zM13.5 5H17v14h-3.5z" fill="currentColor" />}
    </svg>
  );
}

function LockIcon({ open }: { open: boolean }) {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="5" y="10.5" width="14" height="10" rx="2" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <path d={open ? "M8 10.5V7.5a4 4 0 0 1 7.6-1.7" : "M8 10.5V7.5a4 4 0 0 1 8 0v3"} fill="none" stroke="currentColor" strokeWidth="2.2" />
    </svg>
  );
}

function SummonIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="3" fill="currentColor" />
      <path d="M12 2v4M12 18v4M2 12h4M18 12h4" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

function PeopleIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="9" cy="8" r="3.2" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="17" cy="9" r="2.6" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M3 19c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5M15.5 14c3 0 5.5 1.8 5.5 4.8" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
