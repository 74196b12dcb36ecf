import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { recordDenial } from "../audit/record-denial";
import { notFound } from "../errors/domain-error";
import { canAtAll } from "../policy/can";
import { acceptedValues, type ImportReference } from "./choice-options";
import { matchChoices, choiceMatcher } from "./enum-match";
import { loadImportReference } from "./import-reference";
import { PERSON_FIELDS } from "../validation/person-fields";
import { isRequired, PERSON_IMPORT_FIELDS, type ImportField, type PersonImportFieldKey } from "./import-fields";
import type { Labels } from "../i18n/locales";
import { columnChoicesOf, headerFit, isUndecidedColumn, valueKey, MAPPING_FORMAT, type ImportMapping, type SheetMapping } from "./mapping";
import { splitFullName } from "./names";
import { personColumnMatches, personsSheet, type PersonColumnMatch } from "./persons-sheet";
import type { FileProblem, HeaderProblemCode, NameSplitCode } from "./problems";
import { readFile } from "./read-file";
import { listImportMappings, type SavedMapping } from "./saved-mappings";
import { isUnreadable, type Cell, type Row, type Sheet } from "./sheet";
import type { ColumnMatch } from "./header-match";
import { linkedColumns, readLinkedSheets } from "./linked-sheets";
import { LINKED_FIELDS, type LinkedSheetKind } from "./linked-rows";

/**
 * The step before the preview: which field each column of the file's persons sheet, and of its
 * household, prosecution and enrollments sheets, holds (the suggestion, then the person's choice
 * or a saved mapping's), every value of an enumerated column that names no code or more than one
 * (each once per file, with what it is mapped to), and the full names that cannot be split. It reads only the file, the reference data the user
 * may import into and the user's saved mappings: nothing of the registry, so it is no lookup and
 * writes nothing. Its `mapping` is the mapping as it now stands, for the page to edit and send
 * with the preview.
 */
export type ProposedColumn<Key extends string = PersonImportFieldKey> = {
  column: number;
  header: string;
  field: Key | null;
  /** What the headers and values alone suggest, shown beside the choice. */
  suggested: Key | null;
  /** The person (or a saved mapping) decided this column; an undecided column with a header and no field is a question. */
  chosen: boolean;
  /** The first few values, so the person can see what the column holds. */
  samples: string[];
};
export type UnmatchedValue = {
  written: string;
  key: string;
  rows: number;
  miss: "unknownChoice" | "ambiguousChoice";
  /** The code it is mapped to, null when left as an error, absent while nobody has answered. */
  mappedTo?: string | null;
};
export type ChoiceColumn<Key extends string = PersonImportFieldKey> = {
  field: Key;
  column: number;
  header: string;
  options: { code: string; labels: Labels }[];
  unmatched: UnmatchedValue[];
};
export type UnsplitName = { row: number; written: string; code: NameSplitCode };
/**
 * One of the workbook's other sheets (household, prosecution history, enrollments), as found by
 * its name or its headers: its columns, its enumerated values no code matches, and the required
 * fields no column fills, decided the same way as the persons sheet's.
 */
export type LinkedSheetProposal = {
  kind: LinkedSheetKind;
  sheet: string;
  columns: ProposedColumn<string>[];
  choices: ChoiceColumn<string>[];
  missing: string[];
};
export type SavedMappingChoice = { id: string; name: string; regionId: string; version: number; fits: boolean; readable: boolean };

export type MappingProposal =
  | { status: "refused"; problem: FileProblem | { kind: "header"; sheet: string; code: HeaderProblemCode } }
  | {
      status: "proposed";
      sheet: string;
      columns: ProposedColumn[];
      choices: ChoiceColumn[];
      unsplitNames: UnsplitName[];
      /** Fields every row needs that no column fills. */
      missing: PersonImportFieldKey[];
      linked: LinkedSheetProposal[];
      /** Questions left, on every sheet: columns with a header and no decision, values nobody mapped, required fields without a column. */
      questions: number;
      /** The saved mapping applied, when one was asked for or fitted the file's headers. */
      applied: { id: string; name: string; version: number; regionId: string } | null;
      saved: SavedMappingChoice[];
      mapping: ImportMapping;
    };

const SAMPLES = 3;
/** Unsplittable names listed; the preview lists every row's problem anyway. */
const UNSPLIT_LISTED = 50;

const sampleText = (cell: Cell): string | null => {
  if (cell === null || isUnreadable(cell)) return null;
  const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim();
  return text === "" ? null : text.slice(0, 60);
};

const columnCells = (data: readonly Row[], column: number) => data.map((row) => row.cells[column - 1] ?? null);

const NAME_FIELDS: readonly PersonImportFieldKey[] = ["familyName", "givenName"];

function choiceColumn<Key extends string>(
  fields: readonly ImportField[],
  match: ColumnMatch<Key>,
  data: readonly Row[],
  reference: ImportReference,
  mapped: SheetMapping["values"],
): ChoiceColumn<Key> | null {
  const field = fields.find((f) => f.kind === "choice" && f.key === match.field);
  if (!field?.choices) return null;
  const accepted = acceptedValues(field.choices, reference);
  const written = columnCells(data, match.column).flatMap((cell) =>
    typeof cell === "string" || typeof cell === "number" ? [String(cell)] : [],
  );
  const counts = new Map<string, number>();
  for (const value of written) counts.set(valueKey(value), (counts.get(valueKey(value)) ?? 0) + 1);
  const miss = choiceMatcher(accepted);
  const choices = mapped[field.key] ?? {};
  const unmatched = matchChoices(written, accepted).unmatched.map((value): UnmatchedValue => {
    const key = valueKey(value);
    const found = miss(value);
    const entry: UnmatchedValue = { written: value, key, rows: counts.get(key) ?? 0, miss: "miss" in found ? found.miss : "unknownChoice" };
    if (key in choices) entry.mappedTo = choices[key] ?? null;
    return entry;
  });
  return {
    field: field.key as Key,
    column: match.column,
    header: match.header,
    options: accepted.map((a) => ({ code: a.code, labels: a.labelIn })),
    unmatched,
  };
}

/** A sheet's columns as the page shows them: the field each fills now, the suggestion, and a few values. */
function proposedColumns<Key extends string>(
  matches: readonly (ColumnMatch<Key> & { chosen: boolean })[],
  suggested: readonly ColumnMatch<Key>[],
  data: readonly Row[],
): ProposedColumn<Key>[] {
  return matches.map((match, i) => ({
    column: match.column,
    header: match.header,
    field: match.field,
    suggested: suggested[i]?.field ?? null,
    chosen: match.chosen,
    samples: columnCells(data, match.column)
      .flatMap((cell) => sampleText(cell) ?? [])
      .slice(0, SAMPLES),
  }));
}

/** What is left to answer on a sheet: columns with a header and no decision, and values nobody mapped. */
function openQuestions(columns: readonly ProposedColumn<string>[], choices: readonly ChoiceColumn<string>[]): number {
  const undecidedColumns = columns.filter(isUndecidedColumn).length;
  const unanswered = choices.reduce((sum, choice) => sum + choice.unmatched.filter((value) => !("mappedTo" in value)).length, 0);
  return undecidedColumns + unanswered;
}

/** The workbook's other sheets, each proposed over the mapping's choices for it. */
function linkedProposals(
  sheets: readonly Sheet[],
  persons: Sheet,
  reference: ImportReference,
  mapping: ImportMapping | undefined,
): LinkedSheetProposal[] {
  return readLinkedSheets(sheets, persons, mapping).map(({ kind, sheet, data, columns: matches }) => {
    const fields = LINKED_FIELDS[kind] as readonly ImportField[];
    const header = sheet.rows[0];
    const suggested = header ? linkedColumns(kind, header, data, undefined) : [];
    const values = mapping?.sheets[kind]?.values ?? {};
    return {
      kind,
      sheet: sheet.name,
      columns: proposedColumns(matches, suggested, data),
      choices: matches.flatMap((match) => choiceColumn(fields, match, data, reference, values) ?? []),
      missing: fields.filter((field) => isRequired(field) && !matches.some((m) => m.field === field.key)).map((field) => field.key),
    };
  });
}

function unsplitNames(matches: readonly PersonColumnMatch[], data: readonly Row[]): UnsplitName[] {
  const full = matches.find((m) => m.field === "fullName");
  if (!full || NAME_FIELDS.every((field) => matches.some((m) => m.field === field))) return [];
  const names: UnsplitName[] = [];
  for (const row of data) {
    const cell = row.cells[full.column - 1] ?? null;
    if (typeof cell !== "string" || cell.trim() === "") continue;
    const split = splitFullName(cell);
    if (!split.ok) names.push({ row: row.number, written: cell.trim().slice(0, 200), code: split.code });
    if (names.length >= UNSPLIT_LISTED) break;
  }
  return names;
}

/** A column is needed when a row without it could never be ready: its schema has no default for a missing value. */
const needsColumn = (field: ImportField) =>
  field.personField ? !PERSON_FIELDS[field.personField].schema.safeParse(undefined).success : isRequired(field);

function missingFields(matches: readonly PersonColumnMatch[]): PersonImportFieldKey[] {
  const has = (key: PersonImportFieldKey) => matches.some((m) => m.field === key);
  return PERSON_IMPORT_FIELDS.filter((field) => {
    if (!needsColumn(field) || has(field.key)) return false;
    return !(NAME_FIELDS.includes(field.key) && has("fullName"));
  }).map((field) => field.key);
}

export type ProposalRequest = { mapping?: ImportMapping; mappingId?: string };

export async function proposeMapping(user: CurrentUser, bytes: Uint8Array, request: ProposalRequest = {}): Promise<MappingProposal> {
  if (!canAtAll(user, "import.run")) {
    await recordDenial(user, "import.run", { entityType: "import", entityId: null });
    throw notFound();
  }
  const read = await readFile(bytes);
  if (!read.ok) return { status: "refused", problem: read.problem };
  const sheet = personsSheet(read.workbook.sheets);
  const [header, ...data] = sheet?.rows ?? [];
  if (!sheet || !header) return { status: "refused", problem: { kind: "header", sheet: sheet?.name ?? "", code: "noHeaderRow" } };

  const [reference, saved] = await Promise.all([loadImportReference(user), listImportMappings(user)]);
  const headers = header.cells.map((cell) => (typeof cell === "string" ? cell : ""));
  const fitOf = (entry: SavedMapping) => (entry.mapping?.sheets.persons ? headerFit(entry.mapping.sheets.persons.columns, headers) : 0);
  let applied: SavedMapping | null = null;
  let mapping = request.mapping;
  if (!mapping) {
    // Asked for by id, else the most recently saved one naming every header of the file.
    applied =
      (request.mappingId ? saved.find((entry) => entry.id === request.mappingId) : undefined) ??
      (request.mappingId
        ? null
        : ([...saved].filter((entry) => entry.mapping && fitOf(entry) === 1).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ??
          null));
    if (request.mappingId && !applied) throw notFound();
    mapping = applied?.mapping ?? undefined;
  }
  const sheetMapping = mapping?.sheets.persons;
  const values = sheetMapping?.values ?? {};
  const matches = personColumnMatches(header, data, sheetMapping);
  const suggestedMatches = personColumnMatches(header, data, undefined);

  const columns = proposedColumns(matches, suggestedMatches, data);
  const choices = matches.flatMap((match) => choiceColumn(PERSON_IMPORT_FIELDS, match, data, reference, values) ?? []);
  const missing = missingFields(matches);
  const linked = linkedProposals(read.workbook.sheets, sheet, reference, mapping);
  const questions =
    openQuestions(columns, choices) +
    missing.length +
    linked.reduce((sum, other) => sum + openQuestions(other.columns, other.choices) + other.missing.length, 0);

  return {
    status: "proposed",
    sheet: sheet.name,
    columns,
    choices,
    unsplitNames: unsplitNames(matches, data),
    missing,
    linked,
    questions,
    applied: applied && { id: applied.id, name: applied.name, version: applied.version, regionId: applied.regionId },
    saved: saved.map((entry) => ({
      id: entry.id,
      name: entry.name,
      regionId: entry.regionId,
      version: entry.version,
      fits: fitOf(entry) === 1,
      readable: entry.mapping !== null,
    })),
    mapping: {
      format: MAPPING_FORMAT,
      sheets: {
        ...mapping?.sheets,
        persons: { columns: columnChoicesOf(columns), values },
        ...Object.fromEntries(
          linked.map((other) => [
            other.kind,
            { columns: columnChoicesOf(other.columns), values: mapping?.sheets[other.kind]?.values ?? {} },
          ]),
        ),
      },
    },
  };
}
