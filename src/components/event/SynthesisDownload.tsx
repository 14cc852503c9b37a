"use client";
// The day's synthesis as a file (PDF or Markdown), for the coordination: the angles d'écoute
// when the day had them, the intelligence-collective groups' wall, the plenary's quiz and the
// feedback questionnaire's results. Offered in the angles' tab and in the plenary's.
import { useId, useState } from "react";
import { downloadSynthesis } from "@/client/event";
import { useLocale, useT } from "../I18nProvider";

export function SynthesisDownload({ code, token, className = "" }: { code: string; token: string; className?: string }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [download, setDownload] = useState<string | null>(null);

  async function get(format: "md" | "pdf") {
    setDownload(null);
    const res = await downloadSynthesis(code, token, format, locale);
    setDownload(res.ok ? t("event.angles.downloaded", { name: res.fileName }) : t("event.angles.downloadFailed"));
  }

  return (
    <section aria-labelledby={`${id}-syn`} className={`rounded-xl border-2 border-line p-3 ${className}`} data-testid="synthesis-download">
      <h3 id={`${id}-syn`} className="font-bold">
        {t("event.angles.synthesisTitle")}
      </h3>
      <p className="text-sm text-muted">{t("event.angles.synthesisHint")}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" onClick={() => void get("pdf")} data-testid="synthesis-pdf">
          {t("event.angles.downloadPdf")}
        </button>
        <button type="button" className="btn-secondary" onClick={() => void get("md")} data-testid="synthesis-md">
          {t("event.angles.downloadMd")}
        </button>
      </div>
      <p aria-live="polite" className="mt-1 text-sm">
        {download}
      </p>
    </section>
  );
}
