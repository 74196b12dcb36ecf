import "server-only";
import { getDb } from "../db/client";
import { isoDayOf } from "../calendar/calendar-day";
import type { DueTask } from "../tasks/due-tasks";
import type { TaskRule } from "../tasks/task-rules";
import type { AuthorizedCase } from "./get-case";

/** `supervisors`: no one is named, the region's supervisors are responsible (a supervisor's rule, or no caseworker). */
export type CaseTask = DueTask & { overdue: boolean; supervisors: boolean };

/**
 * The case page's open tasks, soonest first: the stored ones (lib/task-store/recompute-tasks.ts),
 * which the action that does the work closes in its own transaction, so the page never shows work
 * already done. A task is overdue from the day after its due day, in Kazakhstan's time.
 */
export async function getCaseTasks(opened: AuthorizedCase, now = new Date()): Promise<CaseTask[]> {
  const today = isoDayOf(now);
  const tasks = await getDb().task.findMany({
    where: { personId: opened.id, state: "OPEN" },
    orderBy: [{ dueOn: "asc" }, { dueKey: "asc" }],
    select: { rule: true, dueKey: true, dueOn: true, responsibleId: true },
  });
  return tasks.map((task) => {
    const dueOn = task.dueOn.toISOString().slice(0, 10);
    return { rule: task.rule as TaskRule, key: task.dueKey, dueOn, overdue: dueOn < today, supervisors: task.responsibleId === null };
  });
}
