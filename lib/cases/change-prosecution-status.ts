import "server-only";
import { isAfterToday } from "../calendar/calendar-day";
import type { Tx } from "../db/client";
import { inDriverTransaction, sqlOf, type AnyTx } from "../db/sql";
import { randomUUID } from "node:crypto";
import { auditActorOf, recordAuditEvents } from "../audit/record-event";
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
 * status and version, and the audit event commit together. Runs on the driver, like the note
 * (docs/decisions/033): with its rules, its tasks and its event it is about a dozen statements.
 */
export async function changeProsecutionStatus(user: CurrentUser, input: StatusChangeInput, now = new Date()): Promise<StatusChangeResult> {
  return inDriverTransaction(async (tx) => {
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
async function checkStatusChange(tx: AnyTx, person: GuardedCase, change: HeldStatusChange, now: Date): Promise<boolean> {
  // The latest entry's date and the transition's row (null when the move is not allowed), in one read.
  const [stored] = await sqlOf(tx).rows<{ previous: string | null; isCorrection: boolean | null }>(
    `SELECT (SELECT effective_date::text FROM prosecution_entry WHERE person_id = $1
             ORDER BY effective_date DESC, created_at DESC LIMIT 1) AS previous,
            (SELECT is_correction FROM prosecution_transition
             WHERE from_status = $2::"ProsecutionStatus" AND to_status = $3::"ProsecutionStatus") AS "isCorrection"`,
    [person.id, person.prosecutionStatus, change.status],
  );
  const problems: FieldError[] = [];
  const isCorrection = stored?.isCorrection ?? null;
  if (isCorrection === null) problems.push({ field: "status", message: "transitionNotAllowed" });
  if (isAfterToday(change.effectiveDate, now)) problems.push({ field: "effectiveDate", message: "future" });
  // Both are ISO calendar days, which order as text.
  const previous = stored?.previous ?? null;
  if (previous && change.effectiveDate < previous) problems.push({ field: "effectiveDate", message: "beforePrevious" });
  const sentence = sentenceProblem(change.status, change.sentenceMonths);
  if (sentence) problems.push({ field: "sentenceMonths", message: sentence });
  if (problems.length) throw new FieldProblems(problems);
  return isCorrection ?? false;
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
  tx: AnyTx,
  actor: CurrentUser,
  person: GuardedCase,
  change: HeldStatusChange,
  isCorrection: boolean,
  confirmation: Confirmation | null,
  now: Date,
  extraContext: Record<string, JsonValue> = {},
): Promise<void> {
  const sql = sqlOf(tx);
  // Guarded by the version read when the case was loaded: a concurrent edit that committed first makes this match nothing.
  const updated = await sql.rows(
    `UPDATE person SET prosecution_status = $2::"ProsecutionStatus", version = version + 1, updated_at = $4
     WHERE id = $1 AND version = $3 RETURNING id`,
    [person.id, change.status, person.version, new Date()],
  );
  if (updated.length !== 1) throw new DomainError("conflict", "stale");
  const fields = entryFields(change);
  const entry = { id: randomUUID() };
  await sql.rows(
    `INSERT INTO prosecution_entry (id, person_id, status, effective_date, articles, authority, sentence_months, reason, recorded_by_id, created_at)
     VALUES ($1, $2, $3::"ProsecutionStatus", $4::date, $5::text[], $6, $7, $8, $9, $10)`,
    [
      entry.id,
      person.id,
      change.status,
      change.effectiveDate,
      fields.articles,
      fields.authority,
      fields.sentenceMonths,
      change.reason,
      actor.id,
      new Date(),
    ],
  );
  // A conviction takes the person out of the review queue, and a release or a correction can bring
  // them back: the queue's target task follows at once.
  const taskEvents = await tasksAfterChange(tx, [person.id], auditActorOf(actor), now);
  const context = {
    ...(isCorrection ? { correction: true } : {}),
    ...(confirmation ? confirmationContext(confirmation) : {}),
    ...extraContext,
  };
  await recordAuditEvents(tx, [
    {
      actor: auditActorOf(actor),
      action: "prosecution.status_changed",
      entityType: "prosecution_entry",
      entityId: entry.id,
      caseId: person.id,
      reason: change.reason,
      before: { status: person.prosecutionStatus },
      after: { status: change.status, ...fields },
      context: Object.keys(context).length > 0 ? context : null,
    },
    ...taskEvents,
  ]);
}
