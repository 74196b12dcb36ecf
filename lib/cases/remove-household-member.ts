import "server-only";
import { getDb, type Tx } from "../db/client";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { can } from "../policy/can";
import type { RemoveHouseholdMemberInput } from "../validation/household";
import type { HeldHouseholdRemoval } from "../validation/change-request";
import { requireEditableCase, type GuardedCase } from "../access/case-access";
import { confirmationContext, holdChange, type Confirmation } from "../access/hold-change";
import { DomainError } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import { needsConfirmation } from "../four-eyes/confirmation-rules";
import { confirmationSettings } from "../four-eyes/confirmation-settings";

/**
 * Unlinks a family member linked in error. As with adding, the link belongs to both records, so
 * the user must be able to edit both cases, and both chains get the event with the reason. A
 * child's removal may be held for a second supervisor (the four-eyes settings): the request sits
 * on the child's case, made against the child's version and the household's.
 */
export async function removeHouseholdMember(user: CurrentUser, input: RemoveHouseholdMemberInput): Promise<{ held: boolean }> {
  return getDb().$transaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    const link = await loadLink(tx, user, person.id, input.memberId);
    if (!link) throw new FieldProblems([{ field: "memberId", message: "memberNotEditable" }]);
    const { member, household } = link;
    if (needsConfirmation({ kind: "householdRemoval", memberAgeCategory: member.ageCategory }, await confirmationSettings(tx))) {
      const change: HeldHouseholdRemoval = {
        householdId: household.id,
        householdVersion: household.version,
        requestedFromCaseId: person.id,
      };
      await holdChange(tx, user, member, {
        kind: "HOUSEHOLD_REMOVAL",
        payload: change,
        reason: input.reason,
        before: { householdId: household.id, member: member.caseNumber, memberRole: link.relationship },
        after: { householdId: household.id, member: null },
      });
      return { held: true };
    }
    await unlink(tx, user, person.id, link, input.reason, null);
    return { held: false };
  });
}

/**
 * Applies a held removal for the supervisor confirming it on the child's case: the confirmer must
 * be able to edit the other member's case too, as the requester had to, and the household must
 * still be as it was asked against (the confirmation supersedes it otherwise, before this runs).
 */
export async function applyHeldHouseholdRemoval(
  tx: Tx,
  confirmer: CurrentUser,
  child: GuardedCase,
  change: HeldHouseholdRemoval,
  reason: string,
  confirmation: Confirmation,
): Promise<void> {
  const link = await loadLink(tx, confirmer, change.requestedFromCaseId, child.id);
  if (!link || link.household.id !== change.householdId || link.household.version !== change.householdVersion)
    throw new DomainError("conflict", "stale");
  if (!link.fromEditable) throw new FieldProblems([{ field: "memberId", message: "memberNotEditable" }]);
  await unlink(tx, confirmer, change.requestedFromCaseId, link, reason, confirmation);
}

/** Whether a pending removal was asked against the household as it still is. */
export async function householdUnchangedSince(tx: Tx, change: HeldHouseholdRemoval): Promise<boolean> {
  const household = await tx.household.findUnique({ where: { id: change.householdId }, select: { version: true } });
  return household?.version === change.householdVersion;
}

type Link = NonNullable<Awaited<ReturnType<typeof findLink>>>;

/**
 * The household link between a case and one of its members, when the user may edit the member's
 * case: the member as a guarded case (so a removal can be held on it), and the household's version.
 */
async function loadLink(tx: Tx, user: CurrentUser, fromCaseId: string, memberId: string) {
  const link = await findLink(tx, fromCaseId, memberId);
  if (!link || link.member.id === fromCaseId || !can(user, "case.edit", link.member)) return null;
  const from = await tx.person.findUnique({ where: { id: fromCaseId }, select: { regionId: true, caseworkerId: true } });
  return { ...link, fromEditable: !!from && can(user, "case.edit", from) };
}

async function findLink(tx: Tx, fromCaseId: string, memberId: string) {
  const own = await tx.householdMember.findFirst({
    where: { personId: fromCaseId },
    select: { household: { select: { id: true, version: true } } },
  });
  if (!own) return null;
  const row = await tx.householdMember.findUnique({
    where: { householdId_personId: { householdId: own.household.id, personId: memberId } },
    select: {
      relationship: true,
      person: {
        select: {
          id: true,
          caseNumber: true,
          version: true,
          regionId: true,
          caseworkerId: true,
          prosecutionStatus: true,
          ageCategory: true,
        },
      },
    },
  });
  return row ? { household: own.household, relationship: row.relationship, member: row.person } : null;
}

async function unlink(tx: Tx, user: CurrentUser, fromCaseId: string, link: Link, reason: string, confirmation: Confirmation | null) {
  const { household, member } = link;
  await tx.householdMember.delete({ where: { householdId_personId: { householdId: household.id, personId: member.id } } });
  await tx.household.update({ where: { id: household.id }, data: { version: { increment: 1 } } });
  const change = { householdId: household.id, member: member.caseNumber, memberRole: link.relationship };
  for (const caseId of [fromCaseId, member.id]) {
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "household.member_removed",
      entityType: "household",
      entityId: household.id,
      caseId,
      reason,
      before: change,
      ...(confirmation ? { context: confirmationContext(confirmation) } : {}),
    });
  }
}
