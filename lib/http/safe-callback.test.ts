import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./safe-callback";

const ORIGIN = "https://zhusan.example.org";

describe("sameOriginPath", () => {
  it.each([
    ["/cases?status=CHARGED#top", "/cases?status=CHARGED#top"],
    ["cases", "/cases"],
    [`${ORIGIN}/audit`, "/audit"],
  ])("keeps %s on the site", (callback, expected) => {
    expect(sameOriginPath(callback, ORIGIN)).toBe(expected);
  });

  it.each([
    ["a tab the browser strips", "/\t/evil.example/path"],
    ["a line feed the browser strips", "/\n/evil.example/path"],
    ["a carriage return", "/\r/evil.example"],
    ["a protocol-relative address", "//evil.example"],
    ["a backslash the browser reads as a slash", "/\\evil.example"],
    ["another origin", "https://evil.example/login"],
    ["the same host on another scheme", "http://zhusan.example.org/"],
    ["a script", "javascript:alert(1)"],
    ["a data address", "data:text/html,<script>alert(1)</script>"],
  ])("sends %s home", (_label, callback) => {
    expect(sameOriginPath(callback, ORIGIN)).toBe("/");
  });

  it("never returns a path a browser would read as another host", () => {
    expect(sameOriginPath(`${ORIGIN}//evil.example/x`, ORIGIN)).toBe("/evil.example/x");
  });

  it("answers something that is not a URL at all with home, not an error", () => {
    expect(sameOriginPath("http://[::1", ORIGIN)).toBe("/");
    expect(sameOriginPath("", ORIGIN)).toBe("/");
    expect(sameOriginPath(null, ORIGIN)).toBe("/");
    expect(sameOriginPath("/cases", "not an origin")).toBe("/");
  });
});
