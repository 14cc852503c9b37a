import { NextResponse } from "next/server";
import { ErrorCode } from "@/protocol";
import { services } from "@/server/services";
import { bearer, checkSameOrigin, errorResponse, handle } from "../../_lib/http";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ code: string }> }) {
  return handle(async () => {
    const { code } = await ctx.params;
    return NextResponse.json(await services().sessions.summary(code), { headers: { "Cache-Control": "no-store" } });
  });
}

/** The facilitator deletes the session and everything in it, now (Bearer facilitator token). */
export async function DELETE(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return handle(async () => {
    const refused = checkSameOrigin(req, { json: false });
    if (refused) return refused;
    const token = bearer(req);
    if (!token) return errorResponse(ErrorCode.unauthorized, "Authorization: Bearer <token> required", 401);
    const { code } = await ctx.params;
    await services().sessions.remove(code, token);
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  });
}
