import "server-only";
import { z } from "zod";
import { getDb } from "../db/client";
import type { AgeCategory, CaseStatus, ProsecutionStatus, RiskLevel, Sex } from "../db/generated/enums";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { can } from "../policy/can";
import { caseScopeWhere } from "../policy/case-scope";
import { refusedCase } from "../access/case-access";
import { notFound } from "../errors/domain-error";
import type { Labels } from "../i18n/locales";
import { day, labels } from "./case-labels";

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
  const db = getDb();
  // Scoped in the query itself, so nothing of a case out of reach is ever read.
  const person = await db.person.findFirst({
    where: { AND: [{ id: caseId }, caseScopeWhere(user, "case.view")] },
    select: {
      id: true,
      version: true,
      caseNumber: true,
      familyName: true,
      givenName: true,
      patronymic: true,
      familyNameLatin: true,
      givenNameLatin: true,
      patronymicLatin: true,
      sex: true,
      birthDate: true,
      birthDateEstimated: true,
      iin: true,
      citizenship: true,
      address: true,
      regionId: true,
      returnDate: true,
      returnedFrom: true,
      ageCategory: true,
      unaccompaniedMinor: true,
      caseStatus: true,
      riskLevel: true,
      caseworkerId: true,
      prosecutionStatus: true,
      region: { select: { nameEn: true, nameRu: true, nameKk: true } },
      returnOperation: { select: { nameEn: true, nameRu: true, nameKk: true } },
      caseworker: { select: { name: true } },
      aliases: { orderBy: { createdAt: "asc" }, select: { id: true, version: true, value: true, type: true, script: true, source: true } },
    },
  });
  if (!person) throw await refusedCase(user, "case.view", caseId);
  if (opening === "navigation" || !(await sameVisit(user, person.id)))
    await db.$transaction((tx) =>
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
      birthDate: day(person.birthDate) ?? "",
      birthDateEstimated: person.birthDateEstimated,
      iin: person.iin,
      citizenship: person.citizenship,
      address: person.address,
      region: labels(person.region),
      returnDate: day(person.returnDate) ?? "",
      returnOperation: labels(person.returnOperation),
      returnedFrom: person.returnedFrom,
      ageCategory: person.ageCategory,
      unaccompaniedMinor: person.unaccompaniedMinor,
      caseStatus: person.caseStatus,
      riskLevel: person.riskLevel,
      caseworkerName: person.caseworker?.name ?? null,
      aliases: person.aliases,
    },
  };
  // The brand exists only in the type: this is the one place that vouches for it.
  return opened as OpenedCase;
}

async function sameVisit(user: CurrentUser, caseId: string): Promise<boolean> {
  const latest = await getDb().auditEvent.findFirst({
    where: { chain: caseId },
    orderBy: { seq: "desc" },
    select: { actorId: true, occurredAt: true },
  });
  return latest?.actorId === user.id && Date.now() - latest.occurredAt.getTime() < SAME_VISIT_MS;
}
