import "server-only";
import { getDb } from "../db/client";
import type { ProsecutionStatus } from "../db/generated/enums";
import { sqlOf, type AnyTx } from "../db/sql";
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
export type GuardedCase = {
  id: string;
  caseNumber: string;
  version: number;
  regionId: string;
  caseworkerId: string | null;
  prosecutionStatus: ProsecutionStatus;
};

/**
 * Loads a case inside a write transaction of either kind and checks the user may do `action` to
 * it. The case's stored region and caseworker decide; a case the user cannot even see is
 * reported as absent, one they see but may not act on as forbidden (`refusal` says which rule).
 */
async function requireCase(tx: AnyTx, user: CurrentUser, caseId: string, action: Action, refusal: string): Promise<GuardedCase> {
  const [person] = await sqlOf(tx).rows<GuardedCase>(
    `SELECT id, case_number AS "caseNumber", version, region_id AS "regionId", caseworker_id AS "caseworkerId",
       prosecution_status AS "prosecutionStatus"
     FROM person WHERE id = $1::uuid`,
    [caseId],
  );
  if (!person) throw notFound();
  const visible = can(user, "case.view", person);
  if (!visible || !can(user, action, person)) {
    await recordDenial(user, action, { entityType: "person", entityId: caseId, caseId });
    throw visible ? new DomainError("forbidden", refusal) : notFound();
  }
  return person;
}

/** A case the user may edit. */
export function requireEditableCase(tx: AnyTx, user: CurrentUser, caseId: string): Promise<GuardedCase> {
  return requireCase(tx, user, caseId, "case.edit", "read-only");
}

/**
 * A case for a decision on one of its change requests: the user must be allowed to confirm
 * changes to it (a supervisor of its region); the caseworker and an auditor are forbidden.
 */
export function requireConfirmableCase(tx: AnyTx, user: CurrentUser, caseId: string): Promise<GuardedCase> {
  return requireCase(tx, user, caseId, "change.confirm", "not a confirmer");
}

/**
 * A case for a supervisor's review of the program types the person requires: the user must be
 * allowed to review them (a supervisor of its region); the caseworker and an auditor are forbidden.
 */
export function requireRequirementsReviewer(tx: AnyTx, user: CurrentUser, caseId: string): Promise<GuardedCase> {
  return requireCase(tx, user, caseId, "requirements.review", "not a reviewer of requirements");
}
