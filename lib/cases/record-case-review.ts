import "server-only";
import { getDb } from "../db/client";
import { auditActorOf, recordAuditEvent, recordAuditEvents } from "../audit/record-event";
import { tasksAfterChange } from "../task-store/tasks-after-change";
import type { CurrentUser } from "../auth/current-user";
import { requireEditableCase } from "../access/case-access";
import { DomainError } from "../errors/domain-error";
import { FieldProblems, type FieldError } from "../errors/field-problems";
import { isAfterToday } from "../calendar/calendar-day";
import type { CaseReviewInput } from "../validation/case-review";
import { registrationDay } from "../tasks/registration-day";

/**
 * Records a periodic review of a case: the day it was made, the risk level confirmed or changed,
 * and a note. The review, the person's new risk level and version (raised even when the risk is
 * confirmed, so a form opened before the review is refused as stale), and the audit event commit
 * together, with the review task it answers closed and the next one stored (lib/tasks/recompute-tasks.ts).
 */
export async function recordCaseReview(user: CurrentUser, input: CaseReviewInput, now = new Date()): Promise<{ version: number }> {
  return getDb().$transaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    if (person.version !== input.version) throw new DomainError("conflict", "stale");
    const stored = await tx.person.findUniqueOrThrow({ where: { id: person.id }, select: { riskLevel: true, createdAt: true } });

    // Days are compared as Kazakhstan's calendar days, the staff's own "today".
    const problems: FieldError[] = [];
    if (isAfterToday(input.reviewedOn, now)) problems.push({ field: "reviewedOn", message: "future" });
    else if (input.reviewedOn < registrationDay(stored.createdAt)) problems.push({ field: "reviewedOn", message: "beforeRegistration" });
    if (problems.length) throw new FieldProblems(problems);

    // Guarded by the version read above: a concurrent edit that committed first makes this match nothing.
    const updated = await tx.person.updateMany({
      where: { id: person.id, version: person.version },
      data: { riskLevel: input.riskLevel, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new DomainError("conflict", "stale");
    const review = await tx.caseReview.create({
      data: {
        personId: person.id,
        reviewedOn: new Date(`${input.reviewedOn}T00:00:00Z`),
        riskLevel: input.riskLevel,
        note: input.note,
        reviewedById: user.id,
      },
      select: { id: true },
    });
    const changed = stored.riskLevel !== input.riskLevel;
    const taskEvents = await tasksAfterChange(tx, [person.id], auditActorOf(user), now);
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "case.reviewed",
      entityType: "case_review",
      entityId: review.id,
      caseId: person.id,
      // A confirmed risk level has no "before": the history reads it as confirmed, not as changed.
      before: changed ? { riskLevel: stored.riskLevel } : null,
      after: { reviewedOn: input.reviewedOn, riskLevel: input.riskLevel, note: input.note },
    });
    await recordAuditEvents(tx, taskEvents);
    return { version: person.version + 1 };
  });
}
