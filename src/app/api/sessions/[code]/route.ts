import { NextResponse } from "next/server";
import { services } from "@/server/services";
import { handle } from "../../_lib/http";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ code: string }> }) {
  return handle(async () => {
    const { code } = await ctx.params;
    return NextResponse.json(await services().sessions.summary(code), { headers: { "Cache-Control": "no-store" } });
  });
}
