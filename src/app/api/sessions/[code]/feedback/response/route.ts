import { NextResponse } from "next/server";
import { FeedbackResponseSchema } from "@/protocol";
import { services } from "@/server/services";
import { NO_STORE, parseJson, withBearer } from "../../../../_lib/http";

export const dynamic = "force-dynamic";

/** A participant's response: submit (again, to edit it, until the questionnaire closes) or withdraw. */
export async function POST(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(
    req,
    ctx,
    async (code, token) => {
      const body = await parseJson(req, FeedbackResponseSchema);
      if (!body.ok) return body.response;
      return NextResponse.json(await services().feedback.respond(code, token, body.value), { headers: NO_STORE });
    },
    { write: true, json: true },
  );
}
