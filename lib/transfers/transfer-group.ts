import "server-only";
import type { Prisma, Tx } from "../db/client";
import type { ChangeRequestState } from "../db/generated/enums";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { HeldTransfer } from "../validation/transfer";
import { refusedTransfer } from "./transfer-refusals";

const GROUP_SELECT = {
  id: true,
  personId: true,
  payload: true,
  baseVersion: true,
  reason: true,
  requestedById: true,
  requestedAt: true,
  state: true,
  toRegionId: true,
  groupId: true,
  person: { select: { id: true, version: true, regionId: true, caseworkerId: true } },
} as const satisfies Prisma.ChangeRequestSelect;

export type GroupRow = Prisma.ChangeRequestGetPayload<{ select: typeof GROUP_SELECT }> & { transfer: HeldTransfer };

/** The requests of one transfer, each with its person as stored now; empty when there is no such transfer. */
export async function loadGroup(tx: Tx, groupId: string): Promise<GroupRow[]> {
  const rows = await tx.changeRequest.findMany({
    where: { kind: "TRANSFER", groupId },
    orderBy: { requestedAt: "asc" },
    select: GROUP_SELECT,
  });
  // Parsed again before anything is decided: a stored payload that is not exactly a transfer is never applied.
  return rows.map((row) => ({ ...row, transfer: HeldTransfer.parse(row.payload) }));
}

/** A member changed, or left the region, since the transfer was asked for: it can only be superseded. */
export function isStale(rows: GroupRow[]): boolean {
  return rows.some((row) => row.person.version !== row.baseVersion || row.person.regionId !== row.transfer.fromRegionId);
}

/** What every event of a transfer says of it, so that both regions read the same move in the history. */
export function transferContext(groupId: string, transfer: HeldTransfer) {
  return {
    transfer: groupId,
    fromRegion: transfer.fromRegionId,
    toRegion: transfer.toRegionId,
    basis: transfer.basis,
    effectiveDate: transfer.effectiveDate,
  };
}

const DECISION_EVENT: Record<Exclude<ChangeRequestState, "PENDING">, string> = {
  CONFIRMED: "transfer.accepted",
  REJECTED: "transfer.rejected",
  WITHDRAWN: "transfer.withdrawn",
  SUPERSEDED: "transfer.superseded",
};

/**
 * Moves every request of the group out of pending, only if all still are: the row locks this
 * update takes make a second decision at the same moment wait, then match nothing, and it is told
 * the transfer was already decided. Each member's chain records the decision, except acceptance,
 * whose event the move itself writes with the region and caseworker before and after.
 */
export async function decideGroup(
  tx: Tx,
  user: CurrentUser,
  rows: GroupRow[],
  state: Exclude<ChangeRequestState, "PENDING">,
  comment: string | null,
  now: Date,
): Promise<void> {
  const [lead] = rows;
  if (!lead?.groupId) throw refusedTransfer("transferAlreadyDecided");
  const decided = await tx.changeRequest.updateMany({
    where: { groupId: lead.groupId, kind: "TRANSFER", state: "PENDING" },
    data: { state, decidedById: user.id, decidedAt: now, decisionComment: comment, version: { increment: 1 } },
  });
  if (decided.count !== rows.length) throw refusedTransfer("transferAlreadyDecided");
  if (state === "CONFIRMED") return;
  for (const row of rows)
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: DECISION_EVENT[state],
      entityType: "change_request",
      entityId: row.id,
      caseId: row.personId,
      reason: comment,
      context: {
        ...transferContext(lead.groupId, row.transfer),
        requestedBy: row.requestedById,
        requestedAt: row.requestedAt.toISOString(),
      },
    });
}

/** Supersedes a pending transfer that a change to one of its members has outgrown; false when it has not (it still stands). */
export async function supersedeGroup(tx: Tx, user: CurrentUser, groupId: string, now: Date): Promise<boolean> {
  const rows = await loadGroup(tx, groupId);
  if (!rows.every((row) => row.state === "PENDING") || !isStale(rows)) return false;
  await decideGroup(tx, user, rows, "SUPERSEDED", null, now);
  return true;
}
