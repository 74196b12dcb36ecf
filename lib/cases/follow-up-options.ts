import "server-only";
import { getDb } from "../db/client";
import { taskRuleSettings } from "../tasks/task-settings";
import { day } from "./case-labels";
import type { AuthorizedCase } from "./get-case";

export type FollowUpOptions = {
  enrollments: { id: string; program: string; completedOn: string }[];
  afterMonths: number[];
};

/** What the follow-up form offers: the case's completed enrollments and the months the task rule follows up after. */
export async function getFollowUpOptions(opened: AuthorizedCase): Promise<FollowUpOptions> {
  const db = getDb();
  const [enrollments, rules] = await Promise.all([
    db.enrollment.findMany({
      where: { personId: opened.id, status: "COMPLETED", completedOn: { not: null } },
      orderBy: { completedOn: "desc" },
      select: { id: true, completedOn: true, program: { select: { name: true } } },
    }),
    taskRuleSettings(db),
  ]);
  return {
    enrollments: enrollments.map((e) => ({ id: e.id, program: e.program.name, completedOn: day(e.completedOn) ?? "" })),
    afterMonths: rules.programFollowUp.afterMonths,
  };
}
