import "server-only";
import { getDb } from "../db/client";
import type { JsonValue } from "../audit/canonical-json";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { personColumns } from "./person-details";
import type { PersonEditInput } from "../validation/person";
import { auditMembers, EDITABLE_FIELDS, recordedOfColumn, recordedPerson, type EditableField } from "../validation/person-fields";
import { requireEditableCase } from "../access/case-access";
import { DomainError } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import { checkForDuplicates } from "./possible-duplicates";

type Saved = { version: number; changed: EditableField[] };
type Recorded = Record<EditableField, string | boolean | null>;

const EDITABLE_SELECT = Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, true])) as Record<EditableField, true>;

/**
 * Saves a person's details from the version the user saw; a stale version is refused as a
 * conflict. Only the fields that changed are written to the audit event, before and after. A
 * new IIN is looked up like any duplicate check (audited, limited): whether an IIN is taken
 * says whether it belongs to a returnee.
 */
export async function updatePerson(user: CurrentUser, input: PersonEditInput): Promise<Saved> {
  // A refusal after the IIN lookup is returned, not thrown, so that the lookup's audit event commits.
  const result = await getDb().$transaction(async (tx): Promise<Saved | { refused: FieldProblems }> => {
    const target = await requireEditableCase(tx, user, input.caseId);
    if (target.version !== input.version) throw new DomainError("conflict", "stale");
    const current = await tx.person.findUniqueOrThrow({ where: { id: target.id }, select: EDITABLE_SELECT });
    const before = Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, recordedOfColumn(current[field])])) as Recorded;
    const edited = recordedPerson(input, EDITABLE_FIELDS);
    const after: Recorded = edited;
    const changed = EDITABLE_FIELDS.filter((field) => before[field] !== after[field]);
    if (changed.length === 0) return { version: target.version, changed };
    if (input.iin && changed.includes("iin")) {
      const check = await checkForDuplicates(tx, user, { iin: input.iin, name: null }, { kind: "edit", caseId: target.id });
      if (check.limited) return { refused: new FieldProblems([{ field: "iin", message: "duplicateCheckLimit" }]) };
      if (check.iinTaken) return { refused: new FieldProblems([{ field: "iin", message: "iinTaken" }]) };
    }

    const updated = await tx.person.updateMany({
      where: { id: target.id, version: target.version },
      data: { ...personColumns(edited), version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new DomainError("conflict", "stale");
    const pick = (values: Recorded): JsonValue => auditMembers(Object.fromEntries(changed.map((field) => [field, values[field]])));
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "person.updated",
      entityType: "person",
      entityId: target.id,
      caseId: target.id,
      reason: input.reason || null,
      before: pick(before),
      after: pick(after),
    });
    return { version: target.version + 1, changed };
  });
  if ("refused" in result) throw result.refused;
  return result;
}
