"use client";
// Where the facilitator finds the questionnaire at the end of the day: a card (in the share
// panel, on the séance's end screen) with its status, opening the manager in a dialog.
// And, for participants in the room, the "Donnez votre avis" invitation while it is open.
import Link from "next/link";
import { useCallback, useEffect, useId, useState } from "react";
import { feedbackApi, feedbackPath } from "@/client/feedback";
import type { FeedbackViewResponse } from "@/protocol";
import { useT } from "../I18nProvider";
import { Modal } from "../room/Modal";
import { FeedbackManager, feedbackStatusLine, type FacilitatorFeedback } from "./FeedbackManager";

export function FeedbackCard({ code, token, className = "" }: { code: string; token: string; className?: string }) {
  const t = useT();
  const id = useId();
  const [view, setView] = useState<FacilitatorFeedback | null>(null);
  const [open, setOpen] = useState(false);
  const load = useCallback(async () => {
    const r = await feedbackApi.view(code, token);
    if (r.ok && r.data.role === "facilitator") setView(r.data);
  }, [code, token]);
  useEffect(() => {
    void load();
  }, [load]);
  const prepared = !!view?.prepared;
  return (
    <section aria-labelledby={`${id}-h`} className={`rounded-xl border-2 border-accent bg-accent-soft p-3 ${className}`} data-testid="feedback-card">
      <h3 id={`${id}-h`} className="font-bold">
        {t("feedback.title")}
      </h3>
      <p className="mt-1 text-sm">{prepared ? feedbackStatusLine(t, view) : t("feedback.shareHelp")}</p>
      <button type="button" className={`${prepared ? "btn-secondary bg-white" : "btn-primary"} mt-2 w-full`} onClick={() => setOpen(true)} data-testid="feedback-open-manager">
        <ListIcon />
        {prepared ? t("feedback.manage") : t("feedback.prepare")}
      </button>
      {open && (
        <Modal
          title={t("feedback.title")}
          wide
          testId="feedback-dialog"
          onClose={() => {
            setOpen(false);
            void load();
          }}
        >
          <FeedbackManager code={code} token={token} onChange={setView} />
        </Modal>
      )}
    </section>
  );
}

type ParticipantView = Extract<FeedbackViewResponse, { role: "participant" | "observer" }>;

/** Read again this often while in the room: the facilitator may open the questionnaire at any time. */
const INVITE_MS = 30_000;

/** Participants in the room: "Donnez votre avis" while the questionnaire takes answers and I have not answered. */
export function FeedbackInvite({ code, token, role }: { code: string; token: string; role: string }) {
  const t = useT();
  const id = useId();
  const [view, setView] = useState<ParticipantView | null>(null);
  const active = role === "participant";
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    const load = async () => {
      if (document.visibilityState !== "visible") return;
      const r = await feedbackApi.view(code, token);
      if (!cancelled && r.ok && r.data.role !== "facilitator") setView(r.data);
    };
    void load();
    // Spread the readings of a large room over the interval.
    const timer = window.setInterval(load, INVITE_MS + Math.floor(Math.random() * 5000));
    document.addEventListener("visibilitychange", load);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", load);
    };
  }, [active, code, token]);
  if (!active || !view || !view.prepared || !view.accepting || view.mine) return null;
  return (
    <section aria-labelledby={`${id}-h`} className="border-b-2 border-accent bg-accent-soft px-3 py-2 sm:px-4" data-testid="feedback-invite">
      <div className="mx-auto flex max-w-4xl flex-wrap items-center gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1 basis-56">
          <h2 id={`${id}-h`} className="font-bold">
            {t("feedback.bannerTitle")}
          </h2>
          <p className="text-sm">{view.anonymous ? t("feedback.bannerText") : t("feedback.bannerTextNamed")}</p>
        </div>
        <Link href={feedbackPath(code)} className="btn-primary grow sm:grow-0" data-testid="feedback-invite-link">
          {t("feedback.bannerAction")}
        </Link>
      </div>
    </section>
  );
}

function ListIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="4" y="3" width="16" height="18" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8 8h8M8 12h8M8 16h5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
