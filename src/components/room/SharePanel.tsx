"use client";
// Facilitator only: the code big enough to project, the join link, the QR code, and the
// private facilitator link (hidden unless asked: the panel may be on a projector), and the
// feedback questionnaire to run at the end of the day.
import { useEffect, useId, useRef, useState } from "react";
import { formatJoinCode } from "@/domain/joinCode";
import { api, joinPath } from "@/client/api";
import { copyText } from "@/client/clipboard";
import { useT } from "../I18nProvider";
import { DeleteSession } from "./DeleteSession";
import { FeedbackCard } from "../feedback/FeedbackCard";

export function SharePanel({ code, token, title, onClose }: { code: string; token: string; title: string; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const [origin, setOrigin] = useState("");
  const [showPrivate, setShowPrivate] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => setOrigin(window.location.origin), []);
  const host = origin.replace(/^https?:\/\//, "");
  const joinLink = `${origin}${joinPath(code)}`;
  const privateLink = `${origin}/s/${code}#cle=${token}`;
  const formatted = formatJoinCode(code);

  return (
    <div className="space-y-5 p-4" data-testid="share-panel">
      <div className="flex items-start justify-between gap-2">
        <h2 className="text-lg font-bold">{t("share.title")}</h2>
        <button type="button" className="btn-ghost -mr-2 -mt-1 text-sm" onClick={onClose} aria-controls="partage" aria-expanded="true">
          {t("share.hide")}
        </button>
      </div>

      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-muted" id={`${id}-code`}>
          {t("share.codeLabel")}
        </p>
        <p className="font-mono text-5xl font-bold tracking-wider text-ink" data-testid="join-code">
          {formatted}
        </p>
        <p className="mt-1 text-muted">{t("share.codeHelp", { host: host || "…" })}</p>
      </div>

      <img
        src={api.qrUrl(code)}
        alt={t("share.qrAlt", { code: formatted })}
        width={200}
        height={200}
        className="h-[200px] w-[200px] rounded-lg border border-line bg-white"
        data-testid="qr"
      />

      <div>
        <label htmlFor={`${id}-join`} className="block font-semibold">
          {t("share.joinLink")}
        </label>
        <div className="mt-1 flex gap-2">
          <input id={`${id}-join`} className="field min-w-0 flex-1 text-base" readOnly value={joinLink} onFocus={(e) => e.currentTarget.select()} data-testid="join-link" />
          <CopyButton text={joinLink} label={t("share.copy")} accessibleLabel={t("share.copyJoinLink")} />
        </div>
      </div>

      <button type="button" className="btn-primary w-full" onClick={() => dialogRef.current?.showModal()}>
        <ExpandIcon />
        {t("share.project")}
      </button>

      <FeedbackCard code={code} token={token} />

      <div className="rounded-xl border-2 border-daisy bg-daisy-soft p-3">
        <h3 className="font-bold">{t("share.privateTitle")}</h3>
        <p className="mt-1 text-sm">{t("share.privateWarning")}</p>
        <div className="mt-2 flex flex-wrap gap-2">
          <CopyButton text={privateLink} label={t("share.copyPrivateLink")} variant="secondary" />
          <button type="button" className="btn-ghost" aria-expanded={showPrivate} onClick={() => setShowPrivate((v) => !v)}>
            {showPrivate ? t("share.privateHide") : t("share.privateShow")}
          </button>
        </div>
        {showPrivate && (
          <input
            aria-label={t("share.privateTitle")}
            className="field mt-2 text-sm"
            readOnly
            value={privateLink}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="private-link"
          />
        )}
      </div>

      <DeleteSession code={code} token={token} title={title} />

      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-project-title`}
        className="m-auto max-h-[95dvh] w-[min(60rem,95vw)] rounded-2xl p-0 backdrop:bg-black/60"
        onClick={(e) => {
          if (e.target === e.currentTarget) dialogRef.current?.close();
        }}
      >
        <div className="flex flex-col items-center gap-4 p-6 text-center sm:p-10">
          <h2 id={`${id}-project-title`} className="text-3xl font-bold sm:text-5xl">
            {t("share.projectTitle")}
          </h2>
          <div className="flex flex-col items-center gap-6 sm:flex-row sm:gap-10">
            <div className="space-y-3">
              <p className="text-xl sm:text-2xl">{t("share.projectStep1", { host: host || "…" })}</p>
              <p className="text-xl sm:text-2xl">{t("share.projectStep2")}</p>
              <p className="font-mono text-6xl font-bold tracking-widest sm:text-8xl">{formatted}</p>
            </div>
            <img src={api.qrUrl(code)} alt={t("share.qrAlt", { code: formatted })} width={320} height={320} className="h-64 w-64 sm:h-80 sm:w-80" />
          </div>
          <button type="button" className="btn-secondary mt-2 px-8 text-lg" onClick={() => dialogRef.current?.close()}>
            {t("share.closeProject")}
          </button>
        </div>
      </dialog>
    </div>
  );
}

function CopyButton({ text, label, accessibleLabel, variant = "primary" }: { text: string; label: string; accessibleLabel?: string; variant?: "primary" | "secondary" }) {
  const t = useT();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);
  return (
    <span className="relative inline-flex">
      <button
        type="button"
        className={`${variant === "primary" ? "btn-secondary" : "btn-secondary bg-white"} shrink-0`}
        aria-label={accessibleLabel}
        onClick={async () => setState((await copyText(text)) ? "copied" : "failed")}
      >
        <CopyIcon />
        {state === "copied" ? t("share.copied") : label}
      </button>
      <span role="status" className="sr-only">
        {state === "copied" ? t("share.copied") : state === "failed" ? t("share.copyFailed") : ""}
      </span>
      {state === "failed" && <span className="error-text absolute left-0 top-full z-10 mt-1 w-64 rounded bg-white p-1 text-sm shadow">{t("share.copyFailed")}</span>}
    </span>
  );
}

function CopyIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="8" y="8" width="12" height="12" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}

function ExpandIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
