/** Signed-in time limits, enforced on the server against the session row (DOMAIN.md, issue 2). */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reads do not each cost a write. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

/** Lockout: this many failures for one account within the window lock it until an administrator unlocks it. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
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
