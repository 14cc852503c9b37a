import { services } from "@/server/services";
import { handle } from "../../../../../_lib/http";

export const dynamic = "force-dynamic";

/**
 * A question's picture, for anyone who knows the session (an <img> sends no token; the id is
 * random). An id is never reused for other bytes, so browsers keep it; `private`: a shared
 * cache would keep it after the session is deleted.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ code: string; id: string }> }) {
  return handle(async () => {
    const { code, id } = await ctx.params;
    const image = await services().quizImages.find(code, id);
    return new Response(new Uint8Array(image.bytes), {
      headers: {
        "Content-Type": image.contentType,
        "Content-Length": String(image.byteSize),
        "Cache-Control": "private, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
        // Our pages only: another site cannot embed it (and learn the session is alive).
        "Cross-Origin-Resource-Policy": "same-origin",
        "Content-Disposition": "inline",
      },
    });
  });
}
