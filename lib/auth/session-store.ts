import { getDb } from "../db/client";
import type { Role } from "../db/generated/enums";
import { recordAuditEvent, SYSTEM_ACTOR } from "../audit/record-event";
import { TOUCH_INTERVAL_MS, sessionEndReason } from "./session-rules";
import { rolesRequiringSecondFactor } from "./second-factor-policy";

/** Who is signed in, read fresh from the database on each request; nothing here comes from the cookie. */
export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionIds: string[];
  sessionId: string;
  mustChangePassword: boolean;
  /** Signed in with the password only; the second factor is still owed. */
  secondFactorPending: boolean;
  /** The administrator requires a second factor for this role and the user has none yet. */
  secondFactorMissing: boolean;
};

/**
 * Resolves a session id to its user, or null when the session has ended, timed out, or
 * its account is deactivated or locked by an administrator. A failure lock (lockedUntil) is not
 * read here on purpose: it only refuses new sign-ins, so a stranger's wrong guesses never end the
 * owner's session. A timed-out session is closed here so that it can never come back, even if
 * the clock or the rules change later.
 */
export async function loadSessionUser(sessionId: string, now = new Date()): Promise<CurrentUser | null> {
  const db = getDb();
  // Read beside the session rather than after it: every signed-in request needs both.
  const [session, requiringSecondFactor] = await Promise.all([
    db.session.findUnique({
      where: { id: sessionId },
      select: {
        id: true,
        createdAt: true,
        lastSeenAt: true,
        expiresAt: true,
        endedAt: true,
        secondFactorPending: true,
        user: {
          select: {
            id: true,
            email: true,
            name: true,
            role: true,
            active: true,
            lockedAt: true,
            mustChangePassword: true,
            totpEnabledAt: true,
            regions: { select: { regionId: true } },
          },
        },
      },
    }),
    rolesRequiringSecondFactor(db),
  ]);
  if (!session) return null;
  const timedOut = sessionEndReason(session, now);
  if (timedOut) {
    if (timedOut !== "ended") await endSession(sessionId, timedOut, null);
    return null;
  }
  const { user } = session;
  if (!user.active || user.lockedAt) return null;

  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.updateMany({ where: { id: sessionId, endedAt: null }, data: { lastSeenAt: now } });
  }
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    regionIds: user.regions.map((r) => r.regionId),
    sessionId: session.id,
    mustChangePassword: user.mustChangePassword,
    secondFactorPending: session.secondFactorPending,
    secondFactorMissing: user.totpEnabledAt === null && requiringSecondFactor.includes(user.role),
  };
}

/** Ends a session for good; idempotent, and audited only the first time. */
export async function endSession(
  sessionId: string,
  reason: "sign_out" | "idle" | "expired" | "second_factor_timeout",
  actorId: string | null,
) {
  const db = getDb();
  await db.$transaction(async (tx) => {
    const ended = await tx.session.updateMany({
      where: { id: sessionId, endedAt: null },
      data: { endedAt: new Date(), endReason: reason },
    });
    if (ended.count === 0) return;
    const session = await tx.session.findUnique({
      where: { id: sessionId },
      select: { user: { select: { id: true, email: true, role: true } } },
    });
    await recordAuditEvent(tx, {
      actor: actorId && session ? { id: session.user.id, label: session.user.email, role: session.user.role } : SYSTEM_ACTOR,
      action: reason === "sign_out" ? "auth.sign_out" : "auth.session_timed_out",
      entityType: "session",
      entityId: sessionId,
      reason: reason === "sign_out" ? null : reason,
      context: session ? { userId: session.user.id } : null,
    });
  });
}

/**
 * How many failed attempts on the account came between its previous sign-in and this session's,
 * handed out once: the first page rendered after sign-in shows it, later ones do not.
 */
export async function takeFailuresToTell(sessionId: string): Promise<number> {
  const db = getDb();
  const session = await db.session.findUnique({ where: { id: sessionId }, select: { failuresToTell: true } });
  if (!session?.failuresToTell) return 0;
  const taken = await db.session.updateMany({
    where: { id: sessionId, failuresToTell: session.failuresToTell },
    data: { failuresToTell: null },
  });
  return taken.count === 1 ? session.failuresToTell : 0;
}
