import "server-only";
import { fixedLimit, queryRows, type AnyTx } from "../db/sql";
import { Prisma } from "../db/generated/client";
import type { AgeCategory, ProsecutionStatus } from "../db/generated/enums";
import type { CurrentUser } from "../auth/current-user";
import { recordDenial } from "../audit/record-denial";
import { notFound } from "../errors/domain-error";
import { canAtAll } from "../policy/can";
import { caseScopeSql } from "../policy/case-scope-sql";
import { queueCountsSql } from "./queue-counts";
import type { ReviewQuery } from "../validation/review";
import { WAITING_TARGET_SQL } from "../tasks/waiting-target";
import { fullYearsBetween } from "../cases/age-category";
import { todayAsStoredDay, todayOf } from "../calendar/calendar-day";

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
 * docs/domain.md's "Needs a program": the persons with at least one required type that no
 * referred, enrolled or completed enrollment meets. A type's need arose at return, or when its
 * last enrollment was declined, withdrawn or dropped; the person waits since the earliest of their
 * missing types. Overdue: waiting longer than the target with no enrollment at all. The needs are
 * kept per type in person_need (lib/programs/required-needs-sql is the rule) and per person, as
 * the queue lists them, in person_figures (docs/decisions/025), so the queue reads one indexed
 * row per person it lists.
 */
function queueSql(user: CurrentUser, query: ReviewQuery, day: Prisma.Sql, targetDays: Prisma.Sql): Prisma.Sql {
  const conditions: Prisma.Sql[] = [caseScopeSql(user, "review.view", "f"), Prisma.sql`f.queued_since IS NOT NULL`];
  if (query.region) conditions.push(Prisma.sql`f.region_id = ${query.region}::uuid`);
  if (query.age) conditions.push(Prisma.sql`f.age_category = ${query.age}::"AgeCategory"`);
  if (query.caseworker) conditions.push(Prisma.sql`f.caseworker_id = ${query.caseworker}::uuid`);
  if (query.type) conditions.push(Prisma.sql`${query.type} = ANY(f.missing_types)`);
  return Prisma.sql`
    SELECT f.person_id AS id, f.missing_types, f.queued_since AS need_since, (${day} - f.queued_since) AS days_waiting,
           coalesce(f.waiting_since < ${day} - ${targetDays}, FALSE) AS overdue
    FROM person_figures f
    WHERE ${Prisma.join(conditions, " AND ")}`;
}

type Cursor = { needSince: string; id: string };

function decodeCursor(cursor: string | undefined): Cursor | null {
  const match = /^(\d{4}-\d{2}-\d{2})_([0-9a-f-]{36})$/.exec(cursor ?? "");
  return match ? { needSince: match[1]!, id: match[2]! } : null;
}

type PageRow = {
  target_days: number;
  total: string | number;
  overdue_total: string | number;
  id: string | null;
  missing_types: string[];
  need_since: string;
  days_waiting: number;
  overdue: boolean;
  version: number;
  case_number: string;
  family_name: string;
  given_name: string;
  patronymic: string | null;
  age_category: AgeCategory;
  birth_date: string;
  region_id: string;
  prosecution_status: ProsecutionStatus;
  return_date: string;
  caseworker_id: string | null;
  caseworker_name: string | null;
};

const PAGE_LIMIT = fixedLimit(REVIEW_PAGE_SIZE + 1);

/**
 * The queue as the user may see it, longest waiting first, a page at a time. Read on the driver
 * (docs/decisions/033), on the pool unless a database is given; days come back as ISO text.
 */
export async function reviewQueue(user: CurrentUser, query: ReviewQuery, today = new Date(), db?: AnyTx): Promise<QueuePage> {
  if (!canAtAll(user, "review.view")) {
    await recordDenial(user, "review.view", { entityType: "review_queue", entityId: null });
    throw notFound();
  }
  // Worked out once, not per row: the calendar's formatter is the costliest step of the mapping.
  const todayIso = todayOf(today);
  const todayStored = todayAsStoredDay(today).getTime();
  const day = Prisma.sql`${todayIso}::date`;
  // The waiting target, read once by the statement (its WITH below) wherever it is needed.
  const targetDays = Prisma.sql`(SELECT days FROM target)`;
  const base = queueSql(user, query, day, targetDays);
  const cursor = decodeCursor(query.cursor);
  // The counts come from queueCountsSql (tallies over regions, docs/decisions/031); a filter the
  // tallies do not split by (age, caseworker, program type) counts the narrow per-person rows.
  const countsSql =
    query.age || query.caseworker || query.type
      ? Prisma.sql`
      SELECT count(*) FILTER (WHERE ${query.overdue ? Prisma.sql`overdue` : Prisma.sql`TRUE`}) AS total, count(*) FILTER (WHERE overdue) AS overdue
      FROM (${base}) AS queued`
      : Prisma.sql`SELECT ${query.overdue ? Prisma.sql`c.overdue` : Prisma.sql`c.listed`} AS total, c.overdue
      FROM (${queueCountsSql(user, "review.view", day, targetDays, query.region ?? null)}) AS c`;
  // One statement, so the waiting target, the counts and the page read one snapshot in one round
  // trip (the target was a statement of its own before, much of the page's time); the page walks
  // the index on (queued_since, person_id) and stops after it. The counts' row always comes back,
  // with the page's rows beside it, or nulls when it is empty.
  const result = await queryRows<PageRow>(
    Prisma.sql`
    WITH target AS (SELECT ${WAITING_TARGET_SQL} AS days)
    SELECT ${targetDays} AS target_days, counts.total, counts.overdue AS overdue_total, page.*
    FROM (${countsSql}) AS counts LEFT JOIN LATERAL (
      SELECT queued.id, queued.missing_types, queued.need_since::text AS need_since, queued.days_waiting, queued.overdue,
             p.version, p.case_number, p.family_name, p.given_name, p.patronymic, p.age_category, p.birth_date::text AS birth_date,
             p.region_id, p.prosecution_status, p.return_date::text AS return_date, p.caseworker_id, u.name AS caseworker_name
      FROM (${base}) AS queued JOIN person p ON p.id = queued.id LEFT JOIN app_user u ON u.id = p.caseworker_id
      WHERE ${query.overdue ? Prisma.sql`queued.overdue` : Prisma.sql`TRUE`}
        AND ${cursor ? Prisma.sql`(queued.need_since, queued.id) > (${cursor.needSince}::date, ${cursor.id}::uuid)` : Prisma.sql`TRUE`}
      ORDER BY queued.need_since, queued.id
      ${PAGE_LIMIT}
    ) AS page ON TRUE
    ORDER BY page.need_since, page.id`,
    db,
  );
  const { target_days: target, total, overdue_total: overdue } = result[0]!;
  const rows = result.filter((row): row is PageRow & { id: string } => row.id !== null);
  const page = rows.slice(0, REVIEW_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    rows: page.map((row) => ({
      id: row.id,
      version: row.version,
      caseNumber: row.case_number,
      name: [row.family_name, row.given_name, row.patronymic].filter(Boolean).join(" "),
      ageCategory: row.age_category,
      age: fullYearsBetween(row.birth_date, todayIso),
      regionId: row.region_id,
      prosecutionStatus: row.prosecution_status,
      missingTypes: row.missing_types,
      daysSinceReturn: Math.round((todayStored - Date.parse(`${row.return_date}T00:00:00Z`)) / 86_400_000),
      daysWaiting: Number(row.days_waiting),
      overdue: row.overdue,
      caseworkerId: row.caseworker_id,
      caseworkerName: row.caseworker_name,
    })),
    total: Number(total),
    overdue: Number(overdue),
    nextCursor: rows.length > REVIEW_PAGE_SIZE && last ? `${last.need_since}_${last.id}` : null,
    targetDays: target,
  };
}
