"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { api, roomPath } from "@/client/api";
import { saveIdentity } from "@/client/identity";
import { METHODS, totalMinutes } from "@/client/methods";
import type { Method } from "@/protocol";
import { useLocale, useT } from "../I18nProvider";

const TITLE_MAX = 120;

/** Home page: title + method card, then straight into the room as the facilitator. */
export function CreateSessionForm() {
  const t = useT();
  const router = useRouter();
  const id = useId();
  const [title, setTitle] = useState("");
  const locale = useLocale();
  const [method, setMethod] = useState<Method>(METHODS[0].id);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const clean = title.replace(/\s+/g, " ").trim();
    if (!clean) return setError(t("home.titleRequired"));
    if (clean.length > TITLE_MAX) return setError(t("home.titleTooLong"));
    setBusy(true);
    setError(null);
    const res = await api.createSession(clean, method);
    if (!res.ok) {
      setBusy(false);
      setError(res.network ? t("app.networkError") : t("app.unexpectedError"));
      return;
    }
    const s = res.data;
    saveIdentity(s.code, {
      participantId: s.participantId,
      token: s.facilitatorToken,
      displayName: t("room.defaultFacilitatorName"),
      role: "facilitator",
      title: s.title,
      method: s.method ?? method,
    });
    router.push(roomPath(s.code));
  }

  return (
    <form
      className="mt-4 space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <div>
        <label htmlFor={`${id}-title`} className="block font-semibold">
          {t("home.titleLabel")}
        </label>
        <input
          id={`${id}-title`}
          name="title"
          className="field mt-1"
          autoComplete="off"
          maxLength={TITLE_MAX + 20}
          placeholder={t("home.titlePlaceholder")}
          value={title}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => {
            setTitle(e.target.value);
            setError(null);
          }}
        />
      </div>
      <fieldset>
        <legend className="font-semibold">{t("home.methodLegend")}</legend>
        <div className="mt-1 grid gap-2">
          {METHODS.map((m) => (
            <label
              key={m.id}
              className="flex min-h-11 cursor-pointer items-start gap-3 rounded-xl border-2 border-line p-3 has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent"
            >
              <input
                type="radio"
                name="method"
                value={m.id}
                data-testid={`method-${m.id}`}
                checked={method === m.id}
                onChange={() => setMethod(m.id)}
                className="mt-1 h-5 w-5 shrink-0 accent-[#1f5c3f]"
              />
              {m.icon === "codev" ? <CodevIcon /> : m.icon === "quiz" ? <QuizIcon /> : m.icon === "event" ? <EventIcon /> : <BoardIcon />}
              <span className="min-w-0">
                <span className="block font-semibold">{t(m.name)}</span>
                <span className="block text-muted">{m.template ? oneLine(m.template.description[locale]) : t(m.description)}</span>
                <span className="mt-0.5 block text-sm text-muted">
                  {m.template
                    ? t(m.duration, { minutes: totalMinutes(m.template), steps: m.template.steps.filter((s) => !s.optional || s.optional.enabledByDefault).length })
                    : t(m.duration)}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p id={`${id}-err`} role="alert" className="error-text">
          {error}
        </p>
      )}
      <button type="submit" className="btn-secondary w-full text-lg" disabled={busy} aria-busy={busy}>
        {busy ? t("home.creating") : t("home.createButton")}
      </button>
    </form>
  );
}

function BoardIcon() {
  return (
    <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true" focusable="false" className="shrink-0">
      <rect x="1" y="1" width="38" height="38" rx="6" fill="#fbfaf6" stroke="#1f5c3f" strokeWidth="2" />
      <rect x="6" y="7" width="12" height="10" rx="1.5" fill="#fff1a6" stroke="#1f2937" strokeWidth="1" />
      <rect x="22" y="9" width="12" height="10" rx="1.5" fill="#d3e6ff" stroke="#1f2937" strokeWidth="1" />
      <rect x="9" y="22" width="12" height="10" rx="1.5" fill="#ffd9e8" stroke="#1f2937" strokeWidth="1" />
      <rect x="24" y="24" width="12" height="10" rx="1.5" fill="#cdeed6" stroke="#1f2937" strokeWidth="1" />
    </svg>
  );
}

function CodevIcon() {
  return (
    <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true" focusable="false" className="shrink-0">
      <rect x="1" y="1" width="38" height="38" rx="6" fill="#fbfaf6" stroke="#1f5c3f" strokeWidth="2" />
      <circle cx="20" cy="20" r="5" fill="#f5c400" stroke="#1f2937" strokeWidth="1" />
      <circle cx="20" cy="8.5" r="3.2" fill="#cdeed6" stroke="#1f2937" strokeWidth="1" />
      <circle cx="31" cy="17" r="3.2" fill="#d3e6ff" stroke="#1f2937" strokeWidth="1" />
      <circle cx="27" cy="30" r="3.2" fill="#ffd9e8" stroke="#1f2937" strokeWidth="1" />
      <circle cx="13" cy="30" r="3.2" fill="#ffdcbc" stroke="#1f2937" strokeWidth="1" />
      <circle cx="9" cy="17" r="3.2" fill="#e6dcff" stroke="#1f2937" strokeWidth="1" />
    </svg>
  );
}

function QuizIcon() {
  return (
    <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true" focusable="false" className="shrink-0">
      <rect x="1" y="1" width="38" height="38" rx="6" fill="#fbfaf6" stroke="#1f5c3f" strokeWidth="2" />
      <rect x="6" y="7" width="28" height="6" rx="2" fill="#fff1a6" stroke="#1f2937" strokeWidth="1" />
      <rect x="6" y="23" width="5" height="10" rx="1" fill="#cdeed6" stroke="#1f2937" strokeWidth="1" />
      <rect x="14" y="17" width="5" height="16" rx="1" fill="#1f5c3f" stroke="#1f2937" strokeWidth="1" />
      <rect x="22" y="26" width="5" height="7" rx="1" fill="#d3e6ff" stroke="#1f2937" strokeWidth="1" />
      <rect x="30" y="29" width="4" height="4" rx="1" fill="#ffd9e8" stroke="#1f2937" strokeWidth="1" />
    </svg>
  );
}

function EventIcon() {
  return (
    <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true" focusable="false" className="shrink-0">
      <rect x="1" y="1" width="38" height="38" rx="6" fill="#fbfaf6" stroke="#1f5c3f" strokeWidth="2" />
      <rect x="14" y="5" width="12" height="8" rx="1.5" fill="#f5c400" stroke="#1f2937" strokeWidth="1" />
      <path d="M20 13v4M9 17h22M9 17v4M20 17v4M31 17v4" stroke="#1f2937" strokeWidth="1.2" fill="none" />
      <rect x="4" y="21" width="10" height="9" rx="1.5" fill="#cdeed6" stroke="#1f2937" strokeWidth="1" />
      <rect x="15" y="21" width="10" height="9" rx="1.5" fill="#d3e6ff" stroke="#1f2937" strokeWidth="1" />
      <rect x="26" y="21" width="10" height="9" rx="1.5" fill="#ffd9e8" stroke="#1f2937" strokeWidth="1" />
    </svg>
  );
}

/** The template's description up to its list of steps (shown below as a count and a duration). */
function oneLine(description: string): string {
  const head = description.split(/\s?:\s/)[0].trim();
  return /[.!?…]$/.test(head) ? head : `${head}.`;
}
