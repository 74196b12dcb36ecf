import { randomUUID } from "node:crypto";
import type { Prisma } from "../db/client";
import { sqlOf, type AnyTx } from "../db/sql";
import type { Role } from "../db/generated/enums";
import type { JsonValue } from "./canonical-json";
import { SYSTEM_CHAIN, hashEvent, type HashedEvent } from "./event-hash";

export type AuditActor = { id: string | null; label: string | null; role: Role | null };

/** The app itself, acting with no one signed in: a command run on the server, a timed-out session. */
export const SYSTEM_ACTOR: AuditActor = { id: null, label: "system", role: null };

/** A signed-in user as the audit log records them: the e-mail as it was at the time. */
export function auditActorOf(user: { id: string; email: string; role: Role }): AuditActor {
  return { id: user.id, label: user.email, role: user.role };
}

export type AuditInput = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The case the event concerns; its chain is the case's id. Omit for system events. */
  caseId?: string | null;
  reason?: string | null;
  before?: JsonValue;
  after?: JsonValue;
  context?: JsonValue;
  /** For the demo seed's historical events, which must come out the same on every run; live events take the current time and a random id. */
  occurredAt?: Date;
  eventId?: string;
};

/**
 * Appends one event to its chain inside the caller's transaction, so the change and its
 * event commit or roll back together. The chain head row is locked for the rest of the
 * transaction: concurrent writers to the same chain queue up instead of forking it.
 */
export async function recordAuditEvent(tx: AnyTx, input: AuditInput): Promise<HashedEvent & { hash: string }> {
  const [recorded] = await recordAuditEvents(tx, [input]);
  if (!recorded) throw new Error("no audit event recorded");
  return recorded;
}

/**
 * Appends events, to any number of chains, inside the caller's transaction: the same chains as
 * one recordAuditEvent call each, in the order given. Two statements whatever their number (the
 * task recomputation writes thousands; every save writes one, so each statement saved here is
 * saved on every write of the app). The heads are locked in chain order, so two writers over
 * overlapping chains queue up instead of deadlocking.
 */
export async function recordAuditEvents(tx: AnyTx, inputs: AuditInput[]): Promise<(HashedEvent & { hash: string })[]> {
  if (inputs.length === 0) return [];
  const chains = [...new Set(inputs.map((input) => input.caseId ?? SYSTEM_CHAIN))].sort();
  // Creates the heads of new chains and locks the existing ones as FOR UPDATE would (a conflict's
  // update takes the row lock and returns the row as it stands), reading them in the same statement.
  const sql = sqlOf(tx);
  const heads = await sql.rows<{ chain: string; last_seq: number; last_hash: string }>(
    `INSERT INTO audit_chain_head (chain, last_seq, last_hash)
     SELECT c, 0, '' FROM unnest($1::text[]) AS c ORDER BY c
     ON CONFLICT (chain) DO UPDATE SET chain = EXCLUDED.chain
     RETURNING chain, last_seq, last_hash`,
    [chains],
  );
  const tip = new Map(heads.map((h) => [h.chain, { seq: h.last_seq, hash: h.last_seq === 0 ? null : h.last_hash }]));
  const events: Appended[] = [];
  for (const input of inputs) {
    const chain = input.caseId ?? SYSTEM_CHAIN;
    const head = tip.get(chain);
    if (!head) throw new Error(`audit chain head missing for ${chain}`);
    const { event, hash } = buildAuditEvent(chain, head.seq + 1, head.hash, input);
    events.push({ ...event, hash, role: input.actor.role });
    tip.set(chain, { seq: event.seq, hash });
  }
  await sql.rows(...appendStatement(events, chains, tip));
  return events.map(({ role: _role, ...recorded }) => recorded);
}

type Appended = HashedEvent & { hash: string; role: Role | null };

const json = (value: JsonValue) => (value === null ? null : JSON.stringify(value));

/** audit_event's columns as an append writes them: exactly auditEventRow's, JSON null stored as SQL NULL as there. */
const APPENDED_COLUMNS: readonly { name: string; type: string; of: (e: Appended) => unknown }[] = [
  { name: "id", type: "uuid", of: (e) => e.id },
  { name: "chain", type: "text", of: (e) => e.chain },
  { name: "seq", type: "int", of: (e) => e.seq },
  { name: "prev_hash", type: "text", of: (e) => e.prevHash },
  { name: "hash", type: "text", of: (e) => e.hash },
  { name: "occurred_at", type: "timestamptz", of: (e) => e.occurredAt },
  { name: "actor_id", type: "uuid", of: (e) => e.actor.id },
  { name: "actor_label", type: "text", of: (e) => e.actor.label },
  { name: "actor_role", type: '"Role"', of: (e) => e.role },
  { name: "action", type: "text", of: (e) => e.action },
  { name: "entity_type", type: "text", of: (e) => e.entity.type },
  { name: "entity_id", type: "text", of: (e) => e.entity.id },
  { name: "person_id", type: "uuid", of: (e) => e.caseId },
  { name: "reason", type: "text", of: (e) => e.reason },
  { name: "before", type: "jsonb", of: (e) => json(e.before) },
  { name: "after", type: "jsonb", of: (e) => json(e.after) },
  { name: "context", type: "jsonb", of: (e) => json(e.context) },
];
const COLUMN_NAMES = APPENDED_COLUMNS.map((c) => c.name).join(", ");
const parameterOf = (name: string) => `$${APPENDED_COLUMNS.findIndex((c) => c.name === name) + 1}`;
const placeholders = (suffix: string) => APPENDED_COLUMNS.map((c, i) => `$${i + 1}::${c.type}${suffix}`).join(", ");
const HEADS_FROM = APPENDED_COLUMNS.length + 1;

/**
 * The events and their chains' advance in one statement, its text made once. One event, as every
 * save writes, goes in as a row of values; several go in as one array per column (the ORM's
 * multi-row insert took seconds for a few thousand events). A row of values is the cheaper of the
 * two to send and to run: about a fifth of a millisecond of each view and save.
 */
const APPEND_ONE = `WITH appended AS (INSERT INTO audit_event (${COLUMN_NAMES}) VALUES (${placeholders("")}))
  UPDATE audit_chain_head SET last_seq = ${parameterOf("seq")}, last_hash = ${parameterOf("hash")} WHERE chain = ${parameterOf("chain")}`;
const APPEND_MANY = `WITH appended AS (INSERT INTO audit_event (${COLUMN_NAMES}) SELECT * FROM unnest(${placeholders("[]")}))
  UPDATE audit_chain_head AS h SET last_seq = t.seq, last_hash = t.hash
  FROM unnest($${HEADS_FROM}::text[], $${HEADS_FROM + 1}::int[], $${HEADS_FROM + 2}::text[]) AS t(chain, seq, hash)
  WHERE h.chain = t.chain`;

function appendStatement(
  events: Appended[],
  chains: string[],
  tip: Map<string, { seq: number; hash: string | null }>,
): [string, unknown[]] {
  const [event] = events;
  if (events.length === 1 && event) return [APPEND_ONE, APPENDED_COLUMNS.map((c) => c.of(event))];
  const tips = chains.map((chain) => tip.get(chain) ?? { seq: 0, hash: null });
  return [APPEND_MANY, [...APPENDED_COLUMNS.map((c) => events.map(c.of)), chains, tips.map((t) => t.seq), tips.map((t) => t.hash ?? "")]];
}

/** The event as hashed and its hash; pure, so a bulk loader can build a whole chain in memory. */
export function buildAuditEvent(
  chain: string,
  seq: number,
  prevHash: string | null,
  input: AuditInput,
): { event: HashedEvent; hash: string } {
  // Millisecond precision: what timestamptz(3) stores is exactly what was hashed.
  const occurredAt = new Date(Math.floor((input.occurredAt ?? new Date()).getTime()));
  const event: HashedEvent = {
    id: input.eventId ?? randomUUID(),
    chain,
    seq,
    prevHash,
    occurredAt: occurredAt.toISOString(),
    actor: input.actor,
    action: input.action,
    entity: { type: input.entityType, id: input.entityId ?? null },
    caseId: input.caseId ?? null,
    reason: input.reason ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    context: input.context ?? null,
  };
  return { event, hash: hashEvent(event) };
}

/** The database row for an event, column for column what was hashed. */
export function auditEventRow(event: HashedEvent, hash: string, actorRole: Role | null): Prisma.AuditEventCreateManyInput {
  return {
    id: event.id,
    chain: event.chain,
    seq: event.seq,
    prevHash: event.prevHash,
    hash,
    occurredAt: new Date(event.occurredAt),
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    actorRole,
    action: event.action,
    entityType: event.entity.type,
    entityId: event.entity.id,
    personId: event.caseId,
    reason: event.reason,
    before: toDbJson(event.before),
    after: toDbJson(event.after),
    context: toDbJson(event.context),
  };
}

// Prisma stores JSON null for a nullable Json column only through its DbNull sentinel; a plain
// null would mean "no value" there. Storing SQL NULL keeps read-back identical to what was hashed.
function toDbJson(value: JsonValue): Prisma.InputJsonValue | undefined {
  return value === null ? undefined : value;
}
