import ExcelJS from "exceljs";
import type { Locale } from "../i18n/locales";
import { catalogText } from "./catalog-text";
import { acceptedValues, type ImportReference } from "./choice-options";
import { IMPORT_SHEET_NAMES, isRequired, templateFields, type ImportField, type ImportSheetName } from "./import-fields";

/**
 * The import template in one language: a "how to fill" sheet, then one sheet per part of the
 * record (persons, household links, prosecution history, enrollments), each with the first
 * header of its language for every column (`import-fields.ts`), so the reader recognises every
 * column of a template as it was written. Regions are those the reader may import into.
 */

/** Excel's text format: an IIN or a key keeps its leading zeros. */
const TEXT_FORMAT = "@";
const DATE_FORMAT = "dd.mm.yyyy";

export const sheetTitle = (locale: Locale, sheet: ImportSheetName) => catalogText(locale, `import.template.sheets.${sheet}`);

function numberFormat(field: ImportField): string | undefined {
  if (field.kind === "date") return DATE_FORMAT;
  if (field.kind === "iin" || field.kind === "key") return TEXT_FORMAT;
  return undefined;
}

function acceptedText(locale: Locale, field: ImportField, reference: ImportReference): string {
  if (!field.choices) return catalogText(locale, `import.template.values.${field.kind}`);
  const lines = acceptedValues(field.choices, reference).map((value) => `${value.code} — ${value.labelIn[locale]}`);
  return [catalogText(locale, "import.template.values.choice"), ...lines].join("\n");
}

function addHowToFill(workbook: ExcelJS.Workbook, locale: Locale, reference: ImportReference): void {
  const t = (key: string) => catalogText(locale, `import.template.${key}`);
  const sheet = workbook.addWorksheet(t("sheets.howToFill"));
  sheet.columns = [{ width: 22 }, { width: 24 }, { width: 14 }, { width: 60 }, { width: 60 }];
  for (const paragraph of ["intro", "keys", "dates", "oneSheetPerPart"]) {
    sheet.addRow([t(`guide.${paragraph}`)]);
    sheet.mergeCells(sheet.rowCount, 1, sheet.rowCount, 5);
    sheet.getRow(sheet.rowCount).alignment = { wrapText: true, vertical: "top" };
    sheet.getRow(sheet.rowCount).height = 45;
  }
  sheet.addRow([]);
  const heading = sheet.addRow(["sheet", "column", "required", "meaning", "accepted"].map((column) => t(`guide.columns.${column}`)));
  heading.font = { bold: true };
  for (const name of IMPORT_SHEET_NAMES) {
    for (const field of templateFields(name)) {
      const row = sheet.addRow([
        sheetTitle(locale, name),
        field.headers[locale][0],
        t(isRequired(field) ? "guide.yes" : "guide.no"),
        t(`columns.${name}.${field.key}`),
        acceptedText(locale, field, reference),
      ]);
      row.alignment = { wrapText: true, vertical: "top" };
    }
  }
}

export async function buildTemplate(locale: Locale, reference: ImportReference): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Zhusan";
  addHowToFill(workbook, locale, reference);
  for (const name of IMPORT_SHEET_NAMES) {
    const sheet = workbook.addWorksheet(sheetTitle(locale, name), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = templateFields(name).map((field) => {
      const numFmt = numberFormat(field);
      return { header: field.headers[locale][0], key: field.key, width: 22, ...(numFmt ? { style: { numFmt } } : {}) };
    });
    sheet.getRow(1).font = { bold: true };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
