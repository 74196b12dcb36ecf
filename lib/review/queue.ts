import "server-only";
import { getDb, type Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { AgeCategory, ProsecutionStatus } from "../db/generated/enums";
import type { CurrentUser } from "../auth/current-user";
import { recordDenial } from "../audit/record-denial";
import { notFound } from "../cases/errors";
import { canAtAll } from "../policy/can";
import { caseScopeSql } from "../policy/case-scope-sql";
import { MEETS_NEED } from "../programs/meets-need";
import { CONVICTED_STATUSES } from "../prosecution/transitions";
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
 * DOMAIN.md's "Needs a program", in one query: open cases of persons not convicted with at
 * least one required program type (by age category, less those marked not required) that no
 * referred, enrolled or completed enrollment meets. A type's need arose at return, or when its
 * last enrollment was declined, withdrawn or dropped; the person waits since the earliest of
 * their missing types. Overdue: waiting longer than the target with no enrollment at all.
 */
function queueSql(user: CurrentUser, query: ReviewQuery, today: Date, targetDays: number): Prisma.Sql {
  const filters: Prisma.Sql[] = [caseScopeSql(user, "review.view", "p")];
  if (query.region) filters.push(Prisma.sql`p.region_id = ${query.region}::uuid`);
  if (query.age) filters.push(Prisma.sql`p.age_category = ${query.age}::"AgeCategory"`);
  if (query.caseworker) filters.push(Prisma.sql`p.caseworker_id = ${query.caseworker}::uuid`);
  const day = Prisma.sql`${today.toISOString().slice(0, 10)}::date`;
  return Prisma.sql`
    WITH candidates AS (
      SELECT p.id, p.return_date, p.age_category
      FROM person p
      WHERE p.case_status = 'OPEN' AND p.prosecution_status::text <> ALL(${[...CONVICTED_STATUSES]}::text[]) AND ${Prisma.join(filters, " AND ")}
    ), missing AS (
      SELECT c.id, r.program_type_code,
             GREATEST(c.return_date, (SELECT max(e.ended_on) FROM enrollment e JOIN program pr ON pr.id = e.program_id
                                      WHERE e.person_id = c.id AND pr.program_type_code = r.program_type_code AND e.ended_on IS NOT NULL)) AS need_since
      FROM candidates c
      JOIN program_requirement r ON r.age_category = c.age_category
      WHERE NOT EXISTS (SELECT 1 FROM program_need n WHERE n.person_id = c.id AND n.program_type_code = r.program_type_code AND n.state = 'NOT_REQUIRED')
        AND NOT EXISTS (SELECT 1 FROM enrollment e JOIN program pr ON pr.id = e.program_id
                        WHERE e.person_id = c.id AND pr.program_type_code = r.program_type_code AND e.status::text = ANY(${[...MEETS_NEED]}::text[]))
    ), queue AS (
      SELECT m.id, array_agg(m.program_type_code ORDER BY m.program_type_code) AS missing_types, min(m.need_since) AS need_since
      FROM missing m GROUP BY m.id
    )
    SELECT q.id, q.missing_types, q.need_since,
           (${day} - q.need_since) AS days_waiting,
           ((${day} - q.need_since) > ${targetDays}
             AND NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.person_id = q.id AND e.status::text = ANY(${[...MEETS_NEED]}::text[]))) AS overdue
    FROM queue q
    WHERE ${query.type ? Prisma.sql`${query.type} = ANY(q.missing_types)` : Prisma.sql`TRUE`}`;
}

type Cursor = { needSince: string; id: string };

function decodeCursor(cursor: string | undefined): Cursor | null {
  const match = /^(\d{4}-\d{2}-\d{2})_([0-9a-f-]{36})$/.exec(cursor ?? "");
  return match ? { needSince: match[1]!, id: match[2]! } : null;
}

/** The queue's query for this user, after the policy has let them see a queue at all. */
async function authorizedQueue(user: CurrentUser, query: ReviewQuery, today: Date, db: Db): Promise<{ base: Prisma.Sql; targetDays: number }> {
  if (!canAtAll(user, "review.view")) {
    await recordDenial(user, "review.view", { entityType: "review_queue", entityId: null });
    throw notFound();
  }
  const targetDays = await waitingTargetDays(db);
  return { base: queueSql(user, query, today, targetDays), targetDays };
}

async function countsOf(db: Db, base: Prisma.Sql, overdueOnly: boolean): Promise<{ total: number; overdue: number }> {
  const [counts] = await db.$queryRaw<{ total: bigint; overdue: bigint }[]>`
    SELECT count(*) FILTER (WHERE ${overdueOnly ? Prisma.sql`overdue` : Prisma.sql`TRUE`}) AS total, count(*) FILTER (WHERE overdue) AS overdue FROM (${base}) AS queued`;
  return { total: Number(counts?.total ?? 0), overdue: Number(counts?.overdue ?? 0) };
}

/** How many wait, and how many of them are overdue, without reading any row: for the dashboard. */
export async function reviewQueueCounts(user: CurrentUser, query: ReviewQuery, today = new Date(), db: Db = getDb()): Promise<{ total: number; overdue: number }> {
  const { base } = await authorizedQueue(user, query, today, db);
  return countsOf(db, base, query.overdue);
}

/** The queue as the user may see it, longest waiting first, a page at a time. */
export async function reviewQueue(user: CurrentUser, query: ReviewQuery, today = new Date(), db: Db = getDb()): Promise<QueuePage> {
  const { base, targetDays } = await authorizedQueue(user, query, today, db);
  const cursor = decodeCursor(query.cursor);
  const [rows, counts] = await Promise.all([
    db.$queryRaw<{ id: string; missing_types: string[]; need_since: Date; days_waiting: number; overdue: boolean }[]>`
      SELECT * FROM (${base}) AS queued
      WHERE ${query.overdue ? Prisma.sql`overdue` : Prisma.sql`TRUE`}
        AND ${cursor ? Prisma.sql`(need_since, id) > (${cursor.needSince}::date, ${cursor.id}::uuid)` : Prisma.sql`TRUE`}
      ORDER BY need_since, id
      LIMIT ${REVIEW_PAGE_SIZE + 1}`,
    countsOf(db, base, query.overdue),
  ]);
  const page = rows.slice(0, REVIEW_PAGE_SIZE);
  const persons = await db.person.findMany({
    where: { id: { in: page.map((r) => r.id) } },
    select: { id: true, version: true, caseNumber: true, familyName: true, givenName: true, patronymic: true, ageCategory: true, birthDate: true, regionId: true, prosecutionStatus: true, returnDate: true, caseworkerId: true, caseworker: { select: { name: true } } },
  });
  const byId = new Map(persons.map((p) => [p.id, p]));
  const last = page[page.length - 1];
  return {
    rows: page.flatMap((row) => {
      const p = byId.get(row.id);
      if (!p) return [];
      return [{
        id: p.id, version: p.version, caseNumber: p.caseNumber, name: [p.familyName, p.givenName, p.patronymic].filter(Boolean).join(" "),
        ageCategory: p.ageCategory, age: fullYears(p.birthDate, today), regionId: p.regionId, prosecutionStatus: p.prosecutionStatus,
        missingTypes: row.missing_types, daysSinceReturn: Math.floor((today.getTime() - p.returnDate.getTime()) / 86_400_000),
        daysWaiting: Number(row.days_waiting), overdue: row.overdue, caseworkerId: p.caseworkerId, caseworkerName: p.caseworker?.name ?? null,
      }];
    }),
    total: counts.total,
    overdue: counts.overdue,
    nextCursor: rows.length > REVIEW_PAGE_SIZE && last ? `${last.need_since.toISOString().slice(0, 10)}_${last.id}` : null,
    targetDays,
  };
}

function fullYears(birth: Date, today: Date): number {
  const years = today.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday = today.getUTCMonth() < birth.getUTCMonth() || (today.getUTCMonth() === birth.getUTCMonth() && today.getUTCDate() < birth.getUTCDate());
  return years - (beforeBirthday ? 1 : 0);
}
