import "server-only";
import { isAfterToday } from "../calendar/calendar-day";
import { getDb, type Tx } from "../db/client";
import { auditActorOf, recordAuditEvent, recordAuditEvents } from "../audit/record-event";
import { tasksAfterChange } from "../task-store/tasks-after-change";
import type { CurrentUser } from "../auth/current-user";
import { confirmationSettings } from "../four-eyes/confirmation-settings";
import { needsConfirmation } from "../four-eyes/confirmation-rules";
import { sentenceProblem } from "../prosecution/transitions";
import type { JsonValue } from "../audit/canonical-json";
import type { HeldStatusChange } from "../validation/change-request";
import type { StatusChangeInput } from "../validation/prosecution";
import { requireEditableCase, type GuardedCase } from "../access/case-access";
import { DomainError } from "../errors/domain-error";
import { FieldProblems, type FieldError } from "../errors/field-problems";
import { confirmationContext, holdChange, type Confirmation } from "../access/hold-change";

/** What a status change did: applied (the case's new version), or held for a second person (the version unchanged). */
export type StatusChangeResult = { version: number; held: boolean };

/**
 * Records a new prosecution status for a case. The case decides the scope (its stored region
 * and caseworker); the transition must be in the allowed-transition table; the edit must be
 * made from the current version of the case, or it is refused as a conflict and nothing is
 * written. A change the four-eyes settings name is checked the same way and then held as a
 * change request, leaving the case as it was; any other is applied: the entry, the case's new
 * status and version, and the audit event commit together.
 */
export async function changeProsecutionStatus(user: CurrentUser, input: StatusChangeInput, now = new Date()): Promise<StatusChangeResult> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    if (person.version !== input.version) throw new DomainError("conflict", "stale");
    const change: HeldStatusChange = {
      from: person.prosecutionStatus,
      status: input.status,
      effectiveDate: input.effectiveDate,
      articles: input.articles,
      authority: input.authority,
      sentenceMonths: input.sentenceMonths,
      reason: input.reason,
    };
    const isCorrection = await checkStatusChange(tx, person, change, now);
    if (needsConfirmation({ kind: "prosecutionStatus", to: change.status, isCorrection }, await confirmationSettings(tx))) {
      await holdChange(tx, user, person, {
        kind: "PROSECUTION_STATUS",
        payload: change,
        reason: change.reason,
        before: { prosecutionStatus: person.prosecutionStatus },
        after: { prosecutionStatus: change.status, ...entryFields(change) },
        suggestedConfirmerId: input.suggestedConfirmerId,
      });
      return { version: person.version, held: true };
    }
    await writeStatusChange(tx, user, person, change, isCorrection, null, now);
    return { version: person.version + 1, held: false };
  });
}

/**
 * Applies a held status change for the person confirming it, in their transaction: checked again
 * against the case as it stands, then written exactly as a change made directly, its event
 * naming the request and its requester beside the confirmer.
 */
export async function applyHeldStatusChange(
  tx: Tx,
  confirmer: CurrentUser,
  person: GuardedCase,
  change: HeldStatusChange,
  confirmation: Confirmation,
  now = new Date(),
): Promise<void> {
  if (person.prosecutionStatus !== change.from) throw new DomainError("conflict", "stale");
  const isCorrection = await checkStatusChange(tx, person, change, now);
  await writeStatusChange(tx, confirmer, person, change, isCorrection, confirmation, now);
}

/**
 * A status change written inside the caller's transaction, by the same rules and with the same
 * event as the form's: the import writes a case's history this way, entry by entry in date order,
 * with its batch, file and row in `context`. Nothing is held here. A change the four-eyes settings
 * name is refused (`needsConfirmation`), so a file cannot decide a registered person's legal
 * situation alone, unless `startingRecord` says the history is the record the case was created
 * with by this same file (docs/decisions/029).
 */
export async function changeProsecutionStatusIn(
  tx: Tx,
  user: CurrentUser,
  person: GuardedCase,
  change: HeldStatusChange,
  options: { context: Record<string, JsonValue>; startingRecord: boolean; now?: Date },
): Promise<void> {
  if (person.prosecutionStatus !== change.from) throw new DomainError("conflict", "stale");
  const now = options.now ?? new Date();
  const isCorrection = await checkStatusChange(tx, person, change, now);
  if (
    !options.startingRecord &&
    needsConfirmation({ kind: "prosecutionStatus", to: change.status, isCorrection }, await confirmationSettings(tx))
  )
    throw new FieldProblems([{ field: "status", message: "needsConfirmation" }]);
  await writeStatusChange(tx, user, person, change, isCorrection, null, now, options.context);
}

/** The rules a status change must meet against the stored case; whether the move is a correction. */
async function checkStatusChange(tx: Tx, person: GuardedCase, change: HeldStatusChange, now: Date): Promise<boolean> {
  const latest = await tx.prosecutionEntry.findFirst({
    where: { personId: person.id },
    orderBy: [{ effectiveDate: "desc" }, { createdAt: "desc" }],
    select: { effectiveDate: true },
  });
  const problems: FieldError[] = [];
  const allowed = await tx.prosecutionTransition.findUnique({
    where: { fromStatus_toStatus: { fromStatus: person.prosecutionStatus, toStatus: change.status } },
  });
  if (!allowed) problems.push({ field: "status", message: "transitionNotAllowed" });
  const effective = new Date(`${change.effectiveDate}T00:00:00Z`);
  if (isAfterToday(change.effectiveDate, now)) problems.push({ field: "effectiveDate", message: "future" });
  const previous = latest?.effectiveDate;
  if (previous && effective.getTime() < previous.getTime()) problems.push({ field: "effectiveDate", message: "beforePrevious" });
  const sentence = sentenceProblem(change.status, change.sentenceMonths);
  if (sentence) problems.push({ field: "sentenceMonths", message: sentence });
  if (problems.length) throw new FieldProblems(problems);
  return allowed?.isCorrection ?? false;
}

function entryFields(change: HeldStatusChange) {
  return {
    effectiveDate: change.effectiveDate,
    articles: change.articles,
    authority: change.authority || null,
    sentenceMonths: change.sentenceMonths ?? null,
  };
}

async function writeStatusChange(
  tx: Tx,
  actor: CurrentUser,
  person: GuardedCase,
  change: HeldStatusChange,
  isCorrection: boolean,
  confirmation: Confirmation | null,
  now: Date,
  extraContext: Record<string, JsonValue> = {},
): Promise<void> {
  // Guarded by the version read when the case was loaded: a concurrent edit that committed first makes this match nothing.
  const updated = await tx.person.updateMany({
    where: { id: person.id, version: person.version },
    data: { prosecutionStatus: change.status, version: { increment: 1 } },
  });
  if (updated.count !== 1) throw new DomainError("conflict", "stale");
  const fields = entryFields(change);
  const entry = await tx.prosecutionEntry.create({
    data: {
      personId: person.id,
      status: change.status,
      effectiveDate: new Date(`${change.effectiveDate}T00:00:00Z`),
      articles: fields.articles,
      authority: fields.authority,
      sentenceMonths: fields.sentenceMonths,
      reason: change.reason,
      recordedById: actor.id,
    },
    select: { id: true },
  });
  // A conviction takes the person out of the review queue, and a release or a correction can bring
  // them back: the queue's target task follows at once.
  const taskEvents = await tasksAfterChange(tx, [person.id], auditActorOf(actor), now);
  const context = {
    ...(isCorrection ? { correction: true } : {}),
    ...(confirmation ? confirmationContext(confirmation) : {}),
    ...extraContext,
  };
  await recordAuditEvent(tx, {
    actor: auditActorOf(actor),
    action: "prosecution.status_changed",
    entityType: "prosecution_entry",
    entityId: entry.id,
    caseId: person.id,
    reason: change.reason,
    before: { status: person.prosecutionStatus },
    after: { status: change.status, ...fields },
    context: Object.keys(context).length > 0 ? context : null,
  });
  await recordAuditEvents(tx, taskEvents);
}
