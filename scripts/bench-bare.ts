/**
 * The floor the benchmarks measure the app's writes against: bare `pg` transactions running the
 * statements the app's own transaction runs, with nothing of the app in between. They are sent as
 * named statements, as the app's driver sends its own (`preparedQuery`, lib/db/sql.ts): the floor
 * is the best a client can do, not a slower one.
 */
import { randomUUID } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import { buildAuditEvent } from "../lib/audit/record-event";
import { SYSTEM_CHAIN } from "../lib/audit/event-hash";
import { preparedQuery } from "../lib/db/sql";
import type { CurrentUser } from "../lib/auth/session-store";

/**
 * The chain head lock, the hashed event and the head's update, in recordAuditEvent's two
 * statements: on the case's chain, or the system chain for an event of no case.
 */
export async function bareAudit(
  client: PoolClient,
  user: CurrentUser,
  caseId: string | null,
  action: string,
  entityId: string | null,
  after: object,
) {
  const chain = caseId ?? SYSTEM_CHAIN;
  const { rows } = await client.query<{ last_seq: number; last_hash: string }>(
    preparedQuery(
      `INSERT INTO audit_chain_head (chain, last_seq, last_hash) VALUES ($1, 0, '')
     ON CONFLICT (chain) DO UPDATE SET chain = EXCLUDED.chain RETURNING last_seq, last_hash`,
      [chain],
    ),
  );
  const head = rows[0]!;
  const { event, hash } = buildAuditEvent(chain, head.last_seq + 1, head.last_seq === 0 ? null : head.last_hash, {
    actor: { id: user.id, label: user.email, role: user.role },
    action,
    entityType: action.split(".")[0]!,
    entityId,
    caseId,
    after: after as never,
  });
  await client.query(
    preparedQuery(
      `WITH appended AS (
       INSERT INTO audit_event (id, chain, seq, prev_hash, hash, occurred_at, actor_id, actor_label, actor_role, action, entity_type, entity_id, person_id, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     )
     UPDATE audit_chain_head SET last_seq = $3, last_hash = $5 WHERE chain = $2`,
      [
        event.id,
        chain,
        event.seq,
        event.prevHash,
        hash,
        event.occurredAt,
        user.id,
        user.email,
        user.role,
        action,
        event.entity.type,
        entityId,
        caseId,
        JSON.stringify(after),
      ],
    ),
  );
}

export async function inTransaction(pool: Pool, work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await work(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

/** A note added as `addNote` adds it: the row and its audit event, in one transaction. */
export function bareNote(pool: Pool, user: CurrentUser, caseId: string, body: string): Promise<void> {
  return inTransaction(pool, async (client) => {
    const id = randomUUID();
    await client.query(
      preparedQuery(`INSERT INTO note (id, person_id, body, author_id, updated_at) VALUES ($1, $2, $3, $4, now())`, [
        id,
        caseId,
        body,
        user.id,
      ]),
    );
    await bareAudit(client, user, caseId, "note.added", id, { body });
  });
}
