import { getDb } from "../db/client";
import type { Role } from "../db/generated/enums";
import { recordAuditEvent, SYSTEM_ACTOR } from "../audit/record-event";
import { TOUCH_INTERVAL_MS, sessionEndReason } from "./session-rules";
import { SECOND_FACTOR_SETTING, secondFactorRolesOf } from "./second-factor-policy";
import { sqlOf } from "../db/sql";

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SessionRow = {
  id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  second_factor_pending: boolean;
  failures_to_tell: number | null;
  user_id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  locked_at: Date | null;
  must_change_password: boolean;
  totp_enabled_at: Date | null;
  region_ids: string[];
  second_factor_roles: unknown;
};

/** A signed-in session: its user, and the failed attempts it has still to tell them of (takeFailuresToTell). */
export type LoadedSession = { user: CurrentUser; failuresToTell: number };

/**
 * Resolves a session id to its user, or null when the session has ended, timed out, or
 * its account is deactivated or locked by an administrator. A failure lock (lockedUntil) is not
 * read here on purpose: it only refuses new sign-ins, so a stranger's wrong guesses never end the
 * owner's session. A timed-out session is closed here so that it can never come back, even if
 * the clock or the rules change later. Every signed-in request reads this, so the session, its
 * account, the account's regions and the second-factor setting come in one statement on the driver
 * (docs/decisions/033), where the ORM sent four.
 */
export async function loadSession(sessionId: string, now = new Date()): Promise<LoadedSession | null> {
  // The id comes from a cookie only this server can have encrypted; anything else is no session.
  if (!UUID.test(sessionId)) return null;
  const [session] = await sqlOf().rows<SessionRow>(
    `SELECT s.id, s.created_at, s.last_seen_at, s.expires_at, s.ended_at, s.second_factor_pending, s.failures_to_tell,
            u.id AS user_id, u.email, u.name, u.role, u.active, u.locked_at, u.must_change_password, u.totp_enabled_at,
            array(SELECT r.region_id::text FROM user_region r WHERE r.user_id = u.id ORDER BY r.region_id) AS region_ids,
            (SELECT v.value FROM setting v WHERE v.key = $2) AS second_factor_roles
     FROM session s JOIN app_user u ON u.id = s.user_id
     WHERE s.id = $1::uuid`,
    [sessionId, SECOND_FACTOR_SETTING],
  );
  if (!session) return null;
  const timedOut = sessionEndReason(
    {
      createdAt: session.created_at,
      lastSeenAt: session.last_seen_at,
      expiresAt: session.expires_at,
      endedAt: session.ended_at,
      secondFactorPending: session.second_factor_pending,
    },
    now,
  );
  if (timedOut) {
    if (timedOut !== "ended") await endSession(sessionId, timedOut, null);
    return null;
  }
  if (!session.active || session.locked_at) return null;

  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await sqlOf().rows("UPDATE session SET last_seen_at = $2 WHERE id = $1::uuid AND ended_at IS NULL", [sessionId, now]);
  }
  return {
    user: {
      id: session.user_id,
      email: session.email,
      name: session.name,
      role: session.role,
      regionIds: session.region_ids,
      sessionId: session.id,
      mustChangePassword: session.must_change_password,
      secondFactorPending: session.second_factor_pending,
      secondFactorMissing: session.totp_enabled_at === null && secondFactorRolesOf(session.second_factor_roles).includes(session.role),
    },
    failuresToTell: session.failures_to_tell ?? 0,
  };
}

/** The user of a signed-in session, or null (see loadSession). */
export async function loadSessionUser(sessionId: string, now = new Date()): Promise<CurrentUser | null> {
  return (await loadSession(sessionId, now))?.user ?? null;
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
 * handed out once: the first page rendered after sign-in shows it, later ones do not. `seen` is
 * what the session's read found (loadSession); the count is taken only if it is still there, so
 * two pages rendered at once do not both tell it.
 */
export async function takeFailuresToTell(sessionId: string, seen: number): Promise<number> {
  if (seen === 0) return 0;
  const taken = await sqlOf().rows<{ id: string }>(
    "UPDATE session SET failures_to_tell = NULL WHERE id = $1::uuid AND failures_to_tell = $2 RETURNING id",
    [sessionId, seen],
  );
  return taken.length === 1 ? seen : 0;
}
