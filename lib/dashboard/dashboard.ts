import "server-only";
import { getDb, type Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { AgeCategory, CaseStatus, ProsecutionStatus } from "../db/generated/enums";
import type { CurrentUser } from "../auth/current-user";
import { recordDenial } from "../audit/record-denial";
import { notFound } from "../errors/domain-error";
import { registryHref } from "../cases/registry-href";
import { canAtAll } from "../policy/can";
import { caseScopeSql } from "../policy/case-scope-sql";
import { maintainedNeedsSql } from "../programs/maintained-needs-sql";
import { CONVICTED_STATUSES, NEVER_PROSECUTED } from "../prosecution/transitions";
import { queueOverNeeds } from "../review/queue";
import { waitingTargetDays } from "../review/settings";

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
/** The published figures' cut-off: independent returns "by March 2018". */
const INDEPENDENT_BY = "2018-03-31";

/**
 * The viewer's numbers, every one within their scope and each with the list it counts: the
 * registry with the matching filters (the same filters, in registry-filters.ts, select both), or
 * the review queue. Scope comes from the policy, once, as a condition in every query.
 */
export async function getDashboard(user: CurrentUser, options: { db?: Db; today?: Date } = {}): Promise<Dashboard> {
  if (!canAtAll(user, "dashboard.view")) {
    await recordDenial(user, "dashboard.view", { entityType: "dashboard", entityId: null });
    throw notFound();
  }
  const db = options.db ?? getDb();
  const today = options.today ?? new Date();
  const targetDays = await waitingTargetDays(db);
  const scope = caseScopeSql(user, "dashboard.view", "p");
  const convicted = [...CONVICTED_STATUSES];

  const [byAge, byProsecution, byCaseStatus, byRegion, returns, needs, [first], caseload, [published]] = await Promise.all([
    db.$queryRaw<
      { key: AgeCategory; n: bigint }[]
    >`SELECT p.age_category AS key, count(*) AS n FROM person p WHERE ${scope} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<
      { key: ProsecutionStatus; n: bigint }[]
    >`SELECT p.prosecution_status AS key, count(*) AS n FROM person p WHERE ${scope} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<
      { key: CaseStatus; n: bigint }[]
    >`SELECT p.case_status AS key, count(*) AS n FROM person p WHERE ${scope} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ key: string; en: string; ru: string; kk: string; n: bigint }[]>`
      SELECT r.id AS key, r.name_en AS en, r.name_ru AS ru, r.name_kk AS kk, count(*) AS n FROM person p JOIN region r ON r.id = p.region_id WHERE ${scope} GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 2`,
    db.$queryRaw<{ year: number; operation: string; en: string; ru: string; kk: string; n: bigint }[]>`
      SELECT extract(year FROM p.return_date)::int AS year, o.code AS operation, o.name_en AS en, o.name_ru AS ru, o.name_kk AS kk, count(*) AS n
      FROM person p JOIN return_operation o ON o.code = p.return_operation_code WHERE ${scope} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2`,
    // The needs are read once, for the figures by type and for the queue's overdue count.
    db.$queryRaw<{ type: string; en: string; ru: string; kk: string; met: bigint; open: bigint; overdue: bigint }[]>`
      WITH needs AS MATERIALIZED (${maintainedNeedsSql([scope])}), queued AS (${queueOverNeeds(Prisma.sql`needs`, { today, targetDays })})
      SELECT t.code AS type, t.label_en AS en, t.label_ru AS ru, t.label_kk AS kk,
             count(*) FILTER (WHERE needs.met) AS met, count(*) FILTER (WHERE NOT needs.met) AS open,
             (SELECT count(*) FROM queued WHERE overdue) AS overdue
      FROM needs JOIN program_type t ON t.code = needs.program_type_code
      GROUP BY 1, 2, 3, 4, t.sort_order ORDER BY t.sort_order`,
    db.$queryRaw<{ median: number | null; p90: number | null; people: bigint }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90, count(*) AS people
      FROM (SELECT min(e.referred_on) - p.return_date AS days FROM person p JOIN enrollment e ON e.person_id = p.id WHERE ${scope} GROUP BY p.id, p.return_date) AS firsts`,
    db.$queryRaw<{ id: string; name: string; n: bigint }[]>`
      SELECT u.id, u.name, count(*) AS n FROM person p JOIN app_user u ON u.id = p.caseworker_id WHERE ${scope} AND p.case_status = 'OPEN' GROUP BY 1, 2 ORDER BY 3 DESC, 2`,
    db.$queryRaw<
      { independent: bigint; independent_convicted: bigint; men: bigint; men_prosecuted: bigint; women: bigint; children: bigint }[]
    >`
      SELECT count(*) FILTER (WHERE p.return_operation_code = 'INDEPENDENT' AND p.return_date <= ${INDEPENDENT_BY}::date) AS independent,
             count(*) FILTER (WHERE p.return_operation_code = 'INDEPENDENT' AND p.return_date <= ${INDEPENDENT_BY}::date AND p.prosecution_status::text = ANY(${convicted}::text[])) AS independent_convicted,
             count(*) FILTER (WHERE p.return_operation_code LIKE 'ZHUSAN\\_%' AND p.age_category = 'ADULT_MAN') AS men,
             count(*) FILTER (WHERE p.return_operation_code LIKE 'ZHUSAN\\_%' AND p.age_category = 'ADULT_MAN' AND p.prosecution_status::text <> ALL(${[...NEVER_PROSECUTED]}::text[])) AS men_prosecuted,
             count(*) FILTER (WHERE p.return_operation_code LIKE 'ZHUSAN\\_%' AND p.age_category = 'ADULT_WOMAN') AS women,
             count(*) FILTER (WHERE p.return_operation_code LIKE 'ZHUSAN\\_%' AND p.age_category = 'MINOR') AS children
      FROM person p WHERE ${scope}`,
  ]);
  const zhusan = (
    await db.returnOperation.findMany({ where: { code: { startsWith: "ZHUSAN_" } }, orderBy: { code: "asc" }, select: { code: true } })
  )
    .map((o) => o.code)
    .join(",");

  return {
    byAge: byAge.map((r) => ({ key: r.key, count: count(r.n, { age: r.key }) })),
    byProsecution: byProsecution.map((r) => ({ key: r.key, count: count(r.n, { prosecution: r.key }) })),
    byCaseStatus: byCaseStatus.map((r) => ({ key: r.key, count: count(r.n, { status: r.key }) })),
    byRegion: byRegion.map((r) => ({ key: r.key, label: { en: r.en, ru: r.ru, kk: r.kk }, count: count(r.n, { region: r.key }) })),
    returns: returns.map((r) => ({
      year: r.year,
      operation: r.operation,
      label: { en: r.en, ru: r.ru, kk: r.kk },
      count: count(r.n, { operation: r.operation, returnedFrom: `${r.year}-01-01`, returnedTo: `${r.year}-12-31` }),
    })),
    needs: needs.map((r) => ({
      type: r.type,
      label: { en: r.en, ru: r.ru, kk: r.kk },
      met: count(r.met, { need: `${r.type}:met` }),
      open: count(r.open, { need: `${r.type}:open` }),
    })),
    firstEnrollment: { medianDays: first?.median ?? null, p90Days: first?.p90 ?? null, people: Number(first?.people ?? 0) },
    caseload: caseload.map((r) => ({ caseworkerId: r.id, name: r.name, count: count(r.n, { caseworker: r.id, status: "OPEN" }) })),
    overdue: { value: Number(needs[0]?.overdue ?? 0), href: "/review?overdue=1" },
    published: {
      independentBy2018: count(published?.independent ?? 0, { operation: "INDEPENDENT", returnedTo: INDEPENDENT_BY }),
      independentBy2018Convicted: count(published?.independent_convicted ?? 0, {
        operation: "INDEPENDENT",
        returnedTo: INDEPENDENT_BY,
        convicted: "yes",
      }),
      zhusanMen: count(published?.men ?? 0, { operation: zhusan, age: "ADULT_MAN" }),
      zhusanMenProsecuted: count(published?.men_prosecuted ?? 0, { operation: zhusan, age: "ADULT_MAN", prosecuted: "yes" }),
      zhusanWomen: count(published?.women ?? 0, { operation: zhusan, age: "ADULT_WOMAN" }),
      zhusanChildren: count(published?.children ?? 0, { operation: zhusan, age: "MINOR" }),
    },
  };
}
