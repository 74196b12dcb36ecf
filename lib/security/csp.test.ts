import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./csp";

describe("contentSecurityPolicy", () => {
  it("lets scripts run only with the request's nonce and forbids framing and plugins", () => {
    const policy = contentSecurityPolicy("abc", { https: false, development: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });
  it("upgrades requests only when served over HTTPS", () => {
    expect(contentSecurityPolicy("abc", { https: true, development: false })).toContain("upgrade-insecure-requests");
  });
  it("makes a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
