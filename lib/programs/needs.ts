import "server-only";
import { getDb } from "../db/client";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { requireEditableCase } from "../access/case-access";
import { FieldProblems, type FieldError } from "../errors/field-problems";
import type { NotRequiredInput } from "../validation/review-actions";

/**
 * Marks a program type not required for a person (a two-year-old needs no vocational training),
 * with a reason from the list and a comment; the person leaves the queue once nothing else is missing.
 */
export async function markNeedNotRequired(user: CurrentUser, input: NotRequiredInput): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    const [type, reason, existing] = await Promise.all([
      tx.programType.findUnique({ where: { code: input.programTypeCode }, select: { code: true, active: true } }),
      tx.reason.findUnique({ where: { id: input.reasonId }, select: { id: true, kind: true, active: true, labelEn: true } }),
      tx.programNeed.findUnique({
        where: { personId_programTypeCode: { personId: person.id, programTypeCode: input.programTypeCode } },
        select: { state: true },
      }),
    ]);
    const problems: FieldError[] = [];
    if (!type) problems.push({ field: "programTypeCode", message: "invalid" });
    if (!reason || reason.kind !== "NOT_REQUIRED" || !reason.active) problems.push({ field: "reasonId", message: "invalid" });
    if (problems.length) throw new FieldProblems(problems);
    if (existing?.state === "NOT_REQUIRED") return;
    await tx.programNeed.upsert({
      where: { personId_programTypeCode: { personId: person.id, programTypeCode: input.programTypeCode } },
      create: {
        personId: person.id,
        programTypeCode: input.programTypeCode,
        state: "NOT_REQUIRED",
        reasonId: input.reasonId,
        comment: input.comment,
        decidedById: user.id,
      },
      update: {
        state: "NOT_REQUIRED",
        reasonId: input.reasonId,
        comment: input.comment,
        decidedById: user.id,
        decidedAt: new Date(),
        version: { increment: 1 },
      },
    });
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "need.marked",
      entityType: "program_need",
      entityId: `${person.id}:${input.programTypeCode}`,
      caseId: person.id,
      reason: input.comment,
      before: { programType: input.programTypeCode, state: existing?.state ?? "REQUIRED" },
      after: { programType: input.programTypeCode, state: "NOT_REQUIRED", reason: reason!.labelEn },
    });
  });
}
