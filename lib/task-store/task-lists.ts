import { z } from "zod";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { Actor } from "../policy/can";
import { caseScopeSql } from "../policy/case-scope-sql";
import { addDays } from "../tasks/due-tasks";
import { TASK_RULES } from "../tasks/task-rules";

/** When an open task is due, against today: the home page's counts and the task list's filter. */
export const DUE_FILTERS = ["overdue", "today", "week", "later"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];
/** "This week": due within the seven days after today. */
const WEEK_DAYS = 7;

export const TASK_PAGE_SIZE = 50;

export const TaskListQuery = z.object({
  rule: z.enum(TASK_RULES).optional().catch(undefined),
  due: z.enum(DUE_FILTERS).optional().catch(undefined),
  region: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

/**
 * The open tasks the actor may see, as a condition on the task `t` and its case `p`: the policy's
 * case scope for "task.view", and for a caseworker only the tasks they are responsible for. Every
 * count and list of tasks goes through this, so none of them can show another's work.
 */
function taskScopeSql(actor: Actor): Prisma.Sql {
  const ownOnly = actor.role === "CASEWORKER" ? Prisma.sql`AND t.responsible_id = ${actor.id}::uuid` : Prisma.empty;
  return Prisma.sql`t.state = 'OPEN' AND ${caseScopeSql(actor, "task.view", "p")} ${ownOnly}`;
}

function dueSql(due: DueFilter, today: string): Prisma.Sql {
  const week = addDays(today, WEEK_DAYS);
  switch (due) {
    case "overdue":
      return Prisma.sql`t.due_on < ${today}::date`;
    case "today":
      return Prisma.sql`t.due_on = ${today}::date`;
    case "week":
      return Prisma.sql`t.due_on > ${today}::date AND t.due_on <= ${week}::date`;
    case "later":
      return Prisma.sql`t.due_on > ${week}::date`;
  }
}

export type TaskCountsByDue = { overdue: number; today: number; week: number };

/** The home page's three counts, each the size of the task list with that filter. */
export async function countTasksByDue(db: Db, actor: Actor, today: string): Promise<TaskCountsByDue> {
  const [row] = await db.$queryRaw<{ overdue: bigint; today: bigint; week: bigint }[]>`
    SELECT count(*) FILTER (WHERE ${dueSql("overdue", today)}) AS overdue,
           count(*) FILTER (WHERE ${dueSql("today", today)}) AS today,
           count(*) FILTER (WHERE ${dueSql("week", today)}) AS week
    FROM task t JOIN person p ON p.id = t.person_id
    WHERE ${taskScopeSql(actor)}`;
  return { overdue: Number(row?.overdue ?? 0), today: Number(row?.today ?? 0), week: Number(row?.week ?? 0) };
}

export type TaskRow = {
  id: string;
  caseId: string;
  caseNumber: string;
  personName: string;
  rule: string;
  dueOn: string;
  overdue: boolean;
  /** The responsible caseworker's name; null: the supervisors of the case's region. */
  responsible: string | null;
  regionId: string;
};

/** One page of the actor's open tasks, soonest first, with the filters of /tasks. */
export async function listTasks(
  db: Db,
  actor: Actor,
  query: TaskListQuery,
  today: string,
): Promise<{ rows: TaskRow[]; total: number; page: number; pages: number }> {
  const filters: Prisma.Sql[] = [taskScopeSql(actor)];
  if (query.rule) filters.push(Prisma.sql`t.rule = ${query.rule}`);
  if (query.due) filters.push(dueSql(query.due, today));
  if (query.region) filters.push(Prisma.sql`p.region_id = ${query.region}::uuid`);
  const where = Prisma.join(filters, " AND ");
  const [counted] = await db.$queryRaw<
    { n: bigint }[]
  >`SELECT count(*) AS n FROM task t JOIN person p ON p.id = t.person_id WHERE ${where}`;
  const total = Number(counted?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / TASK_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const rows = await db.$queryRaw<(Omit<TaskRow, "overdue"> & { familyName: string; givenName: string })[]>`
    SELECT t.id::text, p.id::text AS "caseId", p.case_number AS "caseNumber", p.family_name AS "familyName", p.given_name AS "givenName",
           t.rule, t.due_on::text AS "dueOn", u.name AS responsible, p.region_id::text AS "regionId"
    FROM task t JOIN person p ON p.id = t.person_id LEFT JOIN app_user u ON u.id = t.responsible_id
    WHERE ${where}
    ORDER BY t.due_on, p.case_number, t.due_key
    LIMIT ${TASK_PAGE_SIZE} OFFSET ${(page - 1) * TASK_PAGE_SIZE}`;
  return {
    rows: rows.map(({ familyName, givenName, ...row }) => ({
      ...row,
      personName: `${familyName} ${givenName}`,
      overdue: row.dueOn < today,
    })),
    total,
    page,
    pages,
  };
}

/**
 * Whether the case `p` has an overdue task the actor may see: the registry's mark, a column of the
 * page's own statement. Selected beside a sort, PostgreSQL works it out for every row it sorts, so
 * the registry selects it outside the limited subquery that chooses the page (lib/cases/registry.ts).
 */
export function hasOverdueTaskSql(actor: Actor, today: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM task t WHERE t.person_id = p.id AND ${taskScopeSql(actor)} AND ${dueSql("overdue", today)})`;
}
