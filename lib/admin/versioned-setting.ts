import type { Prisma, Tx } from "../db/client";
import { getDb } from "../db/client";
import { DomainError } from "../errors/domain-error";

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
