"use client";
import Link from "next/link";
import { Logo } from "./Logo";
import { LanguageSwitch } from "./LanguageSwitch";
import { useT } from "./I18nProvider";

/** The thin header of the home and join pages: the daisy, the name, the language. */
export function SiteHeader() {
  const t = useT();
  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-2">
        <Link href="/" className="flex min-h-11 items-center gap-2 rounded-lg text-xl font-bold text-accent" aria-label={t("app.homeLink")}>
          <Logo size={34} />
          <span aria-hidden="true">{t("app.name")}</span>
        </Link>
        <LanguageSwitch />
      </div>
    </header>
  );
}
