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
/** Where each column of STORED_EVENT_COPY_COLUMNS is, counted from the first. */
export const STORED_EVENT_FIELD = {
  id: 0,
  chain: 1,
  seq: 2,
  prevHash: 3,
  hash: 4,
  occurredAt: 5,
  actorId: 6,
  actorLabel: 7,
  actorRole: 8,
  action: 9,
  entityType: 10,
  entityId: 11,
  personId: 12,
  reason: 13,
  before: 14,
  after: 15,
  context: 16,
} as const;
export const STORED_EVENT_COPY_FIELDS = Object.keys(STORED_EVENT_FIELD).length;

/** The stored event whose STORED_EVENT_COPY_COLUMNS begin at field `first` of a binary COPY row. */
export function storedEventOf(fields: CopyFields, first: number): AuditEvent {
  const F = STORED_EVENT_FIELD;
  return {
    id: fields.text(first + F.id)!,
    chain: fields.text(first + F.chain)!,
    seq: fields.int4(first + F.seq),
    prevHash: fields.text(first + F.prevHash),
    hash: fields.text(first + F.hash)!,
    occurredAt: fields.timestamptz(first + F.occurredAt),
    actorId: fields.text(first + F.actorId),
    actorLabel: fields.text(first + F.actorLabel),
    actorRole: fields.text(first + F.actorRole) as AuditEvent["actorRole"],
    action: fields.text(first + F.action)!,
    entityType: fields.text(first + F.entityType)!,
    entityId: fields.text(first + F.entityId),
    personId: fields.text(first + F.personId),
    reason: fields.text(first + F.reason),
    before: fields.jsonb(first + F.before) as AuditEvent["before"],
    after: fields.jsonb(first + F.after) as AuditEvent["after"],
    context: fields.jsonb(first + F.context) as AuditEvent["context"],
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
