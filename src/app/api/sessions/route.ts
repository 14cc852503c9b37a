import { NextResponse } from "next/server";
import { CreateSessionRequestSchema } from "@/protocol";
import { services } from "@/server/services";
import { checkSameOrigin, handle, parseJson } from "../_lib/http";
import { localeFrom, t } from "@/i18n";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return handle(async () => {
    const refused = checkSameOrigin(req);
    if (refused) return refused;
    const body = await parseJson(req, CreateSessionRequestSchema);
    if (!body.ok) return body.response;
    const s = services();
    const locale = localeFrom(req.headers.get("cookie"));
    const created = await s.sessions.create(body.value, s.baseUrl(req.url, req.headers), t(locale, "room.defaultFacilitatorName"));
    return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
  });
}
