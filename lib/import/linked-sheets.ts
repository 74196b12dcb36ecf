import { LOCALES } from "../i18n/locales";
import { catalogText } from "./catalog-text";
import { suggestColumns } from "./header-match";
import type { ImportField } from "./import-fields";
import { LINKED_FIELDS, type LinkedSheetKind } from "./linked-rows";
import { applyColumnChoices, type SheetMapping } from "./mapping";
import type { Row, Sheet } from "./sheet";

export const LINKED_SHEET_KINDS = Object.keys(LINKED_FIELDS) as LinkedSheetKind[];

const NAMES = new Map(
  LINKED_SHEET_KINDS.flatMap((kind) =>
    LOCALES.map((locale) => [catalogText(locale, `import.template.sheets.${kind}`).toLowerCase(), kind] as const),
  ),
);
/** Fewer named columns than this could be any table: a sheet is taken for one of these only when it names the person key and more. */
const FEWEST_NAMED = 3;

const named = (sheet: Sheet, kind: LinkedSheetKind) =>
  suggestColumns(sheet.rows[0]?.cells ?? [], [], LINKED_FIELDS[kind] as readonly ImportField[]).filter((m) => m.by !== null).length;

/**
 * The household, prosecution and enrollments sheets of a workbook besides its persons sheet: by the
 * template's sheet name in any language, else the sheet whose headers name the most of that
 * sheet's fields (at least three). A CSV has its one sheet, the persons sheet, and none of these.
 */
export function linkedSheets(sheets: readonly Sheet[], persons: Sheet): Partial<Record<LinkedSheetKind, Sheet>> {
  const found: Partial<Record<LinkedSheetKind, Sheet>> = {};
  const others = sheets.filter((sheet) => sheet !== persons && sheet.rows.length > 0);
  for (const sheet of others) {
    const kind = NAMES.get(sheet.name.trim().toLowerCase());
    if (kind && !found[kind]) found[kind] = sheet;
  }
  for (const kind of LINKED_SHEET_KINDS) {
    if (found[kind]) continue;
    const taken = new Set(Object.values(found));
    const best = others
      .filter((sheet) => !taken.has(sheet))
      .map((sheet) => ({ sheet, count: named(sheet, kind) }))
      .sort((a, b) => b.count - a.count)[0];
    if (best && best.count >= FEWEST_NAMED) found[kind] = best.sheet;
  }
  return found;
}

/** A linked sheet's columns: suggested, then the person's choices over them. */
export function linkedColumns(kind: LinkedSheetKind, header: Row, data: readonly Row[], mapping: SheetMapping | undefined) {
  const suggested = suggestColumns(
    header.cells,
    data.map((row) => row.cells),
    LINKED_FIELDS[kind] as readonly ImportField[],
  );
  return applyColumnChoices(suggested, mapping?.columns);
}
