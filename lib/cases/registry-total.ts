import "server-only";
import { Prisma } from "../db/generated/client";
import { queryRows } from "../db/sql";
import type { CurrentUser } from "../auth/current-user";
import { caseScopeSql } from "../policy/case-scope-sql";
import { reachOf } from "../policy/permissions";
import type { RegistryFilters } from "../validation/registry";
import { countListed } from "./registry-filters";

type Filters = Omit<RegistryFilters, "sort">;

/** The filters the dashboard's tallies split by, each a figure key (compute_person_figures, docs/decisions/025). */
const TALLIED: Partial<Record<keyof Filters, (value: string) => string>> = {
  age: (value) => `age:${value}`,
  prosecution: (value) => `prosecution:${value}`,
  status: (value) => `caseStatus:${value}`,
};

/**
 * The tally figure that counts exactly the cases these filters list, or null when none does: at
 * most one of age category, prosecution status and case status, besides a region. Every person
 * counts under exactly one age key, so with none of the three, the age keys together count everyone.
 */
function talliedFigure(filters: Filters): { figure: string | null } | null {
  const inForce = Object.entries(filters).filter(([name, value]) => value !== undefined && name !== "region");
  if (inForce.length === 0) return { figure: null };
  const [name, value] = inForce.length === 1 ? inForce[0]! : [];
  const key = name ? TALLIED[name as keyof Filters] : undefined;
  return key && typeof value === "string" ? { figure: key(value) } : null;
}

/**
 * How many cases a registry query lists in all, whatever page is shown. Over whole regions, with no
 * search and filters the tallies split by, it is a sum of a few tally rows per region, so the
 * registry's first page does not slow down as the registry grows (docs/decisions/031); otherwise,
 * and for a caseworker (whose reach is their own cases), the cases in reach that `listed` selects are counted.
 */
export async function registryTotal(user: CurrentUser, filters: Filters, searching: boolean, listed: Prisma.Sql): Promise<number> {
  const tallied = searching || reachOf(user.role, "case.view") === "own" ? null : talliedFigure(filters);
  if (!tallied) return countListed(user, listed);
  const [row] = await queryRows<{ n: number }>(Prisma.sql`
    SELECT coalesce(sum(t.n), 0)::int AS n FROM dashboard_tally t
    WHERE ${caseScopeSql(user, "case.view", "t")}
      AND ${filters.region ? Prisma.sql`t.region_id = ${filters.region}::uuid` : Prisma.sql`TRUE`}
      AND ${tallied.figure ? Prisma.sql`t.figure = ${tallied.figure}` : Prisma.sql`t.figure LIKE 'age:%'`}`);
  return row?.n ?? 0;
}
