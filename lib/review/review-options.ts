import "server-only";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { canAtAll } from "../policy/can";
import { placesTaken } from "../programs/places-taken";
import { reachOf } from "../policy/permissions";

type Labels = { en: string; ru: string; kk: string };

export type ReviewOptions = {
  regions: ({ value: string } & Labels)[];
  caseworkers: { value: string; label: string; regionIds: string[] }[];
  programTypes: ({ value: string } & Labels)[];
  programs: { value: string; name: string; regionId: string; type: string; free: number }[];
  reasons: ({ value: string } & Labels)[];
  /** May act from the queue (supervisors); auditors read it only. */
  canAct: boolean;
};

/** The choices the queue's filters and actions offer, within the user's reach. */
export async function getReviewOptions(user: CurrentUser): Promise<ReviewOptions> {
  const db = getDb();
  const reach = reachOf(user.role, "review.view");
  // A caseworker's own cases lie in their region, whose name the queue shows too.
  const regionIds = reach === "all" ? undefined : reach === "regions" || reach === "own" ? [...user.regionIds] : [];
  const inRegions = regionIds ? { in: regionIds } : undefined;
  const [regions, caseworkers, programTypes, programs, reasons] = await Promise.all([
    db.region.findMany({
      where: inRegions ? { id: inRegions } : {},
      orderBy: { nameEn: "asc" },
      select: { id: true, nameEn: true, nameRu: true, nameKk: true },
    }),
    db.user.findMany({
      where: { role: "CASEWORKER", active: true, ...(inRegions ? { regions: { some: { regionId: inRegions } } } : {}) },
      orderBy: { name: "asc" },
      select: { id: true, name: true, regions: { select: { regionId: true } } },
    }),
    db.programType.findMany({
      where: { active: true },
      orderBy: { sortOrder: "asc" },
      select: { code: true, labelEn: true, labelRu: true, labelKk: true },
    }),
    db.program.findMany({
      where: { active: true, ...(inRegions ? { regionId: inRegions } : {}) },
      orderBy: [{ programTypeCode: "asc" }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        regionId: true,
        programTypeCode: true,
        capacity: true,
      },
    }),
    db.reason.findMany({
      where: { kind: "NOT_REQUIRED", active: true },
      orderBy: { sortOrder: "asc" },
      select: { id: true, labelEn: true, labelRu: true, labelKk: true },
    }),
  ]);
  const taken = await placesTaken(
    db,
    programs.map((p) => p.id),
  );
  return {
    regions: regions.map((r) => ({ value: r.id, en: r.nameEn, ru: r.nameRu, kk: r.nameKk })),
    caseworkers: caseworkers.map((c) => ({ value: c.id, label: c.name, regionIds: c.regions.map((r) => r.regionId) })),
    programTypes: programTypes.map((t) => ({ value: t.code, en: t.labelEn, ru: t.labelRu, kk: t.labelKk })),
    programs: programs.map((p) => ({
      value: p.id,
      name: p.name,
      regionId: p.regionId,
      type: p.programTypeCode,
      free: Math.max(0, p.capacity - (taken.get(p.id) ?? 0)),
    })),
    reasons: reasons.map((r) => ({ value: r.id, en: r.labelEn, ru: r.labelRu, kk: r.labelKk })),
    canAct: canAtAll(user, "case.assign"),
  };
}
