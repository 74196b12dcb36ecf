import { settingValue, type AnyTx } from "../db/sql";
import { ConfirmationSettings, DEFAULT_CONFIRMATION_SETTINGS } from "./confirmation-rules";

export const CONFIRMATION_SETTING = "fourEyes.confirmation";

/**
 * The settings in force: the administrator's, or the defaults while none are saved. A stored
 * value that no longer parses (a status since renamed) falls back to the defaults, which hold
 * more changes for a second person, never fewer.
 */
export async function confirmationSettings(tx?: AnyTx): Promise<ConfirmationSettings> {
  const parsed = ConfirmationSettings.safeParse(await settingValue(tx, CONFIRMATION_SETTING));
  return parsed.success ? parsed.data : DEFAULT_CONFIRMATION_SETTINGS;
}
