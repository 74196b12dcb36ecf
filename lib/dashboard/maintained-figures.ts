import "server-only";
import { Prisma } from "../db/generated/client";
import type { Actor } from "../policy/can";
import { caseScopeSql } from "../policy/case-scope-sql";
import { reachOf } from "../policy/permissions";
import { todayOf } from "../calendar/calendar-day";
import { queueCountsSql } from "../review/queue-counts";
import { WAITING_TARGET_SQL } from "../tasks/waiting-target";

/**
 * The dashboard's figures within the viewer's scope, read from what the triggers keep
 * (docs/decisions/025-dashboard-figures-maintained-as-tallies.md): a statement whose rows are
 * (region_id, figure, n). A viewer who sees regions sums their regions' tally rows, a few per
 * figure whatever the registry's size; a caseworker, who sees only their own cases, counts the
 * figures of those cases, as many as their caseload.
 */
export function figureCountsSql(viewer: Actor): Prisma.Sql {
  return reachOf(viewer.role, "dashboard.view") === "own"
    ? Prisma.sql`
      SELECT p.region_id, k AS figure, count(*)::int AS n
      FROM person p JOIN person_figures f ON f.person_id = p.id CROSS JOIN unnest(f.figure_keys) AS k
      WHERE ${caseScopeSql(viewer, "dashboard.view", "p")} GROUP BY 1, 2`
    : Prisma.sql`
      SELECT t.region_id, t.figure, sum(t.n)::int AS n FROM dashboard_tally t
      WHERE ${caseScopeSql(viewer, "dashboard.view", "t")} GROUP BY 1, 2 HAVING sum(t.n) <> 0`;
}

/**
 * The review queue's overdue persons within the viewer's scope, as a statement of one row `n`:
 * those whose oldest open need is older than the target and none of whose needs is met, counted
 * as the queue counts them (queueCountsSql, lib/review/queue-counts.ts), past the waiting target
 * the statement reads itself.
 */
export function overdueCountSql(viewer: Actor, today: Date): Prisma.Sql {
  const day = Prisma.sql`${todayOf(today)}::date`;
  return Prisma.sql`SELECT c.overdue AS n FROM (${queueCountsSql(viewer, "dashboard.view", day, WAITING_TARGET_SQL)}) AS c`;
}

/**
 * percentile_cont over a histogram: the value at fraction `fraction` of the sorted values,
 * interpolated between the two nearest as PostgreSQL does. `histogram` is sorted by value.
 */
export function percentileOf(histogram: readonly { value: number; count: number }[], fraction: number): number | null {
  const total = histogram.reduce((sum, bar) => sum + bar.count, 0);
  if (total === 0) return null;
  const position = fraction * (total - 1);
  const at = (rank: number): number => {
    let seen = 0;
    for (const bar of histogram) {
      seen += bar.count;
      if (rank < seen) return bar.value;
    }
    return histogram[histogram.length - 1]!.value;
  };
  const lower = at(Math.floor(position));
  const upper = at(Math.ceil(position));
  return lower + (position - Math.floor(position)) * (upper - lower);
}
