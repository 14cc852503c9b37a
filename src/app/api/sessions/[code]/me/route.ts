import { NextResponse } from "next/server";
import { ErrorCode } from "@/protocol";
import { services } from "@/server/services";
import { bearer, errorResponse, handle } from "../../../_lib/http";

export const dynamic = "force-dynamic";

/** Who the bearer token belongs to in this session: lets a reloaded page resume its identity. */
export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return handle(async () => {
    const token = bearer(req);
    if (!token) return errorResponse(ErrorCode.unauthorized, "Authorization: Bearer <token> required", 401);
    const { code } = await ctx.params;
    return NextResponse.json(await services().sessions.me(code, token), { headers: { "Cache-Control": "no-store" } });
  });
}
