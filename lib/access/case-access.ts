import "server-only";
import { getDb, type Tx } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { recordDenial } from "../audit/record-denial";
import { can } from "../policy/can";
import type { Action } from "../policy/permissions";
import { DomainError, notFound } from "../errors/domain-error";

/**
 * The error for a case the user may not reach, after auditing the attempt when the case
 * exists. Absent and out of reach raise the same NotFound, so ids cannot be probed.
 */
export async function refusedCase(user: CurrentUser, action: Action, caseId: string): Promise<DomainError> {
  const exists = await getDb().person.findUnique({ where: { id: caseId }, select: { id: true } });
  if (exists) await recordDenial(user, action, { entityType: "person", entityId: caseId, caseId });
  return notFound();
}

/** A case as a write transaction loaded and authorized it. */
export type GuardedCase = Awaited<ReturnType<typeof requireEditableCase>>;

/**
 * Loads a case inside a write transaction and checks the user may edit it. The case's stored
 * region and caseworker decide; a case the user cannot even see is reported as absent.
 */
export async function requireEditableCase(tx: Tx, user: CurrentUser, caseId: string) {
  const person = await tx.person.findUnique({
    where: { id: caseId },
    select: { id: true, caseNumber: true, version: true, regionId: true, caseworkerId: true, prosecutionStatus: true },
  });
  if (!person) throw notFound();
  const visible = can(user, "case.view", person);
  if (!visible || !can(user, "case.edit", person)) {
    await recordDenial(user, "case.edit", { entityType: "person", entityId: caseId, caseId });
    throw visible ? new DomainError("forbidden", "read-only") : notFound();
  }
  return person;
}

/**
 * Loads a case inside a write transaction for a decision on one of its change requests: the user
 * must be allowed to confirm changes to it (a supervisor of its region). Out of sight reads as
 * absent; in sight but not theirs to decide (the caseworker, an auditor) is forbidden.
 */
export async function requireConfirmableCase(tx: Tx, user: CurrentUser, caseId: string): Promise<GuardedCase> {
  const person = await tx.person.findUnique({
    where: { id: caseId },
    select: { id: true, caseNumber: true, version: true, regionId: true, caseworkerId: true, prosecutionStatus: true },
  });
  if (!person) throw notFound();
  const visible = can(user, "case.view", person);
  if (!visible || !can(user, "change.confirm", person)) {
    await recordDenial(user, "change.confirm", { entityType: "person", entityId: caseId, caseId });
    throw visible ? new DomainError("forbidden", "not a confirmer") : notFound();
  }
  return person;
}

/**
 * Loads a case inside a write transaction for a supervisor's review of the program types the person
 * requires: the user must be allowed to review them (a supervisor of its region). Out of sight reads
 * as absent; in sight but not theirs to review (the caseworker, an auditor) is forbidden.
 */
export async function requireRequirementsReviewer(tx: Tx, user: CurrentUser, caseId: string): Promise<GuardedCase> {
  const person = await tx.person.findUnique({
    where: { id: caseId },
    select: { id: true, caseNumber: true, version: true, regionId: true, caseworkerId: true, prosecutionStatus: true },
  });
  if (!person) throw notFound();
  const visible = can(user, "case.view", person);
  if (!visible || !can(user, "requirements.review", person)) {
    await recordDenial(user, "requirements.review", { entityType: "person", entityId: caseId, caseId });
    throw visible ? new DomainError("forbidden", "not a reviewer of requirements") : notFound();
  }
  return person;
}
