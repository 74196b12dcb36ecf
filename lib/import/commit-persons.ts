import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { recordDenial } from "../audit/record-denial";
import { requireEditableCase } from "../access/case-access";
import { addAliasIn } from "../cases/aliases";
import { writeNewCase } from "../cases/create-case";
import { setImportedCaseStatusIn } from "../cases/update-person";
import { getDb, type Tx } from "../db/client";
import type { AliasType } from "../db/generated/enums";
import { DomainError, notFound } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import { isoDayOf } from "../calendar/calendar-day";
import { can, canAtAll } from "../policy/can";
import { normalizeName } from "../search/normalize-name";
import type { ImportCommitInput, RowDecision } from "../validation/import";
import { commitLinkedSheets, type LinkedSheetCounts } from "./commit-linked";
import { loadImportReference } from "./import-reference";
import { countOutcomes, isUniqueViolation, markImportRow, type RowMark } from "./import-rows";
import type { BatchCounts, StoredPreview } from "./import-batches";
import { markSameInFile, personRowReader, type InterpretedPerson, type PersonColumns } from "./person-rows";
import { ImportMapping } from "./mapping";
import { readFile } from "./read-file";

/**
 * The commit of a previewed batch (docs/import.md, docs/decisions/023): its persons sheet here, then
 * its household, prosecution history and enrollments sheets (`commit-linked.ts`). The file
 * is read again from the bytes the batch kept, every row through the same reader and schema as
 * the preview, and each row is written in its own transaction through the forms' domain writes
 * (`writeNewCase`, `addAliasIn`), together with its `import_row`: a row is either wholly written
 * and marked, or not at all, so a commit cut off part way is resumed by committing again.
 */
export const COMMIT_STARTED = "import.commit_started";
export const COMMITTED = "import.committed";
export const ROW_LINKED = "import.row_linked";

type Batch = {
  id: string;
  fileName: string;
  fileSha256: string;
  fileBytes: Uint8Array;
  sheet: string;
  columns: PersonColumns;
  mapping: ImportMapping | null;
  regionIds: string[];
};

/** A possible duplicate needs the importer's decision; attaching is only to a case the preview showed in reach. */
export function decisionProblems(preview: StoredPreview, decisions: Record<string, RowDecision>): FieldProblems | null {
  const problems = preview.rows.flatMap((row) => {
    if (row.problems.length > 0) return [];
    const inReach = row.registry?.inReach ?? [];
    const flagged = row.sameInFile.length > 0 || inReach.length > 0 || (row.registry?.elsewhere.length ?? 0) > 0;
    if (!flagged) return [];
    const decision = decisions[String(row.row)];
    if (!decision) return [{ field: `decision-${row.row}`, message: "required" }];
    if (decision.kind === "attach" && !inReach.some((match) => match.id === decision.caseId))
      return [{ field: `decision-${row.row}`, message: "invalid" }];
    return [];
  });
  return problems.length > 0 ? new FieldProblems(problems) : null;
}

/** The batch, when the user may commit it: a supervisor of every region it touches. */
async function committableBatch(user: CurrentUser, batchId: string) {
  if (!canAtAll(user, "import.run")) {
    await recordDenial(user, "import.run", { entityType: "import", entityId: batchId });
    throw notFound();
  }
  const batch = await getDb().importBatch.findUnique({ where: { id: batchId } });
  if (!batch) throw notFound();
  if (!batch.regionIds.every((region) => user.regionIds.includes(region))) {
    await recordDenial(user, "import.run", { entityType: "import", entityId: batchId });
    throw notFound();
  }
  return batch;
}

/** Every row of the batch's persons sheet, read as the preview read it, against today's reference data; and the workbook it is in. */
async function readBatchPersons(user: CurrentUser, batch: Batch) {
  const read = await readFile(batch.fileBytes);
  const sheet = read.ok ? read.workbook.sheets.find((s) => s.name === batch.sheet) : undefined;
  // The bytes are those the preview read; failing now means the reader changed, not the file.
  if (!read.ok || !sheet) throw new DomainError("invalid", "batch file unreadable");
  const reference = await loadImportReference(user);
  const today = isoDayOf(new Date());
  const readRow = personRowReader(reference, today, batch.mapping?.sheets.persons?.values);
  const persons: InterpretedPerson[] = sheet.rows.slice(1).map((row) => readRow(row, batch.columns));
  markSameInFile(persons, batch.columns.key ?? null);
  return { persons, sheet, sheets: read.workbook.sheets, reference, today };
}

/** The persons sheet's counts, and each other sheet's. */
export type CommitResult = { batchId: string; counts: BatchCounts; linked: LinkedSheetCounts[] };

export async function commitImportBatch(user: CurrentUser, input: ImportCommitInput): Promise<CommitResult> {
  const stored = await committableBatch(user, input.batchId);
  if (stored.state === "COMMITTED") throw new DomainError("conflict", "already committed");
  // A resumed commit keeps the decisions it started with: rows already written followed them.
  const resuming = stored.state === "COMMITTING";
  const decisions = resuming ? (stored.decisions as Record<string, RowDecision>) : input.decisions;
  const aliasType = resuming && stored.aliasType ? stored.aliasType : input.aliasType;
  const refused = decisionProblems(stored.preview as StoredPreview, decisions);
  if (refused) throw refused;
  // Parsed again: a stored mapping that no longer parses is refused rather than read loosely.
  const batch: Batch = {
    ...stored,
    columns: stored.columns as PersonColumns,
    mapping: stored.mapping === null ? null : ImportMapping.parse(stored.mapping),
  };
  const about = { fileName: batch.fileName, fileSha256: batch.fileSha256, sheet: batch.sheet };

  await getDb().$transaction(async (tx) => {
    const marked = await tx.importBatch.updateMany({
      where: { id: batch.id, state: { in: ["PREVIEWED", "COMMITTING"] } },
      data: { state: "COMMITTING", decisions, aliasType, reason: input.reason, version: { increment: 1 } },
    });
    if (marked.count !== 1) throw new DomainError("conflict", "already committed");
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: COMMIT_STARTED,
      entityType: "import",
      entityId: batch.id,
      reason: input.reason,
      context: { ...about, resumed: resuming },
    });
  });

  const { persons, sheet, sheets, reference, today } = await readBatchPersons(user, batch);
  for (const person of persons) await commitRow(user, batch, person, decisions[String(person.row)], aliasType);
  // The other sheets after every person, so each key names the case its row became.
  const linked = await commitLinkedSheets(user, batch, sheets, sheet, persons, reference, today);

  return getDb().$transaction(async (tx) => {
    const counts = await countOutcomes(tx, batch.id, batch.sheet);
    await tx.importBatch.update({
      where: { id: batch.id },
      data: { state: "COMMITTED", committedAt: new Date(), ...counts, version: { increment: 1 } },
    });
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: COMMITTED,
      entityType: "import",
      entityId: batch.id,
      reason: input.reason,
      context: { ...about, rows: persons.length, ...counts, linked },
    });
    return { batchId: batch.id, counts, linked };
  });
}

/**
 * One row in one transaction, with its import_row. A unique violation means another commit of
 * this batch or of the same file wrote the row first: the row is tried once more and then found
 * done. A refusal of the domain (a region not the user's, a case out of reach) is the row's error.
 */
async function commitRow(
  user: CurrentUser,
  batch: Batch,
  person: InterpretedPerson,
  decision: RowDecision | undefined,
  aliasType: AliasType,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      await getDb().$transaction((tx) => writeRow(tx, user, batch, person, decision, aliasType));
      return;
    } catch (error) {
      if (isUniqueViolation(error) && attempt === 0) continue;
      const code = rowErrorOf(error);
      if (code === null) throw error;
      await getDb().$transaction((tx) => markRow(tx, batch, person.row, { outcome: "ERROR", error: code }));
      return;
    }
  }
}

function rowErrorOf(error: unknown): string | null {
  if (error instanceof FieldProblems) return error.problems[0]?.message ?? "invalid";
  if (error instanceof DomainError && (error.kind === "notFound" || error.kind === "forbidden")) return "notInReach";
  return null;
}

const markRow = (tx: Tx, batch: Batch, row: number, written: RowMark) => markImportRow(tx, batch, batch.sheet, row, written);

/** A row without a decision is one the preview found no possible duplicate for: it is created. */
async function writeRow(
  tx: Tx,
  user: CurrentUser,
  batch: Batch,
  person: InterpretedPerson,
  decision: RowDecision | undefined,
  aliasType: AliasType,
) {
  const done = await tx.importRow.findUnique({
    where: { batchId_sheet_rowNumber: { batchId: batch.id, sheet: batch.sheet, rowNumber: person.row } },
    select: { id: true },
  });
  if (done) return;
  const mark = (written: RowMark) => markRow(tx, batch, person.row, written);
  const earlier = await tx.importRow.findFirst({
    where: { fileSha256: batch.fileSha256, sheet: batch.sheet, rowNumber: person.row, outcome: { in: ["CREATED", "LINKED"] } },
    select: { personId: true },
  });
  if (earlier) return mark({ outcome: "ALREADY_IMPORTED", personId: earlier.personId });
  const candidate = person.candidate;
  if (!candidate) {
    const first = person.problems[0];
    return mark({ outcome: "ERROR", error: first ? `${first.field}:${first.code}` : "invalid" });
  }
  if (decision?.kind === "skip") return mark({ outcome: "SKIPPED" });

  const context = { importBatchId: batch.id, fileSha256: batch.fileSha256, sheet: batch.sheet, row: person.row };
  const aliases = person.aliases.map((value) => ({
    value,
    type: person.aliasType ?? aliasType,
    source: `${batch.fileName}`.slice(0, 200),
  }));
  // The same IIN is the same person whatever the preview saw: the row joins that case, never a second one.
  const sameIin = candidate.iin
    ? await tx.person.findUnique({ where: { iin: candidate.iin }, select: { id: true, regionId: true, caseworkerId: true } })
    : null;
  if (sameIin && !can(user, "case.edit", sameIin)) return mark({ outcome: "ERROR", error: "iinElsewhere" });
  const joined = sameIin?.id ?? (decision?.kind === "attach" ? decision.caseId : null);
  if (joined) {
    await linkRow(tx, user, batch, joined, aliases, context);
    return mark({ outcome: "LINKED", personId: joined });
  }
  const created = await writeNewCase(tx, user, candidate, aliases, {
    // Created although the preview showed a possible duplicate: the importer looked and decided.
    context: decision ? { ...context, possibleDuplicatesReviewed: true } : context,
  });
  if (candidate.caseStatus) await setImportedCaseStatusIn(tx, user, created.id, candidate.caseStatus, context);
  await mark({ outcome: "CREATED", personId: created.id });
}

/**
 * Joins a row to a case the user may edit: the file's aliases the case lacks are added, each
 * with its event, and the link itself is an event on the case's chain. The case's region joins
 * the batch's, so whoever may see the batch may see every case it names.
 */
async function linkRow(
  tx: Tx,
  user: CurrentUser,
  batch: Batch,
  caseId: string,
  aliases: { value: string; type: AliasType; source: string }[],
  context: { importBatchId: string; fileSha256: string; sheet: string; row: number },
) {
  const person = await requireEditableCase(tx, user, caseId);
  const existing = await tx.alias.findMany({ where: { personId: caseId }, select: { searchName: true } });
  const known = new Set(existing.map((alias) => alias.searchName));
  for (const alias of aliases) {
    const searchName = normalizeName(alias.value);
    if (known.has(searchName)) continue;
    known.add(searchName);
    await addAliasIn(tx, user, caseId, alias, context);
  }
  await recordAuditEvent(tx, {
    actor: auditActorOf(user),
    action: ROW_LINKED,
    entityType: "person",
    entityId: caseId,
    caseId,
    context,
  });
  await tx.$executeRaw`
    UPDATE import_batch SET region_ids = array_append(region_ids, ${person.regionId}::uuid)
    WHERE id = ${batch.id}::uuid AND NOT (${person.regionId}::uuid = ANY (region_ids))`;
}
