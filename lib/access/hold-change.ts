import "server-only";
import { randomUUID } from "node:crypto";
import { sqlOf, type AnyTx } from "../db/sql";
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
export async function holdChange(tx: AnyTx, user: CurrentUser, person: GuardedCase, change: HeldChange): Promise<{ requestId: string }> {
  if (change.suggestedConfirmerId && (await confirmers(tx, person.regionId, user.id, change.suggestedConfirmerId)).length !== 1)
    throw new FieldProblems([{ field: "suggestedConfirmerId", message: "confirmerNotEligible" }]);
  await supersedeStale(tx, user, person, change.kind);
  const requestId = randomUUID();
  // Without a target, ON CONFLICT DO NOTHING also covers the partial index of pending requests.
  const created = await sqlOf(tx).rows(
    `INSERT INTO change_request (id, person_id, kind, payload, base_version, reason, requested_by_id, requested_at, suggested_confirmer_id)
     VALUES ($1, $2, $3::"ChangeRequestKind", $4::jsonb, $5, $6, $7, $8, $9)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      requestId,
      person.id,
      change.kind,
      JSON.stringify(change.payload),
      person.version,
      change.reason,
      user.id,
      new Date(),
      change.suggestedConfirmerId ?? null,
    ],
  );
  if (created.length !== 1) throw refused("changeRequestPending");
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

async function supersedeStale(tx: AnyTx, user: CurrentUser, person: GuardedCase, kind: ChangeRequestKind): Promise<void> {
  const sql = sqlOf(tx);
  const [stale] = await sql.rows<{ id: string; kind: ChangeRequestKind; requestedById: string; requestedAt: Date; version: number }>(
    `SELECT id, kind, requested_by_id AS "requestedById", requested_at AS "requestedAt", version FROM change_request
     WHERE person_id = $1 AND kind = $2::"ChangeRequestKind" AND state = 'PENDING' AND base_version <> $3
     LIMIT 1`,
    [person.id, kind, person.version],
  );
  if (!stale) return;
  const superseded = await sql.rows(
    `UPDATE change_request SET state = 'SUPERSEDED', decided_at = $2, version = version + 1
     WHERE id = $1 AND state = 'PENDING' AND version = $3 RETURNING id`,
    [stale.id, new Date(), stale.version],
  );
  // Decided by someone else meanwhile: nothing to supersede, and the new request is free to go in.
  if (superseded.length !== 1) return;
  await recordAuditEvent(tx, {
    actor: auditActorOf(user),
    action: "change.superseded",
    entityType: "change_request",
    entityId: stale.id,
    caseId: person.id,
    context: decisionContext(stale),
  });
}

/**
 * The people who may confirm changes to a case of the region, by name: its active supervisors,
 * less the one asking; with `only`, that one person if they are among them.
 */
export function confirmers(
  tx: AnyTx,
  regionId: string,
  requesterId: string,
  only: string | null = null,
): Promise<{ id: string; name: string }[]> {
  return sqlOf(tx).rows(
    `SELECT u.id, u.name FROM app_user u
     WHERE u.role = 'SUPERVISOR' AND u.active AND u.id <> $2
       AND EXISTS (SELECT 1 FROM user_region r WHERE r.user_id = u.id AND r.region_id = $1)
       AND ($3::uuid IS NULL OR u.id = $3::uuid)
     ORDER BY u.name`,
    [regionId, requesterId, only],
  );
}
