import "server-only";
import { getDb, type Tx } from "../db/client";
import { auditActorOf, recordAuditEvent, recordAuditEvents } from "../audit/record-event";
import { tasksAfterChange } from "../task-store/tasks-after-change";
import type { CurrentUser } from "../auth/current-user";
import { requireEditableCase, type GuardedCase } from "../access/case-access";
import { confirmationContext, holdChange, type Confirmation } from "../access/hold-change";
import { FieldProblems, type FieldError } from "../errors/field-problems";
import { DomainError } from "../errors/domain-error";
import { needsConfirmation } from "../four-eyes/confirmation-rules";
import { confirmationSettings } from "../four-eyes/confirmation-settings";
import type { NeedState } from "../db/generated/enums";
import type { HeldNeedNotRequired } from "../validation/change-request";
import type { NotRequiredInput } from "../validation/review-actions";

/**
 * Marks a program type not required for a person (a two-year-old needs no vocational training),
 * with a reason from the list and a comment; the person leaves the queue once nothing else is
 * missing. For a minor, the four-eyes settings may hold it for a second supervisor instead: a
 * child cut off from a program is a decision about the child's future, not a data correction.
 */
export async function markNeedNotRequired(user: CurrentUser, input: NotRequiredInput): Promise<{ held: boolean }> {
  return getDb().$transaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    const change: HeldNeedNotRequired = { programTypeCode: input.programTypeCode, reasonId: input.reasonId, comment: input.comment };
    const checked = await checkNeedChange(tx, person, change);
    if (checked.alreadyNotRequired) return { held: false };
    const { ageCategory } = await tx.person.findUniqueOrThrow({ where: { id: person.id }, select: { ageCategory: true } });
    if (needsConfirmation({ kind: "needNotRequired", ageCategory }, await confirmationSettings(tx))) {
      await holdChange(tx, user, person, {
        kind: "NEED_NOT_REQUIRED",
        payload: change,
        reason: change.comment,
        before: { programType: change.programTypeCode, state: checked.state },
        after: { programType: change.programTypeCode, state: "NOT_REQUIRED", reason: checked.reasonLabel },
      });
      return { held: true };
    }
    await writeNeedNotRequired(tx, user, person, change, checked, null);
    return { held: false };
  });
}

/** Applies a held "not required" for the supervisor confirming it, checked again against the need as it stands. */
export async function applyHeldNeedNotRequired(
  tx: Tx,
  confirmer: CurrentUser,
  person: GuardedCase,
  change: HeldNeedNotRequired,
  confirmation: Confirmation,
): Promise<void> {
  const checked = await checkNeedChange(tx, person, change);
  if (checked.alreadyNotRequired) throw new DomainError("conflict", "stale");
  await writeNeedNotRequired(tx, confirmer, person, change, checked, confirmation);
}

type CheckedNeed = { state: NeedState | "REQUIRED"; alreadyNotRequired: boolean; reasonLabel: string };

async function checkNeedChange(tx: Tx, person: GuardedCase, change: HeldNeedNotRequired): Promise<CheckedNeed> {
  const [type, reason, existing] = await Promise.all([
    tx.programType.findUnique({ where: { code: change.programTypeCode }, select: { code: true } }),
    tx.reason.findUnique({ where: { id: change.reasonId }, select: { kind: true, active: true, labelEn: true } }),
    tx.programNeed.findUnique({
      where: { personId_programTypeCode: { personId: person.id, programTypeCode: change.programTypeCode } },
      select: { state: true },
    }),
  ]);
  const problems: FieldError[] = [];
  if (!type) problems.push({ field: "programTypeCode", message: "invalid" });
  if (!reason || reason.kind !== "NOT_REQUIRED" || !reason.active) problems.push({ field: "reasonId", message: "invalid" });
  if (problems.length || !reason) throw new FieldProblems(problems);
  const state = existing?.state ?? "REQUIRED";
  return { state, alreadyNotRequired: state === "NOT_REQUIRED", reasonLabel: reason.labelEn };
}

async function writeNeedNotRequired(
  tx: Tx,
  user: CurrentUser,
  person: GuardedCase,
  change: HeldNeedNotRequired,
  checked: CheckedNeed,
  confirmation: Confirmation | null,
): Promise<void> {
  const decision = { state: "NOT_REQUIRED", reasonId: change.reasonId, comment: change.comment, decidedById: user.id } as const;
  await tx.programNeed.upsert({
    where: { personId_programTypeCode: { personId: person.id, programTypeCode: change.programTypeCode } },
    create: { personId: person.id, programTypeCode: change.programTypeCode, ...decision },
    update: { ...decision, decidedAt: new Date(), version: { increment: 1 } },
  });
  // The person may leave the review queue with it: the queue's target task follows at once.
  const taskEvents = await tasksAfterChange(tx, [person.id], auditActorOf(user), new Date());
  await recordAuditEvent(tx, {
    actor: auditActorOf(user),
    action: "need.marked",
    entityType: "program_need",
    entityId: `${person.id}:${change.programTypeCode}`,
    caseId: person.id,
    reason: change.comment,
    before: { programType: change.programTypeCode, state: checked.state },
    after: { programType: change.programTypeCode, state: "NOT_REQUIRED", reason: checked.reasonLabel },
    ...(confirmation ? { context: confirmationContext(confirmation) } : {}),
  });
  await recordAuditEvents(tx, taskEvents);
}
