import { NextResponse } from "next/server";
import { services } from "@/server/services";
import { NO_STORE, withBearer } from "../../../_lib/http";

export const dynamic = "force-dynamic";

/**
 * The facilitator closes the session (Bearer facilitator token, no body): the code admits
 * nobody new; the purge deletes it PURGE_AFTER_DAYS later. A séance's end does the same.
 */
export async function POST(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(req, ctx, async (code, token) => NextResponse.json(await services().sessions.close(code, token), { headers: NO_STORE }), { write: true });
}
