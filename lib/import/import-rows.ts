import "server-only";
import type { Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { ImportRowOutcome } from "../db/generated/enums";
import type { BatchCounts } from "./import-batches";

/**
 * The `import_row` marks every committed row leaves (docs/decisions/023): one per sheet and row of
 * a batch, written in the row's own transaction, so a row is either wholly written and marked or
 * not at all. The persons sheet and the other three sheets mark their rows alike.
 */
export type RowMark = { outcome: ImportRowOutcome; personId?: string | null; error?: string };
export type MarkedBatch = { id: string; fileSha256: string };

export async function markImportRow(tx: Tx, batch: MarkedBatch, sheet: string, row: number, mark: RowMark): Promise<void> {
  await tx.importRow.create({
    data: {
      batchId: batch.id,
      fileSha256: batch.fileSha256,
      sheet,
      rowNumber: row,
      outcome: mark.outcome,
      personId: mark.personId ?? null,
      error: mark.error ?? null,
    },
  });
}

/** Another commit of this batch or of the same file wrote the row first. */
export const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** What a batch's rows of one sheet became. */
export async function countOutcomes(tx: Tx, batchId: string, sheet: string): Promise<BatchCounts> {
  const groups = await tx.importRow.groupBy({ by: ["outcome"], where: { batchId, sheet }, _count: { _all: true } });
  const of = (outcome: ImportRowOutcome) => groups.find((g) => g.outcome === outcome)?._count._all ?? 0;
  return {
    created: of("CREATED"),
    linked: of("LINKED"),
    skipped: of("SKIPPED"),
    alreadyImported: of("ALREADY_IMPORTED"),
    errors: of("ERROR"),
  };
}
