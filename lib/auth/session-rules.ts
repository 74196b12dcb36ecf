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

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date; endedAt: Date | null };

/** Why a session row no longer admits its holder, or null when it does. */
export function sessionEndReason(session: SessionTimes, now: Date): "ended" | "expired" | "idle" | null {
  if (session.endedAt) return "ended";
  if (session.expiresAt.getTime() <= now.getTime()) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS) return "idle";
  return null;
}
