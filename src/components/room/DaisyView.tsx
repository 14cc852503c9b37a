"use client";
// The marguerite view: the board's clusters as the petals of a daisy around an editable
// centre title, exported as SVG (the same text as on screen) and PNG (drawn from the SVG in
// a canvas, here in the browser).
import { useId, useMemo, useState } from "react";
import { daisyLayout, daisySvg } from "@/domain/daisy";
import { saveBlob } from "@/client/download";
import { useT } from "../I18nProvider";
import type { BoardModel, Snapshot } from "./boardModel";
import { Modal } from "./Modal";

function fileName(title: string, ext: string): string {
  const slug = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `marguerite${slug ? `-${slug}` : ""}.${ext}`;
}


async function svgToPng(svg: string, size: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const img = new Image();
    img.decoding = "async";
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("svg image"));
      img.src = url;
    });
    const scale = Math.min(2, 4096 / size);
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(size * scale);
    canvas.height = Math.round(size * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("canvas");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("png"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function DaisyView({
  model,
  snapshot,
  names,
  sessionTitle,
  readOnly,
  onClose,
}: {
  model: BoardModel;
  snapshot: Snapshot;
  names: ReadonlyMap<string, string>;
  sessionTitle: string;
  readOnly: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const id = useId();
  const stored = model.title(sessionTitle);
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = draft ?? stored;

  const svg = useMemo(() => {
    const layout = daisyLayout({
      title,
      petals: snapshot.clusters.map((c) => ({ id: c.id, name: names.get(c.id) ?? c.name, color: c.color, count: c.noteIds.length })),
      unnamed: t("clusters.unnamedN"),
      countLabel: (n) => (n === 1 ? t("clusters.countOne") : t("clusters.count", { count: n })),
      empty: t("daisy.empty"),
    });
    return daisySvg(layout, t("daisy.description", { title }));
  }, [snapshot.clusters, names, title, t]);
  const inline = useMemo(() => svg.replace(/^<\?xml[^?]*\?>\s*/, "").replace("<svg ", '<svg class="h-auto w-full max-h-[62dvh]" aria-hidden="true" '), [svg]);

  const commit = () => {
    if (draft !== null && !readOnly) model.setTitle(draft);
    setDraft(null);
  };

  return (
    <Modal title={t("daisy.title")} onClose={onClose} wide testId="daisy-dialog">
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <div className="min-w-0">
          {/* The picture is decorative for screen readers: the list beside it says the same. */}
          <div className="mx-auto max-w-[62dvh] rounded-xl border border-line bg-white" data-testid="daisy-svg" dangerouslySetInnerHTML={{ __html: inline }} />
        </div>
        <div className="space-y-4">
          <p className="text-muted">{t("daisy.lead")}</p>
          <div className="space-y-1">
            <label htmlFor={`${id}-title`} className="font-semibold">
              {t("daisy.centreLabel")}
            </label>
            <input
              id={`${id}-title`}
              className="field"
              value={title}
              maxLength={200}
              readOnly={readOnly}
              onChange={(e) => setDraft(e.target.value)}
              onBlur={commit}
              onKeyDown={(e) => {
                if (e.key === "Enter") commit();
              }}
              data-testid="daisy-title"
            />
          </div>
          <div className="flex flex-col gap-2">
            <button type="button" className="btn-primary" onClick={() => saveBlob(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }), fileName(title, "svg"))} data-testid="daisy-svg-download">
              {t("daisy.exportSvg")}
            </button>
            <button
              type="button"
              className="btn-secondary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  const size = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 1200);
                  saveBlob(await svgToPng(svg, size), fileName(title, "png"));
                } finally {
                  setBusy(false);
                }
              }}
              data-testid="daisy-png-download"
            >
              {t("daisy.exportPng")}
            </button>
          </div>
          <section>
            <h3 className="font-semibold">{t("daisy.listLabel")}</h3>
            {snapshot.clusters.length === 0 ? (
              <p className="text-sm text-muted">{t("daisy.empty")}</p>
            ) : (
              <ul className="mt-1 max-h-48 space-y-1 overflow-y-auto text-sm">
                {snapshot.clusters.map((c) => (
                  <li key={c.id} className="flex items-center gap-2">
                    <span className={`${c.color ? `note-${c.color}` : "bg-white"} inline-block h-4 w-4 shrink-0 rounded-full border border-black/30`} aria-hidden="true" />
                    <span className="min-w-0 flex-1 truncate">{names.get(c.id) ?? c.name}</span>
                    <span className="text-muted">{c.noteIds.length === 1 ? t("clusters.countOne") : t("clusters.count", { count: c.noteIds.length })}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </Modal>
  );
}
