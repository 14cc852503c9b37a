import { NextResponse } from "next/server";
import { FeedbackCommandSchema } from "@/protocol";
import { services } from "@/server/services";
import { NO_STORE, parseJson, withBearer } from "../../../_lib/http";

export const dynamic = "force-dynamic";

/** The questionnaire as the bearer may see it: the facilitator the results, a participant the form and their answers. */
export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(req, ctx, async (code, token) => NextResponse.json(await services().feedback.view(code, token), { headers: NO_STORE }));
}

/** The facilitator's commands: create from a template, edit, open until a date, close, anonymity, pin and unpin quotes. */
export async function POST(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return withBearer(
    req,
    ctx,
    async (code, token) => {
      const body = await parseJson(req, FeedbackCommandSchema);
      if (!body.ok) return body.response;
      return NextResponse.json(await services().feedback.command(code, token, body.value), { headers: NO_STORE });
    },
    { write: true, json: true },
  );
}
