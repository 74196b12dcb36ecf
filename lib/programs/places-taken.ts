import "server-only";
import type { Db, Tx } from "../db/client";
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
