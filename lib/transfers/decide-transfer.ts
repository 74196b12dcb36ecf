import "server-only";
import { getDb, type Tx } from "../db/client";
import { auditActorOf, recordAuditEvent, recordAuditEvents } from "../audit/record-event";
import { tasksAfterChange } from "../task-store/tasks-after-change";
import { recordDenial } from "../audit/record-denial";
import type { CurrentUser } from "../auth/current-user";
import { requireEditableCase } from "../access/case-access";
import { canReceiveTransfer } from "../policy/transfer-scope";
import { DomainError, notFound } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import type { AcceptTransferInput, RejectTransferInput, WithdrawTransferInput } from "../validation/transfer";
import { decideGroup, isStale, loadGroup, transferContext, type GroupRow } from "./transfer-group";
import { refusedTransfer } from "./transfer-refusals";
import { todayAsStoredDay } from "../calendar/calendar-day";

/** Open referrals and enrollments: those a program of the old region still holds for the person. */
const OPEN_ENROLLMENT = ["REFERRED", "ENROLLED"] as const;

/**
 * Accepts a transfer as a supervisor of the receiving region, for the whole group in this one
 * transaction: each person's region, caseworker (the one chosen, an active caseworker of the
 * receiving region) and version; every open referral or enrollment to a program of the old region
 * ended as "transferred", so the need opens again and the new region refers anew; the change
 * requests the move outgrows superseded; and each case's chain records the move. Access follows
 * the stored region on the next request: the old region's staff no longer reach the cases. A
 * transfer any member of which changed since it was asked for is superseded instead, and the
 * supervisor is told. Of two acceptances at once, one applies; the other is told it was decided.
 */
export async function acceptTransfer(user: CurrentUser, input: AcceptTransferInput, now = new Date()): Promise<{ moved: number }> {
  const result = await getDb().$transaction(async (tx) => {
    const rows = await groupToDecide(tx, user, input.groupId);
    const [lead] = rows as [GroupRow, ...GroupRow[]];
    const caseworker = await tx.user.findFirst({
      where: { id: input.caseworkerId, role: "CASEWORKER", active: true, regions: { some: { regionId: lead.transfer.toRegionId } } },
      select: { id: true },
    });
    if (!caseworker) throw new FieldProblems([{ field: "caseworkerId", message: "caseworkerNotInRegion" }]);
    if (isStale(rows)) {
      await decideGroup(tx, user, rows, "SUPERSEDED", null, now);
      return { moved: 0, superseded: true };
    }
    await decideGroup(tx, user, rows, "CONFIRMED", input.comment || null, now);
    for (const row of rows) await moveOne(tx, user, row, caseworker.id, input.comment || null, now);
    return { moved: rows.length, superseded: false };
  });
  // Thrown after the commit: the transfer stays marked superseded, and the supervisor learns why nothing moved.
  if (result.superseded) throw refusedTransfer("transferSuperseded");
  return { moved: result.moved };
}

/** Rejects a transfer as a supervisor of the receiving region, with the reason; every case stays as it is. */
export async function rejectTransfer(user: CurrentUser, input: RejectTransferInput, now = new Date()): Promise<{ groupId: string }> {
  return getDb().$transaction(async (tx) => {
    const rows = await groupToDecide(tx, user, input.groupId);
    await decideGroup(tx, user, rows, "REJECTED", input.comment, now);
    return { groupId: input.groupId };
  });
}

/** The requester takes the whole transfer back, while they may still change the case they asked it from. */
export async function withdrawTransfer(user: CurrentUser, input: WithdrawTransferInput, now = new Date()): Promise<{ groupId: string }> {
  return getDb().$transaction(async (tx) => {
    const rows = await loadGroup(tx, input.groupId);
    // The case the form names only picks which member's case to authorize on, and it must be one of them.
    const row = rows.find((r) => r.personId === input.caseId);
    if (!row) throw notFound();
    await requireEditableCase(tx, user, row.personId);
    if (row.requestedById !== user.id) {
      await recordDenial(user, "transfer.request", { entityType: "change_request", entityId: row.id, caseId: row.personId });
      throw refusedTransfer("transferNotRequester", "forbidden");
    }
    if (rows.some((r) => r.state !== "PENDING")) throw refusedTransfer("transferAlreadyDecided");
    await decideGroup(tx, user, rows, "WITHDRAWN", null, now);
    return { groupId: input.groupId };
  });
}

/**
 * A pending transfer for a supervisor of its receiving region who did not ask for it. Anyone else
 * finds no such transfer (their attempt is recorded), so an id tells nothing of a transfer out of reach.
 */
async function groupToDecide(tx: Tx, user: CurrentUser, groupId: string): Promise<GroupRow[]> {
  const rows = await loadGroup(tx, groupId);
  const [lead] = rows;
  if (!lead?.toRegionId) throw notFound();
  if (!canReceiveTransfer(user, { toRegionId: lead.toRegionId })) {
    await recordDenial(user, "transfer.receive", { entityType: "transfer", entityId: groupId });
    throw notFound();
  }
  if (lead.requestedById === user.id) {
    await recordDenial(user, "transfer.receive", { entityType: "transfer", entityId: groupId });
    throw refusedTransfer("transferOwnRequest", "forbidden");
  }
  if (rows.some((row) => row.state !== "PENDING")) throw refusedTransfer("transferAlreadyDecided");
  return rows;
}

async function moveOne(tx: Tx, user: CurrentUser, row: GroupRow, caseworkerId: string, comment: string | null, now: Date) {
  const { transfer } = row;
  const moved = await tx.person.updateMany({
    where: { id: row.personId, version: row.baseVersion, regionId: transfer.fromRegionId },
    data: { regionId: transfer.toRegionId, caseworkerId, version: { increment: 1 } },
  });
  // Changed after it was read above: the whole acceptance rolls back, and the next attempt supersedes it.
  if (moved.count !== 1) throw new DomainError("conflict", "stale");
  const context = transferContext(row.groupId ?? "", transfer);
  const ended = await endOldRegionEnrollments(tx, user, row.personId, transfer.fromRegionId, context.transfer, now);
  await supersedeOutgrownChanges(tx, user, row.personId, now);
  // The case's open tasks follow it to the new caseworker, or to the new region's supervisors.
  const taskEvents = await tasksAfterChange(tx, [row.personId], auditActorOf(user), now);
  await recordAuditEvent(tx, {
    actor: auditActorOf(user),
    action: "transfer.accepted",
    entityType: "change_request",
    entityId: row.id,
    caseId: row.personId,
    reason: comment,
    before: { regionId: transfer.fromRegionId, caseworkerId: row.person.caseworkerId },
    after: { regionId: transfer.toRegionId, caseworkerId },
    context: {
      ...context,
      requestedBy: row.requestedById,
      requestedAt: row.requestedAt.toISOString(),
      toReferAgain: ended,
    },
  });
  await recordAuditEvents(tx, taskEvents);
}

/**
 * A program of the old region cannot serve the person any more: each open referral or enrollment
 * there ends as "transferred" on the day of acceptance, which frees its place and opens the need
 * again (the person_need triggers recompute it in this transaction), so the new region's review
 * queue lists the person for a referral of its own. Returns how many ended.
 */
async function endOldRegionEnrollments(tx: Tx, user: CurrentUser, personId: string, fromRegionId: string, groupId: string, now: Date) {
  const open = await tx.enrollment.findMany({
    where: { personId, status: { in: [...OPEN_ENROLLMENT] }, program: { regionId: fromRegionId } },
    select: { id: true, status: true, version: true, program: { select: { name: true, programTypeCode: true } } },
  });
  const today = todayAsStoredDay(now);
  for (const enrollment of open) {
    const ended = await tx.enrollment.updateMany({
      where: { id: enrollment.id, version: enrollment.version },
      data: { status: "TRANSFERRED", endedOn: today, version: { increment: 1 } },
    });
    if (ended.count !== 1) throw new DomainError("conflict", "stale");
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "enrollment.transferred",
      entityType: "enrollment",
      entityId: enrollment.id,
      caseId: personId,
      before: { status: enrollment.status },
      after: { status: "TRANSFERRED", program: enrollment.program.name, programType: enrollment.program.programTypeCode },
      context: { transfer: groupId },
    });
  }
  return open.length;
}

/** Held changes made against the version the move leaves behind could never be confirmed: they are superseded now, not later. */
async function supersedeOutgrownChanges(tx: Tx, user: CurrentUser, personId: string, now: Date) {
  const pending = await tx.changeRequest.findMany({
    where: { personId, state: "PENDING", kind: { not: "TRANSFER" } },
    select: { id: true, kind: true, requestedById: true, requestedAt: true },
  });
  for (const request of pending) {
    const superseded = await tx.changeRequest.updateMany({
      where: { id: request.id, state: "PENDING" },
      data: { state: "SUPERSEDED", decidedAt: now, version: { increment: 1 } },
    });
    if (superseded.count !== 1) continue;
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "change.superseded",
      entityType: "change_request",
      entityId: request.id,
      caseId: personId,
      context: { kind: request.kind, requestedBy: request.requestedById, requestedAt: request.requestedAt.toISOString() },
    });
  }
}
