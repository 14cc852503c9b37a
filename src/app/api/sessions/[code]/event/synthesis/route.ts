import { NextResponse } from "next/server";
import { ErrorCode } from "@/protocol";
import { services } from "@/server/services";
import { NO_STORE, errorResponse, fileResponse, withBearer } from "../../../../_lib/http";

export const dynamic = "force-dynamic";

/**
 * The day's synthesis (docs/protocol.md §10): GET ?format=md|pdf|json (default pdf)
 * &lang=fr|en (default fr), Authorization: Bearer <the coordination's token>.
 */
export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(req, ctx, async (code, token) => {
    const events = services().events;
    if (!events) return errorResponse("not_an_event", "national days are not served here", 404);
    const params = new URL(req.url).searchParams;
    const format = params.get("format") ?? "pdf";
    const lang = params.get("lang") ?? "fr";
    if (format !== "md" && format !== "pdf" && format !== "json") return errorResponse(ErrorCode.badRequest, "format must be md, pdf or json", 400);
    if (lang !== "fr" && lang !== "en") return errorResponse(ErrorCode.badRequest, "lang must be fr or en", 400);
    if (format === "json") return NextResponse.json(await events.synthesis(code, token, "json", lang), { headers: NO_STORE });
    return fileResponse(await events.synthesis(code, token, format, lang));
  });
}
