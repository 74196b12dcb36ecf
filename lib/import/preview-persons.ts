import "server-only";
import { createHash } from "node:crypto";
import type { CurrentUser } from "../auth/current-user";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { recordDenial } from "../audit/record-denial";
import { checkImportForDuplicates, IMPORT_ROWS_PER_HOUR, type DuplicateAnswer, type ImportProbe } from "../cases/possible-duplicates";
import { getDb } from "../db/client";
import { notFound } from "../errors/domain-error";
import { isoDayOf } from "../i18n/format";
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
import { personColumnMatches, personsSheet } from "./persons-sheet";
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
      sheet: string;
      columns: PreviewColumn[];
      counts: { rows: number; ready: number; withProblems: number; possibleDuplicates: number };
      /** Every row that is not simply ready, in file order: with problems, or a possible duplicate. */
      rows: PreviewRow[];
    };

export type UploadedFile = { name: string; bytes: Uint8Array };

const isPossibleDuplicate = (row: PreviewRow) =>
  row.sameInFile.length > 0 || (row.registry !== null && (row.registry.inReach.length > 0 || row.registry.elsewhere.length > 0));

/** The person's decisions about the file's columns and values; without one, the suggestions stand. */
export type PreviewOptions = { mapping?: ImportMapping };

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
  const readRow = personRowReader(await loadImportReference(user), isoDayOf(new Date()), sheetMapping?.values);
  const persons: InterpretedPerson[] = data.map((row) => readRow(row, columns));
  markSameInFile(persons, columns.key ?? null);

  const probes: ImportProbe[] = persons.flatMap((person) => {
    const probe = person.candidate && meaningfulProbe(person.candidate);
    return probe ? [{ row: person.row, probe }] : [];
  });
  const fileAbout = { name: file.name, sha256 };
  return getDb().$transaction(async (tx): Promise<PersonsPreview> => {
    const check = await checkImportForDuplicates(tx, user, probes, fileAbout);
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
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: PREVIEWED,
      entityType: "import",
      entityId: null,
      context: { fileName: file.name, fileSha256: sha256, sheet: sheet.name, ...counts },
    });
    return {
      status: "previewed",
      sheet: sheet.name,
      columns: matches.map((m) => ({ column: m.column, header: m.header, field: m.field })),
      counts,
      rows: rows.filter((row) => row.problems.length > 0 || isPossibleDuplicate(row)),
    };
  });
}
