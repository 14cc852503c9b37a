import { NextResponse } from "next/server";
import { JoinSessionRequestSchema } from "@/protocol";
import { services } from "@/server/services";
import { checkSameOrigin, handle, parseJson } from "../../../_lib/http";

export const dynamic = "force-dynamic";

export async function POST(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return handle(async () => {
    const refused = checkSameOrigin(req);
    if (refused) return refused;
    const body = await parseJson(req, JoinSessionRequestSchema);
    if (!body.ok) return body.response;
    const { code } = await ctx.params;
    const joined = await services().sessions.join(code, body.value.displayName);
    return NextResponse.json(joined, { status: 201, headers: { "Cache-Control": "no-store" } });
  });
}
