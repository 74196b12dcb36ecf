import "server-only";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { TASK_RULES_SETTING, type TaskRuleSettings } from "../tasks/task-rules";
import type { TaskRulesInput } from "../tasks/task-rules-input";
import { savedTaskRuleSettings } from "../tasks/task-settings";
import { waitingTargetDays } from "../tasks/waiting-target";
import { saveSettingValue, settingVersion, type SettingSave } from "./versioned-setting";
import { requireAdministrator } from "./require-administrator";

/** The form's view: the rules in force, the version they carry, and the review queue's target the queueTarget rule borrows. */
export type TaskRulesView = { version: number; rules: TaskRuleSettings; waitingTargetDays: number };

export async function readTaskRules(user: CurrentUser): Promise<TaskRulesView> {
  await requireAdministrator(user, { entityType: "setting", entityId: TASK_RULES_SETTING });
  const db = getDb();
  const [version, rules, targetDays] = await Promise.all([
    settingVersion(TASK_RULES_SETTING, db),
    savedTaskRuleSettings(db),
    waitingTargetDays(db),
  ]);
  return { version, rules, waitingTargetDays: targetDays };
}

/**
 * The task rules, from the version the administrator saw, with one audit event of the rules before
 * and after. The tasks follow when they are next recomputed: the action asks for that at once
 * (lib/jobs/recompute-request.ts), and the nightly run would bring them in line anyway.
 */
export async function saveTaskRules(user: CurrentUser, input: TaskRulesInput): Promise<SettingSave> {
  return saveSettingValue(user, TASK_RULES_SETTING, input, async (tx) => ({ before: await savedTaskRuleSettings(tx), after: input.rules }));
}
