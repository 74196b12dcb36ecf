import { LOCALES } from "../i18n/locales";
import { catalogText } from "./catalog-text";
import { headerRowProblem, suggestColumns, type ColumnMatch } from "./header-match";
import { PERSON_IMPORT_FIELDS, type PersonImportFieldKey } from "./import-fields";
import { applyColumnChoices, type SheetMapping } from "./mapping";
import type { Row, Sheet } from "./sheet";

const PERSONS_SHEET_NAMES = new Set(LOCALES.map((locale) => catalogText(locale, "import.template.sheets.persons").toLowerCase()));

/** How many person fields a sheet's first row names by its headers. */
const namedFields = (sheet: Sheet) =>
  suggestColumns(sheet.rows[0]?.cells ?? [], [], PERSON_IMPORT_FIELDS).filter((match) => match.by !== null).length;

/**
 * The persons sheet: the template's, by its name in any language; else the sheet whose headers
 * name the most person fields (not the template's "how to fill" sheet, whose first row is prose);
 * else, for a file whose headers name none, the first sheet with a header row.
 */
export function personsSheet(sheets: readonly Sheet[]): Sheet | null {
  const named = sheets.find((sheet) => PERSONS_SHEET_NAMES.has(sheet.name.trim().toLowerCase()));
  if (named) return named;
  const best = sheets.map((sheet) => ({ sheet, fields: namedFields(sheet) })).sort((a, b) => b.fields - a.fields)[0];
  if (best && best.fields > 0) return best.sheet;
  return sheets.find((sheet) => headerRowProblem(sheet.rows[0]?.cells ?? [], PERSON_IMPORT_FIELDS) === null) ?? null;
}

export type PersonColumnMatch = ColumnMatch<PersonImportFieldKey> & { chosen: boolean };

/** The persons sheet's columns: suggested from headers and values, then the person's choices over them. */
export function personColumnMatches(header: Row, data: readonly Row[], mapping: SheetMapping | undefined): PersonColumnMatch[] {
  const suggested = suggestColumns(
    header.cells,
    data.map((row) => row.cells),
    PERSON_IMPORT_FIELDS,
  );
  return applyColumnChoices(suggested, mapping?.columns);
}
