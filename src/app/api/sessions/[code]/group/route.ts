import { NextResponse } from "next/server";
import { services } from "@/server/services";
import { NO_STORE, withBearer } from "../../../_lib/http";

export const dynamic = "force-dynamic";

/** The séance's group: the previous meeting's action plan and the next meeting, for anyone of the séance. */
export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(req, ctx, async (code, token) => NextResponse.json(await services().groups.overview(code, token), { headers: NO_STORE }));
}
