"use client";
// /s/{code}/retours: the questionnaire's own page. The person is the one this browser keeps
// for the session (as the room does); without one, a kind word to join first. A participant
// answers (scales as five large buttons, choices, free text), sends, sees "Merci !" and may
// edit until it closes; the facilitator finds the questionnaire and its results here too.
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { normalizeJoinCode } from "@/domain/joinCode";
import { joinPath, roomPath } from "@/client/api";
import { loadIdentity, type StoredIdentity } from "@/client/identity";
import { feedbackApi, formatWhen } from "@/client/feedback";
import { inLocale, type FeedbackQuestion, type FeedbackValue } from "@/domain/feedback";
import type { FeedbackViewResponse } from "@/protocol";
import { useLocale, useT } from "../I18nProvider";
import { ScaleButtons } from "../board-tools/Poll";
import { FeedbackManager, feedbackErrorText } from "./FeedbackManager";

type ParticipantView = Extract<FeedbackViewResponse, { role: "participant" | "observer"; prepared: true }>;

type Page =
  | { kind: "loading" }
  | { kind: "needJoin"; code: string | null }
  | { kind: "failed"; code: string; identity: StoredIdentity }
  | { kind: "ready"; code: string; identity: StoredIdentity; view: FeedbackViewResponse };

export function FeedbackPage({ rawCode }: { rawCode: string }) {
  const t = useT();
  const [page, setPage] = useState<Page>({ kind: "loading" });

  const load = useCallback(async () => {
    const code = normalizeJoinCode(rawCode);
    const identity = code ? loadIdentity(code) : null;
    if (!code || !identity) return setPage({ kind: "needJoin", code });
    const r = await feedbackApi.view(code, identity.token);
    if (r.ok) setPage({ kind: "ready", code, identity, view: r.data });
    else if (r.status === 401) setPage({ kind: "needJoin", code });
    else setPage({ kind: "failed", code, identity });
  }, [rawCode]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main id="contenu" className="mx-auto w-full max-w-2xl space-y-5 px-4 py-5 sm:py-8">
      {page.kind === "loading" && <p role="status">{t("feedback.loading")}</p>}
      {page.kind === "needJoin" && (
        <Message title={t("feedback.needJoinTitle")} text={t("feedback.needJoin")}>
          <Link href={page.code ? joinPath(page.code) : "/rejoindre"} className="btn-primary text-lg">
            {t("feedback.join")}
          </Link>
        </Message>
      )}
      {page.kind === "failed" && (
        <Message title={t("feedback.title")} text={t("feedback.loadFailed")} alert>
          <button type="button" className="btn-primary" onClick={() => void load()}>
            {t("feedback.retry")}
          </button>
        </Message>
      )}
      {page.kind === "ready" && <Ready code={page.code} identity={page.identity} initial={page.view} />}
    </main>
  );
}

function Message({ title, text, alert, children }: { title: string; text: string; alert?: boolean; children?: React.ReactNode }) {
  return (
    <div className="space-y-3 py-6 text-center" data-testid="feedback-message">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p role={alert ? "alert" : undefined} className="text-lg">
        {text}
      </p>
      <div className="flex flex-wrap justify-center gap-2">{children}</div>
    </div>
  );
}

function Ready({ code, identity, initial }: { code: string; identity: StoredIdentity; initial: FeedbackViewResponse }) {
  const t = useT();
  const [view, setView] = useState(initial);
  const back = (
    <Link href={roomPath(code)} className="btn-secondary">
      {t("feedback.backToRoom")}
    </Link>
  );
  if (view.role === "facilitator")
    return (
      <>
        <div>
          <p className="text-sm font-bold uppercase tracking-wide text-accent">{identity.title ?? code}</p>
          <h1 className="text-2xl font-bold">{t("feedback.title")}</h1>
          <p className="mt-1">{t("feedback.facilitatorPage")}</p>
        </div>
        <FeedbackManager code={code} token={identity.token} />
        <div>{back}</div>
      </>
    );
  if (!view.prepared) return <Message title={t("feedback.notOpenTitle")} text={t("feedback.notOpenYet")}>{back}</Message>;
  return <Questionnaire code={code} identity={identity} view={view} onView={setView} back={back} />;
}

type Draft = Record<string, FeedbackValue | undefined>;

function draftFrom(view: ParticipantView): Draft {
  return Object.fromEntries((view.mine?.answers ?? []).map((a) => [a.questionId, a.value]));
}

function isAnswered(v: FeedbackValue | undefined): boolean {
  return typeof v === "number" || (typeof v === "string" && v.trim() !== "") || (Array.isArray(v) && v.length > 0);
}

function Questionnaire({ code, identity, view, onView, back }: { code: string; identity: StoredIdentity; view: ParticipantView; onView: (v: FeedbackViewResponse) => void; back: React.ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const [editing, setEditing] = useState(view.mine === null);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(view));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ questionId: string | null; text: string } | null>(null);
  const [withdrawn, setWithdrawn] = useState(false);
  const thanksRef = useRef<HTMLHeadingElement>(null);
  const formTopRef = useRef<HTMLDivElement>(null);
  const questionRefs = useRef(new Map<string, HTMLElement>());
  const focusThanks = useRef(false);
  useEffect(() => {
    if (!focusThanks.current) return;
    focusThanks.current = false;
    thanksRef.current?.focus();
    window.scrollTo({ top: 0 });
  });

  const title = inLocale(view.definition.title, locale);
  // Nothing required (the template's way): say it once, not "(facultatif)" under every question.
  const allOptional = view.definition.questions.every((q) => !q.required);
  const header = (
    <div className="space-y-2">
      <p className="text-sm font-bold uppercase tracking-wide text-accent">{identity.title ?? t("feedback.pageKicker")}</p>
      <h1 className="text-2xl font-bold sm:text-3xl">{title}</h1>
    </div>
  );
  const when = view.closesAt ? t("feedback.closesNotice", { date: formatWhen(view.closesAt, locale) }) : t("feedback.noEndNotice");

  if (view.role === "observer")
    return (
      <>
        {header}
        <p className="text-lg">{t("feedback.observerNotice")}</p>
        <div>{back}</div>
      </>
    );

  if (!view.accepting)
    return (
      <>
        {header}
        <div className="card space-y-2 p-4" data-testid="feedback-closed">
          <h2 className="text-xl font-bold">{t("feedback.closedTitle")}</h2>
          <p className="text-lg">{t("feedback.closedForYou")}</p>
          {view.mine && <p>{t("feedback.closedAnswered")}</p>}
        </div>
        <div>{back}</div>
      </>
    );

  if (!editing && view.mine)
    return (
      <>
        {header}
        <div className="space-y-3 rounded-2xl border-2 border-accent bg-accent-soft p-4" data-testid="feedback-thanks">
          <h2 ref={thanksRef} tabIndex={-1} className="text-xl font-bold outline-none">
            {t("feedback.thanks")}
          </h2>
          <p>{view.closesAt ? t("feedback.thanksEditUntil", { date: formatWhen(view.closesAt, locale) }) : t("feedback.thanksEdit")}</p>
          <div className="flex flex-wrap gap-2">
            <Link href={roomPath(code)} className="btn-primary">
              {t("feedback.backToRoom")}
            </Link>
            <button
              type="button"
              className="btn-secondary bg-white"
              onClick={() => {
                setDraft(draftFrom(view));
                setEditing(true);
              }}
              data-testid="feedback-edit"
            >
              {t("feedback.edit")}
            </button>
          </div>
        </div>
        <button
          type="button"
          className="btn-ghost text-sm"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const r = await feedbackApi.respond(code, identity.token, { type: "withdraw" });
            setBusy(false);
            if (r.ok) {
              setWithdrawn(true);
              setDraft({});
              setEditing(true);
              onView(r.data);
            } else setError({ questionId: null, text: feedbackErrorText(t, r) });
          }}
          data-testid="feedback-withdraw"
        >
          {t("feedback.withdraw")}
        </button>
      </>
    );

  const submit = async () => {
    const answers = view.definition.questions.flatMap((q) => {
      const v = draft[q.id];
      if (!isAnswered(v)) return [];
      return [{ questionId: q.id, value: typeof v === "string" ? v.trim() : (v as number | string[]) }];
    });
    if (answers.length === 0) {
      setError({ questionId: null, text: t("feedback.nothingAnswered") });
      return;
    }
    setBusy(true);
    const r = await feedbackApi.respond(code, identity.token, { type: "submit", answers });
    setBusy(false);
    if (r.ok) {
      setError(null);
      setWithdrawn(false);
      focusThanks.current = true;
      setEditing(false);
      onView(r.data);
      return;
    }
    const qid = r.questionId && view.definition.questions.some((q) => q.id === r.questionId) ? r.questionId : null;
    setError({ questionId: qid, text: feedbackErrorText(t, r) });
    if (qid) questionRefs.current.get(qid)?.scrollIntoView({ block: "center" });
    // A closing while I was writing: show the closed screen with fresh data.
    if (r.error === "not_open") {
      const again = await feedbackApi.view(code, identity.token);
      if (again.ok) onView(again.data);
    }
  };

  return (
    <>
      <div ref={formTopRef} className="space-y-3">
        {header}
        <p className="text-lg">{inLocale(view.definition.intro, locale)}</p>
        <ul className="space-y-1 rounded-xl bg-daisy-soft p-3" data-testid="feedback-notices">
          <li className="flex items-start gap-2">
            <ShieldIcon />
            <span className="font-semibold">{view.anonymous ? t("feedback.anonymousNotice") : t("feedback.namedNotice")}</span>
          </li>
          <li className="flex items-start gap-2">
            <ClockIcon />
            <span>{when}</span>
          </li>
          {allOptional && (
            <li className="flex items-start gap-2">
              <InfoIcon />
              <span>{t("feedback.allOptional")}</span>
            </li>
          )}
        </ul>
        {withdrawn && (
          <p role="status" className="font-semibold">
            {t("feedback.withdrawn")}
          </p>
        )}
      </div>
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        data-testid="feedback-form"
      >
        {view.definition.questions.map((q, i) => (
          <QuestionField
            key={q.id}
            n={i + 1}
            q={q}
            tagOptional={!allOptional}
            value={draft[q.id]}
            onChange={(v) => {
              setDraft((d) => ({ ...d, [q.id]: v }));
              if (error?.questionId === q.id || error?.questionId === null) setError(null);
            }}
            error={error?.questionId === q.id ? error.text : null}
            refCallback={(el) => {
              if (el) questionRefs.current.set(q.id, el);
              else questionRefs.current.delete(q.id);
            }}
          />
        ))}
        {error && error.questionId === null && (
          <p role="alert" className="error-text" data-testid="feedback-error">
            {error.text}
          </p>
        )}
        <div className="flex flex-col gap-2 sm:flex-row">
          <button type="submit" className="btn-primary w-full text-lg sm:w-auto sm:px-8" disabled={busy} data-testid="feedback-submit">
            {busy ? t("feedback.sending") : view.mine ? t("feedback.update") : t("feedback.submit")}
          </button>
          {view.mine && (
            <button type="button" className="btn-ghost" onClick={() => setEditing(false)}>
              {t("feedback.cancelEdit")}
            </button>
          )}
        </div>
      </form>
    </>
  );
}

function QuestionField({
  n,
  q,
  tagOptional,
  value,
  onChange,
  error,
  refCallback,
}: {
  n: number;
  q: FeedbackQuestion;
  tagOptional: boolean;
  value: FeedbackValue | undefined;
  onChange: (v: FeedbackValue | undefined) => void;
  error: string | null;
  refCallback: (el: HTMLElement | null) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const label = inLocale(q.label, locale);
  const tag = q.required || tagOptional ? <span className="ml-1 text-sm font-normal text-muted">({q.required ? t("feedback.required") : t("feedback.optional")})</span> : null;
  const errorText = error && (
    <p id={`${id}-err`} role="alert" className="error-text mt-2">
      {error}
    </p>
  );
  const legend = (
    <legend className="text-lg font-bold leading-snug">
      {n}. {label}
      {tag}
    </legend>
  );
  return (
    <div ref={refCallback} className={`card p-4 ${error ? "border-2 border-danger" : ""}`} data-testid="feedback-question-field" data-question={q.id}>
      {q.kind === "scale" && (
        <>
          <ScaleButtons
            name={`${id}-scale`}
            value={typeof value === "number" ? value : null}
            onChange={onChange}
            minLabel={inLocale(q.minLabel, locale)}
            maxLabel={inLocale(q.maxLabel, locale)}
            legend={legend}
            invalid={!!error}
          />
          {errorText}
        </>
      )}
      {(q.kind === "single" || q.kind === "multiple") && (
        <fieldset aria-describedby={error ? `${id}-err` : undefined}>
          {legend}
          {q.kind === "multiple" && <p className="text-sm text-muted">{t("feedback.chooseUpTo", { max: q.maxChoices })}</p>}
          <div className="mt-2 space-y-2">
            {q.options.map((o) => {
              const chosen = q.kind === "single" ? value === o.id : Array.isArray(value) && value.includes(o.id);
              const list = Array.isArray(value) ? (value as string[]) : [];
              const full = q.kind === "multiple" && !chosen && list.length >= q.maxChoices;
              return (
                <label
                  key={o.id}
                  className={`flex min-h-12 cursor-pointer items-center gap-3 rounded-xl border-2 px-3 py-2 ${chosen ? "border-accent bg-accent-soft font-semibold" : "border-line bg-white"} ${full ? "opacity-60" : ""}`}
                >
                  <input
                    type={q.kind === "single" ? "radio" : "checkbox"}
                    name={`${id}-opt`}
                    className="h-6 w-6 shrink-0 accent-[var(--color-accent)]"
                    checked={chosen}
                    disabled={full}
                    onChange={(e) => (q.kind === "single" ? onChange(o.id) : onChange(e.target.checked ? [...list, o.id] : list.filter((x) => x !== o.id)))}
                  />
                  <span className="min-w-0 break-words">{inLocale(o.label, locale)}</span>
                </label>
              );
            })}
          </div>
          {errorText}
        </fieldset>
      )}
      {q.kind === "text" && (
        <>
          <label htmlFor={`${id}-text`} className="block text-lg font-bold leading-snug">
            {n}. {label}
            {tag}
          </label>
          <textarea
            id={`${id}-text`}
            className="field mt-2 min-h-28"
            rows={4}
            maxLength={q.maxLength}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-err` : undefined}
            data-testid="feedback-textarea"
          />
          {typeof value === "string" && value.length > q.maxLength * 0.8 && (
            <p className="mt-1 text-sm text-muted" aria-live="polite">
              {t("feedback.textCount", { count: value.length, max: q.maxLength })}
            </p>
          )}
          {errorText}
        </>
      )}
    </div>
  );
}

function ShieldIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="mt-0.5 shrink-0 text-accent">
      <path d="M12 3l7 3v5c0 5-3.2 8.4-7 10-3.8-1.6-7-5-7-10V6z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M9 12l2 2 4-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function InfoIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="mt-0.5 shrink-0 text-accent">
      <circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 11v5.5M12 7.6v.2" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

function ClockIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="mt-0.5 shrink-0 text-accent">
      <circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 7.5V12l3 2" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
