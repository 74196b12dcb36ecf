import type { AuditEvent } from "../db/generated/client";
import type { JsonValue } from "./canonical-json";
import type { HashedEvent } from "./event-hash";
import type { ChainedEvent } from "./verify-chain";

/** What toHashedEvent reads of a stored event. */
type StoredEventRow = Omit<AuditEvent, "hash">;

/**
 * The columns of audit_event (as `e`) that toHashedEvent reads, with the hash, named as the ORM
 * names them: for reads that go straight through the driver and must rebuild the same events.
 */
export const STORED_EVENT_COLUMNS =
  'e.id, e.chain, e.seq, e.prev_hash AS "prevHash", e.hash, e.occurred_at AS "occurredAt", e.actor_id AS "actorId", ' +
  'e.actor_label AS "actorLabel", e.actor_role AS "actorRole", e.action, e.entity_type AS "entityType", e.entity_id AS "entityId", ' +
  'e.person_id AS "personId", e.reason, e.before, e.after, e.context';

/** The hashed object of a stored event, rebuilt column for column: what a verifier recomputes. */
export function toHashedEvent(row: StoredEventRow): HashedEvent {
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

/** The stored event with its hash, as an export writes it and the verifier reads it. */
export function toChainedEvent(row: AuditEvent): ChainedEvent {
  // Adds the hash to the one object rather than copying it into a second: a million-event export
  // builds one of these per event.
  return Object.assign(toHashedEvent(row), { hash: row.hash });
}
