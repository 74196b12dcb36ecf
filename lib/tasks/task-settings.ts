import type { getDb, Tx } from "../db/client";
import { DEFAULT_TASK_RULES, TASK_RULES_SETTING, TaskRuleSettings, type TaskRules } from "./task-rules";
import { waitingTargetDays } from "./waiting-target";

/**
 * The administrator's saved setting, or the defaults while none was saved. A stored value that no
 * longer parses (a rule added since) falls back to the defaults rather than stopping every task,
 * and the admin page shows the defaults to save again.
 */
export async function savedTaskRuleSettings(db: Tx | ReturnType<typeof getDb>): Promise<TaskRuleSettings> {
  const row = await db.setting.findUnique({ where: { key: TASK_RULES_SETTING }, select: { value: true } });
  const parsed = TaskRuleSettings.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_TASK_RULES;
}

/** The rules in force: the saved settings, with the review queue's waiting target the queueTarget rule falls due on. */
export async function taskRuleSettings(db: Tx | ReturnType<typeof getDb>): Promise<TaskRules> {
  const [settings, targetDays] = await Promise.all([savedTaskRuleSettings(db), waitingTargetDays(db)]);
  return { ...settings, waitingTargetDays: targetDays };
}
