"use client";
// "Enregistré" / "Enregistrement…" / "Hors ligne…": honest, small, and announced to screen
// readers only when it matters (going offline, coming back), not at every keystroke.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { ConnectionStatus } from "@/client/boardConnection";
import type { ErrorCode } from "@/protocol";
import { joinPath } from "@/client/api";
import { useT } from "../I18nProvider";

const STATUS_KEYS = {
  connecting: "room.status.connecting",
  syncing: "room.status.syncing",
  saving: "room.status.saving",
  saved: "room.status.saved",
  offline: "room.status.offlineShort",
  refused: "room.status.refused",
} as const;

export function SaveStatus({ status, className = "" }: { status: ConnectionStatus; className?: string }) {
  const t = useT();
  return (
    <p
      className={`items-center gap-1.5 text-sm font-semibold ${status === "refused" ? "text-danger" : status === "offline" ? "text-ink" : "text-muted"} ${className}`}
      data-testid="save-status"
      data-status={status}
    >
      <StatusIcon status={status} />
      <span>{t(STATUS_KEYS[status])}</span>
    </p>
  );
}

function StatusIcon({ status }: { status: ConnectionStatus }) {
  if (status === "saved") {
    return (
      <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="11" fill="#1f5c3f" />
        <path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  }
  if (status === "offline" || status === "refused") {
    return (
      <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="11" fill={status === "offline" ? "#8a5a00" : "#a3221b"} />
        <path d="M12 6.5v7M12 16.8v.2" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
      </svg>
    );
  }
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9.5" fill="none" stroke="#4b5563" strokeWidth="3" strokeDasharray="4 3.5" />
    </svg>
  );
}

/** A full-width message while offline or refused, and a polite announcement on changes. */
export function OfflineBanner({ status, refusal, code }: { status: ConnectionStatus; refusal: ErrorCode | null; code: string }) {
  const t = useT();
  const [announce, setAnnounce] = useState("");
  const previous = useRef<ConnectionStatus>(status);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (status === "offline" && was !== "offline") setAnnounce(t("room.status.offline"));
    else if (was === "offline" && (status === "syncing" || status === "saving" || status === "saved")) setAnnounce(t("room.status.backOnline"));
  }, [status, t]);

  return (
    <>
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      {status === "offline" && (
        <div className="border-b-2 border-[#8a5a00] bg-[#fde49a] px-4 py-2 font-semibold text-ink" data-testid="offline-banner">
          {t("room.status.offline")}
        </div>
      )}
      {status === "refused" && (
        <div role="alert" className="flex flex-wrap items-center gap-3 border-b-2 border-danger bg-danger-soft px-4 py-2 font-semibold text-danger">
          <span>{refusal === "session_closed" ? t("room.refusedClosed") : t("room.refusedUnauthorized")}</span>
          {refusal === "session_closed" ? (
            <Link href="/" className="btn-secondary">
              {t("room.goHome")}
            </Link>
          ) : (
            <Link href={joinPath(code)} className="btn-secondary">
              {t("room.rejoin")}
            </Link>
          )}
        </div>
      )}
    </>
  );
}
