import { getDb, type Tx } from "../db/client";
import type { Role } from "../db/generated/enums";
import { auditActorOf, recordAuditEvent, SYSTEM_ACTOR } from "../audit/record-event";
import { dummyPasswordHash, verifyPassword } from "./password";
import {
  ABSOLUTE_LIFETIME_MS,
  ADDRESS_THROTTLE_THRESHOLD,
  LOCKOUT_THRESHOLD,
  LOCKOUT_WINDOW_MS,
  failureLockDuration,
  isFailureLocked,
} from "./session-rules";

export type SignInRequest = { email: string; password: string; ipAddress: string | null; userAgent: string | null };
export type SignInResult = { ok: true; userId: string; sessionId: string; secondFactorPending: boolean } | { ok: false };

export type FailureCause = "unknown_account" | "wrong_password" | "wrong_second_factor" | "inactive" | "locked" | "address_throttled";

/** Where a password or code was checked: signing in, or proving it again inside a session. */
export type PasswordCheck = "sign_in" | "password_change" | "second_factor_removal" | "recovery_codes_renewal";

/** What the failure lock needs to know of an account; select it with FAILURE_LOCK_SELECT. */
export type FailureLockAccount = { id: string; role: Role; lockedUntil: Date | null; failureLocks: number; failuresResetAt: Date | null };
export const FAILURE_LOCK_SELECT = { id: true, role: true, lockedUntil: true, failureLocks: true, failuresResetAt: true } as const;

/**
 * Checks credentials and opens a server-side session. Every outcome looks the same to the
 * caller except success: the cause of a failure goes only to the audit log, and an unknown
 * account still costs one argon2 verification so timing does not reveal which e-mails exist.
 */
export async function signInWithPassword(request: SignInRequest): Promise<SignInResult> {
  const db = getDb();
  const email = request.email.trim().toLowerCase();
  const user = await db.user.findUnique({
    where: { email },
    select: { ...FAILURE_LOCK_SELECT, email: true, passwordHash: true, active: true, lockedAt: true, totpEnabledAt: true, createdAt: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), request.password);
  const now = new Date();
  // Counted in the database, so every app server behind a load balancer applies the same limit.
  const throttled =
    request.ipAddress !== null &&
    (await db.signInAttempt.count({
      where: { ipAddress: request.ipAddress, succeeded: false, attemptedAt: { gte: new Date(now.getTime() - LOCKOUT_WINDOW_MS) } },
    })) >= ADDRESS_THROTTLE_THRESHOLD;

  const cause: FailureCause | null = throttled
    ? "address_throttled"
    : !user
      ? "unknown_account"
      : !passwordOk
        ? "wrong_password"
        : user.lockedAt || isFailureLocked(user, now)
          ? "locked"
          : !user.active
            ? "inactive"
            : null;
  const context = { ipAddress: request.ipAddress, userAgent: request.userAgent };

  if (user && cause === null) {
    // With a second factor enrolled, the password opens only a pending session: it reaches
    // nothing but the code page until the code is given (loadSessionUser, requireUser).
    const secondFactorPending = user.totpEnabledAt !== null;
    const session = await db.$transaction(async (tx) => {
      const failuresToTell = await failuresSinceLastSignIn(tx, email, user.createdAt);
      const created = await tx.session.create({
        data: {
          userId: user.id,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
          ipAddress: request.ipAddress,
          userAgent: request.userAgent,
          secondFactorPending,
          failuresToTell: failuresToTell > 0 ? failuresToTell : null,
        },
        select: { id: true },
      });
      await tx.signInAttempt.create({ data: { email, ipAddress: request.ipAddress, succeeded: true } });
      // Only a complete sign-in starts the lock durations over: a password alone must not buy
      // someone guessing the code a fresh, short lock.
      if (!secondFactorPending) await clearFailureLocks(tx, user);
      await recordAuditEvent(tx, {
        actor: auditActorOf(user),
        action: secondFactorPending ? "auth.password.accepted" : "auth.sign_in.succeeded",
        entityType: "session",
        entityId: created.id,
        context: { ...context, failuresSinceLastSignIn: failuresToTell },
      });
      return created;
    });
    return { ok: true, userId: user.id, sessionId: session.id, secondFactorPending };
  }

  await db.$transaction((tx) => recordFailedSignIn(tx, { email, user, cause, context, now }));
  return { ok: false };
}

/** Failed attempts on the account (wrong passwords and codes, refused ones too) since its last accepted password. */
async function failuresSinceLastSignIn(tx: Tx, email: string, accountCreatedAt: Date): Promise<number> {
  const previous = await tx.signInAttempt.findFirst({
    where: { email, succeeded: true },
    orderBy: { attemptedAt: "desc" },
    select: { attemptedAt: true },
  });
  const since = previous && previous.attemptedAt > accountCreatedAt ? previous.attemptedAt : accountCreatedAt;
  return tx.signInAttempt.count({ where: { email, succeeded: false, attemptedAt: { gt: since } } });
}

/** A complete sign-in: the next failure lock, if any, is again the shortest. */
export async function clearFailureLocks(tx: Tx, account: { id: string; failureLocks: number }): Promise<void> {
  if (account.failureLocks > 0) await tx.user.update({ where: { id: account.id }, data: { failureLocks: 0 } });
}

type FailedCheck = {
  email: string;
  user: FailureLockAccount | null;
  cause: FailureCause | null;
  context: { ipAddress: string | null; userAgent: string | null };
  now: Date;
  check?: PasswordCheck;
};

/**
 * A failed password or second-factor check, at sign-in or inside a session: counted in the
 * database for the failure lock and the address throttle, audited with its cause, and locking
 * the account for a while at the threshold. The lock refuses new sign-ins only: sessions already
 * open go on, so failures a stranger provokes never sign the owner out.
 */
export async function recordFailedSignIn(tx: Tx, { email, user, cause, context, now, check = "sign_in" }: FailedCheck): Promise<void> {
  await tx.signInAttempt.create({ data: { email, ipAddress: context.ipAddress, succeeded: false, attemptedAt: now } });
  await recordAuditEvent(tx, {
    actor: { id: user?.id ?? null, label: email, role: user?.role ?? null },
    action: check === "sign_in" ? "auth.sign_in.failed" : "auth.password_check.failed",
    entityType: "user",
    entityId: user?.id ?? null,
    context: { ...context, cause, ...(check === "sign_in" ? {} : { check }) },
  });
  if (!user || isFailureLocked(user, now) || (cause !== "wrong_password" && cause !== "wrong_second_factor")) return;
  // Attempts refused during an earlier lock, or before an unlock, do not count again.
  const windowStart = new Date(
    Math.max(now.getTime() - LOCKOUT_WINDOW_MS, user.failuresResetAt?.getTime() ?? 0, user.lockedUntil?.getTime() ?? 0),
  );
  const recentFailures = await tx.signInAttempt.count({ where: { email, succeeded: false, attemptedAt: { gte: windowStart } } });
  if (recentFailures < LOCKOUT_THRESHOLD) return;
  const nth = user.failureLocks + 1;
  const lockedUntil = new Date(now.getTime() + failureLockDuration(nth));
  // Conditional on no lock running, so two failures racing past the threshold lock once. The
  // version is left alone: failures anyone can cause must not make an administrator's open form stale.
  const locked = await tx.user.updateMany({
    where: { id: user.id, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { lockedUntil, failureLocks: { increment: 1 } },
  });
  if (locked.count === 0) return;
  await recordAuditEvent(tx, {
    actor: SYSTEM_ACTOR,
    action: "auth.account_locked",
    entityType: "user",
    entityId: user.id,
    reason: `${recentFailures} failed attempts within ${LOCKOUT_WINDOW_MS / 60000} minutes`,
    context: { ...context, lockedUntil: lockedUntil.toISOString(), lockInARow: nth },
  });
}
