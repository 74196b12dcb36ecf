import { settingValue, settingValues, type AnyTx } from "../db/sql";
import { DEFAULT_TASK_RULES, TASK_RULES_SETTING, TaskRuleSettings, type TaskRules } from "./task-rules";
import { WAITING_TARGET_SETTING, waitingTargetOf } from "./waiting-target";

/**
 * The administrator's saved setting, or the defaults while none was saved. A stored value that no
 * longer parses (a rule added since) falls back to the defaults rather than stopping every task,
 * and the admin page shows the defaults to save again.
 */
export async function savedTaskRuleSettings(db: AnyTx): Promise<TaskRuleSettings> {
  return taskRuleSettingsOf(await settingValue(db, TASK_RULES_SETTING));
}

/** The settings a stored value gives: the defaults while none is saved or it no longer parses. */
export function taskRuleSettingsOf(stored: unknown): TaskRuleSettings {
  const parsed = TaskRuleSettings.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_TASK_RULES;
}

/** The rules in force: the saved settings, with the review queue's waiting target the queueTarget rule falls due on. */
export async function taskRuleSettings(db: AnyTx): Promise<TaskRules> {
  // Both in one read: every action that changes a case reads them inside its transaction.
  const stored = await settingValues(db, [TASK_RULES_SETTING, WAITING_TARGET_SETTING]);
  return { ...taskRuleSettingsOf(stored.get(TASK_RULES_SETTING)), waitingTargetDays: waitingTargetOf(stored.get(WAITING_TARGET_SETTING)) };
}
