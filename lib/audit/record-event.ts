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
  const events: (HashedEvent & { hash: string; role: Role | null })[] = [];
  for (const input of inputs) {
    const chain = input.caseId ?? SYSTEM_CHAIN;
    const head = tip.get(chain);
    if (!head) throw new Error(`audit chain head missing for ${chain}`);
    const { event, hash } = buildAuditEvent(chain, head.seq + 1, head.hash, input);
    events.push({ ...event, hash, role: input.actor.role });
    tip.set(chain, { seq: event.seq, hash });
  }
  // The events and the heads' advance in one statement of column arrays (the ORM's multi-row
  // insert took seconds for a few thousand events). Every column is exactly auditEventRow's, JSON
  // null stored as SQL NULL as there.
  const column = <T>(pick: (e: (typeof events)[number]) => T) => events.map(pick);
  const json = (value: JsonValue) => (value === null ? null : JSON.stringify(value));
  const tips = chains.map((chain) => tip.get(chain) ?? { seq: 0, hash: null });
  await sql.rows(
    `WITH appended AS (
       INSERT INTO audit_event (id, chain, seq, prev_hash, hash, occurred_at, actor_id, actor_label, actor_role,
         action, entity_type, entity_id, person_id, reason, before, after, context)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[],
         $7::uuid[], $8::text[], $9::"Role"[], $10::text[], $11::text[], $12::text[],
         $13::uuid[], $14::text[], $15::jsonb[], $16::jsonb[], $17::jsonb[])
     )
     UPDATE audit_chain_head AS h SET last_seq = t.seq, last_hash = t.hash
     FROM unnest($18::text[], $19::int[], $20::text[]) AS t(chain, seq, hash)
     WHERE h.chain = t.chain`,
    [
      column((e) => e.id),
      column((e) => e.chain),
      column((e) => e.seq),
      column((e) => e.prevHash),
      column((e) => e.hash),
      column((e) => e.occurredAt),
      column((e) => e.actor.id),
      column((e) => e.actor.label),
      column((e) => e.role),
      column((e) => e.action),
      column((e) => e.entity.type),
      column((e) => e.entity.id),
      column((e) => e.caseId),
      column((e) => e.reason),
      column((e) => json(e.before)),
      column((e) => json(e.after)),
      column((e) => json(e.context)),
      chains,
      tips.map((t) => t.seq),
      tips.map((t) => t.hash ?? ""),
    ],
  );
  return events.map(({ role: _role, ...recorded }) => recorded);
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
