import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { env } from "../env";
import { makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { runAccountCommand } from "../admin/users";
import { saveSecondFactorRoles } from "../admin/second-factor-roles";
import { hashPassword } from "./password";
import { open } from "./secret-box";
import { signInWithPassword } from "./sign-in";
import { loadSessionUser, type CurrentUser } from "./session-store";
import { LOCKOUT_THRESHOLD, SECOND_FACTOR_WINDOW_MS } from "./session-rules";
import { totpCode, totpStep } from "./totp";
import {
  completeSecondFactor,
  confirmEnrolment,
  disableSecondFactor,
  RECOVERY_CODE_COUNT,
  renewRecoveryCodes,
  secondFactorStatus,
  startEnrolment,
} from "./second-factor";

const PASSWORD = "correct horse battery staple";
const CONTEXT = { ipAddress: null, userAgent: "vitest" };
const eventsOf = (entityId: string, action: string) => getDb().auditEvent.findMany({ where: { chain: "system", entityId, action } });

async function secretOf(userId: string): Promise<string> {
  const { totpSecret } = await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true } });
  const secret = totpSecret && open(totpSecret, env().NEXTAUTH_SECRET);
  if (!secret) throw new Error("no key");
  return secret;
}

/** A caseworker with a password and a confirmed second factor; codes are taken at chosen steps so each test controls reuse. */
async function enrolledUser() {
  const user = await makeUser("CASEWORKER");
  await getDb().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  await startEnrolment(user);
  const secret = await secretOf(user.id);
  const now = new Date();
  const recoveryCodes = await confirmEnrolment(user, { code: totpCode(secret, totpStep(now) - 1) }, now);
  return { user, secret, recoveryCodes };
}

/** Signs in with the password: the session waits for the code. */
async function pendingSession(user: CurrentUser): Promise<CurrentUser> {
  const result = await signInWithPassword({ email: user.email, password: PASSWORD, ...CONTEXT });
  if (!result.ok) throw new Error("password refused");
  const loaded = await loadSessionUser(result.sessionId);
  if (!loaded) throw new Error("session not loaded");
  return loaded;
}

describe("second factor", () => {
  it("turns on only after a code from the app proves it holds the key, and issues recovery codes stored as hashes", async () => {
    const user = await makeUser("CASEWORKER");
    await startEnrolment(user);
    expect((await secondFactorStatus(user)).state).toBe("enrolling");
    const secret = await secretOf(user.id);
    expect(await outcome(confirmEnrolment(user, { code: "000000" === totpCode(secret, totpStep(new Date())) ? "111111" : "000000" }))).toBe(
      "invalid:code=wrongCode",
    );
    const codes = await confirmEnrolment(user, { code: totpCode(secret, totpStep(new Date())) });
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    expect(await secondFactorStatus(user)).toMatchObject({ state: "on", recoveryCodesLeft: RECOVERY_CODE_COUNT });
    const stored = await getDb().recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((row) => row.codeHash)).not.toContain(codes[0]);
    const [event] = await eventsOf(user.id, "account.second_factor.enabled");
    expect(JSON.stringify(event)).not.toContain(codes[0]);
  });

  it("keeps the key sealed in the database, never in plain text", async () => {
    const { user, secret } = await enrolledUser();
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true } });
    expect(row.totpSecret).not.toContain(secret);
  });

  it("opens only a pending session with the password, and the code completes it", async () => {
    const { user, secret } = await enrolledUser();
    const pending = await pendingSession(user);
    expect(pending.secondFactorPending).toBe(true);
    await completeSecondFactor(pending, { code: totpCode(secret, totpStep(new Date())) }, CONTEXT);
    expect((await loadSessionUser(pending.sessionId))?.secondFactorPending).toBe(false);
    const [event] = await eventsOf(pending.sessionId, "auth.sign_in.succeeded");
    expect(event?.context).toMatchObject({ secondFactor: "totp" });
  });

  it("accepts each authenticator code once, even when two sign-ins race with it", async () => {
    const { user, secret } = await enrolledUser();
    const [first, second] = await Promise.all([pendingSession(user), pendingSession(user)]);
    const code = totpCode(secret, totpStep(new Date()));
    const results = await Promise.all([first, second].map((session) => outcome(completeSecondFactor(session, { code }, CONTEXT))));
    expect(results.sort()).toEqual(["invalid:code=wrongCode", "ok"]);
  });

  it("accepts each recovery code once, typed in any case and with or without the dash", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const code = recoveryCodes[0]!;
    const first = await pendingSession(user);
    await completeSecondFactor(first, { code: ` ${code.toUpperCase().replace("-", "")} ` }, CONTEXT);
    const second = await pendingSession(user);
    expect(await outcome(completeSecondFactor(second, { code }, CONTEXT))).toBe("invalid:code=wrongCode");
    expect(await secondFactorStatus(user)).toMatchObject({ recoveryCodesLeft: RECOVERY_CODE_COUNT - 1 });
  });

  it("lets a session that still owes its code live only for the code's window, and ends it for good after", async () => {
    const { user } = await enrolledUser();
    const pending = await pendingSession(user);
    const justInside = new Date(Date.now() + SECOND_FACTOR_WINDOW_MS - 30_000);
    expect(await loadSessionUser(pending.sessionId, justInside)).toMatchObject({ secondFactorPending: true });
    expect(await loadSessionUser(pending.sessionId, new Date(Date.now() + SECOND_FACTOR_WINDOW_MS + 1_000))).toBeNull();
    const ended = await getDb().session.findUniqueOrThrow({ where: { id: pending.sessionId }, select: { endReason: true } });
    expect(ended.endReason).toBe("second_factor_timeout");
    expect(await loadSessionUser(pending.sessionId)).toBeNull();
  });

  it("counts wrong codes towards the failure lock like wrong passwords; while it runs not even a right code is taken", async () => {
    const { user, secret } = await enrolledUser();
    const pending = await pendingSession(user);
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await outcome(completeSecondFactor(pending, { code: `wrong-${i}` }, CONTEXT));
    const account = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { lockedAt: true, lockedUntil: true } });
    expect(account.lockedAt).toBeNull();
    expect(account.lockedUntil).not.toBeNull();
    expect((await eventsOf(user.id, "auth.sign_in.failed")).map((e) => (e.context as { cause: string }).cause)).toContain(
      "wrong_second_factor",
    );
    expect(await outcome(completeSecondFactor(pending, { code: totpCode(secret, totpStep(new Date())) }, CONTEXT))).toBe(
      "invalid:code=lockedForNow",
    );
    expect(await loadSessionUser(pending.sessionId)).toMatchObject({ secondFactorPending: true });
  }, 60_000);

  it("turning the second factor off: wrong passwords are audited and lock the account for a while, after which even the right one is refused, and the session goes on", async () => {
    const { user } = await enrolledUser();
    const signedIn = { ...user, sessionId: (await pendingSession(user)).sessionId };
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++)
      expect(await outcome(disableSecondFactor(signedIn, { currentPassword: `guess number ${i}` }, CONTEXT))).toBe(
        "invalid:currentPassword=wrongPassword",
      );
    const failures = await eventsOf(user.id, "auth.password_check.failed");
    expect(failures).toHaveLength(LOCKOUT_THRESHOLD);
    expect(failures[0]?.context).toMatchObject({ cause: "wrong_password", check: "second_factor_removal" });
    expect(await eventsOf(user.id, "auth.account_locked")).toHaveLength(1);
    expect(await outcome(disableSecondFactor(signedIn, { currentPassword: PASSWORD }, CONTEXT))).toBe(
      "invalid:currentPassword=lockedForNow",
    );
    expect(await secondFactorStatus(user)).toMatchObject({ state: "on" });
    expect(await loadSessionUser(signedIn.sessionId)).not.toBeNull();
  }, 60_000);

  it("renews recovery codes with a fresh code, and the old ones stop working", async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    const renewed = await renewRecoveryCodes(user, { code: totpCode(secret, totpStep(new Date())) }, CONTEXT);
    expect(renewed).not.toContain(recoveryCodes[0]);
    expect(await outcome(completeSecondFactor(await pendingSession(user), { code: recoveryCodes[0]! }, CONTEXT))).toBe(
      "invalid:code=wrongCode",
    );
  });

  it("renewing recovery codes: wrong codes are audited and lock the account for a while, after which even a right code is refused", async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++)
      expect(await outcome(renewRecoveryCodes(user, { code: String(100000 + i) }, CONTEXT))).toBe("invalid:code=wrongCode");
    const failures = await eventsOf(user.id, "auth.password_check.failed");
    expect(failures.map((e) => e.context)).toContainEqual(
      expect.objectContaining({ cause: "wrong_second_factor", check: "recovery_codes_renewal" }),
    );
    expect(await eventsOf(user.id, "auth.account_locked")).toHaveLength(1);
    expect(await outcome(renewRecoveryCodes(user, { code: totpCode(secret, totpStep(new Date())) }, CONTEXT))).toBe(
      "invalid:code=lockedForNow",
    );
    // The old codes still stand: nothing was renewed.
    expect(await secondFactorStatus(user)).toMatchObject({ recoveryCodesLeft: RECOVERY_CODE_COUNT });
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
  }, 60_000);

  it("turns off with the password, but not while the role requires it; an administrator's reset ends the sessions", async () => {
    const admin = await makeUser("ADMINISTRATOR");
    const { user, secret } = await enrolledUser();
    const setting = await getDb().setting.findUnique({ where: { key: "auth.secondFactorRequiredRoles" } });
    const previous = ((setting?.value as string[] | undefined) ?? []) as CurrentUser["role"][];
    await saveSecondFactorRoles(admin, { version: setting?.version ?? 0, roles: [...previous, "CASEWORKER"], reason: "test" });
    try {
      expect(await outcome(disableSecondFactor(user, { currentPassword: PASSWORD }, CONTEXT))).toBe(
        "invalid:currentPassword=secondFactorRequired",
      );
      const signedIn = await pendingSession(user);
      await completeSecondFactor(signedIn, { code: totpCode(secret, totpStep(new Date())) }, CONTEXT);
      const { version } = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { version: true } });
      await runAccountCommand(admin, { userId: user.id, version, command: "resetSecondFactor", reason: "lost phone" });
      expect(await loadSessionUser(signedIn.sessionId)).toBeNull();
      // Signed in again with the password alone, the role's requirement leaves only enrolment open.
      const again = await signInWithPassword({ email: user.email, password: PASSWORD, ...CONTEXT });
      expect(again).toMatchObject({ ok: true, secondFactorPending: false });
      if (again.ok) expect(await loadSessionUser(again.sessionId)).toMatchObject({ secondFactorMissing: true });
    } finally {
      const current = await getDb().setting.findUniqueOrThrow({ where: { key: "auth.secondFactorRequiredRoles" } });
      await saveSecondFactorRoles(admin, { version: current.version, roles: previous, reason: "test done" });
    }
    expect(await outcome(disableSecondFactor(user, { currentPassword: "not the password" }, CONTEXT))).toBe(
      "invalid:currentPassword=wrongPassword",
    );
  });

  it("refuses a stale settings form", async () => {
    const admin = await makeUser("ADMINISTRATOR");
    const setting = await getDb().setting.findUnique({ where: { key: "auth.secondFactorRequiredRoles" } });
    expect(await outcome(saveSecondFactorRoles(admin, { version: (setting?.version ?? 0) + 5, roles: [], reason: "stale" }))).toBe(
      "conflict",
    );
  });

  it("lets no one but an administrator change which roles need a second factor", async () => {
    const supervisor = await makeUser("SUPERVISOR");
    expect(await outcome(saveSecondFactorRoles(supervisor, { version: 0, roles: ["AUDITOR"], reason: "try" }))).toBe("notFound");
  });
});
