import { t } from "@/i18n";
import { requestLocale } from "@/i18n/server";
import { SiteHeader } from "@/components/SiteHeader";
import { JoinCodeForm } from "@/components/home/JoinCodeForm";
import { CreateSessionForm } from "@/components/home/CreateSessionForm";

export default async function Home() {
  const locale = await requestLocale();
  return (
    <>
      <SiteHeader />
      <main id="contenu" className="mx-auto max-w-5xl px-4 pb-16 pt-6 sm:pt-10">
        <h1 className="max-w-3xl text-xl font-bold leading-snug sm:text-3xl">{t(locale, "home.lead")}</h1>
        <p className="mt-2 text-muted">{t(locale, "home.noAccount")}</p>
        <div className="mt-8 grid items-start gap-6 md:grid-cols-2">
          <section aria-labelledby="rejoindre-titre" className="card border-2 border-accent p-5 sm:p-6">
            <h2 id="rejoindre-titre" className="text-xl font-bold">
              {t(locale, "home.joinTitle")}
            </h2>
            <p className="mt-1 text-muted">{t(locale, "home.joinHint")}</p>
            <JoinCodeForm />
          </section>
          <section aria-labelledby="creer-titre" className="card p-5 sm:p-6">
            <h2 id="creer-titre" className="text-xl font-bold">
              {t(locale, "home.createTitle")}
            </h2>
            <p className="mt-1 text-muted">{t(locale, "home.createHint")}</p>
            <CreateSessionForm />
          </section>
        </div>
      </main>
    </>
  );
}
