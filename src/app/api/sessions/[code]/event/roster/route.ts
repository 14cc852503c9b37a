import { NextResponse } from "next/server";
import { ROSTER_MAX_BYTES } from "@/protocol";
import { services } from "@/server/services";
import { NO_STORE, errorResponse, withBearer } from "../../../../_lib/http";

export const dynamic = "force-dynamic";

/** The coordination's participant list: the CSV file itself as the body (docs/protocol.md §10). */
export async function POST(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(
    req,
    ctx,
    async (code, token) => {
      const events = services().events;
      if (!events) return errorResponse("not_an_event", "national days are not served here", 404);
      const declared = Number(req.headers.get("content-length") ?? "0");
      if (declared > ROSTER_MAX_BYTES) return errorResponse("roster_too_large", "the list's file is too large", 413);
      const body = await readLimited(req, ROSTER_MAX_BYTES);
      if (body === null) return errorResponse("roster_too_large", "the list's file is too large", 413);
      const result = await events.importRoster(code, token, body);
      return NextResponse.json(result, { status: 200, headers: NO_STORE });
    },
    // A file, not JSON: the same-origin check still applies to this write.
    { write: true, json: false },
  );
}

/** The body as UTF-8 text, or null past `max` bytes (read in chunks: a huge body is never held whole). */
async function readLimited(req: Request, max: number): Promise<string | null> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}
