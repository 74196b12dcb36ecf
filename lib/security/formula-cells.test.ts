import { describe, expect, it } from "vitest";
import { neutraliseCsvText, neutraliseFormula } from "./formula-cells";

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

describe("neutraliseCsvText", () => {
  it.each([
    ["a;=1+1;b", "a;'=1+1;b"],
    ['x;"=HYPERLINK(1)"', `x;'"=HYPERLINK(1)"`],
    ["=x;+y;-z;@w", "'=x;'+y;'-z;'@w"],
    ["a;\tb;\rc", "a;'\tb;'\rc"],
    [";=1", ";'=1"],
    ["x\n=1+1;z", "x\n'=1+1;z"],
    ["x\r\n@SUM(1);z", "x\r\n'@SUM(1);z"],
    ["x\r-2", "x\r'-2"],
  ])("neutralises %j after each semicolon and line break as at its start: %j", (text, safe) => {
    expect(neutraliseCsvText(text)).toBe(safe);
  });

  it.each(["Беседа с матерью; ребёнок ходит в школу", "a;b", "a;", "1+1;2", "a; =1", "line\nend"])("leaves %j as it is", (text) => {
    expect(neutraliseCsvText(text)).toBe(text);
  });
});
