import "server-only";
import { isoDayOf } from "../calendar/calendar-day";
import { overdueCaseIds } from "../task-store/task-lists";
import type { Prisma } from "../db/client";
import { getDb } from "../db/client";
import type { AgeCategory, CaseStatus, ProsecutionStatus, RiskLevel } from "../db/generated/enums";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { caseScopeWhere } from "../policy/case-scope";
import { caseScopeSql } from "../policy/case-scope-sql";
import type { RegistryQuery } from "../validation/registry";
import { matchingPersonIds } from "./search-persons";
import { filtersInForce, registryFiltersWhere } from "./registry-filters";
import { registryTotal } from "./registry-total";
import { afterCursorWhere, CURSOR_COLUMNS, decodeRegistryCursor, encodeRegistryCursor } from "./registry-cursor";
import { DomainError } from "../errors/domain-error";

export const REGISTRY_PAGE_SIZE = 50;

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

const ORDER: Record<RegistryQuery["sort"], Prisma.PersonOrderByWithRelationInput[]> = {
  caseNumber: [{ caseNumber: "asc" }],
  returnDate: [{ returnDate: "desc" }, { caseNumber: "asc" }],
  familyName: [{ familyNameLatin: "asc" }, { givenNameLatin: "asc" }, { id: "asc" }],
};

/**
 * One page of the registry: only cases the user may see (the policy's scope is part of every
 * query, counts included), filtered, optionally searched, in cursor order. A search is itself
 * an audit event: who looked for whom is part of the record.
 */
export async function listCases(user: CurrentUser, query: RegistryQuery): Promise<RegistryPage> {
  const db = getDb();
  const { q: _q, cursor: _cursor, sort: _sort, ...filters } = query;
  const after = query.cursor ? decodeRegistryCursor(query.sort, query.cursor) : null;
  if (query.cursor && !after) throw new DomainError("invalid", "not a registry cursor");
  const conditions: Prisma.PersonWhereInput[] = [caseScopeWhere(user, "case.view"), await registryFiltersWhere(filters, db)];
  const matches = query.q ? await matchingPersonIds(query.q, caseScopeSql(user, "case.view", "p"), { db }) : null;
  if (matches) conditions.push({ id: { in: matches.ids } });
  // The total counts every case the query lists, not only those after the cursor: "show more"
  // keeps the count it showed.
  const listed: Prisma.PersonWhereInput = { AND: conditions };
  const where: Prisma.PersonWhereInput = after ? { AND: [...conditions, afterCursorWhere(after)] } : listed;

  const [rows, total] = await Promise.all([
    db.person.findMany({
      where,
      orderBy: ORDER[query.sort],
      take: REGISTRY_PAGE_SIZE + 1,
      select: {
        ...CURSOR_COLUMNS,
        familyName: true,
        givenName: true,
        patronymic: true,
        ageCategory: true,
        birthDate: true,
        regionId: true,
        returnOperationCode: true,
        prosecutionStatus: true,
        caseStatus: true,
        riskLevel: true,
        unaccompaniedMinor: true,
        caseworker: { select: { name: true } },
      },
    }),
    registryTotal(db, user, filters, matches !== null, listed),
  ]);

  if (query.q && !query.cursor) {
    await db.$transaction((tx) =>
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
  const overdue = await overdueCaseIds(
    getDb(),
    user,
    page.map((p) => p.id),
    isoDayOf(new Date()),
  );
  return {
    total,
    searchCapped: matches?.capped ?? false,
    nextCursor: rows.length > REGISTRY_PAGE_SIZE && last ? encodeRegistryCursor(query.sort, last) : null,
    rows: page.map((p) => ({
      id: p.id,
      caseNumber: p.caseNumber,
      name: [p.familyName, p.givenName, p.patronymic].filter(Boolean).join(" "),
      ageCategory: p.ageCategory,
      birthYear: p.birthDate.getUTCFullYear(),
      regionId: p.regionId,
      returnOperationCode: p.returnOperationCode,
      returnDate: p.returnDate.toISOString().slice(0, 10),
      prosecutionStatus: p.prosecutionStatus,
      caseStatus: p.caseStatus,
      riskLevel: p.riskLevel,
      caseworkerName: p.caseworker?.name ?? null,
      unaccompaniedMinor: p.unaccompaniedMinor,
      overdueTask: overdue.has(p.id),
    })),
  };
}
