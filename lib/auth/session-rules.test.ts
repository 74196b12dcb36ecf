import { describe, expect, it } from "vitest";
import { ABSOLUTE_LIFETIME_MS, IDLE_TIMEOUT_MS, SECOND_FACTOR_WINDOW_MS, sessionEndReason } from "./session-rules";

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
