import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { makeUser } from "../testing/factories";
import { RecoveryRefused, recoverAdministrator } from "./unlock-account";

const eventsOf = (entityId: string) => getDb().auditEvent.findMany({ where: { chain: "system", entityId, action: "account.unlocked" } });

describe("recoverAdministrator (npm run admin:unlock)", () => {
  it("lifts both locks of an administrator and reactivates the account, audited as a system event naming who ran it", async () => {
    const admin = await makeUser("ADMINISTRATOR");
    await getDb().user.update({
      where: { id: admin.id },
      data: { lockedAt: new Date(), lockedUntil: new Date(Date.now() + 3_600_000), failureLocks: 3, active: false },
    });
    expect(await recoverAdministrator(getDb(), admin.email.toUpperCase(), "operator")).toBe("recovered");
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(stored).toMatchObject({ lockedAt: null, lockedUntil: null, failureLocks: 0, active: true });
    const [event] = await eventsOf(admin.id);
    expect(event).toMatchObject({
      actorLabel: "system",
      actorId: null,
      context: { via: "admin:unlock", operator: "operator" },
      after: { lockedAt: null, active: true },
    });
  });

  it("changes nothing on an account that is neither locked nor deactivated", async () => {
    const admin = await makeUser("ADMINISTRATOR");
    expect(await recoverAdministrator(getDb(), admin.email, "operator")).toBe("nothing_to_do");
    expect(await eventsOf(admin.id)).toHaveLength(0);
  });

  it("refuses any account that is not an administrator's", async () => {
    const caseworker = await makeUser("CASEWORKER");
    await getDb().user.update({ where: { id: caseworker.id }, data: { lockedAt: new Date() } });
    await expect(recoverAdministrator(getDb(), caseworker.email, "operator")).rejects.toBeInstanceOf(RecoveryRefused);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: caseworker.id } })).lockedAt).not.toBeNull();
  });
});
