import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import { requiredNeedsSql } from "./required-needs-sql";

/**
 * How many needs rows the person_need table and the rule (requiredNeedsSql, over every person)
 * disagree on, counting a row missing on either side or differing in any column. Zero means the
 * triggers kept the table exactly current.
 */
export async function needsDrift(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    WITH rule AS (${requiredNeedsSql([Prisma.sql`TRUE`])}),
         kept AS (SELECT person_id, program_type_code, met, need_since, any_met FROM person_need)
    SELECT count(*) AS n FROM ((TABLE rule EXCEPT TABLE kept) UNION ALL (TABLE kept EXCEPT TABLE rule)) AS differing`;
  return Number(row?.n ?? 0);
}

/** Recomputes every person's needs with the triggers' own function, a thousand persons at a time. */
export async function rebuildNeeds(db: Db): Promise<void> {
  await db.$executeRaw`SELECT refresh_all_person_needs()`;
}
