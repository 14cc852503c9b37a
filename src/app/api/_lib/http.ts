// Shared edges of the JSON routes: body parsing with zod, same-origin check for writes (CSRF),
// and one error shape ({ error, message }) for every failure.
import { NextResponse } from "next/server";
import type { z } from "zod";
import { ErrorCode, type HttpError, type RefusalCode } from "@/protocol";
import { isServiceError } from "@/server/sessionService";
import { checkOrigin } from "@/server/http/sameOrigin";
import { services } from "@/server/services";

const MAX_BODY_BYTES = 16 * 1024;

export function errorResponse(code: RefusalCode, message: string, status: number): NextResponse<HttpError> {
  return NextResponse.json({ error: code, message }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * State-changing requests (POST, DELETE) must come from our own pages (checkOrigin: Origin
 * and Sec-Fetch-Site against this server), whatever their authentication; those with a body
 * must be JSON, which a cross-site form cannot send without a preflight.
 */
export function checkSameOrigin(req: Request, opts: { json: boolean } = { json: true }): NextResponse<HttpError> | null {
  if (opts.json) {
    const type = req.headers.get("content-type") ?? "";
    if (!type.toLowerCase().startsWith("application/json")) return errorResponse(ErrorCode.badRequest, "Content-Type must be application/json", 415);
  }
  const { config } = services();
  const verdict = checkOrigin(req.headers, {
    host: req.headers.get("host"),
    forwardedHost: req.headers.get("x-forwarded-host"),
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
  });
  return verdict.ok ? null : errorResponse(ErrorCode.forbidden, `cross-origin request refused (${verdict.reason})`, 403);
}

export async function parseJson<S extends z.ZodType>(req: Request, schema: S): Promise<{ ok: true; value: z.infer<S> } | { ok: false; response: NextResponse<HttpError> }> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) return { ok: false, response: errorResponse(ErrorCode.tooLarge, "body too large", 413) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: errorResponse(ErrorCode.badRequest, "body is not valid JSON", 400) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, response: errorResponse(ErrorCode.badRequest, `${issue.path.join(".") || "body"}: ${issue.message}`, 400) };
  }
  return { ok: true, value: parsed.data };
}

/** Runs a route body, turning service errors into their HTTP answer and anything else into a 500. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (isServiceError(err)) return errorResponse(err.code, err.message, err.status);
    console.error("[marguerite] route failed:", err);
    return errorResponse(ErrorCode.internal, "internal error", 500);
  }
}

export function bearer(req: Request): string | null {
  const h = req.headers.get("authorization");
  const m = h?.match(/^Bearer ([A-Za-z0-9_-]{43})$/);
  return m ? m[1] : null;
}

type CodeParams = { params: Promise<{ code: string }> };

/**
 * A route of one session that needs a bearer token: AUTH (same origin first for a write,
 * then the token's shape; the service checks whose it is), then `fn` with the code and the
 * token, inside `handle`. `write`: POST/DELETE (checked for CSRF), `json`: it has a body.
 */
export function withBearer(
  req: Request,
  ctx: CodeParams,
  fn: (code: string, token: string) => Promise<Response>,
  opts: { write?: boolean; json?: boolean } = {},
): Promise<Response> {
  return handle(async () => {
    if (opts.write) {
      const refused = checkSameOrigin(req, { json: opts.json ?? false });
      if (refused) return refused;
    }
    const token = bearer(req);
    if (!token) return errorResponse(ErrorCode.unauthorized, "Authorization: Bearer <token> required", 401);
    const { code } = await ctx.params;
    return fn(code, token);
  });
}

export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** A file made for the bearer (a report, an export): downloaded, never cached nor sniffed. */
export function fileResponse(file: { body: Uint8Array; contentType: string; fileName: string }): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
