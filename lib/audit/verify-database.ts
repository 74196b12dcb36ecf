import type { Db } from "../db/client";
import { recordAuditEvent, type AuditActor } from "./record-event";
import type { AuditChainHead, AuditEvent } from "../db/generated/client";
import { toChainedEvent } from "./stored-event";
import { ChainVerifier, describeProblem, type ChainHead, type VerificationResult } from "./verify-chain";

const BATCH = 2000;

/**
 * Recomputes every chain in the database from its stored events, in (chain, seq) order and in
 * batches, so memory stays flat however long the log is. Each chain's end is compared with its
 * head row, which the app moves forward in the same transaction as each event: a cut tail
 * shows there. `chains` limits the check to some chains and `batchSize` sets the batch (the tests use both).
 */
export async function verifyDatabase(db: Db, options: { chains?: string[]; batchSize?: number } = {}): Promise<VerificationResult> {
  const batch = options.batchSize ?? BATCH;
  const verifier = new ChainVerifier();
  const inScope = options.chains ? { chain: { in: options.chains } } : {};
  let after: { chain: string; seq: number } | null = null;
  let current: string | null = null;
  let heads = new Map<string, ChainHead>();

  for (;;) {
    const rows: AuditEvent[] = await db.auditEvent.findMany({
      where: { ...inScope, ...(after ? { OR: [{ chain: { gt: after.chain } }, { chain: after.chain, seq: { gt: after.seq } }] } : {}) },
      orderBy: [{ chain: "asc" }, { seq: "asc" }],
      take: batch,
    });
    if (rows.length === 0) break;
    const chains = [...new Set(rows.map((row) => row.chain))];
    const headRows = await db.auditChainHead.findMany({ where: { chain: { in: chains } } });
    const next = new Map<string, ChainHead>(headRows.map((h) => [h.chain, { lastSeq: h.lastSeq, lastHash: h.lastHash }]));
    // The chain the last batch ended in is ended only when this batch moves on from it.
    const carried = current === null ? undefined : heads.get(current);
    if (current !== null && carried && !next.has(current)) next.set(current, carried);
    heads = next;
    for (const row of rows) {
      if (row.chain !== current) {
        if (current !== null) verifier.endChain(heads.get(current) ?? null);
        current = row.chain;
      }
      verifier.push(toChainedEvent(row));
    }
    const last: AuditEvent = rows[rows.length - 1]!;
    after = { chain: last.chain, seq: last.seq };
  }
  if (current !== null) verifier.endChain(heads.get(current) ?? null);

  // Chains whose every event is gone leave only their head behind.
  let headAfter: string | null = null;
  for (;;) {
    const headRows: AuditChainHead[] = await db.auditChainHead.findMany({
      where: { AND: [inScope, { lastSeq: { gt: 0 } }, headAfter === null ? {} : { chain: { gt: headAfter } }] },
      orderBy: { chain: "asc" },
      take: batch,
    });
    if (headRows.length === 0) break;
    for (const head of headRows) if (!verifier.hasSeen(head.chain)) verifier.missingChain(head.chain, head);
    headAfter = headRows[headRows.length - 1]!.chain;
  }
  return verifier.result();
}

/**
 * Keeps the outcome for the audit pages ("last verified ... result ..."), with an audit event in
 * the system chain in the same transaction: who had the log verified, and what was found.
 */
export async function recordVerification(db: Db, result: VerificationResult, startedAt: Date, actor: AuditActor): Promise<void> {
  const first = result.problems[0];
  await db.$transaction(async (tx) => {
    const row = await tx.auditVerification.create({
      data: {
        startedAt,
        finishedAt: new Date(),
        ok: result.ok,
        chainsChecked: result.chains,
        eventsChecked: result.events,
        firstBrokenChain: first?.chain ?? null,
        firstBrokenSeq: first?.seq ?? null,
        detail: first ? describeProblem(first).slice(0, 1000) : null,
        requestedById: actor.id,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "audit.verified",
      entityType: "audit_verification",
      entityId: row.id,
      context: { ok: result.ok, chains: result.chains, events: result.events },
    });
  });
}
