import type { Metadata, Viewport } from "next";
import { t } from "@/i18n";
import { requestLocale } from "@/i18n/server";
import { I18nProvider } from "@/components/I18nProvider";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const locale = await requestLocale();
  return { title: t(locale, "app.name"), description: t(locale, "app.tagline") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#1f5c3f",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await requestLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh bg-white text-ink antialiased">
        <a href="#contenu" className="sr-only-focusable fixed left-2 top-2 z-50 rounded-lg bg-white px-4 py-3 font-semibold text-accent shadow">
          {t(locale, "app.skipToContent")}
        </a>
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </body>
    </html>
  );
}
