import "server-only";
import { getDb } from "../db/client";
import { caseScopeWhere } from "../policy/case-scope";
import type { CurrentUser } from "../auth/current-user";
import { countListed, registryFiltersSql } from "../cases/registry-filters";
import { registryHref } from "../cases/registry-href";
import type { Labels } from "../i18n/locales";
import { RegistryFilters } from "../validation/registry";

/** A figure, and for case figures the registry list of exactly the cases it counts. */
export type HomeFigure = { key: string; value: number; href: string | null };
export type RegionFigure = { regionId: string; name: Labels; openCases: number; href: string };
export type HomeSummary = { figures: HomeFigure[]; regions: RegionFigure[] };

/** Each case figure as registry filters: counted with the registry's own filters, so its link lists exactly those cases. */
const CASE_FIGURES: { key: string; filters: Record<string, string>; forCaseworker: boolean }[] = [
  { key: "openCases", filters: { status: "OPEN" }, forCaseworker: true },
  { key: "openMinors", filters: { status: "OPEN", age: "MINOR" }, forCaseworker: true },
  { key: "withoutProgram", filters: { status: "OPEN", inProgram: "no" }, forCaseworker: true },
  { key: "highRisk", filters: { status: "OPEN", risk: "HIGH" }, forCaseworker: true },
  // A caseworker's own cases are all assigned, to them.
  { key: "unassigned", filters: { status: "OPEN", assigned: "no" }, forCaseworker: false },
];

/**
 * The numbers on each role's home page, computed from the database within the user's scope.
 * The administrator's figures are about accounts and reference data only, never case content.
 */
export async function getHomeSummary(user: CurrentUser): Promise<HomeSummary> {
  const db = getDb();
  if (user.role === "ADMINISTRATOR") {
    const [activeUsers, lockedUsers, regions, activePrograms] = await Promise.all([
      db.user.count({ where: { active: true } }),
      db.user.count({ where: { OR: [{ lockedAt: { not: null } }, { lockedUntil: { gt: new Date() } }] } }),
      db.region.count({ where: { active: true } }),
      db.program.count({ where: { active: true } }),
    ]);
    return {
      figures: [
        { key: "activeUsers", value: activeUsers, href: null },
        { key: "lockedUsers", value: lockedUsers, href: null },
        { key: "regions", value: regions, href: null },
        { key: "activePrograms", value: activePrograms, href: null },
      ],
      regions: [],
    };
  }

  const scope = caseScopeWhere(user, "case.view");
  const figures = CASE_FIGURES.filter((f) => f.forCaseworker || user.role !== "CASEWORKER");
  const [values, byRegion] = await Promise.all([
    Promise.all(figures.map((f) => countListed(user, registryFiltersSql(RegistryFilters.parse(f.filters))))),
    db.person.groupBy({ by: ["regionId"], where: { AND: [scope, { caseStatus: "OPEN" }] }, _count: { _all: true } }),
  ]);
  const regionRows = await db.region.findMany({
    where: { id: { in: byRegion.map((r) => r.regionId) } },
    select: { id: true, nameEn: true, nameRu: true, nameKk: true },
    orderBy: { nameEn: "asc" },
  });
  const countByRegion = new Map(byRegion.map((r) => [r.regionId, r._count._all]));
  return {
    figures: figures.map((f, i) => ({ key: f.key, value: values[i] ?? 0, href: registryHref(f.filters) })),
    regions: regionRows.map((r) => ({
      regionId: r.id,
      name: { en: r.nameEn, ru: r.nameRu, kk: r.nameKk },
      openCases: countByRegion.get(r.id) ?? 0,
      href: registryHref({ status: "OPEN", region: r.id }),
    })),
  };
}
