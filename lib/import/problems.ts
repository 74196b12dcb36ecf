/**
 * Every refusal an import can give, as a code and a place, never as a sentence: the screen
 * renders each from the `import.problems` section of the message catalogs, in the user's
 * language. A file-level problem refuses the whole file; a cell-level one refuses only its row.
 */

export const FILE_PROBLEM_CODES = [
  "empty",
  "tooLarge",
  "notASpreadsheet",
  "unsupportedFormat",
  "unsupportedEncoding",
  "notUtf8",
  "unreadable",
  "unpackedTooLarge",
  "tooManyCells",
  "tooManySheets",
] as const;
export type FileProblemCode = (typeof FILE_PROBLEM_CODES)[number];

export const SHEET_PROBLEM_CODES = ["tooManyRows", "tooManyColumns"] as const;
export type SheetProblemCode = (typeof SHEET_PROBLEM_CODES)[number];

/** A CSV whose quotes do not close cannot be split into cells past that point, so the file is refused. */
export const ROW_PROBLEM_CODES = ["unclosedQuote", "textAfterQuote"] as const;
export type RowProblemCode = (typeof ROW_PROBLEM_CODES)[number];

/** Problems found while reading a cell, before any field is known. */
export const READ_CELL_PROBLEM_CODES = ["tooLong", "errorValue", "noCachedResult"] as const;
export type ReadCellProblemCode = (typeof READ_CELL_PROBLEM_CODES)[number];

/** Problems of a cell read as a field's value (`cell-values.ts`); the IIN codes are `checkIin`'s, prefixed as the forms prefix them. */
export const VALUE_PROBLEM_CODES = [
  ...READ_CELL_PROBLEM_CODES,
  "notText",
  "nulByte",
  "dateFormat",
  "date",
  "yearOnly",
  "future",
  "notAFlag",
  "iin_format",
  "iin_invalidDate",
  "iin_checkDigit",
  "iin_birthDateMismatch",
  "iin_sexMismatch",
] as const;
export type ValueProblemCode = (typeof VALUE_PROBLEM_CODES)[number];

/**
 * Problems of a row's value once read as a person's field: by the New case form's own schema
 * (its message keys: required, country, beforeBirth...) or against the accepted values of a
 * choice; `duplicateKey` when a person key is used by two rows.
 */
export const FIELD_PROBLEM_CODES = [
  "required",
  "invalid",
  "country",
  "beforeBirth",
  "unknownChoice",
  "ambiguousChoice",
  "duplicateKey",
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

/**
 * Problems of a row of the household, prosecution history or enrollments sheet once its person
 * keys, transitions, programs and steps are checked (`linked-rows.ts`).
 */
export const LINK_PROBLEM_CODES = [
  "unknownKey",
  "personNotReady",
  "personNotImported",
  "samePerson",
  "alreadyMember",
  "forbiddenTransition",
  "needsConfirmation",
  "noSentence",
  "sentenceRequired",
  "beforeLastEntry",
  "unknownProgram",
  "programFull",
  "stepOrder",
  "stepMissing",
  "reasonNotForEnding",
] as const;
export type LinkProblemCode = (typeof LINK_PROBLEM_CODES)[number];

/** Why a full name in one cell could not be split (`names.ts`). */
export const NAME_SPLIT_CODES = ["oneWord", "tooManyWords", "ambiguous", "initials"] as const;
export type NameSplitCode = (typeof NAME_SPLIT_CODES)[number];

/** Why a sheet's first row cannot be its headers (`header-match.ts`). */
export const HEADER_PROBLEM_CODES = ["noHeaderRow"] as const;
export type HeaderProblemCode = (typeof HEADER_PROBLEM_CODES)[number];

/** The message catalog's group for each kind of code: `import.problems.<group>.<code>`. */
export const PROBLEM_GROUPS = {
  file: FILE_PROBLEM_CODES,
  sheet: SHEET_PROBLEM_CODES,
  row: ROW_PROBLEM_CODES,
  cell: [...VALUE_PROBLEM_CODES, ...FIELD_PROBLEM_CODES],
  name: NAME_SPLIT_CODES,
  link: LINK_PROBLEM_CODES,
  header: HEADER_PROBLEM_CODES,
} as const;

/**
 * `limit` travels with the problems that break a stated limit, so the message can say it; `row`
 * and `column` are numbered from 1, as a spreadsheet program shows them. A CSV's one sheet is
 * named "". Messages say what is wrong; where (sheet, row, column) is shown beside them.
 */
export type FileProblem =
  | { kind: "file"; code: FileProblemCode; limit?: number }
  | { kind: "sheet"; sheet: string; code: SheetProblemCode; limit: number }
  | { kind: "row"; sheet: string; row: number; code: RowProblemCode };

/** A problem of one cell, found once its column's field is known: it refuses that row only. */
export type CellProblem = {
  kind: "cell";
  sheet: string;
  row: number;
  column: number;
  code: ValueProblemCode | NameSplitCode | FieldProblemCode;
};

const MEGABYTE = 1024 * 1024;
const BYTE_LIMITS: ReadonlySet<string> = new Set<FileProblemCode>(["tooLarge", "unpackedTooLarge"]);

/** The values a problem's message takes: its limit, and a limit in bytes also in megabytes, as people read it. */
export function messageValues(problem: FileProblem): { limit?: number; megabytes?: number } {
  if (!("limit" in problem) || problem.limit === undefined) return {};
  return BYTE_LIMITS.has(problem.code)
    ? { limit: problem.limit, megabytes: Math.round(problem.limit / MEGABYTE) }
    : { limit: problem.limit };
}
