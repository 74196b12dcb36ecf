import "server-only";
import { sqlOf } from "../db/sql";
import { isoDayOf } from "../calendar/calendar-day";
import type { DueTask } from "../tasks/due-tasks";
import type { TaskRule } from "../tasks/task-rules";
import type { AuthorizedCase } from "./get-case";

/** `supervisors`: no one is named, the region's supervisors are responsible (a supervisor's rule, or no caseworker). */
export type CaseTask = DueTask & { overdue: boolean; supervisors: boolean };

/**
 * The case page's open tasks, soonest first: the stored ones (lib/task-store/recompute-tasks.ts),
 * which the action that does the work closes in its own transaction, so the page never shows work
 * already done. A task is overdue from the day after its due day, in Kazakhstan's time. Read on
 * the driver (docs/decisions/033), the day as ISO text.
 */
export async function getCaseTasks(opened: AuthorizedCase, now = new Date()): Promise<CaseTask[]> {
  const today = isoDayOf(now);
  const tasks = await sqlOf().rows<{ rule: TaskRule; due_key: string; due_on: string; supervisors: boolean }>(
    `SELECT t.rule, t.due_key, t.due_on::text AS due_on, t.responsible_id IS NULL AS supervisors
     FROM task t WHERE t.person_id = $1::uuid AND t.state = 'OPEN'
     ORDER BY t.due_on, t.due_key`,
    [opened.id],
  );
  return tasks.map((task) => ({
    rule: task.rule,
    key: task.due_key,
    dueOn: task.due_on,
    overdue: task.due_on < today,
    supervisors: task.supervisors,
  }));
}
