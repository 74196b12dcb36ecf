import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { hashPassword } from "./password";
import { signInWithPassword } from "./sign-in";
import { endSession, loadSession, loadSessionUser, takeFailuresToTell } from "./session-store";
import { ADDRESS_THROTTLE_THRESHOLD, FIRST_LOCK_MS, IDLE_TIMEOUT_MS, LOCKOUT_THRESHOLD } from "./session-rules";

const PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

async function makeUser(overrides: { active?: boolean } = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  const email = `user-${randomUUID()}@test.example.org`;
  const user = await getDb().user.create({
    data: { email, name: "Test User", role: "CASEWORKER", passwordHash: await passwordHash, active: overrides.active ?? true },
  });
  return user;
}

// An address of its own for each attempt, so that tests failing many times do not trip the per-address throttle for each other.
const anyAddress = () => `172.${16 + Math.floor(Math.random() * 16)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
const request = (email: string, password: string) => ({ email, password, ipAddress: anyAddress(), userAgent: "vitest" });

async function failTimes(email: string, times: number, label = "wrong") {
  for (let i = 0; i < times; i++) await signInWithPassword(request(email, `${label}-${i}-password`));
}

/** The lock's end moved to just now, as if its time had passed. */
async function runOut(userId: string) {
  await getDb().user.update({ where: { id: userId }, data: { lockedUntil: new Date(Date.now() - 1) } });
}

function eventsFor(entityId: string, action: string) {
  return getDb().auditEvent.findMany({ where: { entityId, action, chain: "system" } });
}

describe("signInWithPassword", () => {
  it("opens a session and records the success in the audit log", async () => {
    const user = await makeUser();
    const result = await signInWithPassword(request(user.email.toUpperCase(), PASSWORD));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await loadSessionUser(result.sessionId)).toMatchObject({ id: user.id, role: "CASEWORKER" });
    expect(await eventsFor(result.sessionId, "auth.sign_in.succeeded")).toHaveLength(1);
  });

  it("refuses a wrong password, opens no session, and records the failure", async () => {
    const user = await makeUser();
    expect(await signInWithPassword(request(user.email, "wrong password here"))).toEqual({ ok: false });
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    const [failure] = await eventsFor(user.id, "auth.sign_in.failed");
    expect(failure?.context).toMatchObject({ cause: "wrong_password" });
  });

  it("answers an unknown account exactly like a wrong password", async () => {
    expect(await signInWithPassword(request(`nobody-${randomUUID()}@test.example.org`, PASSWORD))).toEqual({ ok: false });
  });

  it("refuses a deactivated account even with the right password", async () => {
    const user = await makeUser({ active: false });
    expect(await signInWithPassword(request(user.email, PASSWORD))).toEqual({ ok: false });
  });

  it(`locks the account for ${FIRST_LOCK_MS / 60000} minutes after ${LOCKOUT_THRESHOLD} failures, not for good: the right password works again once the lock has run out`, async () => {
    const user = await makeUser();
    await failTimes(user.email, LOCKOUT_THRESHOLD);
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.lockedAt).toBeNull();
    expect(stored.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(FIRST_LOCK_MS - 60_000);
    expect(stored.lockedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(FIRST_LOCK_MS);
    const [locked] = await eventsFor(user.id, "auth.account_locked");
    expect(locked).toMatchObject({ actorLabel: "system", context: { lockedUntil: stored.lockedUntil!.toISOString(), lockInARow: 1 } });
    expect(await signInWithPassword(request(user.email, PASSWORD))).toEqual({ ok: false });
    expect((await eventsFor(user.id, "auth.sign_in.failed")).map((e) => (e.context as { cause: string }).cause)).toContain("locked");

    await runOut(user.id);
    expect((await signInWithPassword(request(user.email, PASSWORD))).ok).toBe(true);
  }, 60_000);

  it("makes each further lock in a row last twice as long, and a complete sign-in starts them over", async () => {
    const user = await makeUser();
    await failTimes(user.email, LOCKOUT_THRESHOLD);
    await runOut(user.id);
    await failTimes(user.email, LOCKOUT_THRESHOLD);
    const second = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(second.failureLocks).toBe(2);
    expect(second.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(2 * FIRST_LOCK_MS - 60_000);

    await runOut(user.id);
    expect((await signInWithPassword(request(user.email, PASSWORD))).ok).toBe(true);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).failureLocks).toBe(0);
  }, 60_000);

  it("does not count attempts refused during a lock towards the next one", async () => {
    const user = await makeUser();
    await failTimes(user.email, LOCKOUT_THRESHOLD);
    await failTimes(user.email, LOCKOUT_THRESHOLD, "during");
    await runOut(user.id);
    await failTimes(user.email, 1, "after");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).failureLocks).toBe(1);
    expect((await signInWithPassword(request(user.email, PASSWORD))).ok).toBe(true);
  }, 60_000);

  it("leaves the owner's open sessions alone when strangers' failures lock the account", async () => {
    const user = await makeUser();
    const signedIn = await signInWithPassword(request(user.email, PASSWORD));
    if (!signedIn.ok) throw new Error("sign-in failed in setup");
    await failTimes(user.email, LOCKOUT_THRESHOLD);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil).not.toBeNull();
    expect(await loadSessionUser(signedIn.sessionId)).toMatchObject({ id: user.id });
  }, 60_000);

  it("tells the owner, once, how many attempts failed since their last sign-in", async () => {
    const user = await makeUser();
    const first = await signInWithPassword(request(user.email, PASSWORD));
    if (!first.ok) throw new Error("sign-in failed in setup");
    const failuresOf = async (sessionId: string) => (await loadSession(sessionId))?.failuresToTell ?? 0;
    expect(await takeFailuresToTell(first.sessionId, await failuresOf(first.sessionId))).toBe(0);
    await failTimes(user.email, 3);
    const next = await signInWithPassword(request(user.email, PASSWORD));
    if (!next.ok) throw new Error("sign-in failed in setup");
    expect(await failuresOf(next.sessionId)).toBe(3);
    expect(await takeFailuresToTell(next.sessionId, 3)).toBe(3);
    // Taken once: a second page rendered with the same count read before gets nothing, nor a later one.
    expect(await takeFailuresToTell(next.sessionId, 3)).toBe(0);
    expect(await failuresOf(next.sessionId)).toBe(0);
    expect((await eventsFor(next.sessionId, "auth.sign_in.succeeded"))[0]?.context).toMatchObject({ failuresSinceLastSignIn: 3 });
  }, 60_000);
});

describe("the per-address throttle", () => {
  it(`refuses an address after ${ADDRESS_THROTTLE_THRESHOLD} failures, even with the right password, while other addresses sign in`, async () => {
    const address = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const from = (email: string, password: string, ipAddress: string) => ({ email, password, ipAddress, userAgent: "vitest" });
    // Unknown accounts, so no single account reaches its own lockout.
    for (let i = 0; i < ADDRESS_THROTTLE_THRESHOLD; i++)
      await signInWithPassword(from(`nobody-${randomUUID()}@test.example.org`, "wrong password here", address));
    const user = await makeUser();
    expect(await signInWithPassword(from(user.email, PASSWORD, address))).toEqual({ ok: false });
    const [refusal] = await eventsFor(user.id, "auth.sign_in.failed");
    expect(refusal?.context).toMatchObject({ cause: "address_throttled" });
    expect((await signInWithPassword(from(user.email, PASSWORD, "192.0.2.77"))).ok).toBe(true);
  }, 60_000);
});

describe("loadSessionUser", () => {
  async function signedIn() {
    const user = await makeUser();
    const result = await signInWithPassword(request(user.email, PASSWORD));
    if (!result.ok) throw new Error("sign-in failed in setup");
    return { user, sessionId: result.sessionId };
  }

  it("finds no session for an id that is no uuid or names no session, without an error", async () => {
    expect(await loadSessionUser("not-a-session'; --")).toBeNull();
    expect(await loadSessionUser(randomUUID())).toBeNull();
  });

  it("refuses a session once it is signed out, and audits the sign-out once", async () => {
    const { user, sessionId } = await signedIn();
    await endSession(sessionId, "sign_out", user.id);
    await endSession(sessionId, "sign_out", user.id);
    expect(await loadSessionUser(sessionId)).toBeNull();
    expect(await eventsFor(sessionId, "auth.sign_out")).toHaveLength(1);
  });

  it("refuses the session of an account deactivated after sign-in", async () => {
    const { user, sessionId } = await signedIn();
    await getDb().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await loadSessionUser(sessionId)).toBeNull();
  });

  it("ends a session left idle for more than 30 minutes, for good", async () => {
    const { sessionId } = await signedIn();
    const later = new Date(Date.now() + IDLE_TIMEOUT_MS + 60_000);
    expect(await loadSessionUser(sessionId, later)).toBeNull();
    const row = await getDb().session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.endReason).toBe("idle");
    expect(await loadSessionUser(sessionId)).toBeNull();
  });

  it("reads role and regions fresh from the database on each call", async () => {
    const { user, sessionId } = await signedIn();
    await getDb().user.update({ where: { id: user.id }, data: { role: "AUDITOR" } });
    expect(await loadSessionUser(sessionId)).toMatchObject({ role: "AUDITOR" });
  });
});
