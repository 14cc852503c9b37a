// Join codes are short (25^6): guessing one must cost a lot more than using one. Each client
// address has a token bucket; an attempt reserves a whole token up front (so a flood of
// parallel requests is counted before any answer) and a right code gives most of it back,
// so that a venue's whole group behind one address can still join in the same minute.
import { isIPv6 } from "node:net";

export interface ThrottleOptions {
  /** Wrong codes per address and minute. */
  perMinute: number;
  burst: number;
  /** What a right code costs, as a share of a wrong one. */
  successCost?: number;
  /** Addresses remembered at most; full buckets are forgotten first. */
  maxAddresses?: number;
}

export type Admission = { ok: true; settle(outcome: "known" | "unknown"): void } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class AddressThrottle {
  private buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly successCost: number;
  private readonly maxAddresses: number;

  constructor(private readonly opts: ThrottleOptions) {
    this.perMs = opts.perMinute / 60_000;
    this.successCost = opts.successCost ?? 1 / 50;
    this.maxAddresses = opts.maxAddresses ?? 50_000;
  }

  /** One attempt from `address`: refused while its bucket holds less than a whole token. */
  admit(address: string, now: number): Admission {
    const key = addressKey(address);
    const b = this.refill(key, now);
    if (b.tokens < 1) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000)) };
    b.tokens -= 1;
    let settled = false;
    return {
      ok: true,
      settle: (outcome) => {
        if (settled || outcome === "unknown") return;
        settled = true;
        b.tokens = Math.min(this.opts.burst, b.tokens + 1 - this.successCost);
      },
    };
  }

  /**
   * An attempt that needs a secret nobody can guess (a participant token on a socket
   * handshake): never held back while the address is in good standing, whatever the number
   * of attempts at once (a venue's Wi-Fi comes back and 130 screens reconnect in the same
   * second); only failures cost, afterwards (`fail`).
   */
  check(address: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const b = this.refill(addressKey(address), now);
    return b.tokens < 1 ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000)) } : { ok: true };
  }

  /** A failed `check`ed attempt: a whole token, with a debt of at most one burst. */
  fail(address: string, now: number): void {
    const b = this.refill(addressKey(address), now);
    b.tokens = Math.max(-this.opts.burst, b.tokens - 1);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refill(key: string, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxAddresses) this.forgetFull(now);
      b = { tokens: this.opts.burst, at: now };
      this.buckets.set(key, b);
      return b;
    }
    b.tokens = Math.min(this.opts.burst, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    return b;
  }

  /** A full bucket is the same as no bucket: forget those, then the oldest if still too many. */
  private forgetFull(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * this.perMs >= this.opts.burst) this.buckets.delete(key);
    const excess = this.buckets.size - Math.floor(this.maxAddresses * 0.9);
    if (excess > 0) for (const key of [...this.buckets.keys()].slice(0, excess)) this.buckets.delete(key);
  }
}

/** An IPv6 client controls its whole /64: throttle the prefix, not each address in it. */
export function addressKey(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  if (!isIPv6(plain)) return plain;
  const [head, tail = ""] = plain.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = plain.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, "")).join(":") + "::/64";
}

/**
 * The address a request comes from: the socket's peer, or, behind `trustProxy` reverse
 * proxies, the address the outermost of them saw (X-Forwarded-For is appended to by each
 * proxy, so only its last `trustProxy` entries are theirs; anything before is the client's say).
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: number): string {
  const fallback = peer ?? "unknown";
  if (trustProxy <= 0 || !forwardedFor) return fallback;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return hops[Math.max(0, hops.length - trustProxy)] ?? fallback;
}
