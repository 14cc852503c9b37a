import { NextResponse } from "next/server";
import { ErrorCode } from "@/protocol";
import { services } from "@/server/services";
import { bearer, checkSameOrigin, errorResponse, handle } from "../../../_lib/http";

export const dynamic = "force-dynamic";

/**
 * The facilitator closes the session (Bearer facilitator token, no body): the code admits
 * nobody new; the purge deletes it PURGE_AFTER_DAYS later. A séance's end does the same.
 */
export async function POST(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return handle(async () => {
    const refused = checkSameOrigin(req, { json: false });
    if (refused) return refused;
    const token = bearer(req);
    if (!token) return errorResponse(ErrorCode.unauthorized, "Authorization: Bearer <token> required", 401);
    const { code } = await ctx.params;
    return NextResponse.json(await services().sessions.close(code, token), { headers: { "Cache-Control": "no-store" } });
  });
}
