/** Signed-in time limits, enforced on the server against the session row (docs/decisions/002-jwt-with-database-session.md, issue 2). */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reads do not each cost a write. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

/**
 * Failure lock: this many wrong passwords or codes for one account within the window refuse its
 * sign-in for a while. Never for good: anyone can type an e-mail, so a permanent lock would let a
 * stranger shut out any user, the last administrator included.
 */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
/** The first lock lasts this long; each further lock in a row twice as long as the one before, up to a day. */
export const FIRST_LOCK_MS = 15 * 60 * 1000;
export const LONGEST_LOCK_MS = 24 * 60 * 60 * 1000;

/** How long the nth failure lock in a row lasts (n from 1): 15 min, 30 min, 1 h, 2 h ... 24 h. */
export function failureLockDuration(n: number): number {
  return Math.min(FIRST_LOCK_MS * 2 ** Math.min(Math.max(n, 1) - 1, 16), LONGEST_LOCK_MS);
}

/** Whether a failure lock is still running. */
export function isFailureLocked(account: { lockedUntil: Date | null }, now: Date): boolean {
  return account.lockedUntil !== null && account.lockedUntil.getTime() > now.getTime();
}
/** Per-address throttle: this many failures from one address within the same window refuse further attempts from it. */
export const ADDRESS_THROTTLE_THRESHOLD = 20;

/** A password accepted but its second factor not yet given stays usable for only this long. */
export const SECOND_FACTOR_WINDOW_MS = 5 * 60 * 1000;

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date; endedAt: Date | null; secondFactorPending?: boolean };

/** Why a session row no longer admits its holder, or null when it does. */
export function sessionEndReason(session: SessionTimes, now: Date): "ended" | "expired" | "idle" | "second_factor_timeout" | null {
  if (session.endedAt) return "ended";
  if (session.expiresAt.getTime() <= now.getTime()) return "expired";
  if (session.secondFactorPending && now.getTime() - session.createdAt.getTime() > SECOND_FACTOR_WINDOW_MS) return "second_factor_timeout";
  if (now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS) return "idle";
  return null;
}
