import { NextResponse } from "next/server";
import { QUIZ_IMAGE_LIMITS } from "@/domain/quiz";
import { services } from "@/server/services";
import { NO_STORE, errorResponse, withBearer } from "../../../../_lib/http";

export const dynamic = "force-dynamic";

/**
 * The facilitator adds a picture for a question: the file itself as the body, at most 2 MB;
 * what it is comes from its first bytes, not from its Content-Type (docs/protocol.md §8, Z18).
 */
export async function POST(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(
    req,
    ctx,
    async (code, token) => {
      // A declared size over the limit is refused before anything is read.
      const declared = Number(req.headers.get("content-length") ?? "0");
      if (declared > QUIZ_IMAGE_LIMITS.maxBytes) return errorResponse("image_too_large", "an image is at most 2 MB", 413);
      let cut = false;
      try {
        const image = await services().quizImages.upload(code, token, async () => {
          const body = await readLimited(req, QUIZ_IMAGE_LIMITS.maxBytes);
          cut = body === null;
          return body;
        });
        return NextResponse.json(image, { status: 201, headers: NO_STORE });
      } catch (err) {
        // The rest of a body we stopped reading is still on its way: this connection cannot
        // carry another request, so the client is told not to reuse it.
        if (!cut) throw err;
        const res = errorResponse("image_too_large", "an image is at most 2 MB", 413);
        res.headers.set("Connection", "close");
        return res;
      }
    },
    // A file, not JSON: the same-origin check still applies to this write.
    { write: true, json: false },
  );
}

/** The body's bytes, or null past `max` (read in chunks: a huge body is never held whole). */
async function readLimited(req: Request, max: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array(0);
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
  return new Uint8Array(Buffer.concat(chunks));
}
