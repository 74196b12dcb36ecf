import { z } from "zod";
import { getDb, type Tx } from "../db/client";

/** The default of docs/domain.md ("Overdue"): past 30 days without any enrollment, a person stands out in the queue. */
export const DEFAULT_WAITING_TARGET_DAYS = 30;
export const WAITING_TARGET_SETTING = "review.waitingTargetDays";

export async function waitingTargetDays(tx: Tx | ReturnType<typeof getDb> = getDb()): Promise<number> {
  const row = await tx.setting.findUnique({ where: { key: WAITING_TARGET_SETTING }, select: { value: true } });
  const parsed = z.number().int().min(1).max(3650).safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_WAITING_TARGET_DAYS;
}
