import { z } from "zod";
import type { ColumnMatch } from "./header-match";
import { IMPORT_SHEETS, type ImportField, type ImportSheetName } from "./import-fields";
import { MAX_COLUMNS } from "./limits";
import { textKey } from "./text-key";

/**
 * What the person importing decided about a file's columns and values, declared once: the page
 * sends it with the file, the API parses it, saved mappings store it (parsed again on every read,
 * since a stored document outlives the code that wrote it), and the command line loads one by
 * name. Columns are recognised by their header, so a saved mapping fits the office's next file
 * even when its columns move; a column without a header by its position. A value is keyed by its
 * `textKey`, as enumerations are matched, so «Актюбинская обл.» and «актюбинская обл» are one.
 */
export const MAPPING_FORMAT = 1;
/** A header or a written value longer than this is no office's word; the file's own cell limit is far above it. */
export const MAX_MAPPED_TEXT = 200;
/** Distinct values mapped in one enumerated column: an office's statuses or regions are a few dozen. */
export const MAX_MAPPED_VALUES = 500;

const ColumnChoice = z.object({
  column: z.number().int().min(1).max(MAX_COLUMNS),
  header: z.string().max(MAX_MAPPED_TEXT),
  /** The field the column fills, or null: leave it out. */
  field: z.string().max(40).nullable(),
});
export type ColumnChoice = z.infer<typeof ColumnChoice>;

/** For one enumerated field: each written value (as its textKey) and the code it stands for, or null: leave it as an error. */
const ValueChoices = z
  .record(z.string().min(1).max(MAX_MAPPED_TEXT), z.string().min(1).max(100).nullable())
  .refine((values) => Object.keys(values).length <= MAX_MAPPED_VALUES, { error: "tooMany" });

const SheetMapping = z.object({
  columns: z.array(ColumnChoice).max(MAX_COLUMNS),
  values: z.record(z.string().max(40), ValueChoices),
});
export type SheetMapping = z.infer<typeof SheetMapping>;

const fieldsOf = (sheet: ImportSheetName) => IMPORT_SHEETS[sheet] as readonly ImportField[];

export const ImportMapping = z
  .object({
    format: z.literal(MAPPING_FORMAT),
    sheets: z.object({
      persons: SheetMapping.optional(),
      household: SheetMapping.optional(),
      prosecution: SheetMapping.optional(),
      enrollments: SheetMapping.optional(),
    }),
  })
  .superRefine((mapping, context) => {
    for (const [sheet, sheetMapping] of Object.entries(mapping.sheets) as [ImportSheetName, SheetMapping | undefined][]) {
      if (!sheetMapping) continue;
      const fields = fieldsOf(sheet);
      const chosen = new Set<string>();
      for (const [i, choice] of sheetMapping.columns.entries()) {
        if (choice.field === null) continue;
        if (!fields.some((field) => field.key === choice.field) || chosen.has(choice.field))
          context.addIssue({ code: "custom", path: ["sheets", sheet, "columns", i, "field"], message: "invalid" });
        chosen.add(choice.field);
      }
      for (const field of Object.keys(sheetMapping.values))
        if (!fields.some((f) => f.key === field && f.kind === "choice"))
          context.addIssue({ code: "custom", path: ["sheets", sheet, "values", field], message: "invalid" });
    }
  });
export type ImportMapping = z.infer<typeof ImportMapping>;

export const EMPTY_MAPPING: ImportMapping = { format: MAPPING_FORMAT, sheets: {} };

/** A mapping sent as text (a form field, a stored document read back as text): parsed, or null when it is not one. */
export function parseMappingText(text: string): ImportMapping | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = ImportMapping.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** A header as columns are recognised by: `textKey` without its spaces, so «Ф.И.О.» and «ФИО» are one header. */
const headerKey = (header: string) => textKey(header).replaceAll(" ", "");

/** The key a written value is mapped under, the one enumerations are matched by. */
export const valueKey = (written: string) => textKey(written.trim().replaceAll("_", " "));

/**
 * The columns of a sheet once the person's choices are applied over the suggestions: a column the
 * mapping names (by its header, or by its position when it has none) takes the chosen field or
 * none; every other column keeps its suggestion unless that field was chosen elsewhere, since a
 * field fills one column only.
 */
export function applyColumnChoices<Key extends string>(
  suggested: readonly ColumnMatch<Key>[],
  choices: readonly ColumnChoice[] | undefined,
): (ColumnMatch<Key> & { chosen: boolean })[] {
  if (!choices || choices.length === 0) return suggested.map((match) => ({ ...match, chosen: false }));
  const byHeader = new Map<string, ColumnChoice>();
  const byPosition = new Map<number, ColumnChoice>();
  for (const choice of choices) {
    const key = headerKey(choice.header);
    if (key === "") byPosition.set(choice.column, choice);
    else if (!byHeader.has(key)) byHeader.set(key, choice);
  }
  const used = new Set<ColumnChoice>();
  const resolved = suggested.map((match) => {
    const key = headerKey(match.header);
    const choice = key === "" ? byPosition.get(match.column) : byHeader.get(key);
    // Two columns under one header: the choice applies to the first, the others keep their suggestion.
    if (!choice || used.has(choice)) return { ...match, chosen: false };
    used.add(choice);
    return { ...match, field: choice.field as Key | null, by: null, chosen: true };
  });
  const taken = new Set(resolved.filter((match) => match.chosen && match.field !== null).map((match) => match.field));
  return resolved.map((match) =>
    !match.chosen && match.field !== null && taken.has(match.field) ? { ...match, field: null, by: null } : match,
  );
}

/** A column still a question: it has a header, nobody decided it, and nothing suggested a field for it. */
export const isUndecidedColumn = (c: { header: string; field: string | null; chosen: boolean }) =>
  !c.chosen && c.field === null && c.header !== "";

/**
 * The column choices that reproduce a sheet's columns as they now are, but for the questions: an
 * undecided column stays out, so that sending the mapping back after another edit does not answer
 * it as "leave out" on the person's behalf.
 */
export function columnChoicesOf(
  columns: readonly { column: number; header: string; field: string | null; chosen: boolean }[],
): ColumnChoice[] {
  return columns
    .filter((c) => !isUndecidedColumn(c))
    .map(({ column, header, field }) => ({ column, header: header.slice(0, MAX_MAPPED_TEXT), field }));
}

/**
 * How well a saved mapping fits a sheet's headers: the share of the sheet's named columns it
 * names. A saved mapping is offered on its own when it names every one of them.
 */
export function headerFit(choices: readonly ColumnChoice[], headers: readonly string[]): number {
  const named = headers.map(headerKey).filter((key) => key !== "");
  if (named.length === 0) return 0;
  const known = new Set(choices.map((choice) => headerKey(choice.header)));
  return named.filter((key) => known.has(key)).length / named.length;
}
