import "server-only";
import { getDb } from "../db/client";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { can } from "../policy/can";
import type { RemoveHouseholdMemberInput } from "../validation/household";
import { requireEditableCase } from "../access/case-access";
import { FieldProblems } from "../errors/field-problems";

/**
 * Unlinks a family member linked in error. As with adding, the link belongs to both records, so
 * the user must be able to edit both cases, and both chains get the event with the reason.
 */
export async function removeHouseholdMember(user: CurrentUser, input: RemoveHouseholdMemberInput): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    const own = await tx.householdMember.findFirst({ where: { personId: person.id }, select: { householdId: true } });
    const member = own
      ? await tx.householdMember.findUnique({
          where: { householdId_personId: { householdId: own.householdId, personId: input.memberId } },
          select: { relationship: true, person: { select: { id: true, caseNumber: true, regionId: true, caseworkerId: true } } },
        })
      : null;
    if (!own || !member || member.person.id === person.id || !can(user, "case.edit", member.person))
      throw new FieldProblems([{ field: "memberId", message: "memberNotEditable" }]);
    await tx.householdMember.delete({ where: { householdId_personId: { householdId: own.householdId, personId: member.person.id } } });
    await tx.household.update({ where: { id: own.householdId }, data: { version: { increment: 1 } } });
    const change = { householdId: own.householdId, member: member.person.caseNumber, memberRole: member.relationship };
    for (const caseId of [person.id, member.person.id]) {
      await recordAuditEvent(tx, {
        actor: auditActorOf(user),
        action: "household.member_removed",
        entityType: "household",
        entityId: own.householdId,
        caseId,
        reason: input.reason,
        before: change,
      });
    }
  });
}
