import { describe, expect, it } from "vitest";
import { AddressThrottle, addressKey, clientAddress } from "./addressThrottle";

describe("join-code throttle per client address", () => {
  it("lets a burst of wrong codes through, then refuses with a Retry-After until the rate refills", () => {
    const t = new AddressThrottle({ perMinute: 20, burst: 20 });
    for (let i = 0; i < 20; i++) {
      const a = t.admit("203.0.113.7", 0);
      expect(a.ok).toBe(true);
      if (a.ok) a.settle("unknown");
    }
    const refused = t.admit("203.0.113.7", 0);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 3 });
    expect(t.admit("198.51.100.1", 0).ok).toBe(true); // another address has its own bucket
    expect(t.admit("203.0.113.7", 3_000).ok).toBe(true); // 20 per minute: one every 3 s
  });

  it("a right code costs a fiftieth: a venue's group behind one address joins in the same minute", () => {
    const t = new AddressThrottle({ perMinute: 20, burst: 20 });
    for (let i = 0; i < 300; i++) {
      const a = t.admit("192.0.2.1", 0);
      expect(a.ok).toBe(true);
      if (a.ok) a.settle("known");
    }
  });

  it("handshakes with a token: a crowd reconnecting at once passes; failures cost and then refuse", () => {
    const t = new AddressThrottle({ perMinute: 20, burst: 20 });
    for (let i = 0; i < 300; i++) expect(t.check("192.0.2.9", 0).ok).toBe(true);
    for (let i = 0; i < 20; i++) t.fail("192.0.2.9", 0);
    expect(t.check("192.0.2.9", 0).ok).toBe(false);
    // the debt is bounded: one burst, then the rate refills it
    for (let i = 0; i < 100; i++) t.fail("192.0.2.9", 0);
    expect(t.check("192.0.2.9", 123_000).ok).toBe(true);
  });

  it("counts parallel attempts before any answer comes back", () => {
    const t = new AddressThrottle({ perMinute: 20, burst: 5 });
    const pending = Array.from({ length: 8 }, () => t.admit("192.0.2.2", 0));
    expect(pending.filter((a) => a.ok)).toHaveLength(5);
  });

  it("throttles an IPv6 client's whole /64 and forgets full buckets when there are too many", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:0db8:1:2:bbbb:cccc:dddd:eeee"));
    expect(addressKey("::ffff:192.0.2.3")).toBe("192.0.2.3");
    const t = new AddressThrottle({ perMinute: 60, burst: 2, maxAddresses: 10 });
    for (let i = 0; i < 25; i++) t.admit(`10.0.0.${i}`, i * 10_000);
    expect(t.size).toBeLessThanOrEqual(10);
  });
});

describe("client address", () => {
  it("believes X-Forwarded-For only as far as the trusted proxies go", () => {
    expect(clientAddress("10.0.0.1", "6.6.6.6", 0)).toBe("10.0.0.1");
    expect(clientAddress("10.0.0.1", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.1", undefined, 1)).toBe("10.0.0.1");
  });
});
