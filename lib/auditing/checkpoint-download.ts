import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { notFound } from "../errors/domain-error";
import { reachOf } from "../policy/permissions";
import { activeSigningKey } from "../signing/key-store";
import { writeCheckpoint, type CheckpointSummary } from "./checkpoint";
import { recordDenial } from "../audit/record-denial";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";

/**
 * A signed checkpoint of every chain, for an auditor to keep outside the database. Only those
 * who may read every chain may have it: the heads name every case's chain. Every download is on
 * record once the stream ends: a complete one with the checkpoint's SHA-256, so a checkpoint
 * someone presents later can be matched to the download that produced it; one that stopped
 * early as such, since part of it may have left.
 */
export async function downloadCheckpoint(user: CurrentUser, write: (text: string) => Promise<void>): Promise<CheckpointSummary> {
  if (reachOf(user.role, "audit.read") !== "all") {
    await recordDenial(user, "audit.read", { entityType: "audit_checkpoint", entityId: null });
    throw notFound();
  }
  const db = getDb();
  const checkpointId = randomUUID();
  let summary: CheckpointSummary | null = null;
  try {
    summary = await writeCheckpoint(db, activeSigningKey(), write, checkpointId);
    return summary;
  } finally {
    const done = summary;
    await db.$transaction((tx) =>
      recordAuditEvent(tx, {
        actor: auditActorOf(user),
        action: "audit.checkpoint_downloaded",
        entityType: "audit_checkpoint",
        entityId: checkpointId,
        context: done
          ? { completed: true, createdAt: done.createdAt, chains: done.chains, events: done.events, headsSha256: done.headsSha256 }
          : { completed: false },
      }),
    );
  }
}
