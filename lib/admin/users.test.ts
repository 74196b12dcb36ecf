import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { hashPassword } from "../auth/password";
import { signInWithPassword } from "../auth/sign-in";
import { loadSessionUser } from "../auth/session-store";
import { LOCKOUT_THRESHOLD } from "../auth/session-rules";
import { makePerson, makeRegion, makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { createUser, getUser, runAccountCommand, setTemporaryPassword, updateUser } from "./users";

const PASSWORD = "correct horse battery staple";
const fresh = (userId: string) => getDb().user.findUniqueOrThrow({ where: { id: userId }, include: { regions: true } });
const eventsOf = (entityId: string, action: string) => getDb().auditEvent.findMany({ where: { chain: "system", entityId, action } });
const signIn = (email: string, password = PASSWORD) => signInWithPassword({ email, password, ipAddress: null, userAgent: "vitest" });

async function withPassword(role: "CASEWORKER" | "SUPERVISOR", regionIds: string[] = []) {
  const account = await makeUser(role, regionIds);
  await getDb().user.update({ where: { id: account.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return account;
}

describe("account administration", () => {
  it("creates a caseworker in one region who must replace the temporary password, with its audit event", async () => {
    const [admin, region] = await Promise.all([makeUser("ADMINISTRATOR"), makeRegion()]);
    const email = `new-${randomUUID()}@test.example.org`;
    const { id } = await createUser(admin, {
      email,
      name: "New Caseworker",
      role: "CASEWORKER",
      regionIds: [region.id],
      temporaryPassword: "a long temporary phrase",
    });
    const created = await fresh(id);
    expect(created).toMatchObject({ role: "CASEWORKER", mustChangePassword: true, active: true });
    expect(created.regions.map((r) => r.regionId)).toEqual([region.id]);
    const [event] = await eventsOf(id, "account.created");
    expect(event?.after).toMatchObject({ email, role: "CASEWORKER" });
    expect(JSON.stringify(event)).not.toContain("temporary phrase");
  });

  type Change = { temporaryPassword?: string; regionIds?: "two" | "none"; role?: "SUPERVISOR" };
  it.each<[string, Change, string]>([
    ["a common temporary password", { temporaryPassword: "qwerty123456" }, "invalid:temporaryPassword=passwordCommon"],
    ["a caseworker with two regions", { regionIds: "two" }, "invalid:regionIds=oneRegion"],
    ["a supervisor with no region", { role: "SUPERVISOR", regionIds: "none" }, "invalid:regionIds=someRegion"],
  ])("refuses %s and writes nothing", async (_label, change, expected) => {
    const [admin, a, b] = await Promise.all([makeUser("ADMINISTRATOR"), makeRegion(), makeRegion()]);
    const email = `refused-${randomUUID()}@test.example.org`;
    const regionIds = change.regionIds === "two" ? [a.id, b.id] : change.regionIds === "none" ? [] : [a.id];
    const input = {
      email,
      name: "Refused",
      role: change.role ?? ("CASEWORKER" as const),
      regionIds,
      temporaryPassword: change.temporaryPassword ?? "a long temporary phrase",
    };
    expect(await outcome(createUser(admin, input))).toBe(expected);
    expect(await getDb().user.count({ where: { email } })).toBe(0);
  });

  it("refuses a second account with the same e-mail", async () => {
    const [admin, other] = await Promise.all([makeUser("ADMINISTRATOR"), makeUser("AUDITOR")]);
    expect(
      await outcome(
        createUser(admin, {
          email: other.email,
          name: "Copy",
          role: "AUDITOR",
          regionIds: [],
          temporaryPassword: "a long temporary phrase",
        }),
      ),
    ).toBe("invalid:email=emailTaken");
  });

  it("refuses everyone but an administrator, as if administration did not exist, and audits the attempt", async () => {
    const region = await makeRegion();
    const supervisor = await makeUser("SUPERVISOR", [region.id]);
    const target = await makeUser("CASEWORKER", [region.id]);
    const stored = await fresh(target.id);
    expect(
      await outcome(runAccountCommand(supervisor, { userId: target.id, version: stored.version, command: "deactivate", reason: "test" })),
    ).toBe("notFound");
    expect((await fresh(target.id)).active).toBe(true);
    const denials = await getDb().auditEvent.findMany({ where: { action: "access.denied", actorId: supervisor.id } });
    expect(denials.map((d) => d.context)).toEqual([{ attempted: "admin.manage" }]);
  });

  it("an administrator cannot change their own role", async () => {
    const admin = await makeUser("ADMINISTRATOR");
    const stored = await fresh(admin.id);
    expect(
      await outcome(
        updateUser(admin, { userId: admin.id, version: stored.version, email: admin.email, name: "Admin", role: "AUDITOR", regionIds: [] }),
      ),
    ).toBe("invalid:role=ownRole");
    expect((await fresh(admin.id)).role).toBe("ADMINISTRATOR");
  });

  it("keeps a caseworker in the region of their assigned cases until they are reassigned", async () => {
    const [admin, home, elsewhere] = await Promise.all([makeUser("ADMINISTRATOR"), makeRegion(), makeRegion()]);
    const caseworker = await makeUser("CASEWORKER", [home.id]);
    await makePerson(home.id, caseworker.id);
    const stored = await fresh(caseworker.id);
    const move = {
      userId: caseworker.id,
      version: stored.version,
      email: caseworker.email,
      name: "Moved",
      role: "CASEWORKER" as const,
      regionIds: [elsewhere.id],
    };
    expect(await outcome(updateUser(admin, move))).toBe("invalid:regionIds=reassignFirst");
  });

  it("records only the changed fields of an edit, and refuses an edit made from a stale version", async () => {
    const [admin, a, b] = await Promise.all([makeUser("ADMINISTRATOR"), makeRegion(), makeRegion()]);
    const supervisor = await makeUser("SUPERVISOR", [a.id]);
    const { version } = await fresh(supervisor.id);
    const edit = {
      userId: supervisor.id,
      version,
      email: supervisor.email,
      name: "Test SUPERVISOR",
      role: "SUPERVISOR" as const,
      regionIds: [a.id, b.id],
    };
    await updateUser(admin, edit);
    const [event] = await eventsOf(supervisor.id, "account.updated");
    expect(event?.before).toEqual({ regionIds: [a.id] });
    expect(event?.after).toEqual({ regionIds: [a.id, b.id].sort() });
    expect(await outcome(updateUser(admin, { ...edit, name: "Stale edit" }))).toBe("conflict");
    expect((await fresh(supervisor.id)).name).toBe("Test SUPERVISOR");
  });

  it("deactivation refuses the user's very next request and their sign-in; reactivation restores sign-in", async () => {
    const [admin, region] = await Promise.all([makeUser("ADMINISTRATOR"), makeRegion()]);
    const caseworker = await withPassword("CASEWORKER", [region.id]);
    const signedIn = await signIn(caseworker.email);
    if (!signedIn.ok) throw new Error("sign-in failed");
    expect(await loadSessionUser(signedIn.sessionId)).not.toBeNull();

    await runAccountCommand(admin, {
      userId: caseworker.id,
      version: (await fresh(caseworker.id)).version,
      command: "deactivate",
      reason: "left the service",
    });
    expect(await loadSessionUser(signedIn.sessionId)).toBeNull();
    expect((await signIn(caseworker.email)).ok).toBe(false);
    expect((await eventsOf(caseworker.id, "account.deactivated"))[0]).toMatchObject({
      reason: "left the service",
      context: { sessionsEnded: 1 },
    });

    await runAccountCommand(admin, {
      userId: caseworker.id,
      version: (await fresh(caseworker.id)).version,
      command: "reactivate",
      reason: "returned",
    });
    expect((await signIn(caseworker.email)).ok).toBe(true);
  });

  it("an administrator cannot deactivate themselves", async () => {
    const admin = await makeUser("ADMINISTRATOR");
    expect(
      await outcome(
        runAccountCommand(admin, { userId: admin.id, version: (await fresh(admin.id)).version, command: "deactivate", reason: "test" }),
      ),
    ).toBe("invalid:command=notYourself");
  });

  it("unlocking lifts a failure lock at once, and the failures that locked the account no longer count", async () => {
    const [admin, region] = await Promise.all([makeUser("ADMINISTRATOR"), makeRegion()]);
    const caseworker = await withPassword("CASEWORKER", [region.id]);
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await signIn(caseworker.email, `wrong password ${i}`);
    expect((await fresh(caseworker.id)).lockedUntil).not.toBeNull();
    expect(await getUser(admin, caseworker.id)).toMatchObject({ locked: false, lockedUntil: expect.any(String) as unknown });

    await runAccountCommand(admin, {
      userId: caseworker.id,
      version: (await fresh(caseworker.id)).version,
      command: "unlock",
      reason: "confirmed by phone",
    });
    await signIn(caseworker.email, "one more typo here");
    expect((await fresh(caseworker.id)).lockedUntil).toBeNull();
    expect((await signIn(caseworker.email)).ok).toBe(true);
    expect(await eventsOf(caseworker.id, "account.unlocked")).toHaveLength(1);
  }, 60_000);

  it("a lock by hand ends the sessions and holds until an unlock; an administrator cannot lock themselves", async () => {
    const [admin, region] = await Promise.all([makeUser("ADMINISTRATOR"), makeRegion()]);
    const caseworker = await withPassword("CASEWORKER", [region.id]);
    const signedIn = await signIn(caseworker.email);
    if (!signedIn.ok) throw new Error("sign-in failed");

    await runAccountCommand(admin, {
      userId: caseworker.id,
      version: (await fresh(caseworker.id)).version,
      command: "lock",
      reason: "phone stolen",
      confirm: "on",
    });
    expect(await loadSessionUser(signedIn.sessionId)).toBeNull();
    expect((await signIn(caseworker.email)).ok).toBe(false);
    expect((await eventsOf(caseworker.id, "account.locked"))[0]).toMatchObject({ reason: "phone stolen", context: { sessionsEnded: 1 } });
    expect(
      await outcome(
        runAccountCommand(admin, {
          userId: admin.id,
          version: (await fresh(admin.id)).version,
          command: "lock",
          reason: "test",
          confirm: "on",
        }),
      ),
    ).toBe("invalid:command=notYourself");

    await runAccountCommand(admin, {
      userId: caseworker.id,
      version: (await fresh(caseworker.id)).version,
      command: "unlock",
      reason: "new phone",
    });
    expect((await signIn(caseworker.email)).ok).toBe(true);
  }, 60_000);

  it("a temporary password replaces the old one, ends sessions, and must be changed", async () => {
    const [admin, region] = await Promise.all([makeUser("ADMINISTRATOR"), makeRegion()]);
    const caseworker = await withPassword("CASEWORKER", [region.id]);
    const signedIn = await signIn(caseworker.email);
    if (!signedIn.ok) throw new Error("sign-in failed");
    await setTemporaryPassword(admin, {
      userId: caseworker.id,
      version: (await fresh(caseworker.id)).version,
      temporaryPassword: "another long phrase here",
      reason: "forgotten",
    });
    expect(await loadSessionUser(signedIn.sessionId)).toBeNull();
    expect((await signIn(caseworker.email)).ok).toBe(false);
    const next = await signIn(caseworker.email, "another long phrase here");
    if (!next.ok) throw new Error("temporary password refused");
    expect((await loadSessionUser(next.sessionId))?.mustChangePassword).toBe(true);
  }, 60_000);
});
