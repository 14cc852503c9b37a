"use client";
// Facilitator only: delete the session and everything in it now, after a confirmation that
// names it. The server closes everyone's connection; this screen goes back home.
import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { api } from "@/client/api";
import { clearIdentity } from "@/client/identity";
import { useT } from "../I18nProvider";

export function DeleteSession({ code, token, title }: { code: string; token: string; title: string }) {
  const t = useT();
  const id = useId();
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const confirm = async () => {
    setBusy(true);
    setFailed(false);
    const res = await api.deleteSession(code, token);
    if (res.ok || res.status === 404) {
      clearIdentity(code);
      dialogRef.current?.close();
      router.replace("/");
      return;
    }
    setBusy(false);
    setFailed(true);
  };

  return (
    <div className="rounded-xl border border-line p-3" data-testid="delete-session">
      <h3 className="font-bold">{t("share.deleteTitle")}</h3>
      <p className="mt-1 text-sm text-muted">{t("share.deleteHelp")}</p>
      <button type="button" className="btn-danger mt-2" onClick={() => dialogRef.current?.showModal()}>
        {t("share.deleteAction")}
      </button>
      <dialog ref={dialogRef} aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} className="m-auto w-[min(32rem,92vw)] rounded-2xl p-0 backdrop:bg-black/60">
        <div className="space-y-4 p-6">
          <h2 id={`${id}-title`} className="text-xl font-bold">
            {t("share.deleteConfirmTitle", { title })}
          </h2>
          <p id={`${id}-text`}>{t("share.deleteConfirmText")}</p>
          {failed && (
            <p role="alert" className="error-text">
              {t("share.deleteFailed")}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className="btn-secondary" autoFocus onClick={() => dialogRef.current?.close()} disabled={busy}>
              {t("share.deleteCancel")}
            </button>
            <button type="button" className="btn-danger" onClick={confirm} disabled={busy} data-testid="delete-confirm">
              {t("share.deleteConfirm")}
            </button>
          </div>
        </div>
      </dialog>
    </div>
  );
}
