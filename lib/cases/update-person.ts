import "server-only";
import { getDb, type Tx } from "../db/client";
import type { JsonValue } from "../audit/canonical-json";
import { auditActorOf, recordAuditEvent, recordAuditEvents } from "../audit/record-event";
import { tasksAfterChange } from "../task-store/tasks-after-change";
import type { CurrentUser } from "../auth/current-user";
import { confirmationSettings } from "../four-eyes/confirmation-settings";
import { needsConfirmation } from "../four-eyes/confirmation-rules";
import { personColumns } from "./person-details";
import type { HeldCaseStatus } from "../validation/change-request";
import type { PersonEditInput } from "../validation/person";
import {
  auditMembers,
  EDITABLE_FIELDS,
  recordedOfColumn,
  recordedPerson,
  type EditableField,
  type RecordedPerson,
} from "../validation/person-fields";
import { requireEditableCase, type GuardedCase } from "../access/case-access";
import { DomainError } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import { checkForDuplicates } from "./possible-duplicates";
import { CASE_STATUSES_KEPT_NOT_SET } from "../lifecycles/case-status";
import { confirmationContext, holdChange, type Confirmation } from "../access/hold-change";
import type { AgeCategory, CaseStatus } from "../db/generated/enums";
import { ageCategoryAt } from "./age-category";

/** What a save did: the case's version after it, the fields it changed, and whether a case status was held for a second person. */
type Saved = { version: number; changed: EditableField[]; held: boolean };
type Recorded = RecordedPerson<EditableField>;

const EDITABLE_SELECT = Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, true])) as Record<EditableField, true>;

/**
 * Saves a person's details from the version the user saw; a stale version is refused as a
 * conflict. Only the fields that changed are written to the audit event, before and after. A
 * new IIN is looked up like any duplicate check (audited, limited): whether an IIN is taken
 * says whether it belongs to a returnee. A case status the four-eyes settings name is held as a
 * change request, made against the version this save leaves, while the other fields apply at
 * once (docs/decisions/016-four-eyes-change-requests.md).
 */
export async function updatePerson(user: CurrentUser, input: PersonEditInput): Promise<Saved> {
  // A refusal after the IIN lookup is returned, not thrown, so that the lookup's audit event commits.
  const result = await getDb().$transaction(async (tx): Promise<Saved | { refused: FieldProblems }> => {
    const target = await requireEditableCase(tx, user, input.caseId);
    if (target.version !== input.version) throw new DomainError("conflict", "stale");
    const before = await recordedFields(tx, target.id);
    const edited: Recorded = recordedPerson(input, EDITABLE_FIELDS);
    const changed = EDITABLE_FIELDS.filter((field) => before[field] !== edited[field]);
    if (changed.length === 0) return { version: target.version, changed, held: false };
    if (changed.includes("caseStatus") && CASE_STATUSES_KEPT_NOT_SET.includes(input.caseStatus))
      throw new FieldProblems([{ field: "caseStatus", message: "caseStatusByTransferOnly" }]);
    const held =
      changed.includes("caseStatus") && needsConfirmation({ kind: "caseStatus", to: input.caseStatus }, await confirmationSettings(tx));
    if (held && !input.reason) throw new FieldProblems([{ field: "reason", message: "reasonForConfirmation" }]);
    if (input.iin && changed.includes("iin")) {
      const check = await checkForDuplicates(tx, user, { iin: input.iin, name: null }, { kind: "edit", caseId: target.id });
      if (check.limited) return { refused: new FieldProblems([{ field: "iin", message: "duplicateCheckLimit" }]) };
      if (check.iinTaken) return { refused: new FieldProblems([{ field: "iin", message: "iinTaken" }]) };
    }

    const applied = held ? changed.filter((field) => field !== "caseStatus") : changed;
    const after: Recorded = held ? { ...edited, caseStatus: before.caseStatus } : edited;
    const version =
      applied.length > 0 ? await writePersonEdit(tx, user, target, before, after, applied, input.reason || null, null) : target.version;
    if (held) {
      const change: HeldCaseStatus = { from: before.caseStatus, caseStatus: input.caseStatus };
      await holdChange(
        tx,
        user,
        { ...target, version },
        {
          kind: "CASE_STATUS",
          payload: change,
          reason: input.reason,
          before: { caseStatus: before.caseStatus },
          after: { caseStatus: change.caseStatus },
        },
      );
    }
    return { version, changed: applied, held };
  });
  if ("refused" in result) throw result.refused;
  return result;
}

/**
 * Applies a held case status for the person confirming it, in their transaction, written exactly
 * as an edit of that one field, its event naming the request and its requester beside the confirmer.
 */
export async function applyHeldCaseStatus(
  tx: Tx,
  confirmer: CurrentUser,
  person: GuardedCase,
  change: HeldCaseStatus,
  reason: string,
  confirmation: Confirmation,
): Promise<void> {
  const before = await recordedFields(tx, person.id);
  if (before.caseStatus !== change.from) throw new DomainError("conflict", "stale");
  await writePersonEdit(tx, confirmer, person, before, { ...before, caseStatus: change.caseStatus }, ["caseStatus"], reason, confirmation);
}

/**
 * The case status a spreadsheet gives a case the same file has just created, written as an edit of
 * that one field with the file and row in its event. Not held for a second person: like the
 * history the file brings with it (docs/decisions/029), it is the record the case starts from, not
 * a decision about a registered person.
 */
export async function setImportedCaseStatusIn(
  tx: Tx,
  user: CurrentUser,
  caseId: string,
  caseStatus: CaseStatus,
  context: Record<string, JsonValue>,
): Promise<void> {
  if (CASE_STATUSES_KEPT_NOT_SET.includes(caseStatus))
    throw new FieldProblems([{ field: "caseStatus", message: "caseStatusByTransferOnly" }]);
  const target = await requireEditableCase(tx, user, caseId);
  const before = await recordedFields(tx, caseId);
  if (before.caseStatus === caseStatus) return;
  await writePersonEdit(tx, user, target, before, { ...before, caseStatus }, ["caseStatus"], null, null, context);
}

async function recordedFields(tx: Tx, caseId: string): Promise<Recorded> {
  const current = await tx.person.findUniqueOrThrow({ where: { id: caseId }, select: EDITABLE_SELECT });
  // Each column read back is the recorded form its field was written from.
  return Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, recordedOfColumn(current[field])])) as Recorded;
}

/** Writes the edit from the version the case was loaded at and records its event; the case's new version. */
async function writePersonEdit(
  tx: Tx,
  actor: CurrentUser,
  target: GuardedCase,
  before: Recorded,
  after: Recorded,
  changed: EditableField[],
  reason: string | null,
  confirmation: Confirmation | null,
  importContext: Record<string, JsonValue> | null = null,
): Promise<number> {
  const category = await derivedAgeCategory(tx, target.id, after, changed);
  const updated = await tx.person.updateMany({
    where: { id: target.id, version: target.version },
    data: { ...personColumns(after), ...(category && { ageCategory: category.after }), version: { increment: 1 } },
  });
  if (updated.count !== 1) throw new DomainError("conflict", "stale");
  // The derived category is not a form field: it joins the event under its column's name.
  const pick = (values: Recorded, ageCategory?: AgeCategory): JsonValue => ({
    ...auditMembers(Object.fromEntries(changed.map((field) => [field, values[field]]))),
    ...(ageCategory && { ageCategory }),
  });
  // A closed case's tasks end; a changed birth date or risk level moves them.
  const taskEvents = await tasksAfterChange(tx, [target.id], auditActorOf(actor), new Date());
  await recordAuditEvent(tx, {
    actor: auditActorOf(actor),
    action: "person.updated",
    entityType: "person",
    entityId: target.id,
    caseId: target.id,
    reason,
    before: pick(before, category?.before),
    after: pick(after, category?.after),
    context: confirmation ? confirmationContext(confirmation) : importContext,
  });
  await recordAuditEvents(tx, taskEvents);
  return target.version + 1;
}

/**
 * The age category is derived from the birth date at return and the sex (docs/domain.md): a
 * corrected birth date or sex derives it again. Returned only when it changes, so the edit's
 * event says so beside the field that moved it.
 */
async function derivedAgeCategory(
  tx: Tx,
  caseId: string,
  after: Recorded,
  changed: EditableField[],
): Promise<{ before: AgeCategory; after: AgeCategory } | null> {
  if (!changed.includes("birthDate") && !changed.includes("sex")) return null;
  const stored = await tx.person.findUniqueOrThrow({ where: { id: caseId }, select: { ageCategory: true, returnDate: true } });
  const derived = ageCategoryAt(after.birthDate, after.sex, stored.returnDate.toISOString().slice(0, 10));
  return derived === stored.ageCategory ? null : { before: stored.ageCategory, after: derived };
}
