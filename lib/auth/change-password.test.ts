import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { changeOwnPassword } from "./change-password";
import { hashPassword, verifyPassword } from "./password";
import { signInWithPassword } from "./sign-in";
import { loadSessionUser } from "./session-store";
import { LOCKOUT_THRESHOLD } from "./session-rules";

const CONTEXT = { ipAddress: "192.0.2.10", userAgent: "vitest" };

const OLD = "the temporary phrase given";

async function userWithTemporaryPassword() {
  const user = await makeUser("AUDITOR");
  await getDb().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(OLD), mustChangePassword: true } });
  const signedIn = await signInWithPassword({ email: user.email, password: OLD, ipAddress: null, userAgent: "vitest" });
  const other = await signInWithPassword({ email: user.email, password: OLD, ipAddress: null, userAgent: "another browser" });
  if (!signedIn.ok || !other.ok) throw new Error("sign-in failed");
  return { user: { ...user, sessionId: signedIn.sessionId, mustChangePassword: true }, otherSession: other.sessionId };
}

describe("changeOwnPassword", () => {
  it("replaces the password, clears the requirement, and ends the user's other sessions but not this one", async () => {
    const { user, otherSession } = await userWithTemporaryPassword();
    await changeOwnPassword(
      user,
      { currentPassword: OLD, newPassword: "my own long passphrase", confirmPassword: "my own long passphrase" },
      CONTEXT,
    );
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.mustChangePassword).toBe(false);
    expect(await verifyPassword(stored.passwordHash, "my own long passphrase")).toBe(true);
    expect(await loadSessionUser(user.sessionId)).not.toBeNull();
    expect(await loadSessionUser(otherSession)).toBeNull();
    expect(await getDb().auditEvent.count({ where: { entityId: user.id, action: "account.password_changed" } })).toBe(1);
  }, 30_000);

  it.each([
    ["the current password is wrong", { currentPassword: "not the one at all" }, "invalid:currentPassword=wrongPassword"],
    ["the new one is common", { newPassword: "1q2w3e4r5t6y" }, "invalid:newPassword=passwordCommon"],
    ["the new one is the old one", { newPassword: OLD }, "invalid:newPassword=passwordUnchanged"],
  ])(
    "refuses when %s and changes nothing",
    async (_label, change, expected) => {
      const { user } = await userWithTemporaryPassword();
      const input = { currentPassword: OLD, newPassword: "my own long passphrase", ...change };
      expect(await outcome(changeOwnPassword(user, { ...input, confirmPassword: input.newPassword }, CONTEXT))).toBe(expected);
      const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
      expect(stored.mustChangePassword).toBe(true);
      expect(await verifyPassword(stored.passwordHash, OLD)).toBe(true);
    },
    30_000,
  );

  it("audits each wrong current password and counts it towards the failure lock; once locked even the right one is refused, and the session goes on", async () => {
    const { user } = await userWithTemporaryPassword();
    const attempt = (currentPassword: string) =>
      outcome(
        changeOwnPassword(
          user,
          { currentPassword, newPassword: "my own long passphrase", confirmPassword: "my own long passphrase" },
          CONTEXT,
        ),
      );
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) expect(await attempt(`guess number ${i}`)).toBe("invalid:currentPassword=wrongPassword");
    const failures = await getDb().auditEvent.findMany({ where: { entityId: user.id, action: "auth.password_check.failed" } });
    expect(failures).toHaveLength(LOCKOUT_THRESHOLD);
    expect(failures[0]).toMatchObject({
      actorLabel: user.email,
      context: { cause: "wrong_password", check: "password_change", ipAddress: CONTEXT.ipAddress },
    });
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.lockedUntil).not.toBeNull();
    expect(await attempt(OLD)).toBe("invalid:currentPassword=lockedForNow");
    expect(await verifyPassword((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, OLD)).toBe(true);
    expect(await loadSessionUser(user.sessionId)).not.toBeNull();
    // The same lock as sign-in: the password cannot be tried there either until it runs out.
    expect(await signInWithPassword({ email: user.email, password: OLD, ipAddress: null, userAgent: "vitest" })).toEqual({ ok: false });
  }, 60_000);
});
