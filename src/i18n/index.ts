// Message catalogues: French first, English second. Keys are dotted paths ("room.title").
import { en } from "./en";
import { fr, type Catalogue } from "./fr";

export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";
export const LOCALE_COOKIE = "lang";

export const catalogues: Record<Locale, Catalogue> = { fr, en };

type Paths<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<Catalogue>;

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** The locale chosen by the language switch (a cookie), French otherwise. */
export function localeFrom(cookieHeader: string | null | undefined): Locale {
  const m = cookieHeader?.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([a-z]{2})`));
  return m && isLocale(m[1]) ? m[1] : DEFAULT_LOCALE;
}

/** Looks a key up and fills {placeholders}. A missing key shows itself, never crashes. */
export function translate(catalogue: Catalogue, key: MessageKey, vars?: Record<string, string | number>): string {
  let node: unknown = catalogue;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") return key;
  if (!vars) return node;
  return node.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

export function t(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  return translate(catalogues[locale], key, vars);
}
