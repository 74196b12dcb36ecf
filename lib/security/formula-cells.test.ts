import { describe, expect, it } from "vitest";
import { neutraliseFormula } from "./formula-cells";

describe("neutraliseFormula", () => {
  it.each(['=HYPERLINK("x")', "+1", "-1", "@SUM(A1)", "\tx", "\rx"])(
    "puts an apostrophe before %j, which a spreadsheet would run",
    (text) => {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    },
  );

  it.each(["Иванов", "1+1", "", "'=already text"])("leaves %j as it is", (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});
