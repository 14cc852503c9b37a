// Headers on every response, set by the custom server before Next answers.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

const SAFE_HOST = /^[A-Za-z0-9.\-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * The content security policy of one response. In production scripts run only with this
 * response's nonce ('strict-dynamic' lets Next's nonced bootstrap load its chunks), so an
 * injected <script> or inline handler never runs. Next reads the nonce from the request's
 * Content-Security-Policy header and puts it on its inline scripts. Styles keep
 * 'unsafe-inline': React's style attributes place the notes on the board.
 */
export function contentSecurityPolicy(opts: { dev: boolean; nonce: string; host?: string; publicHost?: string }): string {
  const script = opts.dev ? "'self' 'unsafe-inline' 'unsafe-eval'" : `'self' 'nonce-${opts.nonce}' 'strict-dynamic'`;
  // socket.io's WebSocket goes to this same host (or the public one, behind a proxy that
  // rewrites Host); older browsers do not count ws: as 'self'.
  const hosts = [...new Set([opts.host, opts.publicHost])].filter((h): h is string => !!h && SAFE_HOST.test(h));
  const sockets = hosts.map((h) => ` ws://${h} wss://${h}`).join("");
  return [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function securityHeaders(req: IncomingMessage, res: ServerResponse, opts: { dev: boolean; publicUrl?: string }): void {
  const nonce = randomBytes(16).toString("base64");
  const policy = contentSecurityPolicy({ dev: opts.dev, nonce, host: req.headers.host, publicHost: opts.publicUrl ? new URL(opts.publicUrl).host : undefined });
  // Overwrites whatever the client sent: Next takes the nonce from this request header.
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  res.setHeader("Content-Security-Policy", policy);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  // The facilitator's link holds its secret in the fragment: browsers never send fragments,
  // and with no-referrer not even the path of a room leaves for another site.
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
}
