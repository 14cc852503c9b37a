"use client";
// Who enters the room: the facilitator link's secret (#cle=TOKEN, never sent to a server),
// else the identity this browser remembers, else the join page. No Yjs here: the room
// itself is loaded in the browser only.
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { normalizeJoinCode } from "@/domain/joinCode";
import { TokenSchema } from "@/protocol";
import { api, joinPath } from "@/client/api";
import { clearIdentity, loadIdentity, saveIdentity, type StoredIdentity } from "@/client/identity";
import { useT } from "../I18nProvider";
import { Logo } from "../Logo";

const RoomView = dynamic(() => import("./RoomView"), { ssr: false, loading: () => <RoomLoading /> });

/** Secrets read from the fragment, kept in memory only (the effect may run twice). */
const takenKeys = new Map<string, string>();

/** Reads #cle=TOKEN and takes it out of the address bar (and history) at once. */
function takeFacilitatorKey(code: string): string | null {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  const key = fragment.get("cle");
  if (key !== null) {
    takenKeys.set(code, key);
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${window.location.search}`);
  }
  return takenKeys.get(code) ?? null;
}

type Entry = { kind: "loading" } | { kind: "ready"; code: string; identity: StoredIdentity } | { kind: "invalidLink"; code: string };

export function RoomEntry({ rawCode }: { rawCode: string }) {
  const router = useRouter();
  const [entry, setEntry] = useState<Entry>({ kind: "loading" });

  useEffect(() => {
    let cancelled = false;
    const code = normalizeJoinCode(rawCode);
    if (!code) {
      router.replace("/rejoindre");
      return;
    }
    const key = takeFacilitatorKey(code);

    (async () => {
      if (key !== null) {
        if (TokenSchema.safeParse(key).success) {
          const me = await api.me(code, key);
          if (cancelled) return;
          if (me.ok) {
            const identity: StoredIdentity = {
              participantId: me.data.participantId,
              token: key,
              displayName: me.data.displayName,
              role: me.data.role,
              title: me.data.title,
              method: me.data.method,
              inEvent: me.data.inEvent,
            };
            saveIdentity(code, identity);
            takenKeys.delete(code);
            setEntry({ kind: "ready", code, identity });
            return;
          }
          if (me.network) {
            // Cannot check now: keep the secret and let the connection retry.
            const stored = loadIdentity(code);
            const identity: StoredIdentity =
              stored && stored.token === key ? stored : { participantId: "", token: key, displayName: "", role: "facilitator" };
            setEntry({ kind: "ready", code, identity });
            return;
          }
        }
        if (!loadIdentity(code)) {
          setEntry({ kind: "invalidLink", code });
          return;
        }
      }

      const stored = loadIdentity(code);
      if (!stored) {
        router.replace(joinPath(code));
        return;
      }
      const me = await api.me(code, stored.token);
      if (cancelled) return;
      if (me.ok) {
        const identity: StoredIdentity = {
          ...stored,
          participantId: me.data.participantId,
          displayName: me.data.displayName,
          role: me.data.role,
          title: me.data.title,
          method: me.data.method,
          inEvent: me.data.inEvent,
        };
        saveIdentity(code, identity);
        setEntry({ kind: "ready", code, identity });
      } else if (me.status === 401) {
        clearIdentity(code);
        router.replace(`${joinPath(code)}?acces=perdu`);
      } else {
        // Network or server trouble: enter with what we know; the board retries by itself.
        setEntry({ kind: "ready", code, identity: stored });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [rawCode, router]);

  if (entry.kind === "ready") return <RoomView code={entry.code} identity={entry.identity} />;
  if (entry.kind === "invalidLink") return <InvalidLink code={entry.code} />;
  return <RoomLoading />;
}

function RoomLoading() {
  const t = useT();
  return (
    <main id="contenu" className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <Logo size={56} />
      <p role="status" className="text-lg font-semibold">
        {t("room.connecting")}
      </p>
    </main>
  );
}

function InvalidLink({ code }: { code: string }) {
  const t = useT();
  return (
    <main id="contenu" className="mx-auto flex min-h-dvh max-w-xl flex-col items-center justify-center gap-4 p-6 text-center">
      <Logo size={56} />
      <h1 className="text-2xl font-bold">{t("room.invalidLink")}</h1>
      <div className="flex flex-wrap justify-center gap-3">
        <Link href={joinPath(code)} className="btn-primary">
          {t("room.rejoin")}
        </Link>
        <Link href="/" className="btn-secondary">
          {t("room.goHome")}
        </Link>
      </div>
    </main>
  );
}
