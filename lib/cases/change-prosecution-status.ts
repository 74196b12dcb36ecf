import "server-only";
import { getDb } from "../db/client";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { isConviction } from "../prosecution/transitions";
import type { StatusChangeInput } from "../validation/prosecution";
import { requireEditableCase } from "../access/case-access";
import { DomainError } from "../errors/domain-error";
import { FieldProblems, type FieldError } from "../errors/field-problems";

/**
 * Records a new prosecution status for a case. The case decides the scope (its stored region
 * and caseworker); the transition must be in the allowed-transition table; the edit must be
 * made from the current version of the case, or it is refused as a conflict and nothing is
 * written. The entry, the case's new status and version, and the audit event commit together.
 */
export async function changeProsecutionStatus(user: CurrentUser, input: StatusChangeInput, now = new Date()): Promise<{ version: number }> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    if (person.version !== input.version) throw new DomainError("conflict", "stale");
    const latest = await tx.prosecutionEntry.findFirst({
      where: { personId: person.id },
      orderBy: [{ effectiveDate: "desc" }, { createdAt: "desc" }],
      select: { effectiveDate: true },
    });

    const problems: FieldError[] = [];
    const allowed = await tx.prosecutionTransition.findUnique({
      where: { fromStatus_toStatus: { fromStatus: person.prosecutionStatus, toStatus: input.status } },
    });
    if (!allowed) problems.push({ field: "status", message: "transitionNotAllowed" });
    const effective = new Date(`${input.effectiveDate}T00:00:00Z`);
    if (effective.getTime() > now.getTime()) problems.push({ field: "effectiveDate", message: "future" });
    const previous = latest?.effectiveDate;
    if (previous && effective.getTime() < previous.getTime()) problems.push({ field: "effectiveDate", message: "beforePrevious" });
    if (input.sentenceMonths !== undefined && !isConviction(input.status))
      problems.push({ field: "sentenceMonths", message: "noSentence" });
    if (input.status === "CONVICTED" && input.sentenceMonths === undefined)
      problems.push({ field: "sentenceMonths", message: "sentenceRequired" });
    if (problems.length) throw new FieldProblems(problems);

    // Guarded by the version read above: a concurrent edit that committed first makes this match nothing.
    const updated = await tx.person.updateMany({
      where: { id: person.id, version: person.version },
      data: { prosecutionStatus: input.status, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new DomainError("conflict", "stale");
    const entry = await tx.prosecutionEntry.create({
      data: {
        personId: person.id,
        status: input.status,
        effectiveDate: effective,
        articles: input.articles,
        authority: input.authority || null,
        sentenceMonths: input.sentenceMonths ?? null,
        reason: input.reason,
        recordedById: user.id,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "prosecution.status_changed",
      entityType: "prosecution_entry",
      entityId: entry.id,
      caseId: person.id,
      reason: input.reason,
      before: { status: person.prosecutionStatus },
      after: {
        status: input.status,
        effectiveDate: input.effectiveDate,
        articles: input.articles,
        authority: input.authority || null,
        sentenceMonths: input.sentenceMonths ?? null,
      },
      context: allowed?.isCorrection ? { correction: true } : null,
    });
    return { version: person.version + 1 };
  });
}
