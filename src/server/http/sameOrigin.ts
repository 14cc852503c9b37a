// CSRF: a state-changing request must come from one of our own pages, or from a program
// that is not a browser at all (no Origin, no Sec-Fetch-Site: curl, the protocol's clients).
// Pure, so that the routes (Next's bundle) and the tests share it.

export interface OriginContext {
  /** The request's Host (what the browser connected to). */
  host: string | null;
  /** X-Forwarded-Host, used only when a proxy is trusted. */
  forwardedHost?: string | null;
  publicUrl?: string;
  trustProxy: number;
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

export function checkOrigin(headers: Headers, ctx: OriginContext): OriginVerdict {
  // Sec-Fetch-Site comes from the browser itself and cannot be set by a page's script.
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return { ok: false, reason: `Sec-Fetch-Site: ${site}` };
  const origin = headers.get("origin");
  if (origin === null) return { ok: true };
  let originHost: string;
  try {
    const u = new URL(origin);
    if (u.protocol !== "http:" && u.protocol !== "https:") return { ok: false, reason: "opaque origin" };
    originHost = u.host;
  } catch {
    return { ok: false, reason: "opaque origin" };
  }
  const ours = new Set<string>();
  if (ctx.host) ours.add(ctx.host.toLowerCase());
  if (ctx.trustProxy > 0 && ctx.forwardedHost) ours.add(ctx.forwardedHost.split(",")[0].trim().toLowerCase());
  if (ctx.publicUrl) ours.add(new URL(ctx.publicUrl).host.toLowerCase());
  return ours.has(originHost.toLowerCase()) ? { ok: true } : { ok: false, reason: `origin ${origin} is not this server` };
}
