import "server-only";
import { isoDayOf } from "../calendar/calendar-day";
import { hasOverdueTaskSql } from "../task-store/task-lists";
import { Prisma } from "../db/generated/client";
import { fixedLimit, inDriverTransaction, queryRows } from "../db/sql";
import type { AgeCategory, CaseStatus, ProsecutionStatus, RiskLevel } from "../db/generated/enums";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { caseScopeSql } from "../policy/case-scope-sql";
import type { RegistryQuery } from "../validation/registry";
import { matchingPersonIds } from "./search-persons";
import { filtersInForce, registryFiltersSql } from "./registry-filters";
import { registryTotal } from "./registry-total";
import { afterCursorSql, decodeRegistryCursor, encodeRegistryCursor, REGISTRY_ORDER } from "./registry-cursor";
import { DomainError } from "../errors/domain-error";

export const REGISTRY_PAGE_SIZE = 50;

const PAGE_LIMIT = fixedLimit(REGISTRY_PAGE_SIZE + 1);

export type RegistryRow = {
  id: string;
  caseNumber: string;
  name: string;
  ageCategory: AgeCategory;
  birthYear: number;
  regionId: string;
  returnOperationCode: string;
  returnDate: string;
  prosecutionStatus: ProsecutionStatus;
  caseStatus: CaseStatus;
  riskLevel: RiskLevel;
  caseworkerName: string | null;
  unaccompaniedMinor: boolean;
  /** Has an open task past its due day that the viewer may see (lib/task-store/task-lists.ts). */
  overdueTask: boolean;
};

/** searchCapped: the search matched more cases than it lists (SEARCH_CAP, the closest first). */
export type RegistryPage = { rows: RegistryRow[]; nextCursor: string | null; total: number; searchCapped: boolean };

/** A row as the page reads it. */
type PageRow = Omit<RegistryRow, "name"> & {
  familyName: string;
  givenName: string;
  patronymic: string | null;
  familyNameLatin: string;
  givenNameLatin: string;
};

/**
 * One page of the registry: only cases the user may see (the policy's scope is part of every
 * query, counts included), filtered, optionally searched, in cursor order. A search is itself
 * an audit event: who looked for whom is part of the record.
 */
export async function listCases(user: CurrentUser, query: RegistryQuery): Promise<RegistryPage> {
  const { q: _q, cursor: _cursor, sort: _sort, ...filters } = query;
  const after = query.cursor ? decodeRegistryCursor(query.sort, query.cursor) : null;
  if (query.cursor && !after) throw new DomainError("invalid", "not a registry cursor");
  const matches = query.q ? await matchingPersonIds(query.q, caseScopeSql(user, "case.view", "p")) : null;
  // What the query lists within the viewer's scope. The total counts all of it, not only what
  // follows the cursor: "show more" keeps the count it showed.
  const listed = Prisma.sql`${registryFiltersSql(filters)}
    AND ${matches ? Prisma.sql`p.id = ANY(${matches.ids}::uuid[])` : Prisma.sql`TRUE`}`;

  // Read on the driver (docs/decisions/033): one statement for the page, its caseworkers' names
  // and its overdue marks.
  const [rows, total] = await Promise.all([
    queryRows<PageRow>(Prisma.sql`
      SELECT p.id, p.case_number AS "caseNumber", p.family_name AS "familyName", p.given_name AS "givenName", p.patronymic,
             p.family_name_latin AS "familyNameLatin", p.given_name_latin AS "givenNameLatin",
             p.age_category AS "ageCategory", extract(year FROM p.birth_date)::int AS "birthYear", p.region_id AS "regionId",
             p.return_operation_code AS "returnOperationCode", p.return_date::text AS "returnDate",
             p.prosecution_status AS "prosecutionStatus", p.case_status AS "caseStatus", p.risk_level AS "riskLevel",
             u.name AS "caseworkerName", p.unaccompanied_minor AS "unaccompaniedMinor",
             ${hasOverdueTaskSql(user, isoDayOf(new Date()))} AS "overdueTask"
      FROM (
        SELECT p.* FROM person p
        WHERE ${caseScopeSql(user, "case.view", "p")} AND ${listed} AND ${after ? afterCursorSql(after) : Prisma.sql`TRUE`}
        ORDER BY ${REGISTRY_ORDER[query.sort]}
        ${PAGE_LIMIT}
      ) p LEFT JOIN app_user u ON u.id = p.caseworker_id
      -- The page is chosen inside and its marks worked out outside, for its rows only: in one
      -- level, a sort would have PostgreSQL work out the mark of every row it sorts.
      ORDER BY ${REGISTRY_ORDER[query.sort]}`),
    registryTotal(user, filters, matches !== null, listed),
  ]);

  if (query.q && !query.cursor) {
    await inDriverTransaction((tx) =>
      recordAuditEvent(tx, {
        actor: auditActorOf(user),
        action: "case.searched",
        entityType: "registry",
        context: { text: query.q, filters: filtersInForce(filters), results: total, ...(matches?.capped ? { capped: true } : {}) },
      }),
    );
  }

  const page = rows.slice(0, REGISTRY_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    total,
    searchCapped: matches?.capped ?? false,
    nextCursor: rows.length > REGISTRY_PAGE_SIZE && last ? encodeRegistryCursor(query.sort, last) : null,
    // Field by field rather than by rest and spread, which cost more than the rest of the mapping;
    // the Latin names were read for the cursor only.
    rows: page.map((row): RegistryRow => ({
      id: row.id,
      caseNumber: row.caseNumber,
      name: [row.familyName, row.givenName, row.patronymic].filter(Boolean).join(" "),
      ageCategory: row.ageCategory,
      birthYear: row.birthYear,
      regionId: row.regionId,
      returnOperationCode: row.returnOperationCode,
      returnDate: row.returnDate,
      prosecutionStatus: row.prosecutionStatus,
      caseStatus: row.caseStatus,
      riskLevel: row.riskLevel,
      caseworkerName: row.caseworkerName,
      unaccompaniedMinor: row.unaccompaniedMinor,
      overdueTask: row.overdueTask,
    })),
  };
}
