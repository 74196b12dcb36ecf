import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { TRANSITIONS } from "../prosecution/transitions";
import { ensureOperation, makeTeam, type Team } from "../testing/factories";
import { makeIin } from "../validation/iin";
import { templateFields } from "./import-fields";
import { previewPersonsImport, type PersonsPreview } from "./preview-persons";
import { sheetTitle } from "./template";
import { uniqueGivenName, uniqueName } from "../testing/unique-name";

/**
 * The list of bad input, each through the whole preview: a clear file-level refusal or a
 * problem at its row and cell, never a thrown error, and nothing written but the preview's own events.
 */
let team: Team;
beforeAll(async () => {
  await ensureOperation();
  await getDb().prosecutionTransition.createMany({
    data: TRANSITIONS.map((t) => ({ fromStatus: t.from, toStatus: t.to, isCorrection: t.isCorrection })),
    skipDuplicates: true,
  });
  team = await makeTeam();
});

async function personsBook(rows: Record<string, unknown>[], extra?: (book: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetTitle("en", "persons"));
  const fields = templateFields("persons");
  sheet.addRow([...fields.map((field) => field.headers.en[0]), "Office's own note"]);
  for (const row of rows) sheet.addRow([...fields.map((field) => row[field.key] ?? null), "anything"]);
  extra?.(book, sheet);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const row = (overrides: Record<string, unknown> = {}) => ({
  key: "1",
  familyName: uniqueName(),
  givenName: uniqueGivenName(),
  sex: "MALE",
  birthDate: "13.07.1953",
  region: team.region.code,
  returnDate: "07.05.2019",
  returnOperation: "TEST_OP",
  returnedFrom: "SY",
  ...overrides,
});

const problemsOf = (preview: PersonsPreview) =>
  preview.status === "previewed"
    ? preview.rows.flatMap((r) => r.problems.map((p) => `${r.row}:${p.field}:${p.code}`))
    : preview.status === "refused"
      ? [`refused:${preview.problem.code}`]
      : ["limited"];

describe("bad input through the preview", () => {
  it("answers each case with a clear refusal or problem, and writes no person", async () => {
    const before = await getDb().person.count();
    const cases: [string, Promise<Uint8Array> | Uint8Array, string[]][] = [
      ["an empty file", new Uint8Array(), ["refused:empty"]],
      ["a renamed PDF", new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), ["refused:notASpreadsheet"]],
      [
        "a sheet with no header row",
        new TextEncoder().encode("1;Иванов;Иван;13.07.1953\n2;Петров;Пётр;01.01.1960\n"),
        ["refused:noHeaderRow"],
      ],
      // A cell of most of the allowed 10 MB: its row is refused, the file still read.
      ["a cell of 9 MB", personsBook([row({ address: "д".repeat(4_500_000) })]), ["2:address:tooLong"]],
      // The office merged two rows' birth dates: the second reads as empty, at its own cell.
      [
        "merged cells",
        personsBook([row(), row({ key: "2", familyName: uniqueName(), birthDate: null })], (_, sheet) => {
          const column = templateFields("persons").findIndex((f) => f.key === "birthDate") + 1;
          sheet.mergeCells(2, column, 3, column);
        }),
        ["3:birthDate:required"],
      ],
      ["dates as dd.mm.yyyy text and as Excel day numbers", personsBook([row({ birthDate: "13.07.1953", returnDate: 43592 })]), []],
      ["an IIN with a wrong check digit", personsBook([row({ iin: "530713300019" })]), ["2:iin:iin_checkDigit"]],
      ["a birth date in the future", personsBook([row({ birthDate: "01.01.2099" })]), ["2:birthDate:future"]],
    ];
    // The valid IIN of that serial ends in 6.
    expect(makeIin("1953-07-13", "MALE", 1)).toBe("530713300016");
    for (const [label, bytes, expected] of cases) {
      const preview = await previewPersonsImport(team.supervisor, { name: `${label}.xlsx`, bytes: await bytes });
      expect(problemsOf(preview), label).toEqual(expected);
    }
    expect(await getDb().person.count()).toBe(before);
  });

  it("names a prosecution move the transition table forbids, from and to, and writes no entry", async () => {
    const before = await getDb().prosecutionEntry.count();
    const bytes = await personsBook([row()], (book) => {
      const sheet = book.addWorksheet(sheetTitle("ru", "prosecution"));
      const fields = templateFields("prosecution");
      sheet.addRow(fields.map((field) => field.headers.ru[0]));
      const entry: Record<string, unknown> = {
        person: "1",
        status: "CONVICTED",
        effectiveDate: "01.06.2020",
        reason: "Приговор",
        sentenceMonths: 36,
      };
      sheet.addRow(fields.map((field) => entry[field.key] ?? null));
    });
    const preview = await previewPersonsImport(team.supervisor, { name: "forbidden.xlsx", bytes });
    if (preview.status !== "previewed") throw new Error(preview.status);
    expect(preview.linked[0]?.rows[0]?.problems).toEqual([
      { field: "status", column: 2, code: "forbiddenTransition", values: { from: "NO_PROCEEDINGS", to: "CONVICTED" } },
    ]);
    expect(await getDb().prosecutionEntry.count()).toBe(before);
  });
});
