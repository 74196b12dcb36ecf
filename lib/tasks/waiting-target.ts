import { z } from "zod";
import { Prisma } from "../db/generated/client";
import { settingValue, type AnyTx } from "../db/sql";

/**
 * The review queue's waiting target (docs/domain.md, "Overdue"): past this many days without any
 * enrollment, a person stands out in the queue, and the queueTarget task of the region's
 * supervisors falls due. Set with the review settings; read here, below both the queue and the
 * stored tasks, so that both read the one value.
 */
export const DEFAULT_WAITING_TARGET_DAYS = 30;
export const WAITING_TARGET_SETTING = "review.waitingTargetDays";
const BOUNDS = { min: 1, max: 3650 } as const;

export async function waitingTargetDays(tx?: AnyTx): Promise<number> {
  return waitingTargetOf(await settingValue(tx, WAITING_TARGET_SETTING));
}

/** The target a stored value gives: the default while none is saved or the stored one no longer parses. */
export function waitingTargetOf(stored: unknown): number {
  const parsed = z.number().int().min(BOUNDS.min).max(BOUNDS.max).safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_WAITING_TARGET_DAYS;
}

/**
 * The target as an `int` expression, for a statement that reads it beside its own rows instead
 * of in a round trip before them (the queue's and the dashboard's pages are one statement each).
 * The same rule as waitingTargetOf, which its test holds it to: the number is read as JavaScript
 * reads it, a double, and the WHENs are tried in order, so nothing is cast that would not fit (a
 * double cannot hold 1e400 nor 1e-400; a value outside the bounds' neighbourhood is outside them).
 */
export const WAITING_TARGET_SQL = Prisma.sql`coalesce((
  SELECT CASE WHEN jsonb_typeof(s.value) IS DISTINCT FROM 'number' THEN NULL
              WHEN s.value::numeric NOT BETWEEN ${BOUNDS.min / 2} AND ${BOUNDS.max + 1} THEN NULL
              WHEN s.value::numeric::float8 BETWEEN ${BOUNDS.min} AND ${BOUNDS.max}
               AND s.value::numeric::float8 = trunc(s.value::numeric::float8) THEN s.value::numeric::float8::int END
  FROM setting s WHERE s.key = ${WAITING_TARGET_SETTING}), ${DEFAULT_WAITING_TARGET_DAYS}::int)`;
