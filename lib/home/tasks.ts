import "server-only";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { notFound } from "../errors/domain-error";
import { isoDayOf } from "../calendar/calendar-day";
import { canAtAll } from "../policy/can";
import { countTasksByDue, listTasks, type TaskCountsByDue, type TaskListQuery } from "../task-store/task-lists";

/**
 * The home page's "Due today", "Overdue" and "This week", or null for a role that has no tasks
 * (the administrator). Counted by the same scoped query as /tasks, so each count is its list.
 */
export async function getTaskFigures(user: CurrentUser, now = new Date()): Promise<TaskCountsByDue | null> {
  if (!canAtAll(user, "task.view")) return null;
  return countTasksByDue(getDb(), user, isoDayOf(now));
}

/** /tasks: one page of the user's open tasks with the filters chosen, within the policy's scope. */
export async function getTaskList(user: CurrentUser, query: TaskListQuery, now = new Date()) {
  // The administrator has no tasks and no case to reach: the page does not exist for them.
  if (!canAtAll(user, "task.view")) throw notFound();
  const [page, regions] = await Promise.all([
    listTasks(getDb(), user, query, isoDayOf(now)),
    // Only a supervisor filters by region, and only among their own regions.
    user.role === "SUPERVISOR"
      ? getDb().region.findMany({
          where: { id: { in: [...user.regionIds] } },
          orderBy: { nameEn: "asc" },
          select: { id: true, nameEn: true, nameRu: true, nameKk: true },
        })
      : [],
  ]);
  return { ...page, regions: regions.map((r) => ({ id: r.id, name: { en: r.nameEn, ru: r.nameRu, kk: r.nameKk } })) };
}
