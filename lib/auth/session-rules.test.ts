import { describe, expect, it } from "vitest";
import { ABSOLUTE_LIFETIME_MS, IDLE_TIMEOUT_MS, sessionEndReason } from "./session-rules";

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
});
