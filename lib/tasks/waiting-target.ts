import { z } from "zod";
import { settingValue, type AnyTx } from "../db/sql";

/**
 * The review queue's waiting target (docs/domain.md, "Overdue"): past this many days without any
 * enrollment, a person stands out in the queue, and the queueTarget task of the region's
 * supervisors falls due. Set with the review settings; read here, below both the queue and the
 * stored tasks, so that both read the one value.
 */
export const DEFAULT_WAITING_TARGET_DAYS = 30;
export const WAITING_TARGET_SETTING = "review.waitingTargetDays";

export async function waitingTargetDays(tx?: AnyTx): Promise<number> {
  return waitingTargetOf(await settingValue(tx, WAITING_TARGET_SETTING));
}

/** The target a stored value gives: the default while none is saved or the stored one no longer parses. */
export function waitingTargetOf(stored: unknown): number {
  const parsed = z.number().int().min(1).max(3650).safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_WAITING_TARGET_DAYS;
}
