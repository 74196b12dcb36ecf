import { settingValue, type AnyTx } from "../db/sql";
import { DEFAULT_TASK_RULES, TASK_RULES_SETTING, TaskRuleSettings, type TaskRules } from "./task-rules";
import { waitingTargetDays } from "./waiting-target";

/**
 * The administrator's saved setting, or the defaults while none was saved. A stored value that no
 * longer parses (a rule added since) falls back to the defaults rather than stopping every task,
 * and the admin page shows the defaults to save again.
 */
export async function savedTaskRuleSettings(db: AnyTx): Promise<TaskRuleSettings> {
  const parsed = TaskRuleSettings.safeParse(await settingValue(db, TASK_RULES_SETTING));
  return parsed.success ? parsed.data : DEFAULT_TASK_RULES;
}

/** The rules in force: the saved settings, with the review queue's waiting target the queueTarget rule falls due on. */
export async function taskRuleSettings(db: AnyTx): Promise<TaskRules> {
  // One after the other: a transaction's connection runs one statement at a time.
  const settings = await savedTaskRuleSettings(db);
  return { ...settings, waitingTargetDays: await waitingTargetDays(db) };
}
