import "server-only";
import { getDb } from "../db/client";
import { isoDayOf } from "../i18n/format";
import { dueTasks, type CaseState, type DueTask } from "../tasks/due-tasks";
import { DEFAULT_TASK_RULES, type TaskRule } from "../tasks/task-rules";
import { day } from "./case-labels";
import type { AuthorizedCase } from "./get-case";
import { registrationDay } from "./registration-day";

export type CaseTask = DueTask & { overdue: boolean };

/**
 * Rules whose work can be recorded in the app today. A follow-up note and the review of a minor's
 * required program types have no action yet: their tasks could never be answered, so a list that
 * showed them would only teach people to ignore it.
 */
const ANSWERABLE: ReadonlySet<TaskRule> = new Set(["caseReview", "referralWaiting"]);

/**
 * The case page's open tasks, soonest first, computed from the case's state as it is now: nothing
 * is stored, so recording the work that answers a task moves it at once. A task is overdue from
 * the day after its due day, in Kazakhstan's time.
 */
export async function getCaseTasks(opened: AuthorizedCase, now = new Date()): Promise<CaseTask[]> {
  const state = await caseState(opened);
  const today = isoDayOf(now);
  return dueTasks(state, DEFAULT_TASK_RULES)
    .filter((task) => ANSWERABLE.has(task.rule))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
    .map((task) => ({ ...task, overdue: task.dueOn < today }));
}

async function caseState(opened: AuthorizedCase): Promise<CaseState> {
  const person = await getDb().person.findUniqueOrThrow({
    where: { id: opened.id },
    select: {
      caseStatus: true,
      riskLevel: true,
      ageCategory: true,
      birthDate: true,
      createdAt: true,
      caseReviews: { orderBy: { reviewedOn: "desc" }, take: 1, select: { reviewedOn: true } },
      enrollments: { select: { id: true, status: true, referredOn: true, completedOn: true } },
    },
  });
  return {
    caseStatus: person.caseStatus,
    riskLevel: person.riskLevel,
    ageCategory: person.ageCategory,
    birthDate: day(person.birthDate) ?? "",
    registeredOn: registrationDay(person.createdAt),
    lastCaseReviewOn: day(person.caseReviews[0]?.reviewedOn ?? null),
    enrollments: person.enrollments.map((e) => ({
      id: e.id,
      status: e.status,
      referredOn: day(e.referredOn) ?? "",
      completedOn: day(e.completedOn),
    })),
    // Follow-up notes and the supervisor's review of required program types are not recorded yet.
    followUps: [],
    requirementsReviewedOn: null,
  };
}
