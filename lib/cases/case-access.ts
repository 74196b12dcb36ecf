import "server-only";
import type { Tx } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { can } from "../policy/can";
import { DomainError, notFound } from "./errors";

/**
 * Loads a case inside a write transaction and checks the user may edit it. The case's stored
 * region and caseworker decide; a case the user cannot even see is reported as absent.
 */
export async function requireEditableCase(tx: Tx, user: CurrentUser, caseId: string) {
  const person = await tx.person.findUnique({ where: { id: caseId }, select: { id: true, caseNumber: true, version: true, regionId: true, caseworkerId: true, prosecutionStatus: true } });
  if (!person || !can(user, "case.view", person)) throw notFound();
  if (!can(user, "case.edit", person)) throw new DomainError("forbidden", "read-only");
  return person;
}
