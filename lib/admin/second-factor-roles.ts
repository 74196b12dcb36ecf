import "server-only";
import { getDb } from "../db/client";
import type { Role } from "../db/generated/enums";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { SECOND_FACTOR_SETTING, rolesRequiringSecondFactor } from "../auth/second-factor-policy";
import { DomainError } from "../cases/errors";
import type { SecondFactorRolesInput } from "../validation/account";
import { requireAdministrator } from "./require-administrator";

/** The roles whose users must sign in with a second factor, and the version the form edits. */
export async function readSecondFactorRoles(user: CurrentUser): Promise<{ roles: Role[]; version: number }> {
  await requireAdministrator(user, { entityType: "setting", entityId: SECOND_FACTOR_SETTING });
  const db = getDb();
  const [setting, roles] = await Promise.all([db.setting.findUnique({ where: { key: SECOND_FACTOR_SETTING }, select: { version: true } }), rolesRequiringSecondFactor(db)]);
  // Version 0 stands for "never saved", so the first save is checked like any other.
  return { roles, version: setting?.version ?? 0 };
}

/**
 * Requiring a second factor takes effect at each affected user's next click: those without one
 * can reach only the enrolment page until they have enrolled (requireUser).
 */
export async function saveSecondFactorRoles(user: CurrentUser, input: SecondFactorRolesInput): Promise<void> {
  await requireAdministrator(user, { entityType: "setting", entityId: SECOND_FACTOR_SETTING });
  await getDb().$transaction(async (tx) => {
    const before = await rolesRequiringSecondFactor(tx);
    const current = await tx.setting.findUnique({ where: { key: SECOND_FACTOR_SETTING }, select: { version: true } });
    if ((current?.version ?? 0) !== input.version) throw new DomainError("conflict", "stale");
    const value = [...input.roles].sort();
    if (current) {
      const saved = await tx.setting.updateMany({ where: { key: SECOND_FACTOR_SETTING, version: input.version }, data: { value, version: { increment: 1 } } });
      if (saved.count !== 1) throw new DomainError("conflict", "stale");
    } else {
      // Two first saves at once: the primary key lets one in and the other fails as a conflict.
      await tx.setting.createMany({ data: [{ key: SECOND_FACTOR_SETTING, value }], skipDuplicates: true }).then((r) => {
        if (r.count !== 1) throw new DomainError("conflict", "stale");
      });
    }
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "settings.changed",
      entityType: "setting",
      entityId: SECOND_FACTOR_SETTING,
      reason: input.reason,
      before: { roles: [...before].sort() },
      after: { roles: value },
    });
  });
}
