import { describe, expect, it } from "vitest";
import { appendPeer, clientAddress, peerAddress } from "./client-address";

describe("clientAddress", () => {
  it("with no proxy (the default), takes the connection's own address and ignores what the client wrote", () => {
    const header = appendPeer("6.6.6.6, 7.7.7.7", "203.0.113.7");
    expect(clientAddress(header, 0)).toBe("203.0.113.7");
  });
  it("behind one proxy, believes only the entry that proxy appended, not what the client put before it", () => {
    const fromProxy = "6.6.6.6, 203.0.113.7";
    expect(clientAddress(appendPeer(fromProxy, "10.0.0.2"), 1)).toBe("203.0.113.7");
  });
  it("counts back past each trusted proxy", () => {
    expect(clientAddress(appendPeer("6.6.6.6, 203.0.113.7, 10.0.0.2", "10.0.0.3"), 2)).toBe("203.0.113.7");
  });
  it("takes the earliest entry when there are fewer entries than hops", () => {
    expect(clientAddress(appendPeer(undefined, "203.0.113.7"), 3)).toBe("203.0.113.7");
  });
  it("has no address when there is no header at all", () => {
    expect(clientAddress(null, 0)).toBeNull();
    expect(clientAddress("", 1)).toBeNull();
  });
});

describe("peerAddress", () => {
  it("records IPv4 clients of a dual-stack socket as plain IPv4, and IPv6 as it is", () => {
    expect(peerAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(peerAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(peerAddress(undefined)).toBeNull();
  });
});
