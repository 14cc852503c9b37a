"use client";
// The room of a method with steps (co-développement): now and next in the header (step,
// instruction for my role, countdown), the step's view bound to the collections, private
// notes, and for the facilitator the bar and the people panel. Browser only (Yjs).
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BoardConnection } from "@/client/boardConnection";
import { CollectionsModel } from "@/client/collections";
import { clearIdentity, type StoredIdentity } from "@/client/identity";
import { joinPath } from "@/client/api";
import { SeanceClient, toEngineState, type CommandResult } from "@/client/seance";
import { downloadReport } from "@/client/report";
import { writeRefusedKey } from "@/client/divergence";
import { formatJoinCode } from "@/domain/joinCode";
import {
  CODEV_COLLECTION as C,
  CODEV_STEP,
  CODEV_TEMPLATE,
  visibleCollections,
  type MethodRole,
  type MethodTemplate,
} from "@/domain/facilitation";
import { IC_TEMPLATE } from "@/domain/event/intelligenceCollective";
import type { SeanceCommand, SeanceStateEvent } from "@/protocol";
import { useLocale, useT, type TFunction } from "../I18nProvider";
import { LanguageSwitch } from "../LanguageSwitch";
import { RoomTitle } from "../room/RoomTitle";
import { useConnectionStatus, useMinWidth, usePresence } from "../room/hooks";
import { PresenceStrip } from "../room/PresenceStrip";
import { OfflineBanner } from "../room/SaveStatus";
import { SharePanel } from "../room/SharePanel";
import { FacilitatorBar, PeoplePanel, TimeUpPrompt } from "./Facilitation";
import { useItems, usePermissions, useSeanceState, useTimeLeft } from "./hooks";
import { NowPanel } from "./NowPanel";
import { PrivateNotes } from "./PrivateNotes";
import { EndView, StepView } from "./StepViews";
import { ICEndView, ICStepView } from "./ICStepViews";
import { NextSeance, PreviousPlan, useGroup } from "./GroupPanels";
import { useRoomTools } from "../board-tools/RoomTools";
import { FeedbackCard, FeedbackInvite } from "../feedback/FeedbackCard";
import { PreparationPanel, SpotlightBanner, SubjectChoiceView, useFollowSummon, type Spotlight } from "./Plan";

/** The séance's template, from the session's method (co-développement unless said otherwise). */
function templateOf(method: StoredIdentity["method"]): MethodTemplate {
  return method === "intelligenceCollective" ? IC_TEMPLATE : CODEV_TEMPLATE;
}

export default function SeanceRoomView({ code, identity }: { code: string; identity: StoredIdentity }) {
  const [parts, setParts] = useState<{ conn: BoardConnection; seance: SeanceClient; model: CollectionsModel; generation: number } | null>(null);
  // The server refused one of my edits for what it does (not allowed now): my document holds
  // something the server never will, so the board is opened afresh, with a kind notice that
  // says why (src/client/divergence.ts).
  const [generation, setGeneration] = useState(0);
  const [refusedCode, setRefusedCode] = useState<string | null>(null);
  const template = templateOf(identity.method);
  useEffect(() => {
    const conn = new BoardConnection({ url: window.location.origin, code, token: identity.token });
    const seance = new SeanceClient(conn.socket);
    const model = new CollectionsModel(conn.doc, template, identity.participantId);
    conn.awareness.setLocalState({ focus: null, editing: false });
    const off = conn.on("diverged", (e) => {
      setRefusedCode(e.code);
      setGeneration((g) => g + 1);
    });
    setParts({ conn, seance, model, generation });
    return () => {
      off();
      model.destroy();
      seance.destroy();
      conn.destroy();
    };
  }, [code, identity.token, identity.participantId, generation, template]);
  if (!parts) return null;
  return <SeanceRoom key={parts.generation} code={code} identity={identity} template={template} conn={parts.conn} seance={parts.seance} model={parts.model} reopened={parts.generation > 0 ? refusedCode : null} />;
}

export type Run = (command: SeanceCommand) => Promise<CommandResult>;

export function refusalText(t: TFunction, res: Exclude<CommandResult, { ok: true }>, state: SeanceStateEvent | null): string {
  if (res.code === "requirement_unmet") {
    const hasCaseHolder = state?.roles.some((r) => r.role === "caseHolder");
    if (!hasCaseHolder && state?.stepId === CODEV_STEP.subject) return t("seance.bar.needSubject");
    return hasCaseHolder ? t("seance.bar.needContract") : t("seance.bar.needCaseHolder");
  }
  const known = [
    "not_facilitator", "not_allowed_for_role", "role_full", "ended", "no_next_step", "no_previous_step", "timer_not_running",
    "timer_not_paused", "already_started", "not_started", "storage_unavailable", "network", "timeout",
    "out_of_bounds", "step_not_optional", "unknown_step", "not_in_subject_choice", "unknown_subject",
  ] as const;
  const code = known.find((k) => k === res.code);
  return code ? t(`seance.refused.${code}`) : t("seance.refused.other", { code: res.code });
}

function SeanceRoom({
  code,
  identity,
  template: TEMPLATE,
  conn,
  seance,
  model,
  reopened,
}: {
  code: string;
  identity: StoredIdentity;
  template: MethodTemplate;
  conn: BoardConnection;
  seance: SeanceClient;
  model: CollectionsModel;
  /** The refusal code that made the room reopen the board, if it did. */
  reopened: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const status = useConnectionStatus(conn);
  const presence = usePresence(conn);
  const state = useSeanceState(seance);
  const wide = useMinWidth(1024);
  const me = identity.participantId;
  const role: MethodRole = state?.you.role ?? (identity.role === "facilitator" ? "facilitator" : identity.role === "observer" ? "observer" : "consultant");
  const isFacilitator = role === "facilitator";
  // A national day's group room: its people come through the day; nothing to share or delete here.
  const canShare = isFacilitator && !identity.inEvent;
  const perms = usePermissions(TEMPLATE, state, me);
  const visible = useMemo(() => (state ? visibleCollections(TEMPLATE, toEngineState(state), role) : []), [TEMPLATE, state, role]);
  const [notice, setNotice] = useState<string | null>(() => (reopened !== null ? t(writeRefusedKey(reopened)) : null));
  const [panel, setPanel] = useState<"people" | "share" | null>(null);
  const [busy, setBusy] = useState(false);
  const group = useGroup(code, identity.token, conn.socket);
  // Dot voting on the session board's notes, inside the séance too (anonymity comes from the steps).
  const tools = useRoomTools({ socket: conn.socket, doc: conn.doc, role: isFacilitator ? "facilitator" : role === "observer" ? "observer" : "participant", switches: false });

  useEffect(() => {
    if (status === "refused" && conn.refusal === "unauthorized") {
      clearIdentity(code);
      router.replace(`${joinPath(code)}?acces=perdu`);
    }
  }, [status, conn, code, router]);


  const run: Run = useCallback(
    async (command) => {
      setBusy(true);
      const res = await seance.send(command);
      setBusy(false);
      if (res.ok) setNotice(null);
      else setNotice(refusalText(t, res, seance.state));
      return res;
    },
    [seance, t],
  );

  const contract = useItems(model, C.contract).find((i) => i.id === "contract");
  const contractWritten = typeof contract?.values.text === "string" && contract.values.text.trim().length > 0;

  const spotlight: Spotlight = useMemo(
    () => ({ itemId: state?.spotlight?.itemId ?? null, set: isFacilitator ? (itemId) => void run({ type: "spotlight", itemId }) : undefined }),
    [state?.spotlight?.itemId, isFacilitator, run],
  );
  const summonNotice = useFollowSummon(state, isFacilitator, "contenu");

  const title = identity.title ?? formatJoinCode(code);
  const presenceMe = useMemo(() => ({ id: me, name: identity.displayName, role: identity.role }), [me, identity]);
  const writes = role === "caseHolder" || role === "consultant" || role === "scribe";

  return (
    <div className="flex min-h-dvh flex-col [@media(min-height:600px)]:h-dvh">
      <header className="border-b border-line bg-white">
        <div className="flex items-center gap-2 px-3 py-1.5 sm:gap-3 sm:px-4">
          <RoomTitle title={title} status={status} />
          {canShare && (
            <button
              type="button"
              className="btn-secondary shrink-0 px-3"
              aria-expanded={panel === "share"}
              aria-controls="partage"
              onClick={() => setPanel(panel === "share" ? null : "share")}
            >
              <span className="hidden sm:inline">{t("share.show", { code: formatJoinCode(code) })}</span>
              <span className="font-mono sm:hidden">{formatJoinCode(code)}</span>
            </button>
          )}
          {tools.toggle}
          <LanguageSwitch className="shrink-0" />
        </div>
      </header>

      <OfflineBanner status={status} refusal={conn.refusal} code={code} />

      <NowPanel template={TEMPLATE} state={state} seance={seance} role={role} locale={locale} />
      {tools.strip}
      {tools.poll}
      <FeedbackInvite code={code} token={identity.token} role={identity.role} />
      {state?.status === "running" && <SpotlightBanner state={state} model={model} onClear={isFacilitator ? () => void run({ type: "spotlight", itemId: null }) : undefined} />}
      {summonNotice && (
        <p role="status" className="border-b border-line bg-accent px-4 py-1.5 font-semibold text-white" data-testid="summon-notice">
          {summonNotice}
        </p>
      )}

      {isFacilitator && state?.status === "running" && <TimeUpGate seance={seance} state={state} run={run} busy={busy} />}

      {notice && (
        <div role="alert" className="flex items-center gap-3 border-b-2 border-[#8a5a00] bg-[#fde49a] px-4 py-2" data-testid="seance-notice">
          <p className="flex-1 font-semibold">{notice}</p>
          <button type="button" className="btn-ghost shrink-0" onClick={() => setNotice(null)} aria-label={t("seance.refused.dismiss")}>
            ✕
          </button>
        </div>
      )}

      <div className="flex min-h-0 flex-1 flex-col overflow-y-auto lg:flex-row lg:overflow-hidden">
        <div className="flex min-w-0 flex-1 flex-col lg:overflow-y-auto">
          <PresenceStrip people={presence} me={presenceMe} />
          <main id="contenu" tabIndex={-1} className="min-w-0 flex-1 scroll-mt-2 bg-paper p-3 outline-none sm:p-4" data-testid="seance-main">
          {!state ? (
            <p role="status" className="text-lg font-semibold">
              {t("room.connecting")}
            </p>
          ) : state.status === "lobby" ? (
            <Lobby template={TEMPLATE} state={state} role={role} run={run} busy={busy} locale={locale} previous={<PreviousPlan overview={group} locale={locale} />} />
          ) : state.status === "running" && state.stepId === CODEV_STEP.subject ? (
            <SubjectChoiceView state={state} role={role} run={run} busy={busy} presence={presence} />
          ) : state.status === "ended" ? (
            <div className="space-y-4" data-testid="ended">
              <p className="text-lg">{role === "caseHolder" ? t(TEMPLATE.id === IC_TEMPLATE.id ? "ic.endedCaseHolder" : "seance.endedCaseHolder") : t("seance.endedLead")}</p>
              {/* The report is the co-développement's (src/domain/report/codev.ts); an atelier's answer goes to the day's plenary wall. */}
              {(role === "facilitator" || role === "caseHolder") && TEMPLATE.id !== IC_TEMPLATE.id && <ReportButtons code={code} token={identity.token} locale={locale} />}
              {isFacilitator && <FeedbackCard code={code} token={identity.token} className="max-w-xl" />}
              <NextSeance code={code} identity={identity} overview={group} isFacilitator={isFacilitator} />
              {TEMPLATE.id === IC_TEMPLATE.id ? <ICEndView model={model} perms={perms} me={me} visible={visible} /> : <EndView model={model} perms={perms} me={me} visible={visible} />}
            </div>
          ) : (
            state.stepId &&
            (TEMPLATE.id === IC_TEMPLATE.id ? (
              <ICStepView stepId={state.stepId} model={model} perms={perms} me={me} visible={visible} spotlight={spotlight} />
            ) : (
              <StepView stepId={state.stepId} model={model} perms={perms} me={me} visible={visible} spotlight={spotlight} />
            ))
          )}
          </main>
        </div>

        {writes && state?.status === "running" && (
          <aside aria-labelledby="notes-perso" className="border-t border-line bg-white p-3 lg:w-80 lg:shrink-0 lg:overflow-y-auto lg:border-l lg:border-t-0">
            <PrivateNotes code={code} token={identity.token} me={me} perms={perms} headingId="notes-perso" />
          </aside>
        )}

        {tools.panel}
        {isFacilitator && panel === "people" && state && (
          <aside
            id="personnes"
            aria-label={t("seance.people.title")}
            className="border-line bg-white max-lg:fixed max-lg:inset-0 max-lg:z-50 max-lg:overflow-y-auto lg:w-[22rem] lg:shrink-0 lg:overflow-y-auto lg:border-l"
          >
            <PeoplePanel state={state} presence={presence} run={run} busy={busy} onClose={() => setPanel(null)} />
          </aside>
        )}
        {canShare && panel === "share" && (
          <aside
            id="partage"
            aria-label={t("share.title")}
            className={`${wide ? "" : "fixed inset-0 z-50"} overflow-y-auto bg-white lg:static lg:w-[22rem] lg:shrink-0 lg:border-l lg:border-line`}
          >
            <SharePanel code={code} token={identity.token} title={title} onClose={() => setPanel(null)} />
          </aside>
        )}
      </div>

      {isFacilitator && state && (
        <FacilitatorBar
          state={state}
          run={run}
          busy={busy}
          peopleOpen={panel === "people"}
          onPeople={() => setPanel(panel === "people" ? null : "people")}
          extra={tools.pollButton("bar")}
          blockedReason={
            state.status === "running" && state.stepId === CODEV_STEP.contract && !contractWritten
              ? t("seance.bar.needContract")
              : state.status === "running" && state.stepId === CODEV_STEP.subject && !state.roles.some((r) => r.role === "caseHolder")
                ? t("seance.bar.needSubject")
              : state.status === "lobby" && state.plan[0]?.stepId !== CODEV_STEP.subject && !state.roles.some((r) => r.role === "caseHolder")
                ? t("seance.bar.needCaseHolder")
                : null
          }
        />
      )}
    </div>
  );
}

/** The server says `timeUp` when it publishes; between publications the countdown reaching 0 says it (T3). */
function TimeUpGate({ seance, state, run, busy }: { seance: SeanceClient; state: SeanceStateEvent; run: Run; busy: boolean }) {
  const left = useTimeLeft(seance, state);
  const up = state.timeUp || (state.timer.status === "running" && left === 0);
  return up ? <TimeUpPrompt run={run} busy={busy} isLast={state.stepIndex >= state.plan.length - 1} /> : null;
}

function ReportButtons({ code, token, locale }: { code: string; token: string; locale: "fr" | "en" }) {
  const t = useT();
  const [status, setStatus] = useState<"idle" | "busy" | "failed">("idle");
  const get = async (format: "pdf" | "md") => {
    setStatus("busy");
    const res = await downloadReport(code, token, format, locale);
    setStatus(res.ok ? "idle" : "failed");
  };
  return (
    <div className="card flex flex-wrap items-center gap-2 p-3" data-testid="report">
      <p className="w-full font-semibold">{t("seance.report.title")}</p>
      <button type="button" className="btn-primary" disabled={status === "busy"} onClick={() => void get("pdf")} data-testid="report-pdf">
        {t("seance.report.pdf")}
      </button>
      <button type="button" className="btn-secondary" disabled={status === "busy"} onClick={() => void get("md")} data-testid="report-md">
        {t("seance.report.md")}
      </button>
      {status === "failed" && (
        <p role="alert" className="error-text w-full">
          {t("seance.report.failed")}
        </p>
      )}
    </div>
  );
}

function Lobby({ template: TEMPLATE, state, role, run, busy, locale, previous }: { template: MethodTemplate; state: SeanceStateEvent; role: MethodRole; run: Run; busy: boolean; locale: "fr" | "en"; previous: React.ReactNode }) {
  const t = useT();
  const volunteered = state.volunteers.includes(state.you.participantId);
  const ic = TEMPLATE.id === IC_TEMPLATE.id;
  const canVolunteer = role === "consultant" || role === "scribe" || role === "caseHolder";
  const lead = role === "facilitator" ? t(state.plan[0]?.stepId === CODEV_STEP.subject ? "seance.lobbyFacilitatorSubject" : "seance.lobbyFacilitator") : role === "observer" ? t("seance.lobbyObserver") : t(ic ? "ic.lobbyParticipant" : "seance.lobbyParticipant");
  return (
    <div className="mx-auto max-w-3xl space-y-4" data-testid="lobby">
      <p className="text-lg">{lead}</p>
      {previous}
      {canVolunteer && role !== "caseHolder" && (
        <div className="space-y-2">
          <button
            type="button"
            className={volunteered ? "btn-secondary" : "btn-primary text-lg"}
            aria-pressed={volunteered}
            disabled={busy}
            onClick={() => void run({ type: volunteered ? "withdrawVolunteer" : "volunteer" })}
            data-testid="volunteer"
          >
            {volunteered ? t("seance.withdrawVolunteer") : t(ic ? "ic.volunteer" : "seance.volunteer")}
          </button>
          {volunteered && <p role="status">{t("seance.volunteered")}</p>}
        </div>
      )}
      {role === "facilitator" && <PreparationPanel template={TEMPLATE} state={state} run={run} busy={busy} locale={locale} />}
      <section aria-labelledby="deroule" className="card p-4" data-testid="plan">
        <h3 id="deroule" className="text-lg font-bold">
          {t("seance.planTitle")}
        </h3>
        <ol className="mt-2 space-y-1">
          {state.plan.map((p, i) => {
            const step = TEMPLATE.steps.find((s) => s.id === p.stepId);
            return (
              <li key={p.stepId} className="flex items-baseline justify-between gap-3 border-b border-line py-1.5 last:border-0">
                <span>
                  <span className="font-bold">{i + 1}.</span> {step?.title[locale] ?? p.stepId}
                </span>
                <span className="shrink-0 text-muted" data-testid="plan-minutes">{t("seance.planMinutes", { minutes: Math.round(p.durationMs / 60000) })}</span>
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
