import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { verifyPassword } from "../auth/password";
import { passwordProblem } from "../validation/password-policy";
import { AdministratorRefused, createAdministrator, hasActiveAdministrator, oneTimePassword } from "./create-administrator";

const uniqueEmail = () => `first-admin-${randomUUID()}@example.org`;
const createdEvents = (entityId: string) =>
  getDb().auditEvent.findMany({ where: { chain: "system", entityId, action: "account.created" } });

describe("createAdministrator (npm run admin:create)", () => {
  it("creates an active administrator whose one-time password must be changed at first sign-in", async () => {
    const email = uniqueEmail();
    const created = await createAdministrator(getDb(), { email: `  ${email.toUpperCase()} `, name: " Aigerim Sadykova " }, "operator");
    expect(created.email).toBe(email);
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: created.id }, include: { regions: true } });
    expect(stored).toMatchObject({
      email,
      name: "Aigerim Sadykova",
      role: "ADMINISTRATOR",
      active: true,
      mustChangePassword: true,
      regions: [],
    });
    expect(await verifyPassword(stored.passwordHash, created.temporaryPassword)).toBe(true);
    expect(await hasActiveAdministrator(getDb())).toBe(true);
  });

  it("records a system event naming the operating-system user, without the password", async () => {
    const created = await createAdministrator(getDb(), { email: uniqueEmail(), name: "Berik Omarov" }, "deploy");
    const [event, ...others] = await createdEvents(created.id);
    expect(others).toHaveLength(0);
    expect(event).toMatchObject({
      actorId: null,
      actorLabel: "system",
      context: { via: "admin:create", operator: "deploy" },
      after: { role: "ADMINISTRATOR", mustChangePassword: true },
    });
    expect(JSON.stringify(event)).not.toContain(created.temporaryPassword);
  });

  it("refuses an e-mail that already has an account, changing nothing", async () => {
    const email = uniqueEmail();
    const first = await createAdministrator(getDb(), { email, name: "First" }, "operator");
    const before = await getDb().user.findUniqueOrThrow({ where: { id: first.id } });
    await expect(createAdministrator(getDb(), { email, name: "Second" }, "operator")).rejects.toThrow(
      new AdministratorRefused(`an account with the e-mail ${email} already exists: nothing was changed`),
    );
    expect(await getDb().user.findUniqueOrThrow({ where: { id: first.id } })).toEqual(before);
    expect(await createdEvents(first.id)).toHaveLength(1);
  });

  it("refuses a malformed e-mail or a missing name, writing nothing", async () => {
    const count = await getDb().user.count();
    await expect(createAdministrator(getDb(), { email: "not-an-address", name: "Someone" }, "operator")).rejects.toThrow(
      /^not a usable e-mail address/,
    );
    await expect(createAdministrator(getDb(), { email: uniqueEmail(), name: "   " }, "operator")).rejects.toThrow(
      /^give the administrator's name/,
    );
    await expect(createAdministrator(getDb(), { email: uniqueEmail() }, "operator")).rejects.toBeInstanceOf(AdministratorRefused);
    expect(await getDb().user.count()).toBe(count);
  });

  it("makes one-time passwords the password rules accept, a different one each time", () => {
    const passwords = Array.from({ length: 200 }, oneTimePassword);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const password of passwords) expect(passwordProblem(password, ["admin@example.org", "Full Name"])).toBeNull();
  });
});
