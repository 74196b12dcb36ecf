import type { CopyFields } from "../db/copy-binary";
import type { AuditEvent } from "../db/generated/client";
import type { JsonValue } from "./canonical-json";
import type { HashedEvent } from "./event-hash";
import type { ChainedEvent } from "./verify-chain";

/** What toHashedEvent reads of a stored event. */
type StoredEventRow = Omit<AuditEvent, "hash">;

/**
 * The columns of audit_event (as `e`) that toHashedEvent reads, with the hash, in the order
 * storedEventOf decodes them from a binary COPY: for reads that go straight to the database's
 * bytes and must rebuild the same events as the ORM reads.
 */
export const STORED_EVENT_COPY_COLUMNS =
  "e.id::text, e.chain, e.seq, e.prev_hash, e.hash, e.occurred_at, e.actor_id::text, e.actor_label, e.actor_role::text, " +
  "e.action, e.entity_type, e.entity_id, e.person_id::text, e.reason, e.before, e.after, e.context";
export const STORED_EVENT_COPY_FIELDS = 17;

/** The stored event whose STORED_EVENT_COPY_COLUMNS begin at field `first` of a binary COPY row. */
export function storedEventOf(fields: CopyFields, first: number): AuditEvent {
  return {
    id: fields.text(first)!,
    chain: fields.text(first + 1)!,
    seq: fields.int4(first + 2),
    prevHash: fields.text(first + 3),
    hash: fields.text(first + 4)!,
    occurredAt: fields.timestamptz(first + 5),
    actorId: fields.text(first + 6),
    actorLabel: fields.text(first + 7),
    actorRole: fields.text(first + 8) as AuditEvent["actorRole"],
    action: fields.text(first + 9)!,
    entityType: fields.text(first + 10)!,
    entityId: fields.text(first + 11),
    personId: fields.text(first + 12),
    reason: fields.text(first + 13),
    before: fields.jsonb(first + 14) as AuditEvent["before"],
    after: fields.jsonb(first + 15) as AuditEvent["after"],
    context: fields.jsonb(first + 16) as AuditEvent["context"],
  };
}

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
