import { Prisma } from "../db/generated/client";

/**
 * The needs of requiredNeedsSql, read from the person_need table that triggers keep current
 * (docs/decisions/019): the same columns (person_id, program_type_code, met, need_since, any_met)
 * for the persons `conditions` select (alias `p`), without recomputing anyone's enrollments.
 */
export function maintainedNeedsSql(conditions: Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`
    SELECT n.person_id, n.program_type_code, n.met, n.need_since, n.any_met
    FROM person_need n JOIN person p ON p.id = n.person_id
    WHERE ${Prisma.join(conditions, " AND ")}`;
}
