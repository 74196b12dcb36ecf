import "server-only";
import { getDb } from "../db/client";
import { auditActorOf, recordAuditEvent, recordAuditEvents } from "../audit/record-event";
import { tasksAfterChange } from "../task-store/tasks-after-change";
import type { CurrentUser } from "../auth/current-user";
import { requireEditableCase } from "../access/case-access";
import { DomainError } from "../errors/domain-error";
import { FieldProblems, type FieldError } from "../errors/field-problems";
import { isAfterToday } from "../calendar/calendar-day";
import type { FollowUpInput } from "../validation/follow-up";
import { taskRuleSettings } from "../tasks/task-settings";

/**
 * Records the follow-up of a completed enrollment some months after it ended: the day, an outcome
 * from the fixed list and a note. The row, the case's raised version (so a form opened before is
 * refused as stale, as a review does), its audit event and the follow-up task it answers, closed
 * as done, commit together (lib/tasks/task-closing.ts reads the row as the answer).
 */
export async function recordFollowUp(user: CurrentUser, input: FollowUpInput, now = new Date()): Promise<{ version: number }> {
  return getDb().$transaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    if (person.version !== input.version) throw new DomainError("conflict", "stale");
    // Another case's enrollment reads as absent: the same answer as one that does not exist.
    const enrollment = await tx.enrollment.findFirst({
      where: { id: input.enrollmentId, personId: person.id },
      select: { status: true, completedOn: true },
    });
    const rules = await taskRuleSettings(tx);

    // Today is Kazakhstan's calendar day, the staff's own; a stored date is a plain calendar day.
    const problems: FieldError[] = [];
    if (!enrollment || enrollment.status !== "COMPLETED" || !enrollment.completedOn)
      problems.push({ field: "enrollmentId", message: "followUpNotCompleted" });
    if (!rules.programFollowUp.afterMonths.includes(input.afterMonths)) problems.push({ field: "afterMonths", message: "invalid" });
    if (isAfterToday(input.followedUpOn, now)) problems.push({ field: "followedUpOn", message: "future" });
    else if (enrollment?.completedOn && input.followedUpOn < enrollment.completedOn.toISOString().slice(0, 10))
      problems.push({ field: "followedUpOn", message: "beforeCompletion" });
    if (problems.length) throw new FieldProblems(problems);

    const existing = await tx.followUp.findUnique({
      where: { enrollmentId_afterMonths: { enrollmentId: input.enrollmentId, afterMonths: input.afterMonths } },
      select: { id: true },
    });
    if (existing) throw new FieldProblems([{ field: "afterMonths", message: "followUpRecorded" }]);

    // Guarded by the version read above: a concurrent edit that committed first makes this match nothing.
    const updated = await tx.person.updateMany({ where: { id: person.id, version: person.version }, data: { version: { increment: 1 } } });
    if (updated.count !== 1) throw new DomainError("conflict", "stale");
    const followUp = await tx.followUp.create({
      data: {
        personId: person.id,
        enrollmentId: input.enrollmentId,
        afterMonths: input.afterMonths,
        followedUpOn: new Date(`${input.followedUpOn}T00:00:00Z`),
        outcome: input.outcome,
        note: input.note,
        recordedById: user.id,
      },
      select: { id: true },
    });
    const taskEvents = await tasksAfterChange(tx, [person.id], auditActorOf(user), now);
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "followUp.recorded",
      entityType: "follow_up",
      entityId: followUp.id,
      caseId: person.id,
      after: {
        enrollmentId: input.enrollmentId,
        afterMonths: input.afterMonths,
        followedUpOn: input.followedUpOn,
        outcome: input.outcome,
        note: input.note,
      },
    });
    await recordAuditEvents(tx, taskEvents);
    return { version: person.version + 1 };
  });
}
