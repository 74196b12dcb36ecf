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
import { getDb, type Tx } from "../db/client";
import { notFound } from "../errors/domain-error";
import { isoDayOf } from "../calendar/calendar-day";
import { canAtAll } from "../policy/can";
import { meaningfulProbe } from "../validation/duplicate-probe";
import { loadImportReference } from "./import-reference";
import type { PersonImportFieldKey } from "./import-fields";
import type { ImportMapping } from "./mapping";
import {
  markSameInFile,
  personColumnsOf,
  personRowReader,
  type InterpretedPerson,
  type PersonRowProblem,
  type SameInFile,
} from "./person-rows";
import type { FileProblem, HeaderProblemCode } from "./problems";
import { createImportBatch, type PreviewCounts } from "./import-batches";
import type { ImportReference } from "./choice-options";
import { loadLinkContext } from "./link-context";
import { LINKED_READERS, type LinkedRow, type LinkedSheetKind } from "./linked-rows";
import { fileKeysOf, keysNamed, readLinkedSheets } from "./linked-sheets";
import { personColumnMatches, personsSheet } from "./persons-sheet";
import type { Sheet } from "./sheet";
import { readFile } from "./read-file";

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
      counts: PreviewCounts;
      /** Every row that is not simply ready, in file order: with problems, or a possible duplicate. */
      rows: PreviewRow[];
      /** The household, prosecution history and enrollments sheets the file has, every row of each with its outcome. */
      linked: LinkedSheetPreview[];
    };

/**
 * One of the other sheets: every row, with its problems, and `data` (the row as the commit will
 * write it, persons referred to by their row on the persons sheet or their case) when it has none.
 */
export type LinkedSheetPreview = {
  kind: LinkedSheetKind;
  sheet: string;
  columns: { column: number; header: string; field: string | null }[];
  counts: { rows: number; ready: number; withProblems: number };
  rows: LinkedRow[];
};

export type UploadedFile = { name: string; bytes: Uint8Array };

const isPossibleDuplicate = (row: PreviewRow) =>
  row.sameInFile.length > 0 || (row.registry !== null && (row.registry.inReach.length > 0 || row.registry.elsewhere.length > 0));

/**
 * Every row's lookup runs in the one transaction that records them, which Prisma would end after
 * 5 s: about a thousand rows on this machine. It holds only the account's lookup lock until the
 * events are written at the end, so a file of 50,000 rows may take its time.
 */
const PREVIEW_TRANSACTION = { timeout: 600_000 };

/**
 * The person's decisions about the file's columns and values (without one, the suggestions
 * stand), and whether the preview comes from the page or the command line.
 */
export type PreviewOptions = { mapping?: ImportMapping; via?: ImportChannel };

/** The other sheets, each row judged against the persons sheet as read and what the database knows. */
async function previewLinkedSheets(
  user: CurrentUser,
  sheets: readonly Sheet[],
  personsSheetRead: Sheet,
  persons: readonly InterpretedPerson[],
  reference: ImportReference,
  today: string,
  mapping: ImportMapping | undefined,
): Promise<LinkedSheetPreview[]> {
  const read = readLinkedSheets(sheets, personsSheetRead, mapping);
  if (read.length === 0) return [];
  const fileKeys = fileKeysOf(persons);
  const context = await loadLinkContext(user, reference, today, fileKeys, keysNamed(read));
  return read.map(({ kind, sheet, data, columns, byField }) => {
    const rows: LinkedRow[] = LINKED_READERS[kind](data, byField, context, mapping?.sheets[kind]?.values);
    const withProblems = rows.filter((row) => row.problems.length > 0).length;
    return {
      kind,
      sheet: sheet.name,
      columns: columns.map(({ column, header, field }) => ({ column, header, field })),
      counts: { rows: rows.length, ready: rows.length - withProblems, withProblems },
      rows,
    };
  });
}

export async function previewPersonsImport(user: CurrentUser, file: UploadedFile, options: PreviewOptions = {}): Promise<PersonsPreview> {
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

  const sheetMapping = options.mapping?.sheets.persons;
  const matches = personColumnMatches(header, data, sheetMapping);
  const columns = personColumnsOf(matches);
  const today = isoDayOf(new Date());
  const reference = await loadImportReference(user);
  const readRow = personRowReader(reference, today, sheetMapping?.values);
  const persons: InterpretedPerson[] = data.map((row) => readRow(row, columns));
  markSameInFile(persons, columns.key ?? null);

  const linked = await previewLinkedSheets(user, read.workbook.sheets, sheet, persons, reference, today, options.mapping);

  const probes: ImportProbe[] = persons.flatMap((person) => {
    const probe = person.candidate && meaningfulProbe(person.candidate);
    return probe ? [{ row: person.row, probe }] : [];
  });
  const fileAbout = { name: file.name, sha256 };
  return getDb().$transaction(async (tx): Promise<PersonsPreview> => {
    // Rows an earlier commit of this very file wrote: the commit will leave them be, so they are
    // neither looked up again (each lookup counts against the hour's limit) nor offered as duplicates of themselves.
    const imported = await rowsImportedBefore(tx, sha256, sheet.name);
    const fresh = probes.filter((probe) => !imported.has(probe.row));
    const check = await checkImportForDuplicates(tx, user, fresh, fileAbout, options.via);
    if (check.limited) return { status: "limited", rowsPerHour: IMPORT_ROWS_PER_HOUR };
    const rows: PreviewRow[] = persons
      .filter((person) => !imported.has(person.row))
      .map((person) => ({
        row: person.row,
        key: person.key,
        name: person.name,
        problems: person.problems,
        sameInFile: person.sameInFile,
        registry: check.answers.get(person.row) ?? null,
      }));
    const withProblems = rows.filter((row) => row.problems.length > 0).length;
    const possibleDuplicates = rows.filter((row) => row.problems.length === 0 && isPossibleDuplicate(row)).length;
    const counts: PreviewCounts = {
      rows: persons.length,
      ready: rows.length - withProblems - possibleDuplicates,
      withProblems,
      possibleDuplicates,
      importedBefore: imported.size,
    };
    const shown = {
      columns: matches.map((m) => ({ column: m.column, header: m.header, field: m.field })),
      counts,
      rows: rows.filter((row) => row.problems.length > 0 || isPossibleDuplicate(row)),
      linked,
    };
    const regionIds = [...new Set(persons.flatMap((person) => (person.candidate ? [person.candidate.regionId] : [])))];
    const batchId = await createImportBatch(tx, user, {
      file: { ...file, sha256 },
      sheet: sheet.name,
      columns,
      mapping: options.mapping ?? null,
      regionIds,
      preview: shown,
    });
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

/** The rows of a file's sheet that an earlier commit created or joined to a case. */
async function rowsImportedBefore(tx: Tx, fileSha256: string, sheet: string): Promise<Set<number>> {
  const rows = await tx.importRow.findMany({
    where: { fileSha256, sheet, outcome: { in: ["CREATED", "LINKED"] } },
    select: { rowNumber: true },
    distinct: ["rowNumber"],
  });
  return new Set(rows.map((r) => r.rowNumber));
}
