import "server-only";
import { getDb, type Tx } from "../db/client";
import type { AliasType } from "../db/generated/enums";
import type { JsonValue } from "../audit/canonical-json";
import { auditActorOf, recordAuditEvent, recordAuditEvents } from "../audit/record-event";
import { tasksAfterChange } from "../task-store/tasks-after-change";
import type { CurrentUser } from "../auth/current-user";
import { can } from "../policy/can";
import { normalizeName } from "../search/normalize-name";
import { personColumns } from "./person-details";
import { aliasesOf, type NewCaseInput } from "../validation/person";
import { auditMembers, CREATION_FIELDS, recordedPerson, type CreationField } from "../validation/person-fields";
import { scriptOf } from "../search/script-of";
import { ageCategoryAt, initialProsecutionStatus } from "./age-category";
import { DomainError } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import { checkForDuplicates, type DuplicateAnswer } from "./possible-duplicates";
import { REGISTRATION_REASON } from "./registration-reason";

export class PossibleDuplicates extends DomainError {
  constructor(readonly duplicates: DuplicateAnswer) {
    super("invalid", "possible duplicates");
  }
}

/** The account has used its hourly duplicate checks, so the person cannot be checked now, nor registered. */
export class DuplicateCheckLimit extends DomainError {
  constructor() {
    super("invalid", "duplicate check limit");
  }
}

type Registration = { created: { id: string; caseNumber: string } } | { refused: DomainError };

/**
 * Registers a new person. A caseworker registers in their region and is assigned the case; a
 * supervisor registers in their regions. Every attempt is checked for possible duplicates (an
 * audited, limited lookup); matches stop the attempt until the user confirms having looked, and
 * the same IIN stops it for good. The case number comes from an atomic per-year counter, so two
 * registrations at the same moment never share one, and a number is never reused.
 */
export async function createCase(user: CurrentUser, input: NewCaseInput): Promise<{ id: string; caseNumber: string }> {
  requireRegistrationRegion(user, input.regionId);
  // A refusal is returned, not thrown, so that the transaction commits the lookup's audit event.
  const registration = await getDb().$transaction(async (tx): Promise<Registration> => {
    const operation = await tx.returnOperation.findUnique({ where: { code: input.returnOperationCode }, select: { code: true } });
    if (!operation) throw new FieldProblems([{ field: "returnOperationCode", message: "required" }]);
    const check = await checkForDuplicates(
      tx,
      user,
      { iin: input.iin || null, name: { familyName: input.familyName, givenName: input.givenName, birthDate: input.birthDate } },
      { kind: "registration" },
    );
    if (check.limited) return { refused: new DuplicateCheckLimit() };
    // The same IIN is the same person: no confirmation can make a second case for it.
    if (check.iinTaken && input.confirmNotDuplicate) return { refused: new FieldProblems([{ field: "iin", message: "iinTaken" }]) };
    if ((check.inReach.length > 0 || check.elsewhere.length > 0) && !input.confirmNotDuplicate) {
      return { refused: new PossibleDuplicates({ inReach: check.inReach, elsewhere: check.elsewhere }) };
    }

    const created = await writeNewCase(tx, user, input, aliasesOf(input), {
      context: check.inReach.length > 0 || check.elsewhere.length > 0 ? { possibleDuplicatesReviewed: true } : null,
    });
    return { created };
  });
  if ("refused" in registration) throw registration.refused;
  return registration.created;
}

/** A caseworker registers in their region and is assigned the case; a supervisor registers in their regions. */
const caseworkerOf = (user: CurrentUser) => (user.role === "CASEWORKER" ? user.id : null);

function requireRegistrationRegion(user: CurrentUser, regionId: string) {
  if (!can(user, "case.create", { regionId, caseworkerId: caseworkerOf(user) ?? user.id })) {
    throw new FieldProblems([{ field: "regionId", message: "regionNotYours" }]);
  }
}

export type NewCaseAlias = { value: string; type: AliasType; source: string };

/**
 * Writes a registration already checked for duplicates, inside the caller's transaction: the
 * case under its next number, its aliases, its first prosecution entry and its `case.created`
 * event with the given context. The New case form and the import both register through it, so an
 * imported case starts exactly as a typed one does.
 */
export async function writeNewCase(
  tx: Tx,
  user: CurrentUser,
  input: Pick<NewCaseInput, CreationField>,
  aliases: readonly NewCaseAlias[],
  audit: { context: JsonValue },
): Promise<{ id: string; caseNumber: string }> {
  requireRegistrationRegion(user, input.regionId);
  const caseworkerId = caseworkerOf(user);
  const year = Number(input.returnDate.slice(0, 4));
  const [counter] = await tx.$queryRaw<{ last_serial: number }[]>`
    INSERT INTO case_number_counter (year, last_serial) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last_serial = case_number_counter.last_serial + 1
    RETURNING last_serial`;
  const caseNumber = `KZ-${year}-${String(counter?.last_serial ?? 0).padStart(6, "0")}`;
  const ageCategory = ageCategoryAt(input.birthDate, input.sex, input.returnDate);
  const initialStatus = initialProsecutionStatus(ageCategory);
  const recorded = recordedPerson(input, CREATION_FIELDS);

  const person = await tx.person.create({
    data: {
      caseNumber,
      ...personColumns(recorded),
      ageCategory,
      prosecutionStatus: initialStatus,
      caseworkerId,
      aliases: {
        create: aliases.map((a) => ({
          value: a.value,
          type: a.type,
          source: a.source || "—",
          script: scriptOf(a.value),
          searchName: normalizeName(a.value),
        })),
      },
      prosecution: {
        create: {
          status: initialStatus,
          effectiveDate: new Date(`${input.returnDate}T00:00:00Z`),
          reason: REGISTRATION_REASON,
          recordedById: user.id,
        },
      },
    },
    select: { id: true },
  });
  // The first review is due from the day of registration: stored at once, not the next night.
  const taskEvents = await tasksAfterChange(tx, [person.id], auditActorOf(user), new Date());
  await recordAuditEvent(tx, {
    actor: auditActorOf(user),
    action: "case.created",
    entityType: "person",
    entityId: person.id,
    caseId: person.id,
    context: audit.context,
    // Every field the registration set, so the history starts from the whole record.
    after: { caseNumber, ...auditMembers(recorded), aliases: aliases.map((a) => a.value), caseworkerId },
  });
  await recordAuditEvents(tx, taskEvents);
  return { id: person.id, caseNumber };
}
