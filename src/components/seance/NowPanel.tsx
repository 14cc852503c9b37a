"use client";
// Now and next (ux.md §1): method, step n of N and its title, the instruction for my role,
// the countdown, what I can do now; a gentle notice when the step changes.
import { useEffect, useRef, useState } from "react";
import { formatClock, type SeanceClient } from "@/client/seance";
import type { MethodRole, MethodTemplate } from "@/domain/facilitation";
import type { SeanceStateEvent } from "@/protocol";
import { useT } from "../I18nProvider";
import { useTimeLeft } from "./hooks";

export function NowPanel({ template, state, seance, role, locale }: { template: MethodTemplate; state: SeanceStateEvent | null; seance: SeanceClient; role: MethodRole; locale: "fr" | "en" }) {
  const t = useT();
  const left = useTimeLeft(seance, state);
  const step = state?.stepId ? template.steps.find((s) => s.id === state.stepId) : undefined;
  const stepTitle = step?.title[locale] ?? "";
  const [changed, setChanged] = useState<string | null>(null);
  const previous = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    const id = state?.stepId ?? null;
    if (state && state.status !== "running") setChanged(null);
    if (previous.current !== undefined && id !== previous.current && id && stepTitle) {
      setChanged(t("seance.stepChanged", { title: stepTitle }));
      const timer = window.setTimeout(() => setChanged(null), 10_000);
      previous.current = id;
      return () => window.clearTimeout(timer);
    }
    if (state) previous.current = id;
  }, [state, stepTitle, t]);

  const instruction = step ? step.instructions[role]?.[locale] : null;
  const myGrants = step?.grants.filter((g) => (g.roles as readonly string[]).includes(role)) ?? [];
  const writesHere = myGrants.length > 0;
  // Only marking (the case holder keeping suggestions): a choice, not writing.
  const choosesOnly = writesHere && myGrants.every((g) => g.ops.every((op) => op === "update") && g.fields?.every((f) => template.collections.find((c) => c.id === g.collection)?.fields[f]?.kind === "boolean"));
  const running = state?.status === "running";
  const writesPrivate = running && (role === "caseHolder" || role === "consultant" || role === "scribe");

  let heading: string;
  if (!state || state.status === "lobby") heading = t("seance.lobbyTitle");
  else if (state.status === "ended") heading = t("seance.endedTitle");
  else heading = stepTitle;

  return (
    <section aria-labelledby="etape-titre" className="border-b border-line bg-daisy-soft" data-testid="now">
      <div className="px-3 py-2 sm:px-4 sm:py-3">
        <div className="flex items-start justify-between gap-3 sm:gap-4">
          <div className="min-w-0">
            <p className="text-xs font-bold uppercase tracking-wide text-accent sm:text-sm">
              {template.id === "codev" ? t("methods.codev.name") : template.title[locale]}
              {running && state && (
                <>
                  {" · "}
                  <span data-testid="step-index">{t("seance.stepOf", { index: state.stepIndex + 1, count: state.plan.length })}</span>
                </>
              )}
            </p>
            <h2 id="etape-titre" className="text-lg font-bold leading-snug sm:text-2xl" data-testid="step-title">
              {heading}
            </h2>
          </div>
          {running && left !== null && state && (
            <div className="shrink-0 text-right" data-testid="countdown-box">
              <p className="text-xs font-semibold text-muted sm:text-sm">{state.timer.status === "paused" ? t("seance.paused") : left === 0 ? t("seance.timeUp") : t("seance.timeLeft")}</p>
              <p
                role="timer"
                aria-label={t("seance.timeLeftLabel", { time: formatClock(left) })}
                className={`font-mono text-2xl font-bold leading-tight tabular-nums sm:text-4xl ${left === 0 ? "text-danger" : ""}`}
                data-testid="countdown"
              >
                {formatClock(left)}
              </p>
            </div>
          )}
        </div>
        {instruction && (
          <p className="mt-0.5 leading-snug sm:text-lg" data-testid="instruction">
            {instruction}
          </p>
        )}
        <p className="mt-1 flex flex-wrap items-center gap-1.5 text-sm sm:gap-2">
          <span className="rounded-full bg-white px-2.5 py-0.5 font-semibold ring-1 ring-line" data-testid="my-role">
            {t("seance.yourRole", { role: t(`seance.roles.${role}`) })}
          </span>
          {running && role !== "facilitator" && (
            <span className={`rounded-full px-2.5 py-0.5 font-semibold ${writesHere && !state?.boardLocked ? "bg-accent text-white" : "bg-white ring-1 ring-line"}`} data-testid="can-do">
              {state?.boardLocked ? t("seance.locked") : choosesOnly ? t("seance.canChoose") : writesHere ? t("seance.canWrite") : t("seance.listenOnly")}
            </span>
          )}
          {writesPrivate && !writesHere && <span className="text-muted">{t("seance.privateNotesAvailable")}</span>}
        </p>
        <p role="status" aria-live="polite" className={changed ? "mt-2 inline-block rounded-lg bg-accent px-3 py-1 font-semibold text-white" : "sr-only"} data-testid="step-changed">
          {changed ?? ""}
        </p>
      </div>
    </section>
  );
}
