import type { Db } from "../db/client";
import { recordAuditEvent, SYSTEM_ACTOR } from "../audit/record-event";

/** Both locks lifted, the next failure lock again the shortest, and the failures so far forgotten. */
export function unlockedState(now: Date) {
  return { lockedAt: null, lockedUntil: null, failureLocks: 0, failuresResetAt: now };
}

/** An account's locks as the audit log records them. */
export function lockState(account: { lockedAt: Date | null; lockedUntil: Date | null; active?: boolean }) {
  return {
    lockedAt: account.lockedAt?.toISOString() ?? null,
    lockedUntil: account.lockedUntil?.toISOString() ?? null,
    ...(account.active === undefined ? {} : { active: account.active }),
  };
}

export type RecoveryOutcome = "recovered" | "nothing_to_do";

/**
 * `npm run admin:unlock -- EMAIL`, run by someone with access to the server: the way back in
 * when no administrator can sign in to unlock another (the last one locked by hand, or
 * deactivated). Only administrator accounts, since anyone else can be let in by an administrator
 * through the app. Audited as a system event, with the operating-system user who ran it.
 */
export async function recoverAdministrator(db: Db, email: string, operator: string, now = new Date()): Promise<RecoveryOutcome> {
  return db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, role: true, active: true, lockedAt: true, lockedUntil: true },
    });
    if (!target || target.role !== "ADMINISTRATOR")
      throw new RecoveryRefused(`no administrator account has the e-mail ${email.trim().toLowerCase()}`);
    const locked = target.lockedAt !== null || (target.lockedUntil !== null && target.lockedUntil > now);
    if (!locked && target.active) return "nothing_to_do";
    await tx.user.update({ where: { id: target.id }, data: { ...unlockedState(now), active: true, version: { increment: 1 } } });
    await recordAuditEvent(tx, {
      actor: SYSTEM_ACTOR,
      action: "account.unlocked",
      entityType: "user",
      entityId: target.id,
      reason: "admin:unlock run on the server",
      before: lockState(target),
      after: lockState({ lockedAt: null, lockedUntil: null, active: true }),
      context: { via: "admin:unlock", operator },
    });
    return "recovered";
  });
}

export class RecoveryRefused extends Error {}
