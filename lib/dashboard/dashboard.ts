import "server-only";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { queryRows } from "../db/sql";
import { AgeCategory, CaseStatus, ProsecutionStatus } from "../db/generated/enums";
import type { CurrentUser } from "../auth/current-user";
import { recordDenial } from "../audit/record-denial";
import { notFound } from "../errors/domain-error";
import { registryHref } from "../cases/registry-href";
import { canAtAll } from "../policy/can";
import { figureCountsSql, overdueCountSql, percentileOf } from "./maintained-figures";
import { REFERENCE_LABELS_SQL, type ReferenceLabels } from "../audit/reference-labels";

type Labels = { en: string; ru: string; kk: string };
/** A count and the registry or queue address that lists exactly the cases it counts. */
export type Count = { value: number; href: string };

export type Dashboard = {
  byAge: { key: AgeCategory; count: Count }[];
  byProsecution: { key: ProsecutionStatus; count: Count }[];
  byCaseStatus: { key: CaseStatus; count: Count }[];
  byRegion: { key: string; label: Labels; count: Count }[];
  returns: { year: number; operation: string; label: Labels; count: Count }[];
  needs: { type: string; label: Labels; met: Count; open: Count }[];
  firstEnrollment: { medianDays: number | null; p90Days: number | null; people: number };
  caseload: { caseworkerId: string; name: string; count: Count }[];
  overdue: Count;
  published: {
    independentBy2018: Count;
    independentBy2018Convicted: Count;
    zhusanMen: Count;
    zhusanMenProsecuted: Count;
    zhusanWomen: Count;
    zhusanChildren: Count;
  };
};

const count = (value: bigint | number, filters: Record<string, string>): Count => ({ value: Number(value), href: registryHref(filters) });
/** The published figures' cut-off: independent returns "by March 2018" (also in compute_person_figures). */
const INDEPENDENT_BY = "2018-03-31";

/** The viewer's figure counts by kind of figure, keeping each kind's keys ("age:MINOR" under "age"). */
function byFigure(counts: readonly [string, number][]): Map<string, Map<string, number>> {
  const figures = new Map<string, Map<string, number>>();
  for (const [figure, n] of counts) {
    const colon = figure.indexOf(":");
    const [kind, key] = [figure.slice(0, colon), figure.slice(colon + 1)];
    const keys = figures.get(kind) ?? figures.set(kind, new Map()).get(kind)!;
    keys.set(key, (keys.get(key) ?? 0) + n);
  }
  return figures;
}

/** The counts of one kind of figure in the order of its enumeration, leaving out those at zero. */
function inOrder<K extends string>(order: Record<string, K>, counts: Map<string, number> | undefined): [K, number][] {
  return Object.values(order).flatMap((key): [K, number][] => (counts?.get(key) ? [[key, counts.get(key)!]] : []));
}

type DashboardRows = ReferenceLabels & {
  /** Each figure's count over the viewer's regions: [figure, n]. */
  counts: [string, number][];
  /** The cases of each of the viewer's regions, the sum of its age figures: [regionId, n]. */
  perRegion: [string, number][];
  overdue: number;
};

/**
 * The figures, the queue's overdue count (past the waiting target, read in the same statement)
 * and the labels they are shown with, in one statement:
 * on a page whose every read takes well under a millisecond, each round trip was much of its time.
 */
async function dashboardRows(user: CurrentUser, today: Date, db?: Db): Promise<DashboardRows> {
  // Summed over the regions here: only the count of cases is shown per region, and a viewer of
  // every region has a row per region and figure, hundreds, which cost more to send as JSON than
  // to sum. Arrays, not objects, which cost PostgreSQL more to build.
  const [row] = await queryRows<DashboardRows>(
    Prisma.sql`WITH c AS (${figureCountsSql(user)})
    SELECT
      (SELECT coalesce(json_agg(json_build_array(f.figure, f.n)), '[]')
         FROM (SELECT c.figure, sum(c.n)::int AS n FROM c GROUP BY c.figure HAVING sum(c.n) <> 0) AS f) AS counts,
      (SELECT coalesce(json_agg(json_build_array(r.region_id, r.n)), '[]')
         FROM (SELECT c.region_id, sum(c.n)::int AS n FROM c WHERE c.figure LIKE 'age:%' GROUP BY c.region_id HAVING sum(c.n) <> 0) AS r) AS "perRegion",
      coalesce((SELECT c.n FROM (${overdueCountSql(user, today)}) AS c), 0) AS overdue,
      ${REFERENCE_LABELS_SQL}`,
    db,
  );
  // Scalar subqueries only: the statement always gives one row.
  return row!;
}

/**
 * The viewer's numbers, every one within their scope and each with the list it counts: the
 * registry with the matching filters (the same filters, in registry-filters.ts, select both), or
 * the review queue. The counts come from the figures the triggers keep
 * (lib/dashboard/maintained-figures.ts), scoped by the policy there; nothing here scans the registry.
 */
export async function getDashboard(user: CurrentUser, options: { db?: Db; today?: Date } = {}): Promise<Dashboard> {
  if (!canAtAll(user, "dashboard.view")) {
    await recordDenial(user, "dashboard.view", { entityType: "dashboard", entityId: null });
    throw notFound();
  }
  // Read on the driver (docs/decisions/033), on the pool unless a database is given.
  const { db } = options;
  const today = options.today ?? new Date();
  const { counts, perRegion, overdue, regions, operations, programTypes, users } = await dashboardRows(user, today, db);
  const figures = byFigure(counts);
  const figure = (kind: string, key: string): number => figures.get(kind)?.get(key) ?? 0;

  const regionLabels = new Map(regions.map((r) => [r.id, { en: r.nameEn, ru: r.nameRu, kk: r.nameKk }]));
  const byRegion = perRegion
    .map(([key, n]) => ({ key, label: regionLabels.get(key)!, n }))
    .sort((a, b) => b.n - a.n || (a.label.en < b.label.en ? -1 : a.label.en > b.label.en ? 1 : 0));

  const returns = operations.flatMap((o) =>
    [...(figures.get("return") ?? [])]
      .filter(([key]) => key.slice(key.indexOf(":") + 1) === o.code)
      .map(([key, n]) => ({
        year: Number(key.slice(0, key.indexOf(":"))),
        operation: o.code,
        label: { en: o.nameEn, ru: o.nameRu, kk: o.nameKk },
        n,
      })),
  );
  returns.sort((a, b) => a.year - b.year || (a.operation < b.operation ? -1 : 1));

  const needs = programTypes.flatMap((t) => {
    const met = figure("needMet", t.code);
    const open = figure("needOpen", t.code);
    return met || open ? [{ type: t.code, label: { en: t.labelEn, ru: t.labelRu, kk: t.labelKk }, met, open }] : [];
  });

  const firstDays = [...(figures.get("firstDays") ?? [])]
    .map(([key, n]) => ({ value: Number(key), count: n }))
    .sort((a, b) => a.value - b.value);

  const caseloadCounts = [...(figures.get("caseload") ?? [])];
  const names = new Map(users.map((u) => [u.id, u.name]));
  const caseload = caseloadCounts
    .map(([id, n]) => ({ id, name: names.get(id) ?? "", n }))
    .sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const zhusan = operations
    .map((o) => o.code)
    .filter((code) => code.startsWith("ZHUSAN_"))
    .join(",");
  const published = (key: string) => figure("published", key);

  return {
    byAge: inOrder(AgeCategory, figures.get("age")).map(([key, n]) => ({ key, count: count(n, { age: key }) })),
    byProsecution: inOrder(ProsecutionStatus, figures.get("prosecution")).map(([key, n]) => ({
      key,
      count: count(n, { prosecution: key }),
    })),
    byCaseStatus: inOrder(CaseStatus, figures.get("caseStatus")).map(([key, n]) => ({ key, count: count(n, { status: key }) })),
    byRegion: byRegion.map((r) => ({ key: r.key, label: r.label, count: count(r.n, { region: r.key }) })),
    returns: returns.map((r) => ({
      year: r.year,
      operation: r.operation,
      label: r.label,
      count: count(r.n, { operation: r.operation, returnedFrom: `${r.year}-01-01`, returnedTo: `${r.year}-12-31` }),
    })),
    needs: needs.map((r) => ({
      type: r.type,
      label: r.label,
      met: count(r.met, { need: `${r.type}:met` }),
      open: count(r.open, { need: `${r.type}:open` }),
    })),
    firstEnrollment: {
      medianDays: percentileOf(firstDays, 0.5),
      p90Days: percentileOf(firstDays, 0.9),
      people: firstDays.reduce((sum, bar) => sum + bar.count, 0),
    },
    caseload: caseload.map((r) => ({ caseworkerId: r.id, name: r.name, count: count(r.n, { caseworker: r.id, status: "OPEN" }) })),
    overdue: { value: overdue, href: "/review?overdue=1" },
    published: {
      independentBy2018: count(published("independentBy2018"), { operation: "INDEPENDENT", returnedTo: INDEPENDENT_BY }),
      independentBy2018Convicted: count(published("independentBy2018Convicted"), {
        operation: "INDEPENDENT",
        returnedTo: INDEPENDENT_BY,
        convicted: "yes",
      }),
      zhusanMen: count(published("zhusanMen"), { operation: zhusan, age: "ADULT_MAN" }),
      zhusanMenProsecuted: count(published("zhusanMenProsecuted"), { operation: zhusan, age: "ADULT_MAN", prosecuted: "yes" }),
      zhusanWomen: count(published("zhusanWomen"), { operation: zhusan, age: "ADULT_WOMAN" }),
      zhusanChildren: count(published("zhusanChildren"), { operation: zhusan, age: "MINOR" }),
    },
  };
}
