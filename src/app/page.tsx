import { cookies } from "next/headers";
import { LOCALE_COOKIE, isLocale, DEFAULT_LOCALE, t } from "@/i18n";

export default async function Home() {
  const jar = await cookies();
  const v = jar.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(v) ? v : DEFAULT_LOCALE;
  return (
    <main>
      <h1>{t(locale, "app.name")}</h1>
      <p>{t(locale, "app.tagline")}</p>
    </main>
  );
}
