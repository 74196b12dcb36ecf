import "server-only";
import { Prisma } from "../db/generated/client";
import { queryRows } from "../db/sql";
import { TASK_RULES_SETTING } from "../tasks/task-rules";
import { taskRuleSettingsOf } from "../tasks/task-settings";
import type { AuthorizedCase } from "./get-case";

export type FollowUpOptions = {
  enrollments: { id: string; program: string; completedOn: string }[];
  afterMonths: number[];
};

type OptionsRow = { enrollments: FollowUpOptions["enrollments"]; rules: unknown };

/**
 * What the follow-up form offers: the case's completed enrollments and the months the task rule
 * follows up after. One statement on the driver (docs/decisions/033): the enrollments with their
 * programs' names, and the stored rules beside them; days come back as ISO text.
 */
export async function getFollowUpOptions(opened: AuthorizedCase): Promise<FollowUpOptions> {
  const [row] = await queryRows<OptionsRow>(Prisma.sql`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', e.id, 'program', pr.name, 'completedOn', e.completed_on)
                                ORDER BY e.completed_on DESC, e.id), '[]')
         FROM enrollment e JOIN program pr ON pr.id = e.program_id
         WHERE e.person_id = ${opened.id}::uuid AND e.status = 'COMPLETED' AND e.completed_on IS NOT NULL) AS enrollments,
      (SELECT v.value FROM setting v WHERE v.key = ${TASK_RULES_SETTING}) AS rules`);
  // Scalar subqueries only: the statement always gives one row.
  const { enrollments, rules } = row!;
  return { enrollments, afterMonths: taskRuleSettingsOf(rules).programFollowUp.afterMonths };
}
