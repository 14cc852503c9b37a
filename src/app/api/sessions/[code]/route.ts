import { NextResponse } from "next/server";
import { services } from "@/server/services";
import { NO_STORE, handle, withBearer } from "../../_lib/http";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ code: string }> }) {
  return handle(async () => {
    const { code } = await ctx.params;
    return NextResponse.json(await services().sessions.summary(code), { headers: NO_STORE });
  });
}

/** The facilitator deletes the session and everything in it, now (Bearer facilitator token). */
export async function DELETE(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(
    req,
    ctx,
    async (code, token) => {
      await services().sessions.remove(code, token);
      return new Response(null, { status: 204, headers: NO_STORE });
    },
    { write: true },
  );
}
