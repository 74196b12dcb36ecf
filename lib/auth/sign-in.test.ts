import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { hashPassword } from "./password";
import { signInWithPassword } from "./sign-in";
import { endSession, loadSessionUser } from "./session-store";
import { ADDRESS_THROTTLE_THRESHOLD, IDLE_TIMEOUT_MS, LOCKOUT_THRESHOLD } from "./session-rules";

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

const request = (email: string, password: string) => ({ email, password, ipAddress: "127.0.0.1", userAgent: "vitest" });

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

  it(`locks the account after ${LOCKOUT_THRESHOLD} failures, after which the right password no longer works`, async () => {
    const user = await makeUser();
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await signInWithPassword(request(user.email, `wrong-${i}-password`));
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.lockedAt).not.toBeNull();
    expect(await eventsFor(user.id, "auth.account_locked")).toHaveLength(1);
    expect(await signInWithPassword(request(user.email, PASSWORD))).toEqual({ ok: false });
  });
});

describe("the per-address throttle", () => {
  it(`refuses an address after ${ADDRESS_THROTTLE_THRESHOLD} failures, even with the right password, while other addresses sign in`, async () => {
    const address = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const from = (email: string, password: string, ipAddress: string) => ({ email, password, ipAddress, userAgent: "vitest" });
    // Unknown accounts, so no single account reaches its own lockout.
    for (let i = 0; i < ADDRESS_THROTTLE_THRESHOLD; i++) await signInWithPassword(from(`nobody-${randomUUID()}@test.example.org`, "wrong password here", address));
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
