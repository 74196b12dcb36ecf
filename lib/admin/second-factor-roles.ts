import "server-only";
import { getDb } from "../db/client";
import type { Role } from "../db/generated/enums";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { SECOND_FACTOR_SETTING, rolesRequiringSecondFactor } from "../auth/second-factor-policy";
import { settingVersion, unchangedSetting, writeSetting, type SettingSave } from "./versioned-setting";
import type { SecondFactorRolesInput } from "../validation/account";
import { requireAdministrator } from "./require-administrator";

/** The roles whose users must sign in with a second factor, and the version the form edits. */
export async function readSecondFactorRoles(user: CurrentUser): Promise<{ roles: Role[]; version: number }> {
  await requireAdministrator(user, { entityType: "setting", entityId: SECOND_FACTOR_SETTING });
  const db = getDb();
  const [version, roles] = await Promise.all([settingVersion(SECOND_FACTOR_SETTING, db), rolesRequiringSecondFactor(db)]);
  return { roles, version };
}

/**
 * Requiring a second factor takes effect at each affected user's next click: those without one
 * can reach only the enrolment page until they have enrolled (requireUser).
 */
export async function saveSecondFactorRoles(user: CurrentUser, input: SecondFactorRolesInput): Promise<SettingSave> {
  await requireAdministrator(user, { entityType: "setting", entityId: SECOND_FACTOR_SETTING });
  return getDb().$transaction(async (tx) => {
    const before = [...(await rolesRequiringSecondFactor(tx))].sort();
    const value = [...input.roles].sort();
    if (await unchangedSetting(tx, SECOND_FACTOR_SETTING, input.version, before, value)) return "unchanged";
    await writeSetting(tx, SECOND_FACTOR_SETTING, input.version, value);
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "settings.changed",
      entityType: "setting",
      entityId: SECOND_FACTOR_SETTING,
      reason: input.reason,
      before: { roles: before },
      after: { roles: value },
    });
    return "saved";
  });
}
