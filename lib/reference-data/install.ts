import type { Db } from "../db/client";
import { recordAuditEvent, SYSTEM_ACTOR } from "../audit/record-event";
import { TRANSITIONS } from "../prosecution/transitions";
import { DEFAULT_REQUIREMENTS, DEFAULT_SETTINGS, PROGRAM_TYPES, REASONS, REGIONS, RETURN_OPERATIONS } from "./catalog";

/** What one run added or removed, by code; every list empty when the database was up to date. */
export type ReferenceDataChanges = {
  regions: string[];
  returnOperations: string[];
  programTypes: string[];
  reasons: string[];
  programRequirements: string[];
  settings: string[];
  transitionsAdded: string[];
  transitionsRemoved: string[];
  transitionsChanged: string[];
};

// Any fixed number, shared by every process that installs reference data into the same database.
const INSTALL_LOCK = 7_245_001;

const transitionKey = (from: string, to: string) => `${from}>${to}`;

export function describeChanges(changes: ReferenceDataChanges): string[] {
  return Object.entries(changes)
    .filter(([, codes]) => codes.length > 0)
    .map(([kind, codes]) => `${kind}: ${codes.join(", ")}`);
}

/**
 * Brings the product's reference data (lib/reference-data/catalog.ts) into a migrated database,
 * run after every migration. Lists an administrator maintains in /admin only gain the entries
 * they lack, by code, so a relabelled or deactivated entry stays as the administrator left it.
 * The allowed prosecution transitions are nobody's to edit but the code's (TRANSITIONS), so
 * their table is made equal to it, removals included. A run that changes anything writes one
 * system event with everything it changed, in the same transaction.
 */
export async function installReferenceData(db: Db): Promise<ReferenceDataChanges> {
  return db.$transaction(async (tx) => {
    // Two installs at once (two servers starting) would both see an entry missing and collide.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INSTALL_LOCK})`;

    const [regions, operations, types, reasons, settings, transitions] = await Promise.all([
      tx.region.findMany({ select: { code: true } }),
      tx.returnOperation.findMany({ select: { code: true } }),
      tx.programType.findMany({ select: { code: true } }),
      tx.reason.findMany({ select: { kind: true, code: true } }),
      tx.setting.findMany({ select: { key: true } }),
      tx.prosecutionTransition.findMany({ select: { fromStatus: true, toStatus: true, isCorrection: true } }),
    ]);
    const has = (rows: { code: string }[]) => new Set(rows.map((r) => r.code));

    const existingRegions = has(regions);
    const newRegions = REGIONS.filter((r) => !existingRegions.has(r.code));
    await tx.region.createMany({
      data: newRegions.map((r) => ({ code: r.code, kind: r.kind, nameEn: r.name.en, nameRu: r.name.ru, nameKk: r.name.kk })),
    });

    const existingOperations = has(operations);
    const newOperations = RETURN_OPERATIONS.map((o, sortOrder) => ({ ...o, sortOrder })).filter((o) => !existingOperations.has(o.code));
    await tx.returnOperation.createMany({
      data: newOperations.map((o) => ({
        code: o.code,
        nameEn: o.name.en,
        nameRu: o.name.ru,
        nameKk: o.name.kk,
        startedOn: o.startedOn ? new Date(`${o.startedOn}T00:00:00Z`) : null,
        sortOrder: o.sortOrder,
      })),
    });

    const existingTypes = has(types);
    const newTypes = PROGRAM_TYPES.map((t, sortOrder) => ({ ...t, sortOrder })).filter((t) => !existingTypes.has(t.code));
    await tx.programType.createMany({
      data: newTypes.map((t) => ({ code: t.code, labelEn: t.label.en, labelRu: t.label.ru, labelKk: t.label.kk, sortOrder: t.sortOrder })),
    });

    const existingReasons = new Set(reasons.map((r) => `${r.kind}:${r.code}`));
    const newReasons = REASONS.map((r, sortOrder) => ({ ...r, sortOrder })).filter((r) => !existingReasons.has(`${r.kind}:${r.code}`));
    await tx.reason.createMany({
      data: newReasons.map((r) => ({
        kind: r.kind,
        code: r.code,
        labelEn: r.label.en,
        labelRu: r.label.ru,
        labelKk: r.label.kk,
        sortOrder: r.sortOrder,
      })),
    });

    // Who needs which program is the administrator's to change, down to needing none: a default
    // comes only with its program type's arrival, never again after the administrator removed it.
    const arrivedTypes = new Set(newTypes.map((t) => t.code));
    const newRequirements = DEFAULT_REQUIREMENTS.filter((r) => arrivedTypes.has(r.programTypeCode));
    await tx.programRequirement.createMany({ data: [...newRequirements], skipDuplicates: true });

    const existingSettings = new Set(settings.map((s) => s.key));
    const newSettings = DEFAULT_SETTINGS.filter((s) => !existingSettings.has(s.key));
    await tx.setting.createMany({ data: newSettings.map((s) => ({ key: s.key, value: s.value })) });

    const wanted = new Map(TRANSITIONS.map((t) => [transitionKey(t.from, t.to), t]));
    const present = new Map(transitions.map((t) => [transitionKey(t.fromStatus, t.toStatus), t]));
    const removed = transitions.filter((t) => !wanted.has(transitionKey(t.fromStatus, t.toStatus)));
    const added = TRANSITIONS.filter((t) => !present.has(transitionKey(t.from, t.to)));
    const changed = TRANSITIONS.filter((t) => {
      const row = present.get(transitionKey(t.from, t.to));
      return row !== undefined && row.isCorrection !== t.isCorrection;
    });
    for (const t of removed)
      await tx.prosecutionTransition.delete({ where: { fromStatus_toStatus: { fromStatus: t.fromStatus, toStatus: t.toStatus } } });
    await tx.prosecutionTransition.createMany({
      data: added.map((t) => ({ fromStatus: t.from, toStatus: t.to, isCorrection: t.isCorrection })),
    });
    for (const t of changed)
      await tx.prosecutionTransition.update({
        where: { fromStatus_toStatus: { fromStatus: t.from, toStatus: t.to } },
        data: { isCorrection: t.isCorrection },
      });

    const changes: ReferenceDataChanges = {
      regions: newRegions.map((r) => r.code),
      returnOperations: newOperations.map((o) => o.code),
      programTypes: newTypes.map((t) => t.code),
      reasons: newReasons.map((r) => `${r.kind}:${r.code}`),
      programRequirements: newRequirements.map((r) => `${r.ageCategory}:${r.programTypeCode}`),
      settings: newSettings.map((s) => s.key),
      transitionsAdded: added.map((t) => transitionKey(t.from, t.to)),
      transitionsRemoved: removed.map((t) => transitionKey(t.fromStatus, t.toStatus)),
      transitionsChanged: changed.map((t) => `${transitionKey(t.from, t.to)}${t.isCorrection ? " (correction)" : ""}`),
    };
    if (describeChanges(changes).length > 0) {
      await recordAuditEvent(tx, {
        actor: SYSTEM_ACTOR,
        action: "reference_data.installed",
        entityType: "reference_data",
        reason: "reference data of this version of the product, installed after the migrations",
        after: changes,
        context: { via: "db:migrate" },
      });
    }
    return changes;
  });
}
