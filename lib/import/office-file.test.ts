import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { makeIin } from "../validation/iin";
import { readDate, readIin, readList } from "./cell-values";
import { matchChoices } from "./enum-match";
import { headerRowProblem, suggestColumns } from "./header-match";
import { PERSON_IMPORT_FIELDS } from "./import-fields";
import { splitFullName } from "./names";
import { readFile } from "./read-file";
import type { Cell } from "./sheet";

/** A file as a regional office keeps it: its own Russian headers, its own words, dates both as text and as date cells. */
async function officeFile(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Возвращенцы");
  sheet.addRow(["№ п/п", "Ф.И.О.", "Дата рожд.", "ИИН", "Область", "Статус дела", "Псевдонимы", "Примечание"]);
  sheet.addRow([
    1,
    "Серіков Ерлан Серік ұлы",
    "15.03.1990",
    makeIin("1990-03-15", "MALE", 11),
    "Алматинская обл.",
    "Открыто",
    "Абу Мухаммад; Erlan Serikov",
    "",
  ]);
  sheet.addRow([
    2,
    "Иванова Мария",
    new Date(Date.UTC(1995, 6, 1)),
    Number(makeIin("1995-07-01", "FEMALE", 12)),
    "Алматинская обл.",
    "в работе",
    "",
    "мать троих детей",
  ]);
  sheet.addRow([3, "Петров", "31.02.2020", "950701400000", "г. Шымкент", "Закрыто", "", ""]);
  sheet.getCell("C3").numFmt = "dd.mm.yyyy";
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("a regional office's own spreadsheet, through the foundation", () => {
  it("is read, its columns suggested, and each row's values judged with codes the preview can show", async () => {
    const read = await readFile(await officeFile());
    if (!read.ok) throw new Error("refused");
    const [header, ...data] = read.workbook.sheets[0]?.rows ?? [];
    const headerCells: Cell[] = header?.cells ?? [];
    const rows = data.map((row) => row.cells);
    expect(headerRowProblem(headerCells, PERSON_IMPORT_FIELDS)).toBeNull();

    const columns = suggestColumns(headerCells, rows, PERSON_IMPORT_FIELDS);
    expect(columns.map((c) => c.field)).toEqual([null, "fullName", "birthDate", "iin", "region", "caseStatus", "aliases", null]);
    const at = (field: string) => columns.findIndex((c) => c.field === field);

    expect(rows.map((cells) => splitFullName(textOf(cells[at("fullName")])))).toEqual([
      { ok: true, parts: { familyName: "Серіков", givenName: "Ерлан", patronymic: "Серік ұлы" } },
      { ok: true, parts: { familyName: "Иванова", givenName: "Мария", patronymic: null } },
      { ok: false, code: "oneWord" },
    ]);
    expect(rows.map((cells) => readDate(cells[at("birthDate")] ?? null, { notAfter: "2026-12-04" }))).toEqual([
      { ok: true, value: "1990-03-15" },
      { ok: true, value: "1995-07-01" },
      { ok: false, code: "date" },
    ]);
    expect(rows.map((cells) => readIin(cells[at("iin")] ?? null).ok)).toEqual([true, true, false]);
    expect(readList(rows[0]?.[at("aliases")] ?? null, 200)).toEqual({ ok: true, value: ["Абу Мухаммад", "Erlan Serikov"] });

    const statuses = rows.map((cells) => textOf(cells[at("caseStatus")]));
    const options = [
      { code: "OPEN", labels: ["Open", "Открыто", "Ашық"] },
      { code: "CLOSED", labels: ["Closed", "Закрыто", "Жабық"] },
    ];
    expect(matchChoices(statuses, options)).toEqual({
      matched: [
        { value: "Открыто", code: "OPEN" },
        { value: "Закрыто", code: "CLOSED" },
      ],
      unmatched: ["в работе"],
    });
  });
});

// The columns read here hold text; an empty cell reads as "".
function textOf(cell: Cell | undefined): string {
  return typeof cell === "string" ? cell : "";
}
