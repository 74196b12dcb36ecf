import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";

export type FiguresDrift = { persons: number; tallies: number };

/**
 * How far the maintained figures are from a recomputation: person_figures rows differing from
 * compute_person_figures over every person (missing on either side counts), and (region, figure)
 * sums of the tally differing from the figures of person_figures. Both zero means the triggers
 * kept the dashboard exactly current. `regionIds` narrows both to those regions' persons.
 */
export async function figuresDrift(db: Db, regionIds?: readonly string[]): Promise<FiguresDrift> {
  const inRegions = regionIds ? Prisma.sql`region_id = ANY(${[...regionIds]}::uuid[])` : Prisma.sql`TRUE`;
  const [row] = await db.$queryRaw<{ persons: number; tallies: number }[]>`
    WITH fresh AS (SELECT * FROM compute_person_figures(ARRAY(SELECT id FROM person WHERE ${inRegions}))),
         kept AS (SELECT person_id, region_id, figure_keys, waiting_since, caseworker_id, age_category, queued_since, missing_types FROM person_figures WHERE ${inRegions}),
         summed AS (SELECT region_id, figure, sum(n)::int AS n FROM dashboard_tally WHERE ${inRegions} GROUP BY 1, 2 HAVING sum(n) <> 0),
         counted AS (SELECT region_id, k AS figure, count(*)::int AS n FROM person_figures CROSS JOIN unnest(figure_keys) AS k WHERE ${inRegions} GROUP BY 1, 2)
    SELECT (SELECT count(*)::int FROM ((TABLE fresh EXCEPT TABLE kept) UNION ALL (TABLE kept EXCEPT TABLE fresh)) AS d) AS persons,
           (SELECT count(*)::int FROM ((TABLE summed EXCEPT TABLE counted) UNION ALL (TABLE counted EXCEPT TABLE summed)) AS d) AS tallies`;
  return { persons: row?.persons ?? 0, tallies: row?.tallies ?? 0 };
}

/** Every person's figures and the tally from scratch, with the triggers' own function. */
export async function rebuildFigures(db: Db): Promise<void> {
  await db.$executeRaw`SELECT rebuild_dashboard_figures()`;
}
