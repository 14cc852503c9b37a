"use client";
// The projector's entry: the coordination's key from the link (#cle=…) or the identity this
// browser keeps for the event (the dashboard opened it here). Browser only.
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { normalizeJoinCode } from "@/domain/joinCode";
import { TokenSchema } from "@/protocol";
import { loadIdentity } from "@/client/identity";
import { useT } from "../I18nProvider";
import { Logo } from "../Logo";

const Projection = dynamic(() => import("./Projection"), { ssr: false });

export function ProjectionEntry({ rawCode }: { rawCode: string }) {
  const t = useT();
  const [entry, setEntry] = useState<{ code: string; token: string } | null | "none">(null);
  useEffect(() => {
    const code = normalizeJoinCode(rawCode);
    if (!code) return setEntry("none");
    const key = new URLSearchParams(window.location.hash.replace(/^#/, "")).get("cle");
    if (key !== null) window.history.replaceState(window.history.state, "", window.location.pathname);
    const token = key && TokenSchema.safeParse(key).success ? key : (loadIdentity(code)?.token ?? null);
    setEntry(token ? { code, token } : "none");
  }, [rawCode]);
  if (entry && entry !== "none") return <Projection code={entry.code} token={entry.token} />;
  return (
    <main id="contenu" className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <Logo size={56} />
      <p role={entry === "none" ? "alert" : "status"} className="max-w-xl text-lg font-semibold">
        {entry === "none" ? t("event.projection.noKey") : t("event.connecting")}
      </p>
    </main>
  );
}
