import { NextResponse } from "next/server";
import { ErrorCode } from "@/protocol";
import { services } from "@/server/services";
import { bearer, errorResponse, handle } from "../../../_lib/http";

export const dynamic = "force-dynamic";

/** The séance's group: the previous meeting's action plan and the next meeting, for anyone of the séance. */
export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return handle(async () => {
    const token = bearer(req);
    if (!token) return errorResponse(ErrorCode.unauthorized, "Authorization: Bearer <token> required", 401);
    const { code } = await ctx.params;
    const overview = await services().groups.overview(code, token);
    return NextResponse.json(overview, { headers: { "Cache-Control": "no-store" } });
  });
}
