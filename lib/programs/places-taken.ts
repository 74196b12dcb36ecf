import "server-only";
import type { Db, Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { PLACE_TAKING_STATUSES } from "../lifecycles/enrollment";

/**
 * The places each of these programs has taken, counted per program through the index on program
 * and status. The ORM's relation count grouped every enrollment of every program before keeping
 * the ones asked for, so a page listing a region's programs took longer as the registry grew.
 */
export async function placesTaken(db: Db | Tx, programIds: string[]): Promise<Map<string, number>> {
  const taken = await db.enrollment.groupBy({
    by: ["programId"],
    where: { programId: { in: programIds }, status: { in: PLACE_TAKING_STATUSES } },
    _count: { _all: true },
  });
  return new Map(taken.map((t) => [t.programId, t._count._all]));
}

/**
 * The same count as an `int` expression, for a statement that lists programs with their places
 * (`programId`: the listed program's id column), counted through the same index.
 */
export function placesTakenSql(programId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT count(*)::int FROM enrollment e
    WHERE e.program_id = ${programId} AND e.status = ANY(${PLACE_TAKING_STATUSES}::"EnrollmentStatus"[]))`;
}
