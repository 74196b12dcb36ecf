import "server-only";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import type { ConfirmationSettings } from "../four-eyes/confirmation-rules";
import { CONFIRMATION_SETTING, confirmationSettings } from "../four-eyes/confirmation-settings";
import type { ConfirmationSettingsInput } from "../validation/confirmation-settings";
import { saveSettingValue, settingVersion, type SettingSave } from "./versioned-setting";
import { requireAdministrator } from "./require-administrator";

export type ConfirmationSettingsView = ConfirmationSettings & { version: number };

const TARGET = { entityType: "setting", entityId: CONFIRMATION_SETTING };

export async function readConfirmationSettings(user: CurrentUser): Promise<ConfirmationSettingsView> {
  await requireAdministrator(user, TARGET);
  const db = getDb();
  const [version, settings] = await Promise.all([settingVersion(CONFIRMATION_SETTING, db), confirmationSettings(db)]);
  return { ...settings, version };
}

/**
 * Which changes wait for a second person, from the version the administrator saw; one audit event
 * with the settings before and after.
 */
export async function saveConfirmationSettings(user: CurrentUser, input: ConfirmationSettingsInput): Promise<SettingSave> {
  return saveSettingValue(user, CONFIRMATION_SETTING, input, async (tx) => {
    const before = await confirmationSettings(tx);
    const after: ConfirmationSettings = {
      ...before,
      prosecutionStatuses: [...input.prosecutionStatuses].sort(),
      corrections: input.corrections,
      caseStatuses: [...input.caseStatuses].sort(),
      minorNeedNotRequired: input.minorNeedNotRequired,
      childRemovedFromHousehold: input.childRemovedFromHousehold,
    };
    const sorted = {
      ...before,
      prosecutionStatuses: [...before.prosecutionStatuses].sort(),
      caseStatuses: [...before.caseStatuses].sort(),
    };
    return { before: sorted, after };
  });
}
