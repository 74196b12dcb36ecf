import "server-only";
import { getDb, type Prisma, type Tx } from "../db/client";
import { MEETS_NEED } from "../lifecycles/enrollment";
import { CONVICTED_STATUSES, NEVER_PROSECUTED } from "../prosecution/transitions";
import type { RegistryFilters } from "../validation/registry";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * The registry's filters as a person query: the registry, set exports and every dashboard link
 * select their cases with this, so a count and the list behind it cannot disagree.
 */
export async function registryFiltersWhere(
  filters: Omit<RegistryFilters, "sort">,
  db: Tx | ReturnType<typeof getDb> = getDb(),
): Promise<Prisma.PersonWhereInput> {
  const conditions: Prisma.PersonWhereInput[] = [
    {
      regionId: filters.region,
      ageCategory: filters.age,
      prosecutionStatus: filters.prosecution,
      caseStatus: filters.status,
      riskLevel: filters.risk,
      caseworkerId: filters.caseworker,
      returnOperationCode: filters.operation ? { in: filters.operation.split(",") } : undefined,
      returnDate:
        filters.returnedFrom || filters.returnedTo
          ? {
              gte: filters.returnedFrom ? day(filters.returnedFrom) : undefined,
              lte: filters.returnedTo ? day(filters.returnedTo) : undefined,
            }
          : undefined,
    },
  ];
  if (filters.convicted)
    conditions.push({
      prosecutionStatus: filters.convicted === "yes" ? { in: [...CONVICTED_STATUSES] } : { notIn: [...CONVICTED_STATUSES] },
    });
  if (filters.prosecuted)
    conditions.push({ prosecutionStatus: filters.prosecuted === "yes" ? { notIn: [...NEVER_PROSECUTED] } : { in: [...NEVER_PROSECUTED] } });
  if (filters.assigned) conditions.push({ caseworkerId: filters.assigned === "yes" ? { not: null } : null });
  if (filters.inProgram) {
    const meeting: Prisma.EnrollmentWhereInput = { status: { in: [...MEETS_NEED] } };
    conditions.push({ enrollments: filters.inProgram === "yes" ? { some: meeting } : { none: meeting } });
  }
  if (filters.need) conditions.push(await needWhere(filters.need, db));
  return { AND: conditions };
}

/**
 * "TYPE:open" is exactly the review queue's rule for one type (open case, not convicted, the type
 * required for the age category and not marked not required, no referred, enrolled or completed
 * enrollment of it); "TYPE:met" is the same people with such an enrollment.
 */
async function needWhere(need: string, db: Tx | ReturnType<typeof getDb>): Promise<Prisma.PersonWhereInput> {
  const [type, state] = need.split(":") as [string, "met" | "open"];
  const ages = (await db.programRequirement.findMany({ where: { programTypeCode: type }, select: { ageCategory: true } })).map(
    (r) => r.ageCategory,
  );
  const meeting: Prisma.EnrollmentListRelationFilter = { some: { status: { in: [...MEETS_NEED] }, program: { programTypeCode: type } } };
  return {
    caseStatus: "OPEN",
    prosecutionStatus: { notIn: [...CONVICTED_STATUSES] },
    ageCategory: { in: ages },
    needs: { none: { programTypeCode: type, state: "NOT_REQUIRED" } },
    enrollments: state === "met" ? meeting : { none: meeting.some },
  };
}

/** The filters that are set, for an audit event's context. */
export function filtersInForce(filters: Omit<RegistryFilters, "sort">): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
}
