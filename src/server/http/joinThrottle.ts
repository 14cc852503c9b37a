// The HTTP routes that take a join code (GET /api/sessions/CODE and everything under it)
// pass through the address throttle before Next sees them; the answer tells whether the
// code was right (anything but 404 and 401), and that decides what the attempt cost.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ErrorCode, type HttpError } from "../../protocol/index.ts";
import type { AddressThrottle } from "../security/addressThrottle.ts";

const CODE_ROUTE = /^\/api\/sessions\/[^/?#]+(?:\/[a-z]+)?\/?(?:[?#]|$)/;

/** true when the request was answered here (429); otherwise it goes on and is charged when it ends. */
export function throttleCodeRoute(req: IncomingMessage, res: ServerResponse, throttle: AddressThrottle, address: string, now: number): boolean {
  if (!req.url || !CODE_ROUTE.test(req.url)) return false;
  const admission = throttle.admit(address, now);
  if (!admission.ok) {
    const body: HttpError = { error: ErrorCode.rateLimited, message: "too many attempts, try again later" };
    res.writeHead(429, { "Content-Type": "application/json", "Retry-After": String(admission.retryAfterSeconds), "Cache-Control": "no-store" });
    res.end(JSON.stringify(body));
    return true;
  }
  res.once("finish", () => admission.settle(res.statusCode === 404 || res.statusCode === 401 ? "unknown" : "known"));
  // A request cut short says nothing about the code: it keeps its full cost.
  return false;
}
