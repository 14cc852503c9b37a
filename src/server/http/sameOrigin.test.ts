import { describe, expect, it } from "vitest";
import { checkOrigin } from "./sameOrigin";

const ctx = { host: "atelier.example.org", trustProxy: 0 };
const h = (o: Record<string, string>) => new Headers(o);

describe("CSRF: state-changing requests come from our own pages", () => {
  it("accepts our own origin, and programs that send no Origin at all", () => {
    expect(checkOrigin(h({ origin: "https://atelier.example.org", "sec-fetch-site": "same-origin" }), ctx).ok).toBe(true);
    expect(checkOrigin(h({}), ctx).ok).toBe(true);
  });

  it("refuses another site, a sibling sub-domain and an opaque origin", () => {
    expect(checkOrigin(h({ origin: "https://evil.example" }), ctx).ok).toBe(false);
    expect(checkOrigin(h({ "sec-fetch-site": "cross-site" }), ctx).ok).toBe(false);
    expect(checkOrigin(h({ origin: "https://atelier.example.org", "sec-fetch-site": "same-site" }), ctx).ok).toBe(false);
    expect(checkOrigin(h({ origin: "null" }), ctx).ok).toBe(false);
  });

  it("knows the public URL, and a forwarded host only behind a trusted proxy", () => {
    const behind = { host: "127.0.0.1:3000", forwardedHost: "atelier.example.org", trustProxy: 0 };
    expect(checkOrigin(h({ origin: "https://atelier.example.org" }), behind).ok).toBe(false);
    expect(checkOrigin(h({ origin: "https://atelier.example.org" }), { ...behind, trustProxy: 1 }).ok).toBe(true);
    expect(checkOrigin(h({ origin: "https://atelier.example.org" }), { ...behind, publicUrl: "https://atelier.example.org" }).ok).toBe(true);
  });
});
