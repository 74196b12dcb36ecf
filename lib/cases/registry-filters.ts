import "server-only";
import { Prisma } from "../db/generated/client";
import type { ProsecutionStatus } from "../db/generated/enums";
import { queryRows, type AnyTx } from "../db/sql";
import type { Actor } from "../policy/can";
import { caseScopeSql } from "../policy/case-scope-sql";
import { MEETS_NEED } from "../lifecycles/enrollment";
import { CONVICTED_STATUSES, NEVER_PROSECUTED } from "../prosecution/transitions";
import type { RegistryFilters } from "../validation/registry";

/**
 * The registry's filters as a condition on the person row `p`: the registry, set exports and
 * every dashboard link select their cases with this, so a count and the list behind it cannot
 * disagree. Each value travels as a parameter.
 */
export function registryFiltersSql(filters: Omit<RegistryFilters, "sort">): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const equal = (column: string, value: string | undefined, type: string) => {
    if (value !== undefined) conditions.push(Prisma.sql`${Prisma.raw(`p.${column}`)} = ${value}::${Prisma.raw(type)}`);
  };
  equal("region_id", filters.region, "uuid");
  equal("age_category", filters.age, '"AgeCategory"');
  equal("prosecution_status", filters.prosecution, '"ProsecutionStatus"');
  equal("case_status", filters.status, '"CaseStatus"');
  equal("risk_level", filters.risk, '"RiskLevel"');
  equal("caseworker_id", filters.caseworker, "uuid");
  if (filters.operation) conditions.push(Prisma.sql`p.return_operation_code = ANY(${filters.operation.split(",")}::text[])`);
  if (filters.returnedFrom) conditions.push(Prisma.sql`p.return_date >= ${filters.returnedFrom}::date`);
  if (filters.returnedTo) conditions.push(Prisma.sql`p.return_date <= ${filters.returnedTo}::date`);
  if (filters.convicted) conditions.push(statusIn(CONVICTED_STATUSES, filters.convicted === "yes"));
  if (filters.prosecuted) conditions.push(statusIn(NEVER_PROSECUTED, filters.prosecuted === "no"));
  if (filters.assigned)
    conditions.push(filters.assigned === "yes" ? Prisma.sql`p.caseworker_id IS NOT NULL` : Prisma.sql`p.caseworker_id IS NULL`);
  if (filters.inProgram) {
    const meeting = Prisma.sql`EXISTS (SELECT 1 FROM enrollment e WHERE e.person_id = p.id AND e.status = ANY(${[...MEETS_NEED]}::"EnrollmentStatus"[]))`;
    conditions.push(filters.inProgram === "yes" ? meeting : Prisma.sql`NOT ${meeting}`);
  }
  if (filters.need) conditions.push(needSql(filters.need));
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, " AND ");
}

/**
 * How many of the cases `viewer` may list `condition` selects from the person row `p`: on the
 * pool, or through `db`. The policy's scope is added here, so no caller can count past it.
 */
export async function countListed(viewer: Actor, condition: Prisma.Sql, db?: AnyTx): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    Prisma.sql`SELECT count(*)::int AS n FROM person p WHERE ${caseScopeSql(viewer, "case.view", "p")} AND ${condition}`,
    db,
  );
  return row?.n ?? 0;
}

const statusIn = (statuses: readonly ProsecutionStatus[], inside: boolean) =>
  inside
    ? Prisma.sql`p.prosecution_status = ANY(${[...statuses]}::"ProsecutionStatus"[])`
    : Prisma.sql`p.prosecution_status <> ALL(${[...statuses]}::"ProsecutionStatus"[])`;

/**
 * "TYPE:open" is exactly the review queue's rule for one type (open case, not convicted, the type
 * required for the age category and not marked not required, no referred, enrolled or completed
 * enrollment of it); "TYPE:met" is the same people with such an enrollment.
 */
function needSql(need: string): Prisma.Sql {
  const [type, state] = need.split(":") as [string, "met" | "open"];
  const meeting = Prisma.sql`EXISTS (
    SELECT 1 FROM enrollment e JOIN program g ON g.id = e.program_id
    WHERE e.person_id = p.id AND e.status = ANY(${[...MEETS_NEED]}::"EnrollmentStatus"[]) AND g.program_type_code = ${type})`;
  return Prisma.sql`(p.case_status = 'OPEN' AND ${statusIn(CONVICTED_STATUSES, false)}
    AND p.age_category IN (SELECT r.age_category FROM program_requirement r WHERE r.program_type_code = ${type})
    AND NOT EXISTS (SELECT 1 FROM program_need n WHERE n.person_id = p.id AND n.program_type_code = ${type} AND n.state = 'NOT_REQUIRED')
    AND ${state === "met" ? meeting : Prisma.sql`NOT ${meeting}`})`;
}

/** The filters that are set, for an audit event's context. */
export function filtersInForce(filters: Omit<RegistryFilters, "sort">): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
}
