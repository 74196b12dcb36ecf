import "server-only";
import { getDb, type Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { AgeCategory, ProsecutionStatus } from "../db/generated/enums";
import type { CurrentUser } from "../auth/current-user";
import { recordDenial } from "../audit/record-denial";
import { notFound } from "../errors/domain-error";
import { canAtAll } from "../policy/can";
import { caseScopeSql } from "../policy/case-scope-sql";
import { maintainedNeedsSql } from "../programs/maintained-needs-sql";
import type { ReviewQuery } from "../validation/review";
import { waitingTargetDays } from "./settings";

export const REVIEW_PAGE_SIZE = 50;

export type QueueRow = {
  id: string;
  version: number;
  caseNumber: string;
  name: string;
  ageCategory: AgeCategory;
  age: number;
  regionId: string;
  prosecutionStatus: ProsecutionStatus;
  missingTypes: string[];
  daysSinceReturn: number;
  daysWaiting: number;
  overdue: boolean;
  caseworkerId: string | null;
  caseworkerName: string | null;
};

export type QueuePage = { rows: QueueRow[]; total: number; overdue: number; nextCursor: string | null; targetDays: number };

/**
 * docs/domain.md's "Needs a program", in one query over the needs the person_need table keeps
 * current (lib/programs/maintained-needs-sql, by the rule of lib/programs/required-needs-sql):
 * the persons with at least one required type that no referred, enrolled or completed enrollment
 * meets. A type's need arose at return, or when its last enrollment was declined, withdrawn or
 * dropped; the person waits since the earliest of their missing types. Overdue: waiting longer
 * than the target with no enrollment at all.
 */
function queueSql(user: CurrentUser, query: ReviewQuery, today: Date, targetDays: number): Prisma.Sql {
  const conditions: Prisma.Sql[] = [caseScopeSql(user, "review.view", "p")];
  if (query.region) conditions.push(Prisma.sql`p.region_id = ${query.region}::uuid`);
  if (query.age) conditions.push(Prisma.sql`p.age_category = ${query.age}::"AgeCategory"`);
  if (query.caseworker) conditions.push(Prisma.sql`p.caseworker_id = ${query.caseworker}::uuid`);
  return queueOverNeeds(Prisma.sql`(${maintainedNeedsSql(conditions)})`, { type: query.type, today, targetDays });
}

/**
 * The queue's rows (id, missing_types, need_since, days_waiting, overdue) from a relation of
 * needs as maintained-needs-sql gives them. The dashboard's overdue count is the same rule over
 * each person's waiting date (compute_person_figures, docs/decisions/025).
 */
export function queueOverNeeds(needs: Prisma.Sql, options: { type?: string; today: Date; targetDays: number }): Prisma.Sql {
  const day = Prisma.sql`${options.today.toISOString().slice(0, 10)}::date`;
  return Prisma.sql`
    SELECT q.id, q.missing_types, q.need_since, (${day} - q.need_since) AS days_waiting,
           ((${day} - q.need_since) > ${options.targetDays} AND NOT q.any_met) AS overdue
    FROM (
      SELECT n.person_id AS id, array_agg(n.program_type_code ORDER BY n.program_type_code) AS missing_types,
             min(n.need_since) AS need_since, bool_or(n.any_met) AS any_met
      FROM ${needs} AS n
      WHERE NOT n.met
      GROUP BY n.person_id
    ) AS q
    WHERE ${options.type ? Prisma.sql`${options.type} = ANY(q.missing_types)` : Prisma.sql`TRUE`}`;
}

type Cursor = { needSince: string; id: string };

function decodeCursor(cursor: string | undefined): Cursor | null {
  const match = /^(\d{4}-\d{2}-\d{2})_([0-9a-f-]{36})$/.exec(cursor ?? "");
  return match ? { needSince: match[1]!, id: match[2]! } : null;
}

type PageRow = {
  total: bigint;
  overdue_total: bigint;
  id: string | null;
  missing_types: string[];
  need_since: Date;
  days_waiting: number;
  overdue: boolean;
};

/** The queue as the user may see it, longest waiting first, a page at a time. */
export async function reviewQueue(user: CurrentUser, query: ReviewQuery, today = new Date(), db: Db = getDb()): Promise<QueuePage> {
  if (!canAtAll(user, "review.view")) {
    await recordDenial(user, "review.view", { entityType: "review_queue", entityId: null });
    throw notFound();
  }
  const targetDays = await waitingTargetDays(db);
  const base = queueSql(user, query, today, targetDays);
  const cursor = decodeCursor(query.cursor);
  // The queue is computed once for both its counts and the page: the counts' row always comes
  // back, with the page's rows beside it, or with nulls when the page is empty.
  const result = await db.$queryRaw<PageRow[]>`
    WITH queued AS MATERIALIZED (${base}),
         counts AS (SELECT count(*) FILTER (WHERE ${query.overdue ? Prisma.sql`overdue` : Prisma.sql`TRUE`}) AS total, count(*) FILTER (WHERE overdue) AS overdue FROM queued)
    SELECT counts.total, counts.overdue AS overdue_total, page.*
    FROM counts LEFT JOIN LATERAL (
      SELECT * FROM queued
      WHERE ${query.overdue ? Prisma.sql`overdue` : Prisma.sql`TRUE`}
        AND ${cursor ? Prisma.sql`(need_since, id) > (${cursor.needSince}::date, ${cursor.id}::uuid)` : Prisma.sql`TRUE`}
      ORDER BY need_since, id
      LIMIT ${REVIEW_PAGE_SIZE + 1}
    ) AS page ON TRUE
    ORDER BY page.need_since, page.id`;
  const counts = { total: Number(result[0]?.total ?? 0), overdue: Number(result[0]?.overdue_total ?? 0) };
  const rows = result.filter((row): row is PageRow & { id: string } => row.id !== null);
  const page = rows.slice(0, REVIEW_PAGE_SIZE);
  const persons = await db.person.findMany({
    where: { id: { in: page.map((r) => r.id) } },
    select: {
      id: true,
      version: true,
      caseNumber: true,
      familyName: true,
      givenName: true,
      patronymic: true,
      ageCategory: true,
      birthDate: true,
      regionId: true,
      prosecutionStatus: true,
      returnDate: true,
      caseworkerId: true,
      caseworker: { select: { name: true } },
    },
  });
  const byId = new Map(persons.map((p) => [p.id, p]));
  const last = page[page.length - 1];
  return {
    rows: page.flatMap((row) => {
      const p = byId.get(row.id);
      if (!p) return [];
      return [
        {
          id: p.id,
          version: p.version,
          caseNumber: p.caseNumber,
          name: [p.familyName, p.givenName, p.patronymic].filter(Boolean).join(" "),
          ageCategory: p.ageCategory,
          age: fullYears(p.birthDate, today),
          regionId: p.regionId,
          prosecutionStatus: p.prosecutionStatus,
          missingTypes: row.missing_types,
          daysSinceReturn: Math.floor((today.getTime() - p.returnDate.getTime()) / 86_400_000),
          daysWaiting: Number(row.days_waiting),
          overdue: row.overdue,
          caseworkerId: p.caseworkerId,
          caseworkerName: p.caseworker?.name ?? null,
        },
      ];
    }),
    total: counts.total,
    overdue: counts.overdue,
    nextCursor: rows.length > REVIEW_PAGE_SIZE && last ? `${last.need_since.toISOString().slice(0, 10)}_${last.id}` : null,
    targetDays,
  };
}

function fullYears(birth: Date, today: Date): number {
  const years = today.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < birth.getUTCMonth() || (today.getUTCMonth() === birth.getUTCMonth() && today.getUTCDate() < birth.getUTCDate());
  return years - (beforeBirthday ? 1 : 0);
}
