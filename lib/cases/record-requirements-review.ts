import "server-only";
import { getDb } from "../db/client";
import { auditActorOf, recordAuditEvent, recordAuditEvents } from "../audit/record-event";
import { tasksAfterChange } from "../task-store/tasks-after-change";
import type { CurrentUser } from "../auth/current-user";
import { requireRequirementsReviewer } from "../access/case-access";
import { DomainError } from "../errors/domain-error";
import { FieldProblems, type FieldError } from "../errors/field-problems";
import { isAfterToday } from "../calendar/calendar-day";
import { registrationDay } from "../tasks/registration-day";
import type { RequirementsReviewInput } from "../validation/requirements-review";
import { adultCategory } from "./age-category";

/**
 * Records that a supervisor of the case's region reviewed the program types the person requires at
 * the adult category they come to at 18, beside what they have now: the day, a note, and (in the
 * audit event) the types required then. It changes no need: marking a type not required or referring
 * to a program are their own actions. The review, the person's new version (so a form opened before
 * it is refused as stale), the coming-of-age task it answers and the audit event commit together.
 */
export async function recordRequirementsReview(
  user: CurrentUser,
  input: RequirementsReviewInput,
  now = new Date(),
): Promise<{ version: number }> {
  return getDb().$transaction(async (tx) => {
    const person = await requireRequirementsReviewer(tx, user, input.caseId);
    if (person.version !== input.version) throw new DomainError("conflict", "stale");
    const stored = await tx.person.findUniqueOrThrow({ where: { id: person.id }, select: { sex: true, createdAt: true } });

    // Days are compared as Kazakhstan's calendar days, the staff's own "today".
    const problems: FieldError[] = [];
    if (isAfterToday(input.reviewedOn, now)) problems.push({ field: "reviewedOn", message: "future" });
    else if (input.reviewedOn < registrationDay(stored.createdAt)) problems.push({ field: "reviewedOn", message: "beforeRegistration" });
    if (problems.length) throw new FieldProblems(problems);

    // Guarded by the version read above: a concurrent edit that committed first makes this match nothing.
    const updated = await tx.person.updateMany({
      where: { id: person.id, version: person.version },
      data: { version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new DomainError("conflict", "stale");
    const ageCategory = adultCategory(stored.sex);
    const required = await tx.programRequirement.findMany({
      where: { ageCategory },
      orderBy: { programTypeCode: "asc" },
      select: { programTypeCode: true },
    });
    const review = await tx.requirementsReview.create({
      data: {
        personId: person.id,
        reviewedOn: new Date(`${input.reviewedOn}T00:00:00Z`),
        ageCategory,
        note: input.note,
        reviewedById: user.id,
      },
      select: { id: true },
    });
    const taskEvents = await tasksAfterChange(tx, [person.id], auditActorOf(user), now);
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "need.reviewed",
      entityType: "requirements_review",
      entityId: review.id,
      caseId: person.id,
      after: {
        reviewedOn: input.reviewedOn,
        ageCategory,
        programTypes: required.map((r) => r.programTypeCode),
        note: input.note,
      },
    });
    await recordAuditEvents(tx, taskEvents);
    return { version: person.version + 1 };
  });
}
