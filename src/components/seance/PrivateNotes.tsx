"use client";
// My private notes: my own board `private-<participantId>` (docs/protocol.md §3), which
// nobody else can join, the facilitator included (P5, C6).
import { useEffect, useState } from "react";
import { BoardConnection } from "@/client/boardConnection";
import { CollectionsModel } from "@/client/collections";
import { writeRefusedKey } from "@/client/divergence";
import { CODEV_COLLECTION as C, CODEV_TEMPLATE, privateBoardName } from "@/domain/facilitation";
import { useT } from "../I18nProvider";
import { useConnectionStatus } from "../room/hooks";
import { SaveStatus } from "../room/SaveStatus";
import { TextField } from "./fields";
import { useItems, type Permissions } from "./hooks";

export function PrivateNotes({ code, token, me, perms, headingId }: { code: string; token: string; me: string; perms: Permissions; headingId: string }) {
  const t = useT();
  const [parts, setParts] = useState<{ conn: BoardConnection; model: CollectionsModel } | null>(null);
  const [generation, setGeneration] = useState(0);
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    const conn = new BoardConnection({ url: window.location.origin, code, token, board: privateBoardName(me) });
    const m = new CollectionsModel(conn.doc, CODEV_TEMPLATE, me);
    // A refused edit (e.g. after a role change to observer): reopen my notes as the server
    // holds them, and say so.
    const off = conn.on("diverged", (e) => {
      setRefused(e.code);
      setGeneration((g) => g + 1);
    });
    setParts({ conn, model: m });
    return () => {
      off();
      m.destroy();
      conn.destroy();
    };
  }, [code, token, me, generation]);
  const model = parts?.model ?? null;
  const items = useItems(model, C.privateNotes);
  const item = items.find((i) => i.id === me);
  const editable = item ? perms.update(C.privateNotes, "text", me, item.authorId) : perms.create(C.privateNotes, ["text"], me);
  return (
    <div>
      <h2 id={headingId} className="text-lg font-bold">
        {t("seance.privateNotes.title")}
      </h2>
      <p className="text-sm text-muted">{t("seance.privateNotes.hint")}</p>
      {parts && model && (
        <div className="mt-2">
          <PrivateStatus conn={parts.conn} />
          {refused !== null && (
            <p role="alert" className="mb-2 rounded border-2 border-[#8a5a00] bg-[#fde49a] p-2 text-sm font-semibold" data-testid="private-refused">
              {t(writeRefusedKey(refused))}
            </p>
          )}
          <TextField labelHidden model={model} collection={C.privateNotes} itemId={me} field="text" item={item} label={t("seance.privateNotes.label")} editable={editable} rows={8} maxLength={4000} testId="private-notes" />
        </div>
      )}
    </div>
  );
}

function PrivateStatus({ conn }: { conn: BoardConnection }) {
  const status = useConnectionStatus(conn);
  return <div data-testid="private-status"><SaveStatus status={status} className="mb-1 flex" /></div>;
}
