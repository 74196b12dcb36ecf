import { randomInt } from "node:crypto";
import type { z } from "zod";
import { getDb, type Db } from "../db/client";
import { recordAuditEvent, SYSTEM_ACTOR } from "../audit/record-event";
import { hashPassword } from "../auth/password";
import { CreateUserInput } from "../validation/account";

/** The same rules for e-mail and name as an account an administrator creates in the app. */
export const CreateAdministratorInput = CreateUserInput.pick({ email: true, name: true });
export type CreateAdministratorInput = z.infer<typeof CreateAdministratorInput>;

// No 0/O, 1/l/I: the password is read off a terminal and typed in by hand.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** Four groups of five from 56 symbols: about 116 bits, far beyond guessing before the first sign-in. */
export function oneTimePassword(): string {
  return Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")).join("-");
}

export class AdministratorRefused extends Error {}

/** The command's arguments checked, or one line saying which is wrong, before anything connects. */
export function parseAdministratorInput(input: { email?: string; name?: string }): CreateAdministratorInput {
  const parsed = CreateAdministratorInput.safeParse(input);
  if (parsed.success) return parsed.data;
  if (parsed.error.issues.some((issue) => issue.path[0] === "email"))
    throw new AdministratorRefused("not a usable e-mail address: give one such as --email admin@example.org");
  throw new AdministratorRefused(`give the administrator's name, at most 120 characters: --name "Full Name"`);
}

/** Whether anyone can sign in to administer: the sign-in page says how to make the first one when not. */
export async function hasActiveAdministrator(db: Db = getDb()): Promise<boolean> {
  return (await db.user.count({ where: { role: "ADMINISTRATOR", active: true } })) > 0;
}

/**
 * `npm run admin:create -- --email EMAIL --name NAME`, run by someone with access to the server:
 * the first administrator of an installation (and any later one made the same way), who then
 * creates everyone else in /admin. The password is a one-time one that must be replaced at the
 * first sign-in, as for an account an administrator creates. Audited as a system event with the
 * operating-system user who ran it; the password is in no event.
 */
export async function createAdministrator(
  db: Db,
  input: { email?: string; name?: string },
  operator: string,
): Promise<{ id: string; email: string; temporaryPassword: string }> {
  const { email, name } = parseAdministratorInput(input);
  const temporaryPassword = oneTimePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } }))
      throw new AdministratorRefused(`an account with the e-mail ${email} already exists: nothing was changed`);
    const created = await tx.user.create({
      data: { email, name, role: "ADMINISTRATOR", passwordHash, mustChangePassword: true },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: SYSTEM_ACTOR,
      action: "account.created",
      entityType: "user",
      entityId: created.id,
      reason: "admin:create run on the server",
      after: { email, name, role: "ADMINISTRATOR", regionIds: [], mustChangePassword: true },
      context: { via: "admin:create", operator },
    });
    return { id: created.id, email, temporaryPassword };
  });
}
