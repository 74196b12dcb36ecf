import "server-only";
import { getDb } from "../db/client";
import type { RegionKind } from "../db/generated/enums";
import type { CurrentUser } from "../auth/current-user";
import { requireAdministrator } from "./require-administrator";

export type AdminRegion = {
  id: string;
  code: string;
  kind: RegionKind;
  en: string;
  ru: string;
  kk: string;
  active: boolean;
  version: number;
};

/** Every region, inactive ones included, for the administration screens. */
export async function listRegionsForAdmin(user: CurrentUser): Promise<AdminRegion[]> {
  await requireAdministrator(user, { entityType: "region", entityId: null });
  const rows = await getDb().region.findMany({
    orderBy: [{ kind: "asc" }, { nameEn: "asc" }],
    select: { id: true, code: true, kind: true, nameEn: true, nameRu: true, nameKk: true, active: true, version: true },
  });
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    kind: r.kind,
    en: r.nameEn,
    ru: r.nameRu,
    kk: r.nameKk,
    active: r.active,
    version: r.version,
  }));
}
