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
        { sheet: "Лица", row: 2, outcome: "CREATED", caseNumber: "KZ-2019-000001", error: null },
        { sheet: "Лица", row: 3, outcome: "ERROR", caseNumber: null, error: "iin:iin_checkDigit" },
        { sheet: "Лица", row: 4, outcome: "ERROR", caseNumber: null, error: "iinElsewhere" },
        {
          sheet: "Уголовное преследование",
          row: 2,
          outcome: "ERROR",
          caseNumber: null,
          error: "status:forbiddenTransition:CHARGED>RELEASED_AFTER_SENTENCE",
        },
        { sheet: "Уголовное преследование", row: 3, outcome: "CREATED", caseNumber: "KZ-2019-000001", error: null },
      ],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("B1").value).toBe('\'=HYPERLINK("http://attacker.example")');
    const lines = [6, 7, 8, 9, 10].map((n) => sheet.getRow(n).values as unknown[]);
    expect(lines[0]).toEqual([undefined, "Лица", 2, "Дело создано", "KZ-2019-000001", ""]);
    expect(String(lines[1]![5])).toMatch(/^ИИН: /);
    expect(lines[2]![5]).toBe(resultErrorText("ru", "iinElsewhere"));
    // A refused move names both statuses in the reader's language.
    expect(lines[3]![1]).toBe("Уголовное преследование");
    expect(String(lines[3]![5])).toMatch(/из «Предъявлено обвинение» в «Освобождён\(а\) после наказания»/);
    // A row of another sheet writes a fact to a case, it creates none.
    expect(lines[4]![3]).toBe("Записано в дело");
  });

  it("reads an unknown stored error as the general one rather than failing", () => {
    expect(resultErrorText("en", "somethingNew")).toBe("The row breaks a rule of the New case form.");
    expect(resultErrorText("en", "iin:notACode")).toMatch(/^IIN: /);
  });
});
