import "server-only";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { reachOf } from "../policy/permissions";

export type Option = { value: string; en: string; ru: string; kk: string };
export type RegistryOptions = {
  regions: Option[];
  operations: Option[];
  caseworkers: { value: string; label: string }[];
  programTypes: Option[];
};

/** The choices the registry's filters offer: only regions and caseworkers within the user's reach. */
export async function getRegistryOptions(user: CurrentUser): Promise<RegistryOptions> {
  const db = getDb();
  const reach = reachOf(user.role, "case.view");
  const regionWhere = reach === "all" ? {} : { id: { in: reach === "none" || reach === "system" ? [] : [...user.regionIds] } };
  const [regions, operations, caseworkers, programTypes] = await Promise.all([
    db.region.findMany({ where: regionWhere, orderBy: { nameEn: "asc" }, select: { id: true, nameEn: true, nameRu: true, nameKk: true } }),
    db.returnOperation.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, nameEn: true, nameRu: true, nameKk: true } }),
    reach === "all" || reach === "regions"
      ? db.user.findMany({
          where: { role: "CASEWORKER", ...(reach === "regions" ? { regions: { some: { regionId: { in: [...user.regionIds] } } } } : {}) },
          orderBy: { name: "asc" },
          select: { id: true, name: true },
        })
      : Promise.resolve([]),
    db.programType.findMany({
      where: { active: true },
      orderBy: { sortOrder: "asc" },
      select: { code: true, labelEn: true, labelRu: true, labelKk: true },
    }),
  ]);
  return {
    regions: regions.map((r) => ({ value: r.id, en: r.nameEn, ru: r.nameRu, kk: r.nameKk })),
    operations: operations.map((o) => ({ value: o.code, en: o.nameEn, ru: o.nameRu, kk: o.nameKk })),
    caseworkers: caseworkers.map((c) => ({ value: c.id, label: c.name })),
    programTypes: programTypes.map((t) => ({ value: t.code, en: t.labelEn, ru: t.labelRu, kk: t.labelKk })),
  };
}
