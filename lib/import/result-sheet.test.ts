import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildResultSheet, resultErrorText } from "./result-sheet";

describe("buildResultSheet", () => {
  it("lists every row with its outcome, case and reason in the reader's language, a formula-like file name neutralised", async () => {
    const bytes = await buildResultSheet("ru", {
      fileName: '=HYPERLINK("http://attacker.example")',
      fileSha256: "a".repeat(64),
      sheet: "Лица",
      results: [
        { row: 2, outcome: "CREATED", caseNumber: "KZ-2019-000001", error: null },
        { row: 3, outcome: "ERROR", caseNumber: null, error: "iin:iin_checkDigit" },
        { row: 4, outcome: "ERROR", caseNumber: null, error: "iinElsewhere" },
      ],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("B1").value).toBe('\'=HYPERLINK("http://attacker.example")');
    const lines = [6, 7, 8].map((n) => sheet.getRow(n).values);
    expect(lines[0]).toEqual([undefined, 2, "Дело создано", "KZ-2019-000001", ""]);
    expect(String((lines[1] as unknown[])[4])).toMatch(/^ИИН: /);
    expect((lines[2] as unknown[])[4]).toBe(resultErrorText("ru", "iinElsewhere"));
  });

  it("reads an unknown stored error as the general one rather than failing", () => {
    expect(resultErrorText("en", "somethingNew")).toBe("The row breaks a rule of the New case form.");
    expect(resultErrorText("en", "iin:notACode")).toMatch(/^IIN: /);
  });
});
