import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./securityHeaders";

describe("content security policy", () => {
  it("production: scripts only with the response's nonce, socket.io to this host, no framing", () => {
    const csp = contentSecurityPolicy({ dev: false, nonce: "abc123==", host: "atelier.example.org" });
    expect(csp).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self' ws://atelier.example.org wss://atelier.example.org");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("behind a proxy that rewrites Host, the public URL's host may be reached too", () => {
    const csp = contentSecurityPolicy({ dev: false, nonce: "n", host: "127.0.0.1:3000", publicHost: "atelier.example.org" });
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:3000 wss://127.0.0.1:3000 ws://atelier.example.org wss://atelier.example.org;");
  });

  it("a Host that could break out of the header is left out", () => {
    expect(contentSecurityPolicy({ dev: false, nonce: "n", host: "evil; script-src *" })).toContain("connect-src 'self';");
  });
});
