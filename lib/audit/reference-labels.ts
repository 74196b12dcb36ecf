import "server-only";
import { Prisma } from "../db/generated/client";
import { queryRows, type AnyTx } from "../db/sql";

type Names = { nameEn: string; nameRu: string; nameKk: string };
type LabelTexts = { labelEn: string; labelRu: string; labelKk: string };

/** The names of the reference tables' rows, as a page shows them beside codes and ids. */
export type ReferenceLabels = {
  regions: ({ id: string; code: string } & Names)[];
  /** In code order. */
  operations: ({ code: string } & Names)[];
  /** In the order the program types are listed everywhere. */
  programTypes: ({ code: string } & LabelTexts)[];
  reasons: ({ id: string } & LabelTexts)[];
  /** Every account's name: a few hundred at most. */
  users: { id: string; name: string }[];
};

/**
 * The reference labels as five columns of one row, for a statement to select beside its own
 * columns: every table in one round trip, where one read each cost a round trip and the ORM's
 * work per statement on pages whose other reads take well under a millisecond.
 */
export const REFERENCE_LABELS_SQL = Prisma.sql`
  (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'nameEn', name_en, 'nameRu', name_ru, 'nameKk', name_kk)), '[]')
     FROM region) AS regions,
  (SELECT coalesce(json_agg(json_build_object('code', code, 'nameEn', name_en, 'nameRu', name_ru, 'nameKk', name_kk) ORDER BY code), '[]')
     FROM return_operation) AS operations,
  (SELECT coalesce(json_agg(json_build_object('code', code, 'labelEn', label_en, 'labelRu', label_ru, 'labelKk', label_kk) ORDER BY sort_order, code), '[]')
     FROM program_type) AS "programTypes",
  (SELECT coalesce(json_agg(json_build_object('id', id, 'labelEn', label_en, 'labelRu', label_ru, 'labelKk', label_kk)), '[]')
     FROM reason) AS reasons,
  (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name)), '[]') FROM app_user) AS users`;

/** The reference labels, in one statement. */
export async function referenceLabels(db?: AnyTx): Promise<ReferenceLabels> {
  const [row] = await queryRows<ReferenceLabels>(Prisma.sql`SELECT ${REFERENCE_LABELS_SQL}`, db);
  // Scalar subqueries only: the statement always gives one row.
  return row!;
}
