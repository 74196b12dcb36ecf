import { describe, expect, it } from "vitest";
import { checkIin, iinCheckDigit, makeIin } from "./iin";

describe("checkIin", () => {
  const valid = makeIin("1990-03-15", "FEMALE", 1234) ?? "";

  it.each([
    ["too short", "90031540123", "format"],
    ["letters", "90031540123a", "format"],
    ["century digit 0", "900315012345", "format"],
    ["century digit 7", "900315712345", "format"],
    ["31 February", "900231412345", "invalidDate"],
  ])("refuses %s", (_, iin, problem) => {
    expect(checkIin(iin)).toEqual({ ok: false, problem });
  });

  it("accepts a well-formed number and reads birth date and sex from it", () => {
    expect(valid).toMatch(/^9003154\d{5}$/);
    expect(checkIin(valid)).toEqual({ ok: true, birthDate: "1990-03-15", sex: "FEMALE" });
  });

  it("refuses a wrong check digit", () => {
    const wrong = `${valid.slice(0, 11)}${(Number(valid[11]) + 1) % 10}`;
    expect(checkIin(wrong)).toEqual({ ok: false, problem: "checkDigit" });
  });

  it("refuses a number that disagrees with the recorded birth date or sex", () => {
    expect(checkIin(valid, { birthDate: "1990-03-16" })).toEqual({ ok: false, problem: "birthDateMismatch" });
    expect(checkIin(valid, { sex: "MALE" })).toEqual({ ok: false, problem: "sexMismatch" });
    expect(checkIin(valid, { birthDate: "1990-03-15", sex: "FEMALE" }).ok).toBe(true);
  });

  it("reads the century from the 7th digit: 1800s, 1900s and 2000s", () => {
    expect(makeIin("2015-06-01", "MALE", 7)?.[6]).toBe("5");
    expect(makeIin("1975-06-01", "MALE", 7)?.[6]).toBe("3");
    expect(makeIin("1899-06-01", "FEMALE", 7)?.[6]).toBe("2");
  });
});

describe("iinCheckDigit", () => {
  it("uses the second weights when the first sum gives 10", () => {
    let found: string | null = null;
    for (let n = 0; n < 100000 && !found; n++) {
      const first11 = `9001014${String(n).padStart(4, "0")}`;
      const sum = [...first11].reduce((s, d, i) => s + Number(d) * (i + 1), 0) % 11;
      if (sum === 10) found = first11;
    }
    expect(found).not.toBeNull();
    const second = [...(found ?? "")].reduce((s, d, i) => s + Number(d) * ([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2][i] ?? 0), 0) % 11;
    expect(iinCheckDigit(found ?? "")).toBe(second === 10 ? null : second);
  });

  it("makes no number when both sums give 10", () => {
    let serials = 0;
    for (let serial = 0; serial < 10000; serial++) if (makeIin("1990-01-01", "MALE", serial) === null) serials++;
    // Roughly one serial in 121 has no check digit.
    expect(serials).toBeGreaterThan(0);
  });
});
