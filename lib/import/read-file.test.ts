import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { MAX_COLUMNS, MAX_DATA_ROWS, MAX_FILE_BYTES, MAX_SHEETS, MAX_UNPACKED_BYTES, MAX_XLSX_CELLS } from "./limits";
import { readFile } from "./read-file";
import type { Workbook } from "./sheet";
import { buildZip } from "./zip-fixture";

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

async function read(bytes: Uint8Array, options = {}): Promise<Workbook> {
  const result = await readFile(bytes, options);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
  return result.workbook;
}

const WORKBOOK_PARTS = ["[Content_Types].xml", "xl/workbook.xml"].map((name) => ({ name, data: utf8("<x/>") }));

describe("readFile refuses a file that is not a spreadsheet it can read, by its bytes", () => {
  it.each([
    ["an empty file", new Uint8Array(0), { kind: "file", code: "empty" }],
    ["a PDF renamed to .xlsx", utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), { kind: "file", code: "notASpreadsheet" }],
    [
      "a binary file",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      { kind: "file", code: "notASpreadsheet" },
    ],
    [
      "an old .xls or password-protected workbook",
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      { kind: "file", code: "unsupportedFormat" },
    ],
    [
      "an HTML table saved under an .xls name",
      utf8("\ufeff\r\n<html><body><table><tr><td>ФИО</td></tr></table>"),
      { kind: "file", code: "unsupportedFormat" },
    ],
    [
      "Excel 2003 XML",
      utf8('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'),
      { kind: "file", code: "unsupportedFormat" },
    ],
    ['UTF-16 text (Excel\'s "Unicode text")', new Uint8Array([0xff, 0xfe, 0x41, 0x00]), { kind: "file", code: "unsupportedEncoding" }],
    [
      "a file over the size limit",
      new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41),
      { kind: "file", code: "tooLarge", limit: MAX_FILE_BYTES },
    ],
    ["a ZIP that is not a workbook", buildZip([{ name: "readme.txt", data: utf8("hello") }]), { kind: "file", code: "notASpreadsheet" }],
    [
      "an OpenDocument spreadsheet",
      buildZip(["mimetype", "content.xml"].map((name) => ({ name, data: utf8("x") }))),
      { kind: "file", code: "unsupportedFormat" },
    ],
    ["a CSV of blank lines", utf8("\r\n,,\r\n\r\n"), { kind: "file", code: "empty" }],
    ["a CSV whose quote never closes", utf8('ФИО;ИИН\n"Иванов;1\n'), { kind: "row", sheet: "", row: 2, code: "unclosedQuote" }],
  ])("%s", async (_, bytes, problem) => {
    expect(await readFile(bytes)).toEqual({ ok: false, problem });
  });

  it("a workbook whose parts state more than the unpacked limit (a zip bomb), before unpacking anything", async () => {
    const bomb = buildZip([...WORKBOOK_PARTS, { name: "xl/worksheets/sheet1.xml", data: utf8("<x/>"), statedSize: MAX_UNPACKED_BYTES }]);
    expect(await readFile(bomb)).toEqual({ ok: false, problem: { kind: "file", code: "unpackedTooLarge", limit: MAX_UNPACKED_BYTES } });
  });

  it("a workbook part that unpacks to more than it states, stopped at its stated size", async () => {
    const liar = buildZip([
      ...WORKBOOK_PARTS,
      { name: "xl/worksheets/sheet1.xml", data: new Uint8Array(5 * 1024 * 1024).fill(0x20), statedSize: 1024 },
    ]);
    expect(liar.byteLength).toBeLessThan(10_000);
    expect(await readFile(liar)).toEqual({ ok: false, problem: { kind: "file", code: "unreadable" } });
  });

  it("a workbook whose sheets declare more cells than the reader may hold, before it reads them", async () => {
    const sheet = utf8(`<sheetData><row>${"<c>".repeat(MAX_XLSX_CELLS)}</row></sheetData>`);
    const crowded = buildZip([...WORKBOOK_PARTS, { name: "xl/worksheets/sheet1.xml", data: sheet }]);
    expect(await readFile(crowded)).toEqual({ ok: false, problem: { kind: "file", code: "tooManyCells", limit: MAX_XLSX_CELLS } });
  });

  it("a damaged workbook", async () => {
    const whole = await xlsx((w) => w.addWorksheet("S").addRow(["a"]));
    expect(await readFile(whole.subarray(0, whole.byteLength - 30))).toEqual({ ok: false, problem: { kind: "file", code: "unreadable" } });
  });

  it("a workbook with no value in any sheet", async () => {
    const bytes = await xlsx((w) => w.addWorksheet("Пусто"));
    expect(await readFile(bytes)).toEqual({ ok: false, problem: { kind: "file", code: "empty" } });
  });

  it("a workbook with too many sheets", async () => {
    const bytes = await xlsx((w) => {
      for (let i = 0; i <= MAX_SHEETS; i++) w.addWorksheet(`S${i}`).addRow(["a"]);
    });
    expect(await readFile(bytes)).toEqual({ ok: false, problem: { kind: "file", code: "tooManySheets", limit: MAX_SHEETS } });
  });
});

describe("readFile enforces the row and column limits per sheet", () => {
  it("accepts the row limit exactly and refuses one data row more", async () => {
    const csv = (rows: number) => utf8(`ФИО\n${"Иванов\n".repeat(rows)}`);
    expect((await readFile(csv(MAX_DATA_ROWS))).ok).toBe(true);
    expect(await readFile(csv(MAX_DATA_ROWS + 1))).toEqual({
      ok: false,
      problem: { kind: "sheet", sheet: "", code: "tooManyRows", limit: MAX_DATA_ROWS },
    });
  });

  it("refuses a sheet with a value beyond the column limit", async () => {
    const bytes = await xlsx((w) => (w.addWorksheet("Лист1").getCell(2, MAX_COLUMNS + 1).value = "x"));
    expect(await readFile(bytes)).toEqual({
      ok: false,
      problem: { kind: "sheet", sheet: "Лист1", code: "tooManyColumns", limit: MAX_COLUMNS },
    });
  });
});

describe("readFile reads an XLSX", () => {
  it("reads cached formula results, rich text, hyperlinks, dates and numbers, and marks unreadable cells in place", async () => {
    const bytes = await xlsx((w) => {
      const sheet = w.addWorksheet("Лица");
      sheet.addRow(["Ф.И.О.", "Дата рожд.", "Возраст", "Ссылка", "Ошибка", "Без результата", "Флаг"]);
      sheet.addRow([
        { richText: [{ text: "Иванов " }, { font: { bold: true }, text: "Иван" }] },
        new Date(Date.UTC(1990, 2, 15)),
        { formula: "2026-1990", result: 36 },
        { text: "досье", hyperlink: "https://example.invalid/" },
        { formula: "1/0", result: { error: "#DIV/0!" } },
        { formula: "A1", result: undefined },
        true,
      ]);
      sheet.getCell("B2").numFmt = "dd.mm.yyyy";
    });
    const [sheet] = (await read(bytes)).sheets;
    expect(sheet?.name).toBe("Лица");
    expect(sheet?.rows[1]).toEqual({
      number: 2,
      cells: ["Иванов Иван", new Date(Date.UTC(1990, 2, 15)), 36, "досье", { problem: "errorValue" }, { problem: "noCachedResult" }, true],
    });
  });

  it("keeps a merged range's value in its top-left cell only, and lists the range", async () => {
    const bytes = await xlsx((w) => {
      const sheet = w.addWorksheet("S");
      sheet.addRow(["Регион", "ФИО"]);
      sheet.addRow(["Алматы", "Иванов"]);
      sheet.addRow([null, "Петров"]);
      sheet.mergeCells("A2:A3");
      sheet.getCell("B4").value = "Примечание на две строки и два столбца";
      sheet.mergeCells("B4:C5");
    });
    const [sheet] = (await read(bytes)).sheets;
    expect(sheet?.rows.map((r) => r.cells)).toEqual([
      ["Регион", "ФИО"],
      ["Алматы", "Иванов"],
      [null, "Петров"],
      [null, "Примечание на две строки и два столбца"],
    ]);
    expect(sheet?.merged).toEqual([
      { top: 2, left: 1, bottom: 3, right: 1 },
      { top: 4, left: 2, bottom: 5, right: 3 },
    ]);
  });

  it("skips empty rows but keeps each row's number in the file", async () => {
    const bytes = await xlsx((w) => {
      const sheet = w.addWorksheet("S");
      sheet.getCell("A1").value = "ФИО";
      sheet.getCell("B5").value = "Иванов";
    });
    const [sheet] = (await read(bytes)).sheets;
    expect(sheet?.rows).toEqual([
      { number: 1, cells: ["ФИО"] },
      { number: 5, cells: [null, "Иванов"] },
    ]);
  });

  it("marks a 10 MB cell as too long and still reads the rest", async () => {
    const bytes = await xlsx((w) =>
      w.addWorksheet("S").addRows([
        ["ФИО", "Примечание"],
        ["Иванов", "x".repeat(10 * 1024 * 1024)],
      ]),
    );
    const [sheet] = (await read(bytes)).sheets;
    expect(sheet?.rows[1]?.cells).toEqual(["Иванов", { problem: "tooLong" }]);
  });
});

describe("readFile reads a CSV", () => {
  const text = "ФИО;Дата рожд.;ИИН\r\nИванов Иван Иванович;15.03.1990;900315300123\r\n";

  it.each([
    ["UTF-8 with a byte-order mark", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]), "utf-8"],
    ["UTF-8 without one", utf8(text), "utf-8"],
    ["Windows-1251", new Uint8Array(iconv.encode(text, "win1251")), "windows-1251"],
  ])("detects %s", async (_, bytes, encoding) => {
    const workbook = await read(bytes);
    expect(workbook).toMatchObject({ format: "csv", encoding, delimiter: ";" });
    expect(workbook.sheets[0].rows.map((r) => r.cells)).toEqual([
      ["ФИО", "Дата рожд.", "ИИН"],
      ["Иванов Иван Иванович", "15.03.1990", "900315300123"],
    ]);
  });

  it("uses the encoding and delimiter the person chose", async () => {
    const workbook = await read(new Uint8Array(iconv.encode(text, "win1251")), { encoding: "windows-1251", delimiter: "," });
    expect(workbook.sheets[0].rows[0]?.cells).toEqual(["ФИО;Дата рожд.;ИИН"]);
  });

  it("refuses Windows-1251 bytes when the person said UTF-8", async () => {
    expect(await readFile(new Uint8Array(iconv.encode(text, "win1251")), { encoding: "utf-8" })).toEqual({
      ok: false,
      problem: { kind: "file", code: "notUtf8" },
    });
  });

  it("marks a cell over the length limit and reads the rest", async () => {
    const workbook = await read(utf8(`ФИО,Примечание\nИванов,${"x".repeat(10_001)}\n`));
    expect(workbook.sheets[0].rows[1]?.cells).toEqual(["Иванов", { problem: "tooLong" }]);
  });
});
