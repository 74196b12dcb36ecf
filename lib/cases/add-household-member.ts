import "server-only";
import { getDb, type Tx } from "../db/client";
import type { JsonValue } from "../audit/canonical-json";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { can } from "../policy/can";
import type { AddHouseholdMemberInput } from "../validation/household";
import { requireEditableCase } from "../access/case-access";
import { FieldProblems } from "../errors/field-problems";

/**
 * Links another person to this person's household (creating it when there is none). A link
 * changes both records, so the user must be able to edit both cases; another case out of reach
 * is answered exactly like a case number that does not exist. Both chains get the event.
 */
export async function addHouseholdMember(user: CurrentUser, input: AddHouseholdMemberInput): Promise<void> {
  await getDb().$transaction((tx) => addHouseholdMemberIn(tx, user, input));
}

/**
 * The link written inside the caller's transaction, by the same rules and with the same events;
 * `context` travels in both events (the import records its batch, file and row there).
 */
export async function addHouseholdMemberIn(
  tx: Tx,
  user: CurrentUser,
  input: AddHouseholdMemberInput,
  context: JsonValue | null = null,
): Promise<void> {
  const person = await requireEditableCase(tx, user, input.caseId);
  const other = await tx.person.findUnique({
    where: { caseNumber: input.otherCaseNumber },
    select: { id: true, regionId: true, caseworkerId: true },
  });
  if (!other || !can(user, "case.edit", other)) throw new FieldProblems([{ field: "otherCaseNumber", message: "caseNotFound" }]);
  if (other.id === person.id) throw new FieldProblems([{ field: "otherCaseNumber", message: "sameCase" }]);

  const existing = await tx.householdMember.findFirst({ where: { personId: person.id }, select: { householdId: true } });
  let householdId = existing?.householdId;
  if (!householdId) {
    if (!input.ownRole) throw new FieldProblems([{ field: "ownRole", message: "required" }]);
    const created = await tx.household.create({
      data: { label: person.caseNumber, members: { create: { personId: person.id, relationship: input.ownRole } } },
      select: { id: true },
    });
    householdId = created.id;
  }
  if (await tx.householdMember.findUnique({ where: { householdId_personId: { householdId, personId: other.id } } })) {
    throw new FieldProblems([{ field: "otherCaseNumber", message: "alreadyMember" }]);
  }
  await tx.householdMember.create({ data: { householdId, personId: other.id, relationship: input.otherRole } });
  await tx.household.update({ where: { id: householdId }, data: { version: { increment: 1 } } });

  const change = {
    householdId,
    member: input.otherCaseNumber,
    memberRole: input.otherRole,
    ownRole: existing ? null : (input.ownRole ?? null),
  };
  for (const caseId of [person.id, other.id]) {
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "household.member_added",
      entityType: "household",
      entityId: householdId,
      caseId,
      after: change,
      context,
    });
  }
}
