import "server-only";
import { z } from "zod";
import { Prisma } from "../db/generated/client";
import { inDriverTransaction, queryRows } from "../db/sql";
import type { AgeCategory, CaseStatus, ProsecutionStatus, RiskLevel, Sex } from "../db/generated/enums";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { can } from "../policy/can";
import { caseScopeSql } from "../policy/case-scope-sql";
import { refusedCase } from "../access/case-access";
import { notFound } from "../errors/domain-error";
import type { Labels } from "../i18n/locales";

/** The person as the case page's header shows them. */
export type CaseDetail = {
  id: string;
  version: number;
  caseNumber: string;
  familyName: string;
  givenName: string;
  patronymic: string | null;
  latinName: string;
  sex: Sex;
  birthDate: string;
  birthDateEstimated: boolean;
  iin: string | null;
  citizenship: string;
  address: string | null;
  region: Labels;
  returnDate: string;
  returnOperation: Labels;
  returnedFrom: string;
  ageCategory: AgeCategory;
  unaccompaniedMinor: boolean;
  caseStatus: CaseStatus;
  riskLevel: RiskLevel;
  caseworkerName: string | null;
  aliases: { id: string; version: number; value: string; type: string; script: string; source: string }[];
};

declare const authorized: unique symbol;

/**
 * A case the viewer has been let into. Only getCase makes one, so each panel's loader, which
 * takes one instead of an id, reads only cases the policy has already let this viewer see, and
 * never an id that came from the browser.
 */
export type AuthorizedCase = {
  readonly id: string;
  readonly viewer: CurrentUser;
  readonly regionId: string;
  readonly ageCategory: AgeCategory;
  readonly prosecutionStatus: ProsecutionStatus;
  readonly canEdit: boolean;
  /** May export this case's history (auditors, and supervisors in their regions). */
  readonly canExport: boolean;
  /** May confirm or reject this case's change requests, other than their own (supervisors of its region). */
  readonly canConfirm: boolean;
  /** May ask for this case's transfer to another region (its caseworker, supervisors of its region). */
  readonly canTransfer: boolean;
  /** May record the review of the program types the person requires (supervisors of its region). */
  readonly canReviewRequirements: boolean;
  /** The case's version now: a pending request made against another can no longer be confirmed. */
  readonly version: number;
  readonly [authorized]: true;
};

/** An opened case: what its panels load from, and the header's view of the person. */
export type OpenedCase = AuthorizedCase & { readonly detail: CaseDetail };

/** The person's row as the case page's read gives it: dates as ISO days, names of reference rows in every language. */
type PersonRow = Omit<CaseDetail, "latinName"> & {
  familyNameLatin: string;
  givenNameLatin: string;
  patronymicLatin: string | null;
  regionId: string;
  caseworkerId: string | null;
  prosecutionStatus: ProsecutionStatus;
};

const CaseId = z.uuid();

/**
 * How the page was asked for: a navigation, or sent back as part of a save's answer (Next renders
 * the page again after a server action).
 */
export type CaseOpening = "navigation" | "afterAction";

/** A save's answer within this time of the user's own event on the case belongs to the same visit. */
const SAME_VISIT_MS = 60_000;

/**
 * Opens a case for its page. The case is authorized on its own stored region and caseworker; one
 * out of reach raises NotFound, as one that does not exist. Opening a case is an audit event in
 * the case's chain; the page sent back with a save's answer is not a second opening when the
 * chain's latest event is the user's own, from the last minute (the save itself, or the view it
 * followed), so a visit reads as one view and its changes.
 */
export async function getCase(user: CurrentUser, caseId: string, opening: CaseOpening = "navigation"): Promise<OpenedCase> {
  if (!CaseId.safeParse(caseId).success) throw notFound();
  // Scoped in the query itself, so nothing of a case out of reach is ever read. One read on the
  // driver, as the busiest writes are (docs/decisions/033): the page opens a case on every visit.
  const [person] = await queryRows<PersonRow>(Prisma.sql`
    SELECT p.id, p.version, p.case_number AS "caseNumber", p.family_name AS "familyName", p.given_name AS "givenName",
           p.patronymic, p.family_name_latin AS "familyNameLatin", p.given_name_latin AS "givenNameLatin",
           p.patronymic_latin AS "patronymicLatin", p.sex, p.birth_date::text AS "birthDate",
           p.birth_date_estimated AS "birthDateEstimated", p.iin, p.citizenship, p.address, p.region_id AS "regionId",
           p.return_date::text AS "returnDate", p.returned_from AS "returnedFrom", p.age_category AS "ageCategory",
           p.unaccompanied_minor AS "unaccompaniedMinor", p.case_status AS "caseStatus", p.risk_level AS "riskLevel",
           p.caseworker_id AS "caseworkerId", p.prosecution_status AS "prosecutionStatus",
           json_build_object('en', r.name_en, 'ru', r.name_ru, 'kk', r.name_kk) AS region,
           json_build_object('en', o.name_en, 'ru', o.name_ru, 'kk', o.name_kk) AS "returnOperation",
           u.name AS "caseworkerName",
           COALESCE((SELECT json_agg(json_build_object('id', a.id, 'version', a.version, 'value', a.value, 'type', a.type,
                                                       'script', a.script, 'source', a.source) ORDER BY a.created_at)
                     FROM alias a WHERE a.person_id = p.id), '[]'::json) AS aliases
    FROM person p
    JOIN region r ON r.id = p.region_id
    JOIN return_operation o ON o.code = p.return_operation_code
    LEFT JOIN app_user u ON u.id = p.caseworker_id
    WHERE p.id = ${caseId}::uuid AND ${caseScopeSql(user, "case.view", "p")}`);
  if (!person) throw await refusedCase(user, "case.view", caseId);
  if (opening === "navigation" || !(await sameVisit(user, person.id)))
    await inDriverTransaction((tx) =>
      recordAuditEvent(tx, {
        actor: auditActorOf(user),
        action: "case.viewed",
        entityType: "person",
        entityId: person.id,
        caseId: person.id,
      }),
    );

  const stored = { regionId: person.regionId, caseworkerId: person.caseworkerId };
  const opened = {
    id: person.id,
    viewer: user,
    regionId: person.regionId,
    ageCategory: person.ageCategory,
    prosecutionStatus: person.prosecutionStatus,
    canEdit: can(user, "case.edit", stored),
    canExport: can(user, "export.history", stored),
    canConfirm: can(user, "change.confirm", stored),
    canTransfer: can(user, "transfer.request", stored),
    canReviewRequirements: can(user, "requirements.review", stored),
    version: person.version,
    detail: {
      id: person.id,
      version: person.version,
      caseNumber: person.caseNumber,
      familyName: person.familyName,
      givenName: person.givenName,
      patronymic: person.patronymic,
      latinName: [person.familyNameLatin, person.givenNameLatin, person.patronymicLatin].filter(Boolean).join(" "),
      sex: person.sex,
      birthDate: person.birthDate,
      birthDateEstimated: person.birthDateEstimated,
      iin: person.iin,
      citizenship: person.citizenship,
      address: person.address,
      region: person.region,
      returnDate: person.returnDate,
      returnOperation: person.returnOperation,
      returnedFrom: person.returnedFrom,
      ageCategory: person.ageCategory,
      unaccompaniedMinor: person.unaccompaniedMinor,
      caseStatus: person.caseStatus,
      riskLevel: person.riskLevel,
      caseworkerName: person.caseworkerName,
      aliases: person.aliases,
    },
  };
  // The brand exists only in the type: this is the one place that vouches for it.
  return opened as OpenedCase;
}

async function sameVisit(user: CurrentUser, caseId: string): Promise<boolean> {
  const [latest] = await queryRows<{ actorId: string | null; occurredAt: Date }>(
    Prisma.sql`SELECT actor_id AS "actorId", occurred_at AS "occurredAt" FROM audit_event WHERE chain = ${caseId} ORDER BY seq DESC LIMIT 1`,
  );
  return latest?.actorId === user.id && Date.now() - latest.occurredAt.getTime() < SAME_VISIT_MS;
}
