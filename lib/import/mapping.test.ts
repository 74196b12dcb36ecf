import { describe, expect, it } from "vitest";
import type { ColumnMatch } from "./header-match";
import { applyColumnChoices, headerFit, ImportMapping, MAPPING_FORMAT, parseMappingText } from "./mapping";

const persons = (columns: { column: number; header: string; field: string | null }[], values = {}) => ({
  format: MAPPING_FORMAT,
  sheets: { persons: { columns, values } },
});

describe("the mapping format", () => {
  it("accepts fields of the sheet, each once, and values only for enumerated fields", () => {
    expect(
      ImportMapping.safeParse(persons([{ column: 1, header: "Ф.И.О.", field: "fullName" }], { region: { "южная обл": "T_X" } })).success,
    ).toBe(true);
    expect(ImportMapping.safeParse(persons([{ column: 1, header: "x", field: "noSuchField" }])).success).toBe(false);
    expect(
      ImportMapping.safeParse(
        persons([
          { column: 1, header: "a", field: "iin" },
          { column: 2, header: "b", field: "iin" },
        ]),
      ).success,
    ).toBe(false);
    expect(ImportMapping.safeParse(persons([], { iin: { x: "y" } })).success).toBe(false);
    // A household field is no persons field.
    expect(ImportMapping.safeParse(persons([{ column: 1, header: "a", field: "relativeRole" }])).success).toBe(false);
    expect(ImportMapping.safeParse({ format: 2, sheets: {} }).success).toBe(false);
  });

  it("parses text, and answers null for anything that is not a mapping", () => {
    expect(parseMappingText("{")).toBeNull();
    expect(
      parseMappingText('{"format":1,"sheets":{"persons":{"columns":[{"column":0,"header":"","field":null}],"values":{}}}}'),
    ).toBeNull();
    expect(parseMappingText(JSON.stringify(persons([{ column: 2, header: "ИИН", field: "iin" }])))).not.toBeNull();
  });
});

const match = (column: number, header: string, field: string | null): ColumnMatch<string> => ({
  column,
  header,
  field,
  by: field ? "header" : null,
});

describe("applyColumnChoices", () => {
  it("puts the choices over the suggestions by header, so columns may move, and a chosen field leaves the column it was suggested for", () => {
    const suggested = [match(1, "№", null), match(2, "ФИО", "fullName"), match(3, "Область", "region"), match(4, "", null)];
    const choices = [
      { column: 9, header: "Ф И О", field: "familyName" },
      { column: 1, header: "Примечание", field: null },
      { column: 4, header: "", field: "region" },
    ];
    expect(applyColumnChoices(suggested, choices).map((c) => [c.column, c.field, c.chosen])).toEqual([
      [1, null, false],
      [2, "familyName", true],
      [3, null, false],
      [4, "region", true],
    ]);
  });

  it("leaves the suggestions as they are without choices", () => {
    expect(applyColumnChoices([match(1, "ИИН", "iin")], undefined)).toEqual([{ ...match(1, "ИИН", "iin"), chosen: false }]);
  });
});

describe("headerFit", () => {
  it("is the share of the file's named headers the mapping names", () => {
    const choices = [
      { column: 1, header: "Ф.И.О.", field: "fullName" },
      { column: 2, header: "Примечание", field: null },
    ];
    expect(headerFit(choices, ["ф и о", "ПРИМЕЧАНИЕ", ""])).toBe(1);
    expect(headerFit(choices, ["Ф.И.О.", "ИИН"])).toBe(0.5);
    expect(headerFit(choices, [])).toBe(0);
  });
});
