import { describe, expect, it } from "vitest";
import { makeIin } from "../validation/iin";
import type { ImportReference } from "./choice-options";
import { suggestColumns } from "./header-match";
import { PERSON_IMPORT_FIELDS } from "./import-fields";
import { markSameInFile, personColumnsOf, personRowReader } from "./person-rows";
import type { Cell } from "./sheet";

const REGION_ID = "10000000-0000-4000-8000-000000000001";
const REFERENCE: ImportReference = {
  regions: [
    { value: REGION_ID, code: "ABAI", labels: { en: "Abai Region", ru: "Абайская область", kk: "Абай облысы" } },
    // Two regions an office could both call «Южная»: the value names neither for sure.
    { value: "10000000-0000-4000-8000-000000000002", code: "SOUTH_A", labels: { en: "South", ru: "Южная", kk: "Оңтүстік" } },
    { value: "10000000-0000-4000-8000-000000000003", code: "SOUTH_B", labels: { en: "South", ru: "Южная", kk: "Оңтүстік" } },
  ],
  operations: [{ value: "ZHUSAN_1", code: "ZHUSAN_1", labels: { en: "Zhusan-1", ru: "Жусан-1", kk: "Жусан-1" } }],
  programTypes: [],
  endingReasons: [],
  reasons: [],
};

/** An office's own headers: one cell for the full name, its own words for the values. */
const HEADERS: Cell[] = [
  "Ключ",
  "Ф.И.О.",
  "Пол",
  "Дата рожд.",
  "ИИН",
  "Область",
  "Дата возвращения",
  "Операция",
  "Откуда вернулся",
  "Статус дела",
];
const read = (rows: Cell[][]) => {
  const columns = personColumnsOf(suggestColumns(HEADERS, rows, PERSON_IMPORT_FIELDS));
  const reader = personRowReader(REFERENCE, "2026-12-04");
  return rows.map((cells, i) => reader({ number: i + 2, cells }, columns));
};
const iin = makeIin("1990-03-15", "MALE", 11);

describe("personRowReader", () => {
  it("reads an office's row into the New case form's input, splitting the full name and matching labels", () => {
    const [row] = read([
      ["1", "Серіков Ерлан Серік ұлы", "мужской", "15.03.1990", iin, "Абай облысы", "07.05.2019", "Жусан-1", "sy", "Открыто"],
    ]);
    expect(row?.problems).toEqual([]);
    expect(row?.candidate).toMatchObject({
      familyName: "Серіков",
      givenName: "Ерлан",
      patronymic: "Серік ұлы",
      birthDate: "1990-03-15",
      iin,
      regionId: REGION_ID,
      returnOperationCode: "ZHUSAN_1",
      returnedFrom: "SY",
      citizenship: "KZ",
      riskLevel: "UNASSESSED",
      caseStatus: "OPEN",
    });
  });

  it("says why each cell cannot be used, at its column, and gives no input for the row", () => {
    const [row] = read([["2", "Петров", "М", "1990", "", "Южная", "", "Жусан-9", "Сирия", "в работе"]]);
    expect(row?.candidate).toBeNull();
    expect(row?.problems).toEqual([
      { field: "fullName", column: 2, code: "oneWord" },
      { field: "sex", column: 3, code: "unknownChoice" },
      { field: "birthDate", column: 4, code: "yearOnly" },
      { field: "region", column: 6, code: "ambiguousChoice" },
      { field: "returnOperation", column: 8, code: "unknownChoice" },
      { field: "caseStatus", column: 10, code: "unknownChoice" },
      { field: "returnDate", column: 7, code: "required" },
      { field: "returnedFrom", column: 9, code: "country" },
    ]);
  });

  it("reads an estimated birth date, which the IIN need not match, and refuses an answer that is neither yes nor no", () => {
    const headers: Cell[] = [...HEADERS, "Дата рождения приблизительная"];
    const columns = personColumnsOf(suggestColumns(headers, [], PERSON_IMPORT_FIELDS));
    const reader = personRowReader(REFERENCE, "2026-12-04");
    const row = (estimated: string): Cell[] => [
      "8",
      "Серіков Ерлан",
      "MALE",
      "01.01.1990",
      iin,
      "ABAI",
      "07.05.2019",
      "ZHUSAN_1",
      "SY",
      "",
      estimated,
    ];
    expect(reader({ number: 2, cells: row("да") }, columns).candidate).toMatchObject({ birthDate: "1990-01-01", birthDateEstimated: true });
    expect(reader({ number: 3, cells: row("") }, columns).problems).toEqual([{ field: "iin", column: 5, code: "iin_birthDateMismatch" }]);
    expect(reader({ number: 4, cells: row("наверное") }, columns).problems).toEqual([
      { field: "birthDateEstimated", column: 11, code: "notAFlag" },
      { field: "iin", column: 5, code: "iin_birthDateMismatch" },
    ]);
  });

  it("reads what a row's aliases are, by code or by label in any language, and refuses a kind there is not", () => {
    const columns = personColumnsOf(suggestColumns(["Ф.И.О.", "Псевдонимы", "Тип псевдонимов"], [], PERSON_IMPORT_FIELDS));
    expect(columns.aliasType).toBe(3);
    const reader = personRowReader(REFERENCE, "2026-12-04");
    const aliasTypeOf = (written: string) => reader({ number: 2, cells: ["Серіков Ерлан", "Абу Мухаммад", written] }, columns);
    expect(aliasTypeOf("Куня").aliasType).toBe("KUNYA");
    expect(aliasTypeOf("NOM_DE_GUERRE").aliasType).toBe("NOM_DE_GUERRE");
    expect(aliasTypeOf("").aliasType).toBeNull();
    expect(aliasTypeOf("прозвище деда").problems).toContainEqual({ field: "aliasType", column: 3, code: "unknownChoice" });
  });

  it("lists aliases apart, each held to the alias form's length", () => {
    const columns = personColumnsOf(suggestColumns(["Ф.И.О.", "Псевдонимы"], [], PERSON_IMPORT_FIELDS));
    const reader = personRowReader(REFERENCE, "2026-12-04");
    expect(reader({ number: 2, cells: ["Серіков Ерлан", "Абу Мухаммад; Erlan Serikov"] }, columns).aliases).toEqual([
      "Абу Мухаммад",
      "Erlan Serikov",
    ]);
    const tooLong = reader({ number: 3, cells: ["Серіков Ерлан", `Абу; ${"а".repeat(201)}`] }, columns);
    expect(tooLong.problems).toContainEqual({ field: "aliases", column: 2, code: "tooLong" });
  });

  it("marks the same IIN, the same name however spelt with the same birth date, and a repeated person key within the file", () => {
    const rows = read([
      ["7", "Серіков Ерлан Серік ұлы", "MALE", "15.03.1990", iin, "ABAI", "07.05.2019", "ZHUSAN_1", "SY", ""],
      ["7", "Сериков Ерлан", "Male", "15.03.1990", iin, "ABAI", "07.05.2019", "ZHUSAN_1", "SY", ""],
    ]);
    markSameInFile(rows, 1);
    expect(rows[0]?.sameInFile).toEqual([
      { row: 3, why: "iin" },
      { row: 3, why: "name" },
    ]);
    expect(rows[1]?.problems).toEqual([{ field: "key", column: 1, code: "duplicateKey" }]);
    expect(rows[1]?.candidate).toBeNull();
  });
});
