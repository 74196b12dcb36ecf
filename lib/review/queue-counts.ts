import "server-only";
import { Prisma } from "../db/generated/client";
import type { Actor } from "../policy/can";
import type { Action } from "../policy/permissions";
import { reachOf } from "../policy/permissions";
import { caseScopeSql } from "../policy/case-scope-sql";

/**
 * The review queue's two counts, persons in the queue (`listed`) and overdue persons (`overdue`),
 * within a viewer's scope, as one row. Over the regions a viewer sees, from the tallies the
 * triggers keep (docs/decisions/031): the sum of the "queue:listed" rows, and the sum of the
 * "queue:waiting" rows less those who started waiting within the target (read through the index on
 * the waiting date), so the time does not grow with the registry. A viewer who sees only their own
 * cases has them counted from their rows, as many as their caseload. `targetDays` is an `int`
 * expression: WAITING_TARGET_SQL, or a number bound as one.
 */
export function queueCountsSql(
  viewer: Actor,
  permission: Action,
  day: Prisma.Sql,
  targetDays: Prisma.Sql,
  regionId: string | null = null,
): Prisma.Sql {
  const inRegion = (alias: string) => (regionId ? Prisma.sql`${Prisma.raw(alias)}.region_id = ${regionId}::uuid` : Prisma.sql`TRUE`);
  if (reachOf(viewer.role, permission) === "own")
    return Prisma.sql`
      SELECT count(*) FILTER (WHERE f.queued_since IS NOT NULL)::int AS listed,
             count(*) FILTER (WHERE f.waiting_since < ${day} - ${targetDays})::int AS overdue
      FROM person_figures f WHERE ${caseScopeSql(viewer, permission, "f")} AND ${inRegion("f")}`;
  return Prisma.sql`
    SELECT coalesce(sum(t.n) FILTER (WHERE t.figure = 'queue:listed'), 0)::int AS listed,
           coalesce(sum(t.n) FILTER (WHERE t.figure = 'queue:waiting'), 0)::int
             - (SELECT count(*)::int FROM person_figures f
                WHERE ${caseScopeSql(viewer, permission, "f")} AND ${inRegion("f")} AND f.waiting_since >= ${day} - ${targetDays}) AS overdue
    FROM dashboard_tally t
    WHERE ${caseScopeSql(viewer, permission, "t")} AND ${inRegion("t")} AND t.figure IN ('queue:listed', 'queue:waiting')`;
}
