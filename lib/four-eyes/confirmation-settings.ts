import { getDb, type Tx } from "../db/client";
import { ConfirmationSettings, DEFAULT_CONFIRMATION_SETTINGS } from "./confirmation-rules";

export const CONFIRMATION_SETTING = "fourEyes.confirmation";

/**
 * The settings in force: the administrator's, or the defaults while none are saved. A stored
 * value that no longer parses (a status since renamed) falls back to the defaults, which hold
 * more changes for a second person, never fewer.
 */
export async function confirmationSettings(tx: Tx | ReturnType<typeof getDb> = getDb()): Promise<ConfirmationSettings> {
  const row = await tx.setting.findUnique({ where: { key: CONFIRMATION_SETTING }, select: { value: true } });
  const parsed = ConfirmationSettings.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_CONFIRMATION_SETTINGS;
}
