import { describe, expect, it } from "vitest";
import { makeIin } from "../validation/iin";
import { readDate, readFlag, readIin, readList, readText } from "./cell-values";
import type { Cell } from "./sheet";

describe("readDate", () => {
  it.each<[string, Cell, string | null]>([
    ["a date cell", new Date(Date.UTC(1990, 2, 15)), "1990-03-15"],
    ["an Excel serial number", 32947, "1990-03-15"],
    ["an Excel serial number with a time of day", 32947.75, "1990-03-15"],
    ["the first Excel day", 1, "1900-01-01"],
    ["the day after Excel's phantom 29 February 1900", 61, "1900-03-01"],
    ["ISO text", "1990-03-15", "1990-03-15"],
    ["dd.mm.yyyy text", "15.03.1990", "1990-03-15"],
    ["d.m.yyyy text", "5.3.1990", "1990-03-05"],
    ["dd.mm.yyyy with the Russian 'г.'", "15.03.1990 г.", "1990-03-15"],
    ["29 February of a leap year", "29.02.2024", "2024-02-29"],
    ["an empty cell", null, null],
    ["a blank text", "  ", null],
  ])("reads %s", (_, cell, expected) => {
    expect(readDate(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, Cell, string]>([
    ["31 February", "31.02.2020", "date"],
    ["29 February of a common year", "2023-02-29", "date"],
    ["month 13", "01.13.1990", "date"],
    ["a year before 1900", "31.12.1899", "date"],
    ["a year after 2099", "01.01.2100", "date"],
    ["Excel's phantom 29 February 1900", 60, "date"],
    ["a serial number past 2099", 80000, "date"],
    ["a number past any date", 1e15, "date"],
    ["a date cell in year 12000", new Date(Date.UTC(12000, 0, 1)), "date"],
    ["a two-digit year", "15.03.90", "dateFormat"],
    ["month-first with slashes", "03/15/1990", "dateFormat"],
    ["words", "весна 1990", "dateFormat"],
    ["a negative number", -5, "dateFormat"],
    ["a boolean", true, "dateFormat"],
    ["a year typed as a number", 1985, "yearOnly"],
    ["a year typed as text", "1985", "yearOnly"],
    ["a cell that could not be read", { problem: "errorValue" }, "errorValue"],
  ])("refuses %s", (_, cell, code) => {
    expect(readDate(cell)).toEqual({ ok: false, code });
  });

  it("refuses a day after notAfter, such as a birth date in the future", () => {
    expect(readDate("02.01.2026", { notAfter: "2026-01-01" })).toEqual({ ok: false, code: "future" });
    expect(readDate("01.01.2026", { notAfter: "2026-01-01" })).toEqual({ ok: true, value: "2026-01-01" });
  });
});

describe("readIin", () => {
  const iin = makeIin("1990-03-15", "MALE", 123) ?? "";
  const bornIn2005 = makeIin("2005-01-01", "FEMALE", 45) ?? "";

  it.each<[string, Cell, string | null]>([
    ["twelve digits as text", iin, iin],
    ["digits in groups", `${iin.slice(0, 6)} ${iin.slice(6)}`, iin],
    ["a number cell", Number(iin), iin],
    ["a number cell that lost its leading zero", Number(bornIn2005), bornIn2005],
    ["an empty cell", null, null],
  ])("reads %s", (_, cell, expected) => {
    expect(bornIn2005.startsWith("0")).toBe(true);
    expect(readIin(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, Cell, string]>([
    ["a wrong check digit", `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`, "iin_checkDigit"],
    ["eleven digits", iin.slice(1), "iin_format"],
    ["Excel's scientific notation", "9,00315E+11", "iin_format"],
    ["a fraction", 123.5, "iin_format"],
    ["a date", new Date(0), "iin_format"],
    ["an impossible birth date", "903115312345", "iin_invalidDate"],
  ])("refuses %s", (_, cell, code) => {
    expect(readIin(cell)).toEqual({ ok: false, code });
  });
});

describe("readText", () => {
  it.each<[string, Cell, string | null]>([
    ["text, trimmed", "  Алматы, ул. Абая 1 ", "Алматы, ул. Абая 1"],
    ["a number", 42, "42"],
    ["an empty cell", null, null],
    ["only spaces", " \u00a0 ", null],
    ["a formula-like value, neutralised as exports do", '=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["a value starting with @", "@SUM(1)", "'@SUM(1)"],
  ])("reads %s", (_, cell, expected) => {
    expect(readText(cell, 300)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, Cell, string]>([
    ["a NUL byte", "Ива\u0000нов", "nulByte"],
    ["a date", new Date(0), "notText"],
    ["a boolean", false, "notText"],
    ["text over the field's length", "x".repeat(301), "tooLong"],
    ["a cell too long to read", { problem: "tooLong" }, "tooLong"],
  ])("refuses %s", (_, cell, code) => {
    expect(readText(cell, 300)).toEqual({ ok: false, code });
  });

  it("leaves text that is not formula-like untouched", () => {
    expect(readText("Иванов", 300)).toEqual({ ok: true, value: "Иванов" });
  });
});

describe("readList", () => {
  it.each<[string, Cell, string[] | null]>([
    ["commas", "Абу Мухаммад, Ivanov I.", ["Абу Мухаммад", "Ivanov I."]],
    ["semicolons and commas mixed, with blanks and repeats", "Абу Бакр; ; Абу Бакр ,Иван", ["Абу Бакр", "Иван"]],
    ["a single value", "Abu Bakr", ["Abu Bakr"]],
    ["an item that looks like a formula", "Иван;=1+1", ["Иван", "'=1+1"]],
    ["an empty cell", null, null],
    ["only separators", " ; , ", null],
  ])("splits %s", (_, cell, expected) => {
    expect(readList(cell, 200)).toEqual({ ok: true, value: expected });
  });

  it("refuses an item over the length limit", () => {
    expect(readList(`a;${"x".repeat(201)}`, 200)).toEqual({ ok: false, code: "tooLong" });
  });
});

describe("readFlag", () => {
  it.each<[Cell, boolean | null]>([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ["Да", true],
    ["нет", false],
    ["иә", true],
    ["Жоқ", false],
    ["yes", true],
    ["NO", false],
    ["x", true],
    ["+", true],
    ["-", false],
    [null, null],
    [" ", null],
  ])("reads %j as %j", (cell, expected) => {
    expect(readFlag(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<Cell>(["может быть", "2", new Date(Date.UTC(1990, 0, 1)), "++"])("refuses %j rather than read it as no", (cell) => {
    expect(readFlag(cell)).toEqual({ ok: false, code: "notAFlag" });
  });
});
