import "server-only";
import { getDb } from "../db/client";
import type { Action } from "../policy/permissions";
import { auditActorOf, recordAuditEvent } from "./record-event";

type Denied = { id: string; email: string; role: Parameters<typeof auditActorOf>[0]["role"] };

/**
 * Records a user reaching for what the policy refuses them (docs/domain.md, "Audit": auditors see who looked
 * at what). It has its own transaction: the refused work rolls back, its denial must not.
 * A refusal on a case goes into that case's chain, so the case's history shows the attempt.
 */
export async function recordDenial(
  user: Denied,
  action: Action,
  target: { entityType: string; entityId: string | null; caseId?: string | null },
) {
  await getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "access.denied",
      entityType: target.entityType,
      entityId: target.entityId,
      caseId: target.caseId ?? null,
      context: { attempted: action },
    }),
  );
}
