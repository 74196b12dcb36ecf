import { LOCALES } from "../i18n/locales";
import { catalogText } from "./catalog-text";
import { suggestColumns } from "./header-match";
import type { ImportField } from "./import-fields";
import { LINKED_FIELDS, type FilePerson, type LinkedSheetKind } from "./linked-rows";
import type { InterpretedPerson } from "./person-rows";
import { applyColumnChoices, type ImportMapping, type SheetMapping } from "./mapping";
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

export type LinkedSheetRead = {
  kind: LinkedSheetKind;
  sheet: Sheet;
  data: readonly Row[];
  columns: ReturnType<typeof linkedColumns>;
  /** The column of each field the sheet fills, numbered from 1. */
  byField: Partial<Record<string, number>>;
};

/** The other sheets of a workbook with their columns, as the preview and the commit both read them. */
export function readLinkedSheets(sheets: readonly Sheet[], persons: Sheet, mapping: ImportMapping | undefined): LinkedSheetRead[] {
  return (Object.entries(linkedSheets(sheets, persons)) as [LinkedSheetKind, Sheet][]).map(([kind, sheet]) => {
    const [header, ...data] = sheet.rows;
    const columns = header ? linkedColumns(kind, header, data, mapping?.sheets[kind]) : [];
    return { kind, sheet, data, columns, byField: Object.fromEntries(columns.flatMap((c) => (c.field ? [[c.field, c.column]] : []))) };
  });
}

/** Every person key the sheets name, so the cases among them are looked up once. */
export function keysNamed(read: readonly Pick<LinkedSheetRead, "data" | "byField">[]): string[] {
  return read.flatMap(({ data, byField }) =>
    ["person", "relative"].flatMap((field) => {
      const column = byField[field];
      return column === undefined
        ? []
        : data.flatMap((row) => {
            const cell = row.cells[column - 1];
            return typeof cell === "string" || typeof cell === "number" ? [String(cell).trim()] : [];
          });
    }),
  );
}

/** The persons sheet's rows by their person key (the first row of a key used twice), as the other sheets see them. */
export function fileKeysOf(persons: readonly InterpretedPerson[]): Map<string, FilePerson> {
  const fileKeys = new Map<string, FilePerson>();
  for (const person of persons) {
    if (person.key === null || fileKeys.has(person.key)) continue;
    const c = person.candidate;
    fileKeys.set(person.key, {
      row: person.row,
      ready: c !== null && person.problems.length === 0,
      regionId: c?.regionId ?? null,
      birthDate: c?.birthDate ?? null,
      sex: c?.sex ?? null,
      returnDate: c?.returnDate ?? null,
    });
  }
  return fileKeys;
}
