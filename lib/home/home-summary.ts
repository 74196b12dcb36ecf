import "server-only";
import { getDb } from "../db/client";
import { caseScopeWhere } from "../policy/case-scope";
import type { CurrentUser } from "../auth/current-user";

export type HomeFigure = { key: string; value: number };
export type RegionFigure = { regionId: string; nameEn: string; nameRu: string; nameKk: string; openCases: number };
export type HomeSummary = { figures: HomeFigure[]; regions: RegionFigure[] };

/**
 * The numbers on each role's home page, computed from the database within the user's scope.
 * The administrator's figures are about accounts and reference data only, never case content.
 */
export async function getHomeSummary(user: CurrentUser): Promise<HomeSummary> {
  const db = getDb();
  if (user.role === "ADMINISTRATOR") {
    const [activeUsers, lockedUsers, regions, activePrograms] = await Promise.all([
      db.user.count({ where: { active: true } }),
      db.user.count({ where: { lockedAt: { not: null } } }),
      db.region.count({ where: { active: true } }),
      db.program.count({ where: { active: true } }),
    ]);
    return {
      figures: [
        { key: "activeUsers", value: activeUsers },
        { key: "lockedUsers", value: lockedUsers },
        { key: "regions", value: regions },
        { key: "activePrograms", value: activePrograms },
      ],
      regions: [],
    };
  }

  const scope = caseScopeWhere(user, "case.view");
  const open = { AND: [scope, { caseStatus: "OPEN" as const }] };
  const [openCases, openMinors, highRisk, unassigned, withoutProgram, byRegion] = await Promise.all([
    db.person.count({ where: open }),
    db.person.count({ where: { AND: [open, { ageCategory: "MINOR" }] } }),
    db.person.count({ where: { AND: [open, { riskLevel: "HIGH" }] } }),
    db.person.count({ where: { AND: [open, { caseworkerId: null }] } }),
    db.person.count({
      where: { AND: [open, { enrollments: { none: { status: { in: ["REFERRED", "ENROLLED", "COMPLETED"] } } } }] },
    }),
    db.person.groupBy({ by: ["regionId"], where: open, _count: { _all: true } }),
  ]);

  const regionRows = await db.region.findMany({
    where: { id: { in: byRegion.map((r) => r.regionId) } },
    select: { id: true, nameEn: true, nameRu: true, nameKk: true },
    orderBy: { nameEn: "asc" },
  });
  const countByRegion = new Map(byRegion.map((r) => [r.regionId, r._count._all]));

  const figures: HomeFigure[] = [
    { key: "openCases", value: openCases },
    { key: "openMinors", value: openMinors },
    { key: "withoutProgram", value: withoutProgram },
    { key: "highRisk", value: highRisk },
  ];
  if (user.role !== "CASEWORKER") figures.push({ key: "unassigned", value: unassigned });
  return {
    figures,
    regions: regionRows.map((r) => ({ regionId: r.id, nameEn: r.nameEn, nameRu: r.nameRu, nameKk: r.nameKk, openCases: countByRegion.get(r.id) ?? 0 })),
  };
}
