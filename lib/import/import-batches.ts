import "server-only";
import { Prisma } from "../db/generated/client";
import { getDb, type Tx } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import type { ImportBatchState, ImportRowOutcome } from "../db/generated/enums";
import { recordDenial } from "../audit/record-denial";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { Locale } from "../i18n/locales";
import { buildResultSheet } from "./result-sheet";
import { notFound } from "../errors/domain-error";
import { reachOf } from "../policy/permissions";
import type { RowDecision } from "../validation/import";
import type { ImportMapping } from "./mapping";
import type { PersonColumns } from "./person-rows";
import type { PreviewColumn, PreviewRow } from "./preview-persons";

/**
 * Import batches: one uploaded file from its preview to its commit (docs/decisions/023). Who
 * may see a batch is the policy's reach for `audit.read` over the regions the batch touches: a
 * supervisor sees a batch only when every one of its regions is theirs, so its rows and the cases
 * it joined are all in their reach; an auditor sees every batch, read-only; nobody else any.
 */
/** `importedBefore`: rows an earlier commit of the same file wrote; absent from previews stored before it was counted. */
export type PreviewCounts = { rows: number; ready: number; withProblems: number; possibleDuplicates: number; importedBefore?: number };
export type StoredPreview = { counts: PreviewCounts; columns: PreviewColumn[]; rows: PreviewRow[] };
export type BatchCounts = { created: number; linked: number; skipped: number; alreadyImported: number; errors: number };

export type BatchSummary = {
  id: string;
  createdAt: Date;
  createdBy: string;
  fileName: string;
  fileSha256: string;
  fileSize: number;
  sheet: string;
  state: ImportBatchState;
  rows: number;
  counts: BatchCounts;
};

/** Writes the batch a preview answered, with the file itself, in the preview's transaction. */
export async function createImportBatch(
  tx: Tx,
  user: CurrentUser,
  batch: {
    file: { name: string; bytes: Uint8Array; sha256: string };
    sheet: string;
    columns: PersonColumns;
    /** The person's mapping the preview read with, so the commit maps the file's values the same way. */
    mapping: ImportMapping | null;
    regionIds: string[];
    preview: StoredPreview;
  },
): Promise<string> {
  const created = await tx.importBatch.create({
    data: {
      createdById: user.id,
      fileName: batch.file.name,
      fileSha256: batch.file.sha256,
      fileSize: batch.file.bytes.byteLength,
      fileBytes: new Uint8Array(batch.file.bytes),
      sheet: batch.sheet,
      columns: batch.columns,
      mapping: batch.mapping ?? Prisma.DbNull,
      // The importer's regions when no ready row names one, so the batch is never visible to all.
      regionIds: batch.regionIds.length > 0 ? batch.regionIds : [...user.regionIds],
      preview: batch.preview,
      rows: batch.preview.counts.rows,
    },
    select: { id: true },
  });
  return created.id;
}

/** The batches the user may see, as SQL: none, all, or those whose regions are all the user's. */
function batchScopeSql(user: CurrentUser): Prisma.Sql {
  switch (reachOf(user.role, "audit.read")) {
    case "all":
      return Prisma.sql`TRUE`;
    case "regions":
      if (reachOf(user.role, "import.run") !== "regions") return Prisma.sql`FALSE`;
      return Prisma.sql`b.region_ids <@ ${user.regionIds}::uuid[]`;
    default:
      return Prisma.sql`FALSE`;
  }
}

type BatchRow = {
  id: string;
  created_at: Date;
  created_by: string;
  file_name: string;
  file_sha256: string;
  file_size: number;
  sheet: string;
  state: ImportBatchState;
  rows: number;
  created: number;
  linked: number;
  skipped: number;
  already_imported: number;
  errors: number;
};

const summaryOf = (row: BatchRow): BatchSummary => ({
  id: row.id,
  createdAt: row.created_at,
  createdBy: row.created_by,
  fileName: row.file_name,
  fileSha256: row.file_sha256,
  fileSize: row.file_size,
  sheet: row.sheet,
  state: row.state,
  rows: row.rows,
  counts: { created: row.created, linked: row.linked, skipped: row.skipped, alreadyImported: row.already_imported, errors: row.errors },
});

const SUMMARY_COLUMNS = Prisma.sql`b.id, b.created_at, u.email AS created_by, b.file_name, b.file_sha256, b.file_size, b.sheet, b.state,
  b.rows, b.created, b.linked, b.skipped, b.already_imported, b.errors`;

const BATCHES_LISTED = 100;

/** The latest batches the user may see, newest first. */
export async function listImportBatches(user: CurrentUser): Promise<BatchSummary[]> {
  const rows = await getDb().$queryRaw<BatchRow[]>`
    SELECT ${SUMMARY_COLUMNS} FROM import_batch b JOIN app_user u ON u.id = b.created_by_id
    WHERE ${batchScopeSql(user)} ORDER BY b.created_at DESC, b.id LIMIT ${BATCHES_LISTED}`;
  return rows.map(summaryOf);
}

export type BatchDetail = BatchSummary & {
  preview: StoredPreview;
  decisions: Record<string, RowDecision> | null;
  reason: string | null;
  /** May this user commit or resume it (a supervisor of all its regions); auditors only read. */
  committable: boolean;
  /** Every row committed, the persons sheet's first, then the other sheets' by name, each in row order. */
  results: {
    sheet: string;
    row: number;
    outcome: ImportRowOutcome;
    caseId: string | null;
    caseNumber: string | null;
    error: string | null;
  }[];
};

/** One batch in the user's reach, with what each row became; absent and out of reach look alike. */
export async function getImportBatch(user: CurrentUser, batchId: string): Promise<BatchDetail> {
  const [row] = await getDb().$queryRaw<
    (BatchRow & { preview: StoredPreview; decisions: Record<string, RowDecision> | null; reason: string | null })[]
  >`
    SELECT ${SUMMARY_COLUMNS}, b.preview, b.decisions, b.reason
    FROM import_batch b JOIN app_user u ON u.id = b.created_by_id
    WHERE b.id = ${batchId}::uuid AND ${batchScopeSql(user)}`;
  if (!row) {
    const exists = await getDb().importBatch.findUnique({ where: { id: batchId }, select: { id: true } });
    if (exists) await recordDenial(user, "audit.read", { entityType: "import", entityId: batchId });
    throw notFound();
  }
  const results = await getDb().importRow.findMany({
    where: { batchId },
    orderBy: [{ sheet: "asc" }, { rowNumber: "asc" }],
    select: { sheet: true, rowNumber: true, outcome: true, error: true, person: { select: { id: true, caseNumber: true } } },
  });
  const personsFirst = [...results.filter((r) => r.sheet === row.sheet), ...results.filter((r) => r.sheet !== row.sheet)];
  return {
    ...summaryOf(row),
    preview: row.preview,
    decisions: row.decisions,
    reason: row.reason,
    committable: reachOf(user.role, "import.run") === "regions",
    results: personsFirst.map((r) => ({
      sheet: r.sheet,
      row: r.rowNumber,
      outcome: r.outcome,
      caseId: r.person?.id ?? null,
      caseNumber: r.person?.caseNumber ?? null,
      error: r.error,
    })),
  };
}

export const RESULT_DOWNLOADED = "import.result_downloaded";

/** The result workbook of a batch in the user's reach; its download is recorded, as exports are. */
export async function importResultFile(
  user: CurrentUser,
  batchId: string,
  locale: Locale,
): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }> {
  const batch = await getImportBatch(user, batchId);
  const bytes = await buildResultSheet(locale, batch);
  await getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: RESULT_DOWNLOADED,
      entityType: "import",
      entityId: batch.id,
      context: { fileName: batch.fileName, fileSha256: batch.fileSha256, rows: batch.results.length },
    }),
  );
  return { fileName: `zhusan-import-result-${batch.id.slice(0, 8)}.xlsx`, bytes };
}

/** May the user see any batch at all: the /import page's list. */
export function mayListImportBatches(user: CurrentUser): boolean {
  const reach = reachOf(user.role, "audit.read");
  return reach === "all" || (reach === "regions" && reachOf(user.role, "import.run") === "regions");
}
