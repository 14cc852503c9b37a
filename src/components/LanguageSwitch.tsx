"use client";
// FR / EN: sets the `lang` cookie and asks the server for the page again.
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, type Locale } from "@/i18n";
import { useLocale, useT } from "./I18nProvider";

export function LanguageSwitch({ className = "" }: { className?: string }) {
  const locale = useLocale();
  const t = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const other: Locale = locale === "fr" ? "en" : "fr";
  return (
    <button
      type="button"
      lang={other}
      className={`btn-ghost ${className}`}
      // The phone shows only "EN"/"FR": the name says it too (WCAG 2.5.3, label in name), not in
      // parentheses, which the label-in-name check leaves out.
      aria-label={`${t("app.switchLanguageLabel")} – ${other.toUpperCase()}`}
      aria-busy={pending}
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${other}; path=/; max-age=31536000; samesite=lax`;
        document.documentElement.lang = other;
        startTransition(() => router.refresh());
      }}
    >
      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path d="M3 12h18M12 3c2.6 2.6 2.6 15.4 0 18M12 3c-2.6 2.6-2.6 15.4 0 18" fill="none" stroke="currentColor" strokeWidth="1.6" />
      </svg>
      <span aria-hidden="true" className="hidden sm:inline">
        {t("app.switchLanguage")}
      </span>
      <span aria-hidden="true" className="text-sm font-bold uppercase sm:hidden">
        {other}
      </span>
    </button>
  );
}
