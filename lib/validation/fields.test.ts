import { describe, expect, it } from "vitest";
import { IsoDate } from "./fields";
import { unreadableFields } from "./action-state";

describe("IsoDate", () => {
  it("takes a real calendar day of the years this app records", () => {
    for (const day of ["1900-01-01", "1987-05-31", "2024-02-29", "2099-12-31"]) expect(IsoDate.safeParse(day).success, day).toBe(true);
  });
  it("answers 'date' for a day that does not exist or lies outside 1900-2099, instead of failing in the database", () => {
    for (const day of ["0000-01-01", "1899-12-31", "2100-01-01", "9999-12-31", "2023-02-29", "2024-13-01", "31.05.1987", ""]) {
      const parsed = IsoDate.safeParse(day);
      expect(parsed.success, day).toBe(false);
      expect(parsed.error?.issues[0]?.message, day).toBe("date");
    }
  });
});

describe("unreadableFields", () => {
  it("names each field that carries a NUL character, and only those", () => {
    expect(unreadableFields({ body: "note\u0000text", reason: "fine", address: "\u0000" })).toEqual({
      body: "invalid",
      address: "invalid",
    });
    expect(unreadableFields({ body: "Беседа с матерью", reason: "" })).toEqual({});
  });
});
