import { describe, expect, it } from "vitest";
import {
  ABSOLUTE_LIFETIME_MS,
  IDLE_TIMEOUT_MS,
  LONGEST_LOCK_MS,
  SECOND_FACTOR_WINDOW_MS,
  failureLockDuration,
  isFailureLocked,
  sessionEndReason,
} from "./session-rules";

const start = new Date("2026-01-10T08:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const session = (lastSeenMs: number, endedAt: Date | null = null) => ({
  createdAt: start,
  lastSeenAt: at(lastSeenMs),
  expiresAt: at(ABSOLUTE_LIFETIME_MS),
  endedAt,
});

describe("sessionEndReason", () => {
  it("admits a session seen within the idle timeout", () => {
    expect(sessionEndReason(session(0), at(IDLE_TIMEOUT_MS - 1))).toBeNull();
  });
  it("ends a session idle for longer than 30 minutes", () => {
    expect(sessionEndReason(session(0), at(IDLE_TIMEOUT_MS + 1))).toBe("idle");
  });
  it("ends an active session at its 12-hour absolute lifetime", () => {
    expect(sessionEndReason(session(ABSOLUTE_LIFETIME_MS - 1000), at(ABSOLUTE_LIFETIME_MS))).toBe("expired");
  });
  it("never revives a session that was signed out", () => {
    expect(sessionEndReason(session(0, at(1000)), at(2000))).toBe("ended");
  });
  it("gives a session still owing its second factor five minutes, not the idle timeout", () => {
    const pending = { ...session(0), secondFactorPending: true };
    expect(sessionEndReason(pending, at(SECOND_FACTOR_WINDOW_MS - 1))).toBeNull();
    expect(sessionEndReason(pending, at(SECOND_FACTOR_WINDOW_MS + 1))).toBe("second_factor_timeout");
    expect(sessionEndReason(session(0), at(SECOND_FACTOR_WINDOW_MS + 1))).toBeNull();
  });
});

describe("failure locks", () => {
  const minutes = (n: number) => n * 60 * 1000;
  it("last 15 minutes, then twice as long each time in a row, never more than a day", () => {
    expect([1, 2, 3, 4, 5].map(failureLockDuration)).toEqual([minutes(15), minutes(30), minutes(60), minutes(120), minutes(240)]);
    expect(failureLockDuration(8)).toBe(LONGEST_LOCK_MS);
    expect(failureLockDuration(1000)).toBe(LONGEST_LOCK_MS);
  });
  it("run until their end and not a moment after", () => {
    expect(isFailureLocked({ lockedUntil: at(1) }, start)).toBe(true);
    expect(isFailureLocked({ lockedUntil: start }, start)).toBe(false);
    expect(isFailureLocked({ lockedUntil: null }, start)).toBe(false);
  });
});
