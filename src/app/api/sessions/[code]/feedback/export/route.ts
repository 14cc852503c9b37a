import { ErrorCode } from "@/protocol";
import { services } from "@/server/services";
import { errorResponse, fileResponse, withBearer } from "../../../../_lib/http";

export const dynamic = "force-dynamic";

/** The results for the facilitator: GET ?format=csv|md|pdf (default csv) &lang=fr|en (default fr). */
export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(req, ctx, async (code, token) => {
    const params = new URL(req.url).searchParams;
    const format = params.get("format") ?? "csv";
    const lang = params.get("lang") ?? "fr";
    if (format !== "csv" && format !== "md" && format !== "pdf") return errorResponse(ErrorCode.badRequest, "format must be csv, md or pdf", 400);
    if (lang !== "fr" && lang !== "en") return errorResponse(ErrorCode.badRequest, "lang must be fr or en", 400);
    const file = await services().feedback.export(code, token, format, lang);
    return fileResponse(file);
  });
}
