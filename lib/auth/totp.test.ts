import { describe, expect, it } from "vitest";
import { acceptedTotpStep, fromBase32, newTotpSecret, toBase32, totpCode, totpStep } from "./totp";

// RFC 6238 appendix B: the SHA-1 secret is the ASCII "12345678901234567890"; its 8-digit codes
// end in these 6 digits.
const RFC_SECRET = toBase32(Buffer.from("12345678901234567890"));
const RFC_VECTORS: [number, string][] = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
];

describe("TOTP", () => {
  it.each(RFC_VECTORS)("gives RFC 6238's code at %i seconds", (seconds, code) => {
    expect(totpCode(RFC_SECRET, totpStep(new Date(seconds * 1000)))).toBe(code);
  });

  it("round-trips base32", () => {
    const secret = newTotpSecret();
    expect(toBase32(fromBase32(secret))).toBe(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it("accepts the code of the previous, current and next step, and nothing further", () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    for (const offset of [-1, 0, 1])
      expect(acceptedTotpStep(RFC_SECRET, totpCode(RFC_SECRET, step + offset), now, null)).toBe(step + offset);
    for (const offset of [-3, -2, 2, 3]) expect(acceptedTotpStep(RFC_SECRET, totpCode(RFC_SECRET, step + offset), now, null)).toBeNull();
  });

  it("refuses a code whose step was already used, so each code works once", () => {
    const now = new Date(1_700_000_000_000);
    const code = totpCode(RFC_SECRET, totpStep(now));
    const used = acceptedTotpStep(RFC_SECRET, code, now, null);
    expect(used).not.toBeNull();
    expect(acceptedTotpStep(RFC_SECRET, code, now, used)).toBeNull();
  });

  it("refuses malformed codes", () => {
    const now = new Date();
    for (const code of ["", "12345", "1234567", "abcdef"]) expect(acceptedTotpStep(RFC_SECRET, code, now, null)).toBeNull();
  });
});
