import { describe, expect, it } from "vitest";
import { makeIin } from "../validation/iin";
import { headerRowProblem, suggestColumns } from "./header-match";
import { PERSON_IMPORT_FIELDS } from "./import-fields";
import type { Cell } from "./sheet";
import { textKey } from "./text-key";

const suggest = (headers: Cell[], rows: Cell[][] = []) => suggestColumns(headers, rows, PERSON_IMPORT_FIELDS);
const iin = makeIin("1990-03-15", "MALE", 123) ?? "";

describe("suggestColumns, from headers", () => {
  it.each([
    ["Ф.И.О.", "fullName", "header"],
    ["Дата рожд.", "birthDate", "abbreviation"],
    ["ИИН", "iin", "header"],
    ["Область", "region", "header"],
    ["Статус дела", "caseStatus", "header"],
    ["Т.А.Ә.", "fullName", "header"],
    ["ЖСН", "iin", "header"],
    ["Туған күні", "birthDate", "header"],
    ["Date of Birth", "birthDate", "header"],
    ["  СТАТУС   ДЕЛА: ", "caseStatus", "header"],
    ["ИИН (12 цифр)", "iin", "headerStart"],
    ["Дата рождения (дд.мм.гггг)", "birthDate", "headerStart"],
    ["Псевдонимы", "aliases", "header"],
    ["Уровень риска", "riskLevel", "header"],
    ["Откуда вернулся(ась)", "returnedFrom", "header"],
    ["Фам.", "familyName", "abbreviation"],
    ["Уров. риска", "riskLevel", "abbreviation"],
  ])("%s → %s", (header, field, by) => {
    expect(suggest([header])).toEqual([{ column: 1, header: header.trim(), field, by }]);
  });

  it("tells a Latin-name column from a Cyrillic one", () => {
    expect(suggest(["Фамилия", "Фамилия (латиница)", "Имя", "Имя лат."]).map((m) => m.field)).toEqual([
      "familyName",
      "familyNameLatin",
      "givenName",
      "givenNameLatin",
    ]);
  });

  it("leaves unknown columns unmatched, for the person to map", () => {
    expect(suggest(["Примечание", "", "№ п/п", "Ст."]).map((m) => [m.field, m.by])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it("suggests a field for one column only: the surer match, then the leftmost", () => {
    expect(suggest(["ИИН (ребёнка)", "ИИН", "ЖСН"]).map((m) => m.field)).toEqual([null, "iin", null]);
  });
});

describe("suggestColumns, from values when the header names nothing", () => {
  it("recognises IINs, as text or as numbers, and dates, filling birth date before return date", () => {
    const rows: Cell[][] = [
      [iin, "15.03.1990", new Date(Date.UTC(2019, 4, 9)), "x"],
      [Number(iin), 32947, "09.05.2019", "y"],
      [null, null, null, null],
    ];
    expect(suggest(["Колонка 1", "Колонка 2", "", "Колонка 4"], rows).map((m) => [m.field, m.by])).toEqual([
      ["iin", "values"],
      ["birthDate", "values"],
      ["returnDate", "values"],
      [null, null],
    ]);
  });

  it("recognises a column whose data runs past the last header", () => {
    expect(suggest(["Ф.И.О."], [["Иванов Иван", iin]]).map((m) => [m.column, m.header, m.field, m.by])).toEqual([
      [1, "Ф.И.О.", "fullName", "header"],
      [2, "", "iin", "values"],
    ]);
  });

  it("takes small numbers for row numbers or ages, not dates", () => {
    const rows: Cell[][] = Array.from({ length: 10 }, (_, i) => [i + 1, 20 + i]);
    expect(suggest(["№", "Лет"], rows).map((m) => m.field)).toEqual([null, null]);
  });

  it("does not take a field a header already named", () => {
    expect(suggest(["ИИН", "Колонка"], [[iin, iin]]).map((m) => m.field)).toEqual(["iin", null]);
  });
});

describe("headerRowProblem", () => {
  it.each<[string, Cell[], "noHeaderRow" | null]>([
    ["a row of headers", ["Ф.И.О.", "ИИН"], null],
    ["headers none of which is known", ["Примечание", "Комментарий"], null],
    ["a row of data", ["Иванов Иван", "15.03.1990", iin], "noHeaderRow"],
    ["a row of numbers", [1, 2, 3], "noHeaderRow"],
    ["an empty row", [null, " "], "noHeaderRow"],
  ])("%s", (_, row, problem) => {
    expect(headerRowProblem(row, PERSON_IMPORT_FIELDS)).toBe(problem);
  });
});

describe("textKey", () => {
  it("ignores case, «ё», punctuation and runs of spaces, and keeps Kazakh letters", () => {
    expect(textKey("  Ёлкин,  Пётр (ст.) ")).toBe("елкин петр ст");
    expect(textKey("Әкесінің   аты")).toBe("әкесінің аты");
  });
});
