import { getDb, type Tx } from "../db/client";
import type { Role } from "../db/generated/enums";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { dummyPasswordHash, verifyPassword } from "./password";
import { ABSOLUTE_LIFETIME_MS, ADDRESS_THROTTLE_THRESHOLD, LOCKOUT_THRESHOLD, LOCKOUT_WINDOW_MS } from "./session-rules";

export type SignInRequest = { email: string; password: string; ipAddress: string | null; userAgent: string | null };
export type SignInResult = { ok: true; userId: string; sessionId: string; secondFactorPending: boolean } | { ok: false };

export type FailureCause = "unknown_account" | "wrong_password" | "wrong_second_factor" | "inactive" | "locked" | "address_throttled";

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
    select: { id: true, email: true, role: true, passwordHash: true, active: true, lockedAt: true, failuresResetAt: true, totpEnabledAt: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), request.password);
  // Counted in the database, so every app server behind a load balancer applies the same limit.
  const throttled =
    request.ipAddress !== null &&
    (await db.signInAttempt.count({
      where: { ipAddress: request.ipAddress, succeeded: false, attemptedAt: { gte: new Date(Date.now() - LOCKOUT_WINDOW_MS) } },
    })) >= ADDRESS_THROTTLE_THRESHOLD;

  const cause: FailureCause | null = throttled
    ? "address_throttled"
    : !user
    ? "unknown_account"
    : !passwordOk
      ? "wrong_password"
      : user.lockedAt
        ? "locked"
        : !user.active
          ? "inactive"
          : null;
  const context = { ipAddress: request.ipAddress, userAgent: request.userAgent };
  const now = new Date();

  if (user && cause === null) {
    // With a second factor enrolled, the password opens only a pending session: it reaches
    // nothing but the code page until the code is given (loadSessionUser, requireUser).
    const secondFactorPending = user.totpEnabledAt !== null;
    const session = await db.$transaction(async (tx) => {
      const created = await tx.session.create({
        data: {
          userId: user.id,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
          ipAddress: request.ipAddress,
          userAgent: request.userAgent,
          secondFactorPending,
        },
        select: { id: true },
      });
      await tx.signInAttempt.create({ data: { email, ipAddress: request.ipAddress, succeeded: true } });
      await recordAuditEvent(tx, {
        actor: auditActorOf(user),
        action: secondFactorPending ? "auth.password.accepted" : "auth.sign_in.succeeded",
        entityType: "session",
        entityId: created.id,
        context,
      });
      return created;
    });
    return { ok: true, userId: user.id, sessionId: session.id, secondFactorPending };
  }

  await db.$transaction((tx) => recordFailedSignIn(tx, { email, user, cause, context, now }));
  return { ok: false };
}

type FailedSignIn = {
  email: string;
  user: { id: string; role: Role; lockedAt: Date | null; failuresResetAt: Date | null } | null;
  cause: FailureCause | null;
  context: { ipAddress: string | null; userAgent: string | null };
  now: Date;
};

/**
 * A failed password or second-factor attempt: counted in the database for the lockout and the
 * address throttle, audited with its cause, and locking the account at the threshold.
 */
export async function recordFailedSignIn(tx: Tx, { email, user, cause, context, now }: FailedSignIn): Promise<void> {
  await tx.signInAttempt.create({ data: { email, ipAddress: context.ipAddress, succeeded: false } });
  await recordAuditEvent(tx, {
    actor: { id: user?.id ?? null, label: email, role: user?.role ?? null },
    action: "auth.sign_in.failed",
    entityType: "user",
    entityId: user?.id ?? null,
    context: { ...context, cause },
  });
  if (!user || user.lockedAt || (cause !== "wrong_password" && cause !== "wrong_second_factor")) return;
  const windowStart = new Date(Math.max(now.getTime() - LOCKOUT_WINDOW_MS, user.failuresResetAt?.getTime() ?? 0));
  const recentFailures = await tx.signInAttempt.count({ where: { email, succeeded: false, attemptedAt: { gte: windowStart } } });
  if (recentFailures < LOCKOUT_THRESHOLD) return;
  await tx.user.update({ where: { id: user.id }, data: { lockedAt: now, version: { increment: 1 } } });
  // A locked account's open sessions end too, pending second-factor ones included.
  await tx.session.updateMany({ where: { userId: user.id, endedAt: null }, data: { endedAt: now, endReason: "locked" } });
  await recordAuditEvent(tx, {
    actor: { id: null, label: "system", role: null },
    action: "auth.account_locked",
    entityType: "user",
    entityId: user.id,
    reason: `${recentFailures} failed sign-ins within ${LOCKOUT_WINDOW_MS / 60000} minutes`,
    context,
  });
}
