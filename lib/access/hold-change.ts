import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client";
import type { ChangeRequestKind } from "../db/generated/enums";
import type { HeldCaseStatus, HeldHouseholdRemoval, HeldNeedNotRequired, HeldStatusChange } from "../validation/change-request";
import type { JsonValue } from "../audit/canonical-json";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import type { GuardedCase } from "../access/case-access";
import { DomainError } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";

/**
 * Why a change request could not be made or decided, as the form says it: one of its kind
 * already pending, decided or withdrawn by someone else first, superseded by a newer version of
 * the case, or one's own. Each is a DomainError whose detail is also its message key.
 */
export const CHANGE_REFUSALS = [
  "changeAlreadyDecided",
  "changeSuperseded",
  "changeOwnRequest",
  "changeNotRequester",
  "changeRequestPending",
] as const;
export type ChangeRefusal = (typeof CHANGE_REFUSALS)[number];

export const refused = (why: ChangeRefusal, kind: "conflict" | "forbidden" = "conflict") => new DomainError(kind, why);

/** The form's message for a refused change request, or null for any other error. */
export function changeRequestRefusal(error: unknown): { message: ChangeRefusal } | null {
  if (!(error instanceof DomainError)) return null;
  const why = CHANGE_REFUSALS.find((key) => key === error.message);
  return why ? { message: why } : null;
}

/** What a held change records besides the case: its kind, the exact change, and the fields it would change. */
export type HeldChange = {
  kind: ChangeRequestKind;
  payload: HeldStatusChange | HeldCaseStatus | HeldNeedNotRequired | HeldHouseholdRemoval;
  reason: string;
  before: JsonValue;
  after: JsonValue;
  /** Checked here: an active supervisor of the case's region other than the requester. */
  suggestedConfirmerId?: string;
};

/** A change that was applied on confirmation of a request: the request and who made it. */
export type Confirmation = { requestId: string; requestedById: string; requestedAt: Date };

/** How an applied change's audit event names the request it came from, so the history names both people. */
export function confirmationContext(confirmation: Confirmation): { changeRequest: string; requestedBy: string; requestedAt: string } {
  return {
    changeRequest: confirmation.requestId,
    requestedBy: confirmation.requestedById,
    requestedAt: confirmation.requestedAt.toISOString(),
  };
}

/** How a request's later events (decided, withdrawn, superseded) name the request they close. */
export function decisionContext(request: { kind: ChangeRequestKind; requestedById: string; requestedAt: Date }) {
  return { kind: request.kind, requestedBy: request.requestedById, requestedAt: request.requestedAt.toISOString() };
}

/**
 * Holds a change for a second person instead of applying it: the request records the case's
 * version the change was made against, and the case itself is left exactly as it was. Called by
 * the domain function of the change, inside its transaction, after it authorized and checked
 * the change as if it were to apply it now. A pending request of the same kind made against an
 * older version, which could never be confirmed, gives way to this one; one made against this
 * version is a conflict, and the database's partial unique index settles two made at once.
 */
export async function holdChange(tx: Tx, user: CurrentUser, person: GuardedCase, change: HeldChange): Promise<{ requestId: string }> {
  if (change.suggestedConfirmerId && !(await mayConfirm(tx, change.suggestedConfirmerId, person.regionId, user.id)))
    throw new FieldProblems([{ field: "suggestedConfirmerId", message: "confirmerNotEligible" }]);
  await supersedeStale(tx, user, person, change.kind);
  const requestId = randomUUID();
  const created = await tx.changeRequest.createMany({
    data: [
      {
        id: requestId,
        personId: person.id,
        kind: change.kind,
        payload: change.payload,
        baseVersion: person.version,
        reason: change.reason,
        requestedById: user.id,
        suggestedConfirmerId: change.suggestedConfirmerId ?? null,
      },
    ],
    // Without a target, ON CONFLICT DO NOTHING also covers the partial index of pending requests.
    skipDuplicates: true,
  });
  if (created.count !== 1) throw refused("changeRequestPending");
  await recordAuditEvent(tx, {
    actor: auditActorOf(user),
    action: "change.requested",
    entityType: "change_request",
    entityId: requestId,
    caseId: person.id,
    reason: change.reason,
    before: change.before,
    after: change.after,
    context: { kind: change.kind, baseVersion: person.version, suggestedConfirmer: change.suggestedConfirmerId ?? null },
  });
  return { requestId };
}

async function supersedeStale(tx: Tx, user: CurrentUser, person: GuardedCase, kind: ChangeRequestKind): Promise<void> {
  const stale = await tx.changeRequest.findFirst({
    where: { personId: person.id, kind, state: "PENDING", baseVersion: { not: person.version } },
    select: { id: true, kind: true, requestedById: true, requestedAt: true, version: true },
  });
  if (!stale) return;
  const superseded = await tx.changeRequest.updateMany({
    where: { id: stale.id, state: "PENDING", version: stale.version },
    data: { state: "SUPERSEDED", decidedAt: new Date(), version: { increment: 1 } },
  });
  // Decided by someone else meanwhile: nothing to supersede, and the new request is free to go in.
  if (superseded.count !== 1) return;
  await recordAuditEvent(tx, {
    actor: auditActorOf(user),
    action: "change.superseded",
    entityType: "change_request",
    entityId: stale.id,
    caseId: person.id,
    context: decisionContext(stale),
  });
}

/** The people who may confirm changes to a case of the region: its active supervisors, less the one asking. */
export function confirmersWhere(regionId: string, requesterId: string) {
  return { role: "SUPERVISOR", active: true, id: { not: requesterId }, regions: { some: { regionId } } } as const;
}

async function mayConfirm(tx: Tx, userId: string, regionId: string, requesterId: string): Promise<boolean> {
  return (await tx.user.count({ where: { AND: [{ id: userId }, confirmersWhere(regionId, requesterId)] } })) === 1;
}
