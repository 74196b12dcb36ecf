import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../i18n/locales";
import { acceptedValues, type ImportReference } from "./choice-options";
import { matchChoices } from "./enum-match";
import { headerRowProblem, suggestColumns } from "./header-match";
import { IMPORT_SHEETS, IMPORT_SHEET_NAMES, PERSON_IMPORT_FIELDS, templateFields } from "./import-fields";
import { readFile } from "./read-file";
import { buildTemplate, sheetTitle } from "./template";

const REFERENCE: ImportReference = {
  regions: [
    {
      value: "10000000-0000-4000-8000-000000000001",
      code: "ABAI",
      labels: { en: "Abai Region", ru: "Абайская область", kk: "Абай облысы" },
    },
  ],
  operations: [{ value: "ZHUSAN_1", code: "ZHUSAN_1", labels: { en: "Zhusan-1", ru: "Жусан-1", kk: "Жусан-1" } }],
  programTypes: [
    { value: "PSYCHOLOGICAL", code: "PSYCHOLOGICAL", labels: { en: "Psychological", ru: "Психологическая", kk: "Психологиялық" } },
  ],
  endingReasons: [{ value: "MOVED", code: "MOVED", labels: { en: "Moved away", ru: "Переезд", kk: "Көшіп кетті" } }],
  reasons: [],
};

describe("the import template", () => {
  for (const locale of LOCALES) {
    it(`in ${locale}, read back, has every column of every sheet recognised from its header`, async () => {
      const read = await readFile(await buildTemplate(locale, REFERENCE));
      if (!read.ok) throw new Error(`refused: ${read.problem.code}`);
      for (const name of IMPORT_SHEET_NAMES) {
        const sheet = read.workbook.sheets.find((s) => s.name === sheetTitle(locale, name));
        const headers = sheet?.rows[0]?.cells ?? [];
        const fields = IMPORT_SHEETS[name];
        expect(headerRowProblem(headers, fields)).toBeNull();
        const matches = suggestColumns(headers, [], fields);
        expect(matches.map((m) => m.field)).toEqual(templateFields(name).map((f) => f.key));
        expect(matches.every((m) => m.by === "header")).toBe(true);
      }
    });

    it(`in ${locale}, explains every column in that language and lists the accepted values`, async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await buildTemplate(locale, REFERENCE)).buffer);
      const guide = workbook.worksheets[0];
      const text = guide?.getSheetValues().flat().map(String).join("\n") ?? "";
      expect(text).toContain(`ABAI — ${REFERENCE.regions[0]?.labels[locale] ?? ""}`);
      expect(text).toContain(`ZHUSAN_1 — ${REFERENCE.operations[0]?.labels[locale] ?? ""}`);
      for (const name of IMPORT_SHEET_NAMES) for (const field of templateFields(name)) expect(text).toContain(field.headers[locale][0]);
    });
  }

  it("writes headers that differ by language, and leaves out the columns only office files have", async () => {
    const headerOf = (locale: (typeof LOCALES)[number]) => templateFields("persons").map((f) => f.headers[locale][0]);
    expect(new Set([headerOf("en")[1], headerOf("ru")[1], headerOf("kk")[1]]).size).toBe(3);
    expect(templateFields("persons").map((f) => f.key)).not.toContain("fullName");
    expect(PERSON_IMPORT_FIELDS.map((f) => f.key)).toContain("fullName");
  });

  it("accepts an enumeration by its code or its label in any language, whatever the template's language", () => {
    const sex = PERSON_IMPORT_FIELDS.find((f) => f.key === "sex");
    if (!sex?.choices) throw new Error("sex has no choices");
    const options = acceptedValues(sex.choices, REFERENCE);
    expect(matchChoices(["FEMALE", "Женский", "Male", "Ер"], options).unmatched).toEqual([]);
    const regions = acceptedValues("regions", REFERENCE);
    expect(matchChoices(["Абай облысы", "abai"], regions).matched.map((m) => m.code)).toEqual(["ABAI", "ABAI"]);
  });
});
