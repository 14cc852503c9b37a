import { NextResponse } from "next/server";
import { z } from "zod";
import { services } from "@/server/services";
import { localeFrom, t } from "@/i18n";
import { NO_STORE, parseJson, withBearer } from "../../../_lib/http";

export const dynamic = "force-dynamic";

/**
 * The group's next séance (src/server/groupService.ts): POST {} with Authorization: Bearer
 * <facilitator token> of this séance; 201 with a new session (new code, same title and
 * method, same group) and the facilitator's token for it.
 */
export async function POST(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(
    req,
    ctx,
    async (code, token) => {
      const body = await parseJson(req, z.object({}).strict());
      if (!body.ok) return body.response;
      const s = services();
      const locale = localeFrom(req.headers.get("cookie"));
      const created = await s.groups.createNext(code, token, s.baseUrl(req.url, req.headers), t(locale, "room.defaultFacilitatorName"));
      return NextResponse.json(created, { status: 201, headers: NO_STORE });
    },
    { write: true, json: true },
  );
}
