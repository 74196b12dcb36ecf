import "server-only";
import { getDb } from "../db/client";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { can } from "../policy/can";
import { normalizeName } from "../search/normalize-name";
import { personDetailsData, personDetailsOf } from "./person-details";
import { aliasesOf, type NewCaseInput } from "../validation/person";
import { scriptOf } from "../search/script-of";
import { ageCategoryAt } from "./age-category";
import { DomainError } from "./errors";
import { FieldProblems } from "./field-problems";
import { findPossibleDuplicates, type PossibleDuplicate } from "./possible-duplicates";

export class PossibleDuplicates extends DomainError {
  constructor(readonly duplicates: PossibleDuplicate[]) {
    super("invalid", "possible duplicates");
  }
}

/**
 * Registers a new person. A caseworker registers in their region and is assigned the case; a
 * supervisor registers in their regions. Possible duplicates stop the first attempt; the user
 * confirms having looked. The case number comes from an atomic per-year counter, so two
 * registrations at the same moment never share one, and a number is never reused.
 */
export async function createCase(user: CurrentUser, input: NewCaseInput): Promise<{ id: string; caseNumber: string }> {
  const caseworkerId = user.role === "CASEWORKER" ? user.id : null;
  if (!can(user, "case.create", { regionId: input.regionId, caseworkerId: caseworkerId ?? user.id })) {
    throw new FieldProblems([{ field: "regionId", message: "regionNotYours" }]);
  }
  return getDb().$transaction(async (tx) => {
    const operation = await tx.returnOperation.findUnique({ where: { code: input.returnOperationCode }, select: { code: true } });
    if (!operation) throw new FieldProblems([{ field: "returnOperationCode", message: "required" }]);
    if (input.iin && (await tx.person.count({ where: { iin: input.iin } })) > 0 && input.confirmNotDuplicate) {
      // The same IIN is the same person: no confirmation can make a second case for it.
      throw new FieldProblems([{ field: "iin", message: "iinTaken" }]);
    }
    if (!input.confirmNotDuplicate) {
      const duplicates = await findPossibleDuplicates(tx, user, input);
      if (duplicates.length) throw new PossibleDuplicates(duplicates);
    }

    const year = Number(input.returnDate.slice(0, 4));
    const [counter] = await tx.$queryRaw<{ last_serial: number }[]>`
      INSERT INTO case_number_counter (year, last_serial) VALUES (${year}, 1)
      ON CONFLICT (year) DO UPDATE SET last_serial = case_number_counter.last_serial + 1
      RETURNING last_serial`;
    const caseNumber = `KZ-${year}-${String(counter?.last_serial ?? 0).padStart(6, "0")}`;
    const ageCategory = ageCategoryAt(input.birthDate, input.sex, input.returnDate);
    const initialStatus = ageCategory === "MINOR" ? "NOT_APPLICABLE" : "NO_PROCEEDINGS";
    const aliases = aliasesOf(input);

    const person = await tx.person.create({
      data: {
        caseNumber,
        ...personDetailsData(personDetailsOf(input)),
        regionId: input.regionId,
        returnDate: new Date(`${input.returnDate}T00:00:00Z`),
        returnOperationCode: input.returnOperationCode,
        returnedFrom: input.returnedFrom,
        ageCategory,
        prosecutionStatus: initialStatus,
        caseworkerId,
        aliases: { create: aliases.map((a) => ({ value: a.value, type: a.type, source: a.source || "—", script: scriptOf(a.value), searchName: normalizeName(a.value) })) },
        prosecution: { create: { status: initialStatus, effectiveDate: new Date(`${input.returnDate}T00:00:00Z`), reason: "Case registered", recordedById: user.id } },
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "case.created",
      entityType: "person",
      entityId: person.id,
      caseId: person.id,
      context: input.confirmNotDuplicate ? { possibleDuplicatesReviewed: true } : null,
      after: {
        caseNumber,
        familyName: input.familyName,
        givenName: input.givenName,
        patronymic: input.patronymic || null,
        sex: input.sex,
        birthDate: input.birthDate,
        iin: input.iin || null,
        regionId: input.regionId,
        returnDate: input.returnDate,
        returnOperation: input.returnOperationCode,
        aliases: aliases.map((a) => a.value),
        caseworkerId,
      },
    });
    return { id: person.id, caseNumber };
  });
}
