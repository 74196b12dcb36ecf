import { describe, expect, it } from "vitest";
import { isAfterToday, isoDayOf, todayAsStoredDay, todayOf } from "./calendar-day";

describe("the calendar day", () => {
  it("is Kazakhstan's: at 19:00 UTC it is already the next day", () => {
    expect(todayOf(new Date("2026-12-04T18:59:59Z"))).toBe("2026-12-04");
    expect(todayOf(new Date("2026-12-04T19:00:00Z"))).toBe("2026-12-05");
    expect(isoDayOf("2026-12-31T20:00:00Z")).toBe("2027-01-01");
  });

  it("takes today's date as not in the future at any hour, and tomorrow's as in the future", () => {
    const evening = new Date("2026-12-04T21:30:00Z");
    expect(isAfterToday("2026-12-05", evening)).toBe(false);
    expect(isAfterToday("2026-12-06", evening)).toBe(true);
    expect(isAfterToday(new Date("2026-12-05T00:00:00Z"), evening)).toBe(false);
    expect(isAfterToday("2026-12-05", new Date("2026-12-04T18:00:00Z"))).toBe(true);
  });

  it("stores today as UTC midnight of Kazakhstan's day", () => {
    expect(todayAsStoredDay(new Date("2026-12-04T21:30:00Z")).toISOString()).toBe("2026-12-05T00:00:00.000Z");
  });
});
