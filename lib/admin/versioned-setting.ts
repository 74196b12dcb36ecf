import type { Prisma, Tx } from "../db/client";
import { getDb } from "../db/client";
import { DomainError } from "../errors/domain-error";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { JsonValue } from "../audit/canonical-json";
import type { CurrentUser } from "../auth/current-user";
import { requireAdministrator } from "./require-administrator";

/** The version an edit form carries; 0 stands for "never saved", so the first save is checked like any other. */
export async function settingVersion(key: string, db: Tx | ReturnType<typeof getDb> = getDb()): Promise<number> {
  return (await db.setting.findUnique({ where: { key }, select: { version: true } }))?.version ?? 0;
}

/** What a settings save did: "unchanged" wrote nothing at all. */
export type SettingSave = "saved" | "unchanged";

/**
 * A save that changes nothing: still refused when stale (the administrator saw an older state),
 * otherwise nothing is written and no event recorded, since nothing happened.
 */
export async function unchangedSetting(tx: Tx, key: string, version: number, before: unknown, after: unknown): Promise<boolean> {
  if (JSON.stringify(before) !== JSON.stringify(after)) return false;
  if ((await settingVersion(key, tx)) !== version) throw new DomainError("conflict", "stale");
  return true;
}

/**
 * Writes a setting from the version the administrator saw. A stale version is a conflict; so is
 * the loser of two first saves at once, which the primary key lets only one of in.
 */
export async function writeSetting(tx: Tx, key: string, version: number, value: Prisma.InputJsonValue): Promise<void> {
  if ((await settingVersion(key, tx)) !== version) throw new DomainError("conflict", "stale");
  const written =
    version === 0
      ? await tx.setting.createMany({ data: [{ key, value }], skipDuplicates: true })
      : await tx.setting.updateMany({ where: { key, version }, data: { value, version: { increment: 1 } } });
  if (written.count !== 1) throw new DomainError("conflict", "stale");
}

/**
 * The whole save of a setting kept as one value: administrators only; from the version the
 * administrator saw (a stale one is a conflict, even when it would change nothing); the value and
 * one "settings.changed" event with the reason, before and after, in one transaction. `change`
 * reads the stored value and builds the new one inside that transaction.
 */
export async function saveSettingValue<T extends Prisma.InputJsonValue & JsonValue>(
  user: CurrentUser,
  key: string,
  input: { version: number; reason: string },
  change: (tx: Tx) => Promise<{ before: T; after: T }>,
): Promise<SettingSave> {
  await requireAdministrator(user, { entityType: "setting", entityId: key });
  return getDb().$transaction(async (tx) => {
    const { before, after } = await change(tx);
    if (await unchangedSetting(tx, key, input.version, before, after)) return "unchanged";
    await writeSetting(tx, key, input.version, after);
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "settings.changed",
      entityType: "setting",
      entityId: key,
      reason: input.reason,
      before,
      after,
    });
    return "saved";
  });
}
