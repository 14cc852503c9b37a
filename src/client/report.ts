// Downloads the séance report (docs/protocol.md §1: GET /api/sessions/{code}/report with the
// bearer token of the facilitator or the case holder) and hands it to the browser as a file.
import { saveBlob } from "./download.ts";

export type ReportResult = { ok: true; fileName: string } | { ok: false; status: number };

export async function downloadReport(code: string, token: string, format: "pdf" | "md", lang: "fr" | "en"): Promise<ReportResult> {
  let res: Response;
  try {
    res = await fetch(`/api/sessions/${encodeURIComponent(code)}/report?format=${format}&lang=${lang}`, {
      headers: { authorization: `Bearer ${token}` },
      cache: "no-store",
    });
  } catch {
    return { ok: false, status: 0 };
  }
  if (!res.ok) return { ok: false, status: res.status };
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `compte-rendu-${code}.${format}`;
  saveBlob(await res.blob(), name);
  return { ok: true, fileName: name };
}
