import type { AnyTx } from "../db/sql";
import type { AuditActor, AuditInput } from "../audit/record-event";
import { syncCaseTasks } from "./recompute-tasks";
import { taskRuleSettings } from "../tasks/task-settings";

/**
 * For an action that changed a case: its tasks brought in line in the action's own transaction,
 * so the work done disappears from every list the moment it commits. Called after the action's
 * write and before its audit event (the case's row is locked before its chain, the order the
 * recomputation keeps too); the events returned are recorded after the action's own.
 */
export async function tasksAfterChange(tx: AnyTx, caseIds: readonly string[], actor: AuditActor, now: Date): Promise<AuditInput[]> {
  const { events } = await syncCaseTasks(tx, caseIds, { actor, now, rules: await taskRuleSettings(tx) });
  return events;
}
