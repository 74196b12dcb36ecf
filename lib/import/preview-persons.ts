import "server-only";
import { createHash } from "node:crypto";
import type { CurrentUser } from "../auth/current-user";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { recordDenial } from "../audit/record-denial";
import {
  checkImportForDuplicates,
  IMPORT_ROWS_PER_HOUR,
  type DuplicateAnswer,
  type ImportChannel,
  type ImportProbe,
} from "../cases/possible-duplicates";
import { getDb } from "../db/client";
import { notFound } from "../errors/domain-error";
import { isoDayOf } from "../i18n/format";
import { LOCALES } from "../i18n/locales";
import { canAtAll } from "../policy/can";
import { meaningfulProbe } from "../validation/duplicate-probe";
import { catalogText } from "./catalog-text";
import { headerRowProblem, suggestColumns } from "./header-match";
import { loadImportReference } from "./import-reference";
import { PERSON_IMPORT_FIELDS, type PersonImportFieldKey } from "./import-fields";
import {
  markSameInFile,
  personColumnsOf,
  personRowReader,
  type InterpretedPerson,
  type PersonRowProblem,
  type SameInFile,
} from "./person-rows";
import type { FileProblem, HeaderProblemCode } from "./problems";
import { createImportBatch } from "./import-batches";
import { readFile } from "./read-file";
import type { Sheet } from "./sheet";

/**
 * The preview of a file's persons sheet: what each row would become, before anything is
 * written. Only supervisors import (`import.run`), and only into their regions: a row naming
 * another region has a problem on that cell. Ready rows are looked up in the registry by the
 * new-case duplicate check's rules, redacted the same way (docs/decisions/004 and 017); the
 * lookup and the preview are audit events, committed even though nothing else is written.
 */
export const PREVIEWED = "import.previewed";

export type PreviewColumn = { column: number; header: string; field: PersonImportFieldKey | null };
export type PreviewRow = {
  row: number;
  key: string | null;
  name: string;
  problems: PersonRowProblem[];
  sameInFile: SameInFile[];
  registry: DuplicateAnswer | null;
};
export type PersonsPreview =
  | { status: "refused"; problem: FileProblem | { kind: "header"; sheet: string; code: HeaderProblemCode } }
  /** The account has used its hourly duplicate checks: nothing was looked up, so nothing can be called ready. */
  | { status: "limited"; rowsPerHour: number }
  | {
      status: "previewed";
      /** The batch holding the file until it is committed (docs/decisions/023). */
      batchId: string;
      sheet: string;
      columns: PreviewColumn[];
      counts: { rows: number; ready: number; withProblems: number; possibleDuplicates: number };
      /** Every row that is not simply ready, in file order: with problems, or a possible duplicate. */
      rows: PreviewRow[];
    };

export type UploadedFile = { name: string; bytes: Uint8Array };

const PERSONS_SHEET_NAMES = new Set(LOCALES.map((locale) => catalogText(locale, "import.template.sheets.persons").toLowerCase()));

/** How many person fields a sheet's first row names by its headers. */
const namedFields = (sheet: Sheet) =>
  suggestColumns(sheet.rows[0]?.cells ?? [], [], PERSON_IMPORT_FIELDS).filter((match) => match.by !== null).length;

/**
 * The persons sheet: the template's, by its name in any language; else the sheet whose headers
 * name the most person fields (not the template's "how to fill" sheet, whose first row is prose);
 * else, for a file whose headers name none, the first sheet with a header row.
 */
function personsSheet(sheets: readonly Sheet[]): Sheet | null {
  const named = sheets.find((sheet) => PERSONS_SHEET_NAMES.has(sheet.name.trim().toLowerCase()));
  if (named) return named;
  const best = sheets.map((sheet) => ({ sheet, fields: namedFields(sheet) })).sort((a, b) => b.fields - a.fields)[0];
  if (best && best.fields > 0) return best.sheet;
  return sheets.find((sheet) => headerRowProblem(sheet.rows[0]?.cells ?? [], PERSON_IMPORT_FIELDS) === null) ?? null;
}

const isPossibleDuplicate = (row: PreviewRow) =>
  row.sameInFile.length > 0 || (row.registry !== null && (row.registry.inReach.length > 0 || row.registry.elsewhere.length > 0));

/**
 * Every row's lookup runs in the one transaction that records them, which Prisma would end after
 * 5 s: about a thousand rows on this machine. It holds only the account's lookup lock until the
 * events are written at the end, so a file of 50,000 rows may take its time.
 */
const PREVIEW_TRANSACTION = { timeout: 600_000 };

export async function previewPersonsImport(user: CurrentUser, file: UploadedFile, via: ImportChannel = "page"): Promise<PersonsPreview> {
  if (!canAtAll(user, "import.run")) {
    await recordDenial(user, "import.run", { entityType: "import", entityId: null });
    throw notFound();
  }
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const read = await readFile(file.bytes);
  if (!read.ok) return { status: "refused", problem: read.problem };
  const sheet = personsSheet(read.workbook.sheets);
  const [header, ...data] = sheet?.rows ?? [];
  if (!sheet || !header) return { status: "refused", problem: { kind: "header", sheet: sheet?.name ?? "", code: "noHeaderRow" } };

  const matches = suggestColumns(
    header.cells,
    data.map((row) => row.cells),
    PERSON_IMPORT_FIELDS,
  );
  const columns = personColumnsOf(matches);
  const readRow = personRowReader(await loadImportReference(user), isoDayOf(new Date()));
  const persons: InterpretedPerson[] = data.map((row) => readRow(row, columns));
  markSameInFile(persons, columns.key ?? null);

  const probes: ImportProbe[] = persons.flatMap((person) => {
    const probe = person.candidate && meaningfulProbe(person.candidate);
    return probe ? [{ row: person.row, probe }] : [];
  });
  const fileAbout = { name: file.name, sha256 };
  return getDb().$transaction(async (tx): Promise<PersonsPreview> => {
    const check = await checkImportForDuplicates(tx, user, probes, fileAbout, via);
    if (check.limited) return { status: "limited", rowsPerHour: IMPORT_ROWS_PER_HOUR };
    const rows: PreviewRow[] = persons.map((person) => ({
      row: person.row,
      key: person.key,
      name: person.name,
      problems: person.problems,
      sameInFile: person.sameInFile,
      registry: check.answers.get(person.row) ?? null,
    }));
    const withProblems = rows.filter((row) => row.problems.length > 0).length;
    const possibleDuplicates = rows.filter((row) => row.problems.length === 0 && isPossibleDuplicate(row)).length;
    const counts = { rows: rows.length, ready: rows.length - withProblems - possibleDuplicates, withProblems, possibleDuplicates };
    const shown = {
      columns: matches.map((m) => ({ column: m.column, header: m.header, field: m.field })),
      counts,
      rows: rows.filter((row) => row.problems.length > 0 || isPossibleDuplicate(row)),
    };
    const regionIds = [...new Set(persons.flatMap((person) => (person.candidate ? [person.candidate.regionId] : [])))];
    const batchId = await createImportBatch(tx, user, { file: { ...file, sha256 }, sheet: sheet.name, columns, regionIds, preview: shown });
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: PREVIEWED,
      entityType: "import",
      entityId: batchId,
      context: { fileName: file.name, fileSha256: sha256, sheet: sheet.name, ...counts },
    });
    return { status: "previewed", batchId, sheet: sheet.name, ...shown };
  }, PREVIEW_TRANSACTION);
}
