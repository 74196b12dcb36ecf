import type { AuditEvent } from "../db/generated/client";
import type { JsonValue } from "./canonical-json";
import type { HashedEvent } from "./event-hash";

/** The hashed object of a stored event, rebuilt column for column: what a verifier recomputes. */
export function toHashedEvent(row: AuditEvent): HashedEvent {
  return {
    id: row.id,
    chain: row.chain,
    seq: row.seq,
    prevHash: row.prevHash,
    occurredAt: row.occurredAt.toISOString(),
    actor: { id: row.actorId, label: row.actorLabel, role: row.actorRole },
    action: row.action,
    entity: { type: row.entityType, id: row.entityId },
    caseId: row.personId,
    reason: row.reason,
    before: (row.before ?? null) as JsonValue,
    after: (row.after ?? null) as JsonValue,
    context: (row.context ?? null) as JsonValue,
  };
}
