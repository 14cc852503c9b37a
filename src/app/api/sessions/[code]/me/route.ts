import { NextResponse } from "next/server";
import { services } from "@/server/services";
import { NO_STORE, withBearer } from "../../../_lib/http";

export const dynamic = "force-dynamic";

/** Who the bearer token belongs to in this session: lets a reloaded page resume its identity. */
export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(req, ctx, async (code, token) => NextResponse.json(await services().sessions.me(code, token), { headers: NO_STORE }));
}
