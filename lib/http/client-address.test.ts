import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("believes only the entry the trusted proxy appended, not what the client put before it", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.7", null, 1)).toBe("203.0.113.7");
  });
  it("counts back past each trusted proxy", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.7, 10.0.0.2", null, 2)).toBe("203.0.113.7");
  });
  it("takes the first entry when there are fewer entries than trusted proxies", () => {
    expect(clientAddress("203.0.113.7", null, 3)).toBe("203.0.113.7");
  });
  it("falls back to X-Real-IP, and to nothing", () => {
    expect(clientAddress(null, "203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("", null, 1)).toBeNull();
  });
});
