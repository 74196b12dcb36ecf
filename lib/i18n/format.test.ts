import { describe, expect, it } from "vitest";
import { formatDay, formatMoment, formatNumber } from "./format";

describe("one date and number format per language", () => {
  it.each([
    ["en", "May 31, 1987"],
    ["ru", "31.05.1987"],
    ["kk", "31.05.1987"],
  ])("writes a calendar day in %s as %s, whatever the server's time zone", (locale, expected) => {
    expect(formatDay(locale, "1987-05-31")).toBe(expected);
    expect(formatDay(locale, new Date("1987-05-31T00:00:00Z"))).toBe(expected);
  });

  it("never writes a day month-first with numbers only", () => {
    expect(formatDay("en", "1987-05-03")).not.toMatch(/^\d+\/\d+/);
  });

  it("writes moments in Kazakhstan's time, with a 24-hour clock", () => {
    expect(formatMoment("ru", "2026-01-15T19:30:00Z")).toBe("16.01.2026, 00:30");
    expect(formatMoment("en", "2026-01-15T09:05:07Z", "second")).toBe("Jan 15, 2026, 14:05:07");
  });

  it("groups digits the same way for every number on a page", () => {
    expect(formatNumber("en", 4410)).toBe("4,410");
    expect(formatNumber("ru", 4410)).toBe("4\u00a0410");
    expect(formatNumber("xx", 4410)).toBe("4,410");
  });
});
