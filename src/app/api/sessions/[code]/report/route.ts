import { ErrorCode } from "@/protocol";
import { services } from "@/server/services";
import { errorResponse, fileResponse, withBearer } from "../../../_lib/http";

export const dynamic = "force-dynamic";

/**
 * The séance report as a file: GET ?format=md|pdf (default pdf) &lang=fr|en (default fr),
 * Authorization: Bearer <token> of the facilitator or the case holder.
 */
export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(req, ctx, async (code, token) => {
    const params = new URL(req.url).searchParams;
    const format = params.get("format") ?? "pdf";
    const lang = params.get("lang") ?? "fr";
    if (format !== "md" && format !== "pdf") return errorResponse(ErrorCode.badRequest, "format must be md or pdf", 400);
    if (lang !== "fr" && lang !== "en") return errorResponse(ErrorCode.badRequest, "lang must be fr or en", 400);
    const file = await services().reports.download(code, token, format, lang);
    return fileResponse(file);
  });
}
