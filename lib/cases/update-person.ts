import "server-only";
import { getDb } from "../db/client";
import type { JsonValue } from "../audit/canonical-json";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { personDetailsData, personDetailsOf } from "./person-details";
import type { PersonEditInput } from "../validation/person";
import { requireEditableCase } from "./case-access";
import { DomainError } from "./errors";
import { FieldProblems } from "./field-problems";

const EDITABLE = ["familyName", "givenName", "patronymic", "sex", "birthDate", "birthDateEstimated", "iin", "citizenship", "address", "caseStatus", "riskLevel", "unaccompaniedMinor"] as const;
type Editable = (typeof EDITABLE)[number];

/**
 * Saves a person's details from the version the user saw; a stale version is refused as a
 * conflict. Only the fields that changed are written to the audit event, before and after.
 */
export async function updatePerson(user: CurrentUser, input: PersonEditInput): Promise<{ version: number; changed: Editable[] }> {
  return getDb().$transaction(async (tx) => {
    const target = await requireEditableCase(tx, user, input.caseId);
    if (target.version !== input.version) throw new DomainError("conflict", "stale");
    const current = await tx.person.findUniqueOrThrow({
      where: { id: target.id },
      select: { familyName: true, givenName: true, patronymic: true, sex: true, birthDate: true, birthDateEstimated: true, iin: true, citizenship: true, address: true, caseStatus: true, riskLevel: true, unaccompaniedMinor: true },
    });
    const before: Record<Editable, string | boolean | null> = { ...current, birthDate: current.birthDate.toISOString().slice(0, 10) };
    const details = personDetailsOf(input);
    const after: Record<Editable, string | boolean | null> = { ...details, caseStatus: input.caseStatus, unaccompaniedMinor: input.unaccompaniedMinor };
    const changed = EDITABLE.filter((field) => before[field] !== after[field]);
    if (changed.length === 0) return { version: target.version, changed };
    if (input.iin && changed.includes("iin") && (await tx.person.count({ where: { iin: input.iin, id: { not: target.id } } })) > 0) {
      throw new FieldProblems([{ field: "iin", message: "iinTaken" }]);
    }

    const updated = await tx.person.updateMany({
      where: { id: target.id, version: target.version },
      data: { ...personDetailsData(details), caseStatus: input.caseStatus, unaccompaniedMinor: input.unaccompaniedMinor, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new DomainError("conflict", "stale");
    const pick = (values: Record<Editable, string | boolean | null>): JsonValue => Object.fromEntries(changed.map((field) => [field, values[field]]));
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
}
