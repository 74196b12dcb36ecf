import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, type Tx } from "../db/client";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { recordDenial } from "../audit/record-denial";
import type { CurrentUser } from "../auth/current-user";
import { requireEditableCase } from "../access/case-access";
import { can } from "../policy/can";
import { DomainError } from "../errors/domain-error";
import { FieldProblems, type FieldError } from "../errors/field-problems";
import type { HeldTransfer, RequestTransferInput } from "../validation/transfer";
import { refusedTransfer } from "./transfer-refusals";
import { supersedeGroup, transferContext } from "./transfer-group";

/** How far ahead a transfer may be dated: a move being arranged, not one imagined. */
const MAX_DAYS_AHEAD = 366;

/**
 * Requests a person's transfer to another region, with the household members moving with them:
 * one request per person, all of one group, each made against that person's version now. The
 * cases stay exactly as they are, with their region and caseworker, until a supervisor of the
 * receiving region accepts the group (docs/decisions/020-transfers-between-regions.md). Every
 * member must be a case the requester may transfer, in a household with the person and in the
 * same region: anyone else is refused, and nothing is requested.
 */
export async function requestTransfer(user: CurrentUser, input: RequestTransferInput, now = new Date()): Promise<{ groupId: string }> {
  return getDb().$transaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    if (!can(user, "transfer.request", person)) {
      await recordDenial(user, "transfer.request", { entityType: "person", entityId: person.id, caseId: person.id });
      throw new DomainError("forbidden", "not a transfer requester");
    }
    if (person.version !== input.version) throw new DomainError("conflict", "stale");

    const problems: FieldError[] = [];
    const toRegion = await tx.region.findFirst({ where: { id: input.toRegionId, active: true }, select: { id: true } });
    if (!toRegion || toRegion.id === person.regionId) problems.push({ field: "toRegionId", message: "transferRegionInvalid" });
    const effective = new Date(`${input.effectiveDate}T00:00:00Z`).getTime();
    if (effective > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) problems.push({ field: "effectiveDate", message: "tooFarAhead" });
    const members = await movableMembers(tx, user, person, input.members);
    if (!members) problems.push({ field: "members", message: "transferMemberNotMovable" });
    if (problems.length || !members) throw new FieldProblems(problems);

    const group = [person, ...members];
    await clearStalePending(
      tx,
      user,
      group.map((p) => p.id),
      now,
    );
    const groupId = randomUUID();
    const payload: HeldTransfer = {
      fromRegionId: person.regionId,
      toRegionId: input.toRegionId,
      basis: input.basis,
      basisText: input.basisText,
      effectiveDate: input.effectiveDate,
    };
    const rows = group.map((p) => ({
      id: randomUUID(),
      personId: p.id,
      kind: "TRANSFER" as const,
      payload,
      baseVersion: p.version,
      reason: input.basisText,
      requestedById: user.id,
      requestedAt: now,
      toRegionId: input.toRegionId,
      groupId,
    }));
    // Without a target, ON CONFLICT DO NOTHING also covers the partial index of pending requests:
    // a member with a transfer pending (made at this very moment) leaves a row out, and all is refused.
    const created = await tx.changeRequest.createMany({ data: rows, skipDuplicates: true });
    if (created.count !== rows.length) throw refusedTransfer("transferPending");
    for (const row of rows)
      await recordAuditEvent(tx, {
        actor: auditActorOf(user),
        action: "transfer.requested",
        entityType: "change_request",
        entityId: row.id,
        caseId: row.personId,
        reason: input.basisText || null,
        before: { regionId: payload.fromRegionId },
        after: { regionId: payload.toRegionId },
        context: { ...transferContext(groupId, payload), baseVersion: row.baseVersion, members: rows.length },
      });
    return { groupId };
  });
}

type Member = { id: string; version: number };

/**
 * The household members named to move with the person, each checked as the requester's to move:
 * in a household with the person, in the same region, and transferable by this user on its stored
 * case. Null when any is not, so the whole request is refused; a member out of the user's sight is
 * recorded as a refused attempt, and the answer is the same as for one in sight, so it tells nothing
 * the household panel does not already show.
 */
async function movableMembers(
  tx: Tx,
  user: CurrentUser,
  person: { id: string; regionId: string },
  ids: string[],
): Promise<Member[] | null> {
  const wanted = ids.filter((id) => id !== person.id);
  if (wanted.length === 0) return [];
  const households = await tx.householdMember.findMany({ where: { personId: person.id }, select: { householdId: true } });
  const inHousehold = await tx.householdMember.findMany({
    where: { householdId: { in: households.map((h) => h.householdId) }, personId: { in: wanted } },
    select: { personId: true },
  });
  const found = new Set(inHousehold.map((m) => m.personId));
  if (wanted.some((id) => !found.has(id))) return null;
  const stored = await tx.person.findMany({
    where: { id: { in: wanted } },
    select: { id: true, version: true, regionId: true, caseworkerId: true },
  });
  const refused = stored.filter((m) => m.regionId !== person.regionId || !can(user, "transfer.request", m));
  for (const member of refused)
    await recordDenial(user, "transfer.request", { entityType: "person", entityId: member.id, caseId: member.id });
  return refused.length > 0 ? null : stored.map(({ id, version }) => ({ id, version }));
}

/**
 * A pending transfer of anyone in the new group blocks it, unless that transfer can never be
 * accepted because one of its members changed since: then it gives way, as a held change does
 * (docs/decisions/016), and its requester reads on the case page that it was superseded.
 */
async function clearStalePending(tx: Tx, user: CurrentUser, personIds: string[], now: Date): Promise<void> {
  const pending = await tx.changeRequest.findMany({
    where: { kind: "TRANSFER", state: "PENDING", personId: { in: personIds } },
    select: { groupId: true },
  });
  for (const groupId of new Set(pending.flatMap((p) => (p.groupId ? [p.groupId] : [])))) {
    const superseded = await supersedeGroup(tx, user, groupId, now);
    if (!superseded) throw refusedTransfer("transferPending");
  }
}
