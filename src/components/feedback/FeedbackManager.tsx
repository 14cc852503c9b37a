"use client";
// The facilitator's side of the feedback questionnaire (docs/protocol.md §9): create it from
// a template (journée nationale or séminaire), open it (until closed, or until a date), give
// its link, follow the results live (respondents, averages and distributions as bars, free
// texts listed), pin quotes for the report, close it, download CSV, PDF or Markdown. Until
// the first answer (F3) the questions are edited in place (FeedbackEditor).
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { downloadFeedback, feedbackApi, feedbackPath, formatAverage, formatWhen, type FeedbackCall, type FeedbackFormat } from "@/client/feedback";
import { copyText } from "@/client/clipboard";
import { inLocale, type QuestionResult } from "@/domain/feedback";
import type { FeedbackCommandBody, FeedbackViewResponse } from "@/protocol";
import type { MessageKey } from "@/i18n";
import { useLocale, useT, type TFunction } from "../I18nProvider";
import { ResultBars, ScaleEnds } from "../board-tools/ResultBars";
import { FeedbackEditor } from "./FeedbackEditor";

export type FacilitatorFeedback = Extract<FeedbackViewResponse, { role: "facilitator" }>;
type Prepared = Extract<FacilitatorFeedback, { prepared: true }>;

/** Results move while people answer: read again this often while the questionnaire is open. */
const LIVE_MS = 4000;

export function responsesText(t: TFunction, n: number): string {
  return n === 0 ? t("feedback.responses0") : n === 1 ? t("feedback.responses1") : t("feedback.responsesN", { count: n });
}

export function feedbackErrorText(t: TFunction, res: Exclude<FeedbackCall, { ok: true }>): string {
  if (res.network) return t("feedback.errors.network");
  const known = ["bad_answer", "required_missing", "not_open", "closing_in_past"] as const;
  const k = known.find((x) => x === res.error);
  return k ? t(`feedback.errors.${k}` as MessageKey) : t("feedback.errors.other", { code: res.error });
}

/** A one-line status for a card: "Ouvert · 8 réponses". */
export function feedbackStatusLine(t: TFunction, v: FacilitatorFeedback | null): string {
  if (!v || !v.prepared) return t("feedback.statusNone");
  if (v.status === "draft") return t("feedback.statusDraft");
  return `${v.accepting ? t("feedback.statusOpen") : t("feedback.statusClosed")} · ${responsesText(t, v.results.respondents)}`;
}

export function FeedbackManager({ code, token, onChange }: { code: string; token: string; onChange?: (v: FacilitatorFeedback) => void }) {
  const t = useT();
  const [view, setView] = useState<FacilitatorFeedback | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const show = useCallback((v: FeedbackViewResponse) => {
    if (v.role !== "facilitator") return;
    setView(v);
    onChangeRef.current?.(v);
  }, []);

  const load = useCallback(async () => {
    const r = await feedbackApi.view(code, token);
    if (r.ok) {
      setLoadFailed(false);
      show(r.data);
    } else setLoadFailed(true);
  }, [code, token, show]);

  useEffect(() => {
    void load();
  }, [load]);

  const live = !!view?.prepared && view.status === "open";
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void load();
    }, LIVE_MS);
    return () => window.clearInterval(timer);
  }, [live, load]);

  const run = useCallback(
    async (body: FeedbackCommandBody): Promise<boolean> => {
      setBusy(true);
      const r = await feedbackApi.command(code, token, body);
      setBusy(false);
      if (r.ok) {
        setNotice(null);
        show(r.data);
        return true;
      }
      setNotice(feedbackErrorText(t, r));
      return false;
    },
    [code, token, show, t],
  );

  /** The editor shows its own refusals next to their fields; an answer arriving meanwhile ends editing. */
  const saveDefinition = useCallback(
    async (definition: unknown): Promise<FeedbackCall> => {
      setBusy(true);
      const r = await feedbackApi.command(code, token, { type: "edit", definition });
      setBusy(false);
      if (r.ok) {
        setNotice(null);
        show(r.data);
      } else if (r.error === "responses_exist") {
        setNotice(t("feedback.editor.errors.responsesExist"));
        void load();
      }
      return r;
    },
    [code, token, show, load, t],
  );

  if (!view)
    return loadFailed ? (
      <div role="alert" className="space-y-2">
        <p className="error-text">{t("feedback.loadFailed")}</p>
        <button type="button" className="btn-secondary" onClick={() => void load()}>
          {t("feedback.retry")}
        </button>
      </div>
    ) : (
      <p role="status">{t("feedback.loading")}</p>
    );

  return (
    <div className="space-y-5" data-testid="feedback-manager">
      {notice && (
        <div role="alert" className="flex items-start gap-2 rounded-xl border-2 border-[#8a5a00] bg-[#fde49a] px-3 py-2" data-testid="feedback-notice">
          <p className="flex-1 font-semibold">{notice}</p>
          <button type="button" className="btn-ghost min-h-11 px-2" onClick={() => setNotice(null)} aria-label={t("seance.refused.dismiss")}>
            ✕
          </button>
        </div>
      )}
      {!view.prepared ? <CreateForm busy={busy} run={run} /> : <PreparedView code={code} token={token} view={view} busy={busy} run={run} saveDefinition={saveDefinition} />}
    </div>
  );
}

function CreateForm({ busy, run }: { busy: boolean; run: (b: FeedbackCommandBody) => Promise<boolean> }) {
  const t = useT();
  const id = useId();
  const [template, setTemplate] = useState<"nationalDay" | "seminar">("nationalDay");
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ type: "create", template });
      }}
      data-testid="feedback-create"
    >
      <p>{t("feedback.shareHelp")}</p>
      <fieldset>
        <legend className="font-semibold">{t("feedback.templateLegend")}</legend>
        <div className="mt-1 grid gap-2 sm:grid-cols-2">
          {(["nationalDay", "seminar"] as const).map((k) => (
            <label key={k} className={`flex min-h-12 cursor-pointer items-center gap-3 rounded-xl border-2 px-3 py-2 ${template === k ? "border-accent bg-accent-soft font-semibold" : "border-line bg-white"}`}>
              <input type="radio" name={`${id}-tpl`} className="h-5 w-5 accent-[var(--color-accent)]" checked={template === k} onChange={() => setTemplate(k)} data-testid={`feedback-template-${k}`} />
              {t(`feedback.templates.${k}`)}
            </label>
          ))}
        </div>
        <p className="mt-2 text-sm text-muted">{t("feedback.templateHelp")}</p>
      </fieldset>
      <button type="submit" className="btn-primary w-full text-lg sm:w-auto" disabled={busy} data-testid="feedback-create-submit">
        {t("feedback.create")}
      </button>
    </form>
  );
}

function PreparedView({
  code,
  token,
  view,
  busy,
  run,
  saveDefinition,
}: {
  code: string;
  token: string;
  view: Prepared;
  busy: boolean;
  run: (b: FeedbackCommandBody) => Promise<boolean>;
  saveDefinition: (definition: unknown) => Promise<FeedbackCall>;
}) {
  const t = useT();
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  // F3: the questions may change until the first answer, open or not.
  const editable = view.results.respondents === 0;
  const closed = view.status === "open" && !view.accepting;
  const statusText = view.status === "draft" ? t("feedback.statusDraft") : view.accepting ? t("feedback.statusOpen") : t("feedback.statusClosed");
  const when =
    view.status === "draft"
      ? t("feedback.draftHint")
      : view.accepting
        ? view.closesAt
          ? t("feedback.openUntil", { date: formatWhen(view.closesAt, locale) })
          : t("feedback.openNoEnd")
        : view.closesAt
          ? t("feedback.closedOn", { date: formatWhen(view.closesAt, locale) })
          : "";
  return (
    <>
      <div className="space-y-1">
        <p className="flex flex-wrap items-center gap-2">
          <span
            className={`rounded-full px-3 py-0.5 font-bold ${view.accepting ? "bg-accent text-white" : view.status === "draft" ? "bg-daisy-soft text-ink ring-1 ring-daisy" : "bg-[#e5e7eb] text-ink"}`}
            data-testid="feedback-status"
          >
            {statusText}
          </span>
          {view.status !== "draft" && (
            <span className="font-semibold" data-testid="feedback-respondents">
              {responsesText(t, view.results.respondents)}
            </span>
          )}
        </p>
        <p>{when}</p>
        <p className="text-sm text-muted">{view.anonymous ? t("feedback.anonymousOn") : t("feedback.anonymousOff")}</p>
      </div>

      {view.status === "draft" && <FeedbackEditor code={code} definition={view.definition} open={false} save={saveDefinition} onDirtyChange={setEditing} />}
      {(view.status === "draft" || closed) && <OpenForm busy={busy} run={run} again={closed} blocked={editing} />}
      {view.accepting && (
        <>
          <LinkBox code={code} />
          <button type="button" className="btn-secondary self-start" disabled={busy} onClick={() => void run({ type: "close" })} data-testid="feedback-close">
            {t("feedback.close")}
          </button>
        </>
      )}
      {view.status === "open" && editable && <FeedbackEditor code={code} definition={view.definition} open save={saveDefinition} onDirtyChange={setEditing} />}
      {view.status !== "draft" && (
        <>
          <Results view={view} busy={busy} run={run} />
          <Downloads code={code} token={token} />
        </>
      )}
    </>
  );
}

/** "YYYY-MM-DDTHH:mm" in local time, for <input type="datetime-local">. */
function localInput(ts: number): string {
  const d = new Date(ts);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** `blocked`: the questions have unsaved changes; opening now would open the stored version. */
function OpenForm({ busy, run, again, blocked = false }: { busy: boolean; run: (b: FeedbackCommandBody) => Promise<boolean>; again: boolean; blocked?: boolean }) {
  const t = useT();
  const id = useId();
  const [until, setUntil] = useState<"none" | "date">("none");
  const [date, setDate] = useState(() => {
    // A week from now, at 18:00: people answer in the evening or the next days.
    const d = new Date(Date.now() + 7 * 24 * 3600_000);
    d.setHours(18, 0, 0, 0);
    return localInput(d.getTime());
  });
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card space-y-3 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (blocked) return setError(t("feedback.editor.openBlocked"));
        let closesAt: number | null = null;
        if (until === "date") {
          const ts = new Date(date).getTime();
          if (!Number.isFinite(ts) || ts <= Date.now()) {
            setError(t("feedback.closesAtPast"));
            return;
          }
          closesAt = ts;
        }
        setError(null);
        void run({ type: "open", closesAt });
      }}
      data-testid="feedback-open-form"
    >
      <fieldset>
        <legend className="font-semibold">{t("feedback.closesLegend")}</legend>
        {(["none", "date"] as const).map((k) => (
          <label key={k} className="flex min-h-11 items-center gap-2">
            <input type="radio" name={`${id}-until`} className="h-5 w-5 accent-[var(--color-accent)]" checked={until === k} onChange={() => setUntil(k)} data-testid={`feedback-until-${k}`} />
            {k === "none" ? t("feedback.closesNone") : t("feedback.closesAt")}
          </label>
        ))}
      </fieldset>
      {until === "date" && (
        <div>
          <label htmlFor={`${id}-date`} className="block font-semibold">
            {t("feedback.closesAtLabel")}
          </label>
          <input
            id={`${id}-date`}
            type="datetime-local"
            className="field mt-1 w-auto"
            value={date}
            min={localInput(Date.now())}
            onChange={(e) => setDate(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-err` : undefined}
            data-testid="feedback-closes-at"
          />
        </div>
      )}
      {error ? (
        <p id={`${id}-err`} role="alert" className="error-text">
          {error}
        </p>
      ) : (
        blocked && (
          <p id={`${id}-err`} className="font-semibold">
            {t("feedback.editor.openBlocked")}
          </p>
        )
      )}
      <button type="submit" className="btn-primary w-full text-lg sm:w-auto" disabled={busy} aria-describedby={blocked || error ? `${id}-err` : undefined} data-testid="feedback-open">
        {again ? t("feedback.reopen") : t("feedback.open")}
      </button>
    </form>
  );
}

function LinkBox({ code }: { code: string }) {
  const t = useT();
  const id = useId();
  const [origin, setOrigin] = useState("");
  const [copied, setCopied] = useState(false);
  useEffect(() => setOrigin(window.location.origin), []);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 2500);
    return () => window.clearTimeout(timer);
  }, [copied]);
  const link = `${origin}${feedbackPath(code)}`;
  return (
    <div className="rounded-xl border-2 border-daisy bg-daisy-soft p-3">
      <label htmlFor={`${id}-link`} className="block font-semibold">
        {t("feedback.linkLabel")}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input id={`${id}-link`} className="field min-w-0 flex-1 basis-56 text-base" readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="feedback-link" />
        <button type="button" className="btn-secondary shrink-0 bg-white" onClick={async () => setCopied(await copyText(link))}>
          {copied ? t("feedback.copied") : t("feedback.copy")}
        </button>
      </div>
      <p className="mt-1 text-sm">{t("feedback.linkHelp")}</p>
      <span role="status" className="sr-only">
        {copied ? t("feedback.copied") : ""}
      </span>
    </div>
  );
}

function Results({ view, busy, run }: { view: Prepared; busy: boolean; run: (b: FeedbackCommandBody) => Promise<boolean> }) {
  const t = useT();
  const hid = useId();
  const r = view.results;
  const quotes = r.quotes.length;
  return (
    <section aria-labelledby={hid} className="space-y-3" data-testid="feedback-results">
      <div>
        <h3 id={hid} className="text-lg font-bold">
          {t("feedback.resultsTitle")}
        </h3>
        <p className="text-sm text-muted">
          {responsesText(t, r.respondents)}
          {view.accepting ? ` · ${t("feedback.live")}` : ""}
        </p>
        <p className="text-sm" data-testid="feedback-quotes-count">
          {quotes === 0 ? t("feedback.quotes0") : quotes === 1 ? t("feedback.quotes1") : t("feedback.quotesN", { count: quotes })}
        </p>
      </div>
      {view.stalePins.length > 0 && <StalePins view={view} busy={busy} run={run} />}
      {r.respondents === 0 ? (
        <p className="text-muted">{t("feedback.noResponse")}</p>
      ) : (
        <ol className="space-y-3">
          {r.questions.map((q, i) => (
            <li key={q.questionId}>
              <QuestionCard n={i + 1} q={q} busy={busy} run={run} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function answeredText(t: TFunction, n: number): string {
  return n === 0 ? t("feedback.answered0") : n === 1 ? t("feedback.answered1") : t("feedback.answeredN", { count: n });
}

function QuestionCard({ n, q, busy, run }: { n: number; q: QuestionResult; busy: boolean; run: (b: FeedbackCommandBody) => Promise<boolean> }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="card space-y-2 p-3" data-testid="feedback-question" data-question={q.questionId}>
      <div>
        <h4 id={headingId} className="font-bold">
          {n}. {inLocale(q.label, locale)}
        </h4>
        <p className="text-sm text-muted">{answeredText(t, q.answered)}</p>
      </div>
      {q.kind === "scale" && (
        <>
          <p className="text-lg font-bold" data-testid="feedback-average">
            {q.average === null ? t("feedback.noAverage") : t("feedback.average", { value: formatAverage(q.average, locale) })}
          </p>
          {q.answered > 0 && (
            <div>
              <ResultBars rows={q.distribution.map((d) => ({ key: String(d.value), label: String(d.value), count: d.count }))} total={q.answered} testId="feedback-bars" inline />
              <ScaleEnds min={inLocale(q.minLabel, locale)} max={inLocale(q.maxLabel, locale)} />
            </div>
          )}
        </>
      )}
      {(q.kind === "single" || q.kind === "multiple") && q.answered > 0 && (
        <ResultBars rows={q.options.map((o) => ({ key: o.optionId, label: inLocale(o.label, locale), count: o.count }))} total={q.answered} testId="feedback-bars" />
      )}
      {q.kind === "text" &&
        (q.answers.length === 0 ? (
          <p className="text-muted">{t("feedback.noText")}</p>
        ) : (
          <ul className="space-y-2">
            {q.answers.map((a) => (
              <li
                key={a.responseId}
                className={`flex flex-col gap-1 rounded-xl border p-2 sm:flex-row sm:items-center sm:gap-3 ${a.pinned ? "border-2 border-accent bg-accent-soft" : "border-line bg-paper"}`}
                data-testid="feedback-text"
                data-pinned={a.pinned}
              >
                <p className="min-w-0 flex-1 whitespace-pre-wrap break-words">{a.text}</p>
                <div className="flex shrink-0 flex-wrap items-center gap-2">
                  {a.pinned && <span className="text-sm font-bold text-accent-strong">{t("feedback.pinned")}</span>}
                  <button
                    type="button"
                    className={a.pinned ? "btn-ghost min-h-11 text-sm" : "btn-secondary min-h-11 bg-white px-3 text-sm"}
                    aria-pressed={a.pinned}
                    disabled={busy}
                    onClick={() => void run({ type: a.pinned ? "unpin" : "pin", responseId: a.responseId, questionId: q.questionId })}
                    data-testid="feedback-pin"
                  >
                    <QuoteIcon />
                    {a.pinned ? t("feedback.unpin") : t("feedback.pin")}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function StalePins({ view, busy, run }: { view: Prepared; busy: boolean; run: (b: FeedbackCommandBody) => Promise<boolean> }) {
  const t = useT();
  const hid = useId();
  return (
    <section aria-labelledby={hid} className="rounded-xl border-2 border-[#8a5a00] bg-[#fff4d6] p-3" data-testid="feedback-stale">
      <h4 id={hid} className="font-bold">
        {t("feedback.staleTitle")}
      </h4>
      <ul className="mt-1 space-y-2">
        {view.stalePins.map((p) => (
          <li key={`${p.responseId}-${p.questionId}`} className="space-y-1">
            <p className="text-muted line-through">{p.pinnedText}</p>
            {p.currentText ? (
              <>
                <p>
                  {t("feedback.stale")} <span className="font-semibold">{p.currentText}</span>
                </p>
                <div className="flex flex-wrap gap-2">
                  <button type="button" className="btn-secondary min-h-11 bg-white px-3 text-sm" disabled={busy} onClick={() => void run({ type: "pin", responseId: p.responseId, questionId: p.questionId })}>
                    {t("feedback.pinNew")}
                  </button>
                  <button type="button" className="btn-ghost min-h-11 text-sm" disabled={busy} onClick={() => void run({ type: "unpin", responseId: p.responseId, questionId: p.questionId })}>
                    {t("feedback.unpin")}
                  </button>
                </div>
              </>
            ) : (
              <div className="flex flex-wrap items-center gap-2">
                <p>{t("feedback.staleGone")}</p>
                <button type="button" className="btn-ghost min-h-11 text-sm" disabled={busy} onClick={() => void run({ type: "unpin", responseId: p.responseId, questionId: p.questionId })}>
                  {t("feedback.unpin")}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Downloads({ code, token }: { code: string; token: string }) {
  const t = useT();
  const hid = useId();
  const locale = useLocale();
  const [status, setStatus] = useState<"idle" | "busy" | "failed">("idle");
  const get = async (format: FeedbackFormat) => {
    setStatus("busy");
    const res = await downloadFeedback(code, token, format, locale);
    setStatus(res.ok ? "idle" : "failed");
  };
  return (
    <section aria-labelledby={hid} className="card space-y-2 p-3" data-testid="feedback-downloads">
      <h3 id={hid} className="font-bold">
        {t("feedback.downloadTitle")}
      </h3>
      <div className="flex flex-wrap gap-2">
        {(["csv", "pdf", "md"] as const).map((f) => (
          <button key={f} type="button" className={f === "csv" ? "btn-primary" : "btn-secondary"} disabled={status === "busy"} onClick={() => void get(f)} data-testid={`feedback-download-${f}`}>
            <DownloadIcon />
            {t(`feedback.${f}`)}
          </button>
        ))}
      </div>
      {status === "failed" && (
        <p role="alert" className="error-text">
          {t("feedback.downloadFailed")}
        </p>
      )}
    </section>
  );
}

function QuoteIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M7 7h4v4c0 3-1.5 5-4 6M14 7h4v4c0 3-1.5 5-4 6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function DownloadIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 4v11M7 10l5 5 5-5M5 20h14" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
