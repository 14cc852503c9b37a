"use client";
// Join: the code (prefilled from the link), the session's title once the code is known,
// then the name. Nothing else.
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { formatJoinCode, normalizeJoinCode } from "@/domain/joinCode";
import { api, roomPath } from "@/client/api";
import { loadIdentity, saveIdentity, type StoredIdentity } from "@/client/identity";
import type { SessionSummary } from "@/protocol";
import { useT } from "../I18nProvider";

const NAME_MAX = 60;

type Lookup =
  | { state: "idle" }
  | { state: "checking"; code: string }
  | { state: "found"; session: SessionSummary }
  | { state: "error"; code: string | null; message: string };

export function JoinForm({ initialCode }: { initialCode: string }) {
  const t = useT();
  const router = useRouter();
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const initialNormalized = normalizeJoinCode(initialCode);
  const [codeInput, setCodeInput] = useState(initialNormalized ? formatJoinCode(initialNormalized) : initialCode);
  const [lookup, setLookup] = useState<Lookup>({ state: "idle" });
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [existing, setExisting] = useState<StoredIdentity | null>(null);
  const focusNameWhenFound = useRef(Boolean(initialNormalized));
  const [lost, setLost] = useState(false);
  useEffect(() => {
    // ?acces=perdu: the room sent us back because the stored identity was refused.
    setLost(new URLSearchParams(window.location.search).get("acces") === "perdu");
  }, []);

  const code = normalizeJoinCode(codeInput);

  // Check the code as soon as it is complete (and when the page opens from a link).
  useEffect(() => {
    if (!code) {
      setLookup((l) => (l.state === "idle" ? l : { state: "idle" }));
      setExisting(null);
      return;
    }
    let cancelled = false;
    setLookup({ state: "checking", code });
    setExisting(loadIdentity(code));
    const timer = window.setTimeout(async () => {
      const res = await api.getSession(code);
      if (cancelled) return;
      if (res.ok) {
        if (res.data.status === "closed") setLookup({ state: "error", code, message: t("join.sessionClosed") });
        else setLookup({ state: "found", session: res.data });
      } else if (res.network) {
        setLookup({ state: "error", code, message: t("app.networkError") });
      } else if (res.status === 404) {
        setLookup({ state: "error", code, message: t("join.codeUnknown") });
      } else {
        setLookup({ state: "error", code, message: t("app.unexpectedError") });
      }
    }, 150);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [code, t]);

  useEffect(() => {
    if (lookup.state === "found" && focusNameWhenFound.current) {
      focusNameWhenFound.current = false;
      nameRef.current?.focus();
    }
  }, [lookup]);

  const found = lookup.state === "found" ? lookup.session : null;
  const codeError = lookup.state === "error" ? lookup.message : null;
  const [codeFormatError, setCodeFormatError] = useState(false);
  const shownCodeError = codeError ?? (codeFormatError ? t("join.codeInvalid") : null);

  async function submit() {
    setSubmitError(null);
    if (!code) {
      setCodeFormatError(true);
      return;
    }
    if (!found) return; // still checking, or an error is shown
    const clean = name.replace(/\s+/g, " ").trim();
    if (!clean) {
      setNameError(t("join.nameRequired"));
      nameRef.current?.focus();
      return;
    }
    if (clean.length > NAME_MAX) {
      setNameError(t("join.nameTooLong"));
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    const res = await api.join(found.code, clean);
    if (!res.ok) {
      setBusy(false);
      if (res.network) setSubmitError(t("app.networkError"));
      else if (res.error === "session_closed") setSubmitError(t("join.sessionClosed"));
      else if (res.error === "session_not_found") setSubmitError(t("join.codeUnknown"));
      else setSubmitError(t("app.unexpectedError"));
      return;
    }
    saveIdentity(found.code, {
      participantId: res.data.participantId,
      token: res.data.token,
      displayName: res.data.displayName,
      role: res.data.role,
      title: found.title,
    });
    router.push(roomPath(found.code));
  }

  return (
    <main id="contenu" className="mx-auto max-w-xl px-4 pb-16 pt-6 sm:pt-10">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("join.title")}</h1>
      {lost && (
        <p role="alert" className="mt-4 rounded-xl border-2 border-daisy bg-daisy-soft p-3 font-semibold">
          {t("join.identityLost")}
        </p>
      )}
      <form
        className="card mt-6 space-y-5 p-5 sm:p-6"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void submit();
        }}
      >
        <div>
          <label htmlFor={`${id}-code`} className="block text-lg font-semibold">
            {t("join.codeLabel")}
          </label>
          <p id={`${id}-code-hint`} className="text-muted">
            {t("join.codeHint")}
          </p>
          <input
            id={`${id}-code`}
            name="code"
            className="field field-code mt-2"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            placeholder="ACD EFG"
            value={codeInput}
            aria-invalid={shownCodeError ? true : undefined}
            aria-describedby={`${id}-code-hint${shownCodeError ? ` ${id}-code-err` : ""}`}
            onChange={(e) => {
              setCodeInput(e.target.value);
              setCodeFormatError(false);
              setSubmitError(null);
            }}
          />
          <div aria-live="polite" className="mt-2 min-h-6">
            {lookup.state === "checking" && <p className="text-muted">{t("join.checking")}</p>}
            {found && (
              <p className="flex items-center gap-2 font-semibold text-accent" data-testid="session-title">
                <CheckIcon />
                <span>{t("join.sessionFound", { title: found.title })}</span>
              </p>
            )}
            {shownCodeError && (
              <p id={`${id}-code-err`} className="error-text">
                {shownCodeError}
              </p>
            )}
          </div>
        </div>

        {found && existing && (
          <div className="rounded-xl bg-accent-soft p-4">
            <p className="font-semibold">{t("join.resumeTitle")}</p>
            <button type="button" className="btn-primary mt-2 w-full text-lg" onClick={() => router.push(roomPath(found.code))}>
              {t("join.resume", { name: existing.displayName })}
            </button>
            <p className="mt-3 text-muted">{t("join.orNewName")}</p>
          </div>
        )}

        {found && (
          <div>
            <label htmlFor={`${id}-name`} className="block text-lg font-semibold">
              {t("join.nameLabel")}
            </label>
            <p id={`${id}-name-hint`} className="text-muted">
              {t("join.nameHint")}
            </p>
            <input
              ref={nameRef}
              id={`${id}-name`}
              name="displayName"
              className="field mt-2"
              autoComplete="given-name"
              maxLength={NAME_MAX + 10}
              placeholder={t("join.namePlaceholder")}
              value={name}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={`${id}-name-hint${nameError ? ` ${id}-name-err` : ""}`}
              onChange={(e) => {
                setName(e.target.value);
                setNameError(null);
              }}
            />
            {nameError && (
              <p id={`${id}-name-err`} role="alert" className="error-text mt-2">
                {nameError}
              </p>
            )}
          </div>
        )}

        {submitError && (
          <p role="alert" className="error-text">
            {submitError}
          </p>
        )}

        <button
          type="submit"
          className={`${found && existing ? "btn-secondary" : "btn-primary"} w-full text-lg`}
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? t("join.submitting") : found ? t("join.submit") : t("join.check")}
        </button>
      </form>
    </main>
  );
}

function CheckIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="shrink-0">
      <circle cx="12" cy="12" r="11" fill="#1f5c3f" />
      <path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
