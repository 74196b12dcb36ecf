import { describe, expect, it } from "vitest";
import { detectDelimiter, parseCsv } from "./parse-csv";

describe("parseCsv", () => {
  it.each([
    [
      "plain fields",
      "a,b,c\r\nd,e,f\r\n",
      [
        ["a", "b", "c"],
        ["d", "e", "f"],
      ],
    ],
    [
      "LF line ends and no final line end",
      "a,b\nc,d",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "CR line ends",
      "a,b\rc,d\r",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    ["a quoted field holding the delimiter", '"Иванов, Иван",1', [["Иванов, Иван", "1"]]],
    ["a quoted field holding a line break", '"line one\nline two",x', [["line one\nline two", "x"]]],
    ["doubled quotes inside quotes", '"say ""hi""",x', [['say "hi"', "x"]]],
    ["a quote inside an unquoted field, kept as written", 'ООО "Береке",x', [['ООО "Береке"', "x"]]],
    ["empty fields, a trailing delimiter", ",a,\n", [["", "a", ""]]],
    ["an empty quoted field", '"",a', [["", "a"]]],
    ["an empty line", "a\n\nb", [["a"], [""], ["b"]]],
  ])("reads %s", (_, text, expected) => {
    const parsed = parseCsv(text, ",");
    expect(parsed.ok && parsed.records.map((r) => r.fields)).toEqual(expected);
  });

  it("numbers records as a spreadsheet program numbers rows, even when a cell spans lines", () => {
    const parsed = parseCsv('h1,h2\n"a\nb",c\nd,e\n', ",");
    expect(parsed.ok && parsed.records.map((r) => [r.number, r.fields[0]])).toEqual([
      [1, "h1"],
      [2, "a\nb"],
      [3, "d"],
    ]);
  });

  it.each([
    ["a quote that never closes", 'a,b\nc,"d\ne,f\n', { ok: false, row: 2, code: "unclosedQuote" }],
    ["text after a closing quote", 'a,b\n"c"x,d\n', { ok: false, row: 2, code: "textAfterQuote" }],
  ])("refuses %s, naming its row", (_, text, expected) => {
    expect(parseCsv(text, ",")).toEqual(expected);
  });

  it("stops after the records asked for", () => {
    const parsed = parseCsv("a\nb\nc\n", ",", 2);
    expect(parsed.ok && parsed.records.length).toBe(2);
  });
});

describe("detectDelimiter", () => {
  it.each([
    ["commas", "Ф.И.О.,Дата рожд.,ИИН\nИванов Иван,01.02.1990,900201300123\n", ","],
    ["semicolons, with decimal commas in a cell", "ФИО;Рост\nИванов;1,75\nПетров;1,80\n", ";"],
    ["tabs", "ФИО\tИИН\nИванов\t900201300123\n", "\t"],
    ["semicolons, with commas inside quoted names", 'ФИО;ИИН\n"Иванов, Иван";1\n"Петров, Пётр";2\n', ";"],
    ["a single column", "ФИО\nИванов\n", ","],
  ])("finds %s", (_, text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});
