import "server-only";
import { getDb } from "../db/client";
import type { AgeCategory } from "../db/generated/enums";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { settingVersion, unchangedSetting, writeSetting, type SettingSave } from "./versioned-setting";
import { FieldProblems } from "../errors/field-problems";
import { WAITING_TARGET_SETTING, waitingTargetDays } from "../tasks/waiting-target";
import type { ReviewSettingsInput } from "../validation/review-settings";
import { requireAdministrator } from "./require-administrator";

export type ReviewSettings = {
  version: number;
  targetDays: number;
  required: { ageCategory: AgeCategory; programTypeCode: string }[];
  programTypes: { code: string; en: string; ru: string; kk: string; active: boolean }[];
};

const asKeys = (rows: { ageCategory: string; programTypeCode: string }[]) =>
  rows.map((r) => `${r.ageCategory}:${r.programTypeCode}`).sort();

export async function readReviewSettings(user: CurrentUser): Promise<ReviewSettings> {
  await requireAdministrator(user, { entityType: "setting", entityId: WAITING_TARGET_SETTING });
  const db = getDb();
  const [version, targetDays, required, types] = await Promise.all([
    settingVersion(WAITING_TARGET_SETTING, db),
    waitingTargetDays(db),
    db.programRequirement.findMany({ select: { ageCategory: true, programTypeCode: true } }),
    db.programType.findMany({
      orderBy: { sortOrder: "asc" },
      select: { code: true, labelEn: true, labelRu: true, labelKk: true, active: true },
    }),
  ]);
  return {
    version,
    targetDays,
    required,
    programTypes: types.map((t) => ({ code: t.code, en: t.labelEn, ru: t.labelRu, kk: t.labelKk, active: t.active })),
  };
}

/**
 * The queue's configuration: which program types each age category requires, and after how many
 * days without an enrollment a person is overdue. One version guards both, and the change is one
 * audit event with both before and after.
 */
export async function saveReviewSettings(user: CurrentUser, input: ReviewSettingsInput): Promise<SettingSave> {
  await requireAdministrator(user, { entityType: "setting", entityId: WAITING_TARGET_SETTING });
  return getDb().$transaction(async (tx) => {
    const before = {
      targetDays: await waitingTargetDays(tx),
      required: asKeys(await tx.programRequirement.findMany({ select: { ageCategory: true, programTypeCode: true } })),
    };
    const after = { targetDays: input.targetDays, required: asKeys(input.required) };
    if (await unchangedSetting(tx, WAITING_TARGET_SETTING, input.version, before, after)) return "unchanged";
    await writeSetting(tx, WAITING_TARGET_SETTING, input.version, input.targetDays);
    const known = new Set((await tx.programType.findMany({ select: { code: true } })).map((t) => t.code));
    if (input.required.some((r) => !known.has(r.programTypeCode))) throw new FieldProblems([{ field: "required", message: "invalid" }]);
    await tx.programRequirement.deleteMany({});
    await tx.programRequirement.createMany({ data: input.required });
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "settings.changed",
      entityType: "setting",
      entityId: WAITING_TARGET_SETTING,
      reason: input.reason,
      before,
      after,
    });
    return "saved";
  });
}
