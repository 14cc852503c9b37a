"use client";
// The left of every room's header: home link, the session's title, and the save status.
import Link from "next/link";
import type { ConnectionStatus } from "@/client/boardConnection";
import { useT } from "../I18nProvider";
import { Logo } from "../Logo";
import { SaveStatus } from "./SaveStatus";

export function RoomTitle({ title, status }: { title: string; status: ConnectionStatus }) {
  const t = useT();
  return (
    <>
      <Link href="/" className="flex min-h-11 min-w-11 shrink-0 items-center justify-center rounded-lg" aria-label={t("app.homeLink")}>
        <Logo size={30} />
      </Link>
      <div className="min-w-0 flex-1">
        <h1 className="line-clamp-2 break-words text-base font-bold leading-tight sm:text-xl" data-testid="room-title">
          {title}
        </h1>
        <SaveStatus status={status} className="flex" />
      </div>
    </>
  );
}
