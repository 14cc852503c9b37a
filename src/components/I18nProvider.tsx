"use client";
// The locale chosen on the server (cookie `lang`) handed to client components.
import { createContext, useCallback, useContext } from "react";
import { DEFAULT_LOCALE, t as translateIn, type Locale, type MessageKey } from "@/i18n";

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export type TFunction = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function useT(): TFunction {
  const locale = useLocale();
  return useCallback((key, vars) => translateIn(locale, key, vars), [locale]);
}
