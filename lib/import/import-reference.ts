import "server-only";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { reachOf } from "../policy/permissions";
import type { ImportReference, ReferenceOption } from "./choice-options";
import { STEP_REASON_KINDS } from "../lifecycles/enrollment";

/**
 * The reference data a file is read against. Regions are only those the user may import into
 * (the policy's reach for `import.run`), so a row naming another region is refused as a value
 * the file may not use, and the template lists only the regions its reader may fill in.
 */
export async function loadImportReference(user: CurrentUser): Promise<ImportReference> {
  const db = getDb();
  const reach = reachOf(user.role, "import.run");
  const regionIds = reach === "regions" ? [...user.regionIds] : [];
  const [regions, operations, programTypes, reasons] = await Promise.all([
    db.region.findMany({
      where: { id: { in: regionIds }, active: true },
      orderBy: { nameEn: "asc" },
      select: { id: true, code: true, nameEn: true, nameRu: true, nameKk: true },
    }),
    db.returnOperation.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, nameEn: true, nameRu: true, nameKk: true } }),
    db.programType.findMany({
      where: { active: true },
      orderBy: { sortOrder: "asc" },
      select: { code: true, labelEn: true, labelRu: true, labelKk: true },
    }),
    db.reason.findMany({
      where: { active: true, kind: { in: STEP_REASON_KINDS } },
      orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      select: { id: true, kind: true, code: true, labelEn: true, labelRu: true, labelKk: true },
    }),
  ]);
  // A code used by several kinds ("OTHER" for declining and for dropping out) is offered once.
  const endingReasons = new Map<string, ReferenceOption>();
  for (const r of reasons)
    if (!endingReasons.has(r.code))
      endingReasons.set(r.code, { value: r.code, code: r.code, labels: { en: r.labelEn, ru: r.labelRu, kk: r.labelKk } });
  return {
    regions: regions.map((r) => ({ value: r.id, code: r.code, labels: { en: r.nameEn, ru: r.nameRu, kk: r.nameKk } })),
    operations: operations.map((o) => ({ value: o.code, code: o.code, labels: { en: o.nameEn, ru: o.nameRu, kk: o.nameKk } })),
    programTypes: programTypes.map((t) => ({ value: t.code, code: t.code, labels: { en: t.labelEn, ru: t.labelRu, kk: t.labelKk } })),
    endingReasons: [...endingReasons.values()],
    reasons: reasons.map(({ id, kind, code }) => ({ id, kind, code })),
  };
}
