import "server-only";
import { isAfterToday } from "../calendar/calendar-day";
import { getDb, type Tx } from "../db/client";
import type { JsonValue } from "../audit/canonical-json";
import { auditActorOf, recordAuditEvent, recordAuditEvents } from "../audit/record-event";
import { tasksAfterChange } from "../task-store/tasks-after-change";
import type { CurrentUser } from "../auth/current-user";
import { requireEditableCase, type GuardedCase } from "../access/case-access";
import { DomainError, notFound } from "../errors/domain-error";
import { FieldProblems, type FieldError } from "../errors/field-problems";
import type { EnrollmentStepInput, ReferInput } from "../validation/enrollment";
import { ENROLLMENT_STATUSES, ENROLLMENT_STEPS, PLACE_TAKING_STATUSES } from "../lifecycles/enrollment";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Refers a person to an active program; the referral itself takes no place. A full program still
 * takes referrals (they wait for a place), but the answer says it is full, so nobody learns it
 * only when enrolment is refused.
 */
export async function referToProgram(user: CurrentUser, input: ReferInput, now = new Date()): Promise<{ id: string; full: boolean }> {
  return getDb().$transaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    return referToProgramIn(tx, user, person, input, { now });
  });
}

/** What the import adds to an enrollment's events: its batch, file and row (docs/decisions/023). */
type InTransaction = { now: Date; context?: Record<string, JsonValue> };

/** The referral written inside the caller's transaction, on a case it loaded and authorized, by the same rules and event. */
export async function referToProgramIn(
  tx: Tx,
  user: CurrentUser,
  person: GuardedCase,
  input: ReferInput,
  { now, context }: InTransaction,
): Promise<{ id: string; full: boolean }> {
  const program = await tx.program.findUnique({
    where: { id: input.programId },
    select: { id: true, name: true, active: true, programTypeCode: true, regionId: true, capacity: true },
  });
  const problems: FieldError[] = [];
  // A person is served where they live: a program of another region is not on offer to them.
  if (!program || !program.active || program.regionId !== person.regionId)
    problems.push({ field: "programId", message: "programUnavailable" });
  if (isAfterToday(input.date, now)) problems.push({ field: "date", message: "future" });
  if (problems.length || !program) throw new FieldProblems(problems);
  const enrollment = await tx.enrollment.create({
    data: {
      personId: person.id,
      programId: program.id,
      status: "REFERRED",
      referredOn: day(input.date),
      outcomeNote: input.note || null,
    },
    select: { id: true },
  });
  const enrolled = await tx.enrollment.count({ where: { programId: program.id, status: { in: PLACE_TAKING_STATUSES } } });
  const taskEvents = await tasksAfterChange(tx, [person.id], auditActorOf(user), now);
  await recordAuditEvent(tx, {
    actor: auditActorOf(user),
    action: "enrollment.referred",
    entityType: "enrollment",
    entityId: enrollment.id,
    caseId: person.id,
    reason: input.note || null,
    after: { status: "REFERRED", date: input.date, program: program.name, programType: program.programTypeCode },
    context,
  });
  await recordAuditEvents(tx, taskEvents);
  return { id: enrollment.id, full: enrolled >= program.capacity };
}

/**
 * Moves an enrollment one step along its lifecycle. The enrollment's own case decides the
 * scope, whatever case the form named. Enrolling takes a place: the program's row is locked
 * while its places are counted, so two people can never take the last place together.
 */
export async function advanceEnrollment(user: CurrentUser, input: EnrollmentStepInput, now = new Date()): Promise<{ version: number }> {
  return getDb().$transaction((tx) => advanceEnrollmentIn(tx, user, input, { now }));
}

/**
 * A step written inside the caller's transaction, by the same rules and event. The import writes an
 * enrollment's whole history in one transaction, and two rules read that history differently
 * (docs/decisions/029): a step its file gives no reason for is written without one (`reasonless`:
 * the sheet has no reason column), and a place is counted only for an enrollment that stays enrolled
 * (`passingThrough`: enrolled, then completed or ended in the same transaction, it holds no place).
 */
export async function advanceEnrollmentIn(
  tx: Tx,
  user: CurrentUser,
  input: EnrollmentStepInput,
  { now, context, reasonless = false, passingThrough = false }: InTransaction & { reasonless?: boolean; passingThrough?: boolean },
): Promise<{ version: number }> {
  const enrollment = await tx.enrollment.findUnique({
    where: { id: input.enrollmentId },
    select: { id: true, personId: true, programId: true, status: true, version: true, referredOn: true, enrolledOn: true },
  });
  if (!enrollment) throw notFound();
  const person = await requireEditableCase(tx, user, enrollment.personId);
  if (enrollment.version !== input.version) throw new DomainError("conflict", "stale");

  const step = ENROLLMENT_STEPS[input.step];
  const reached = ENROLLMENT_STATUSES[step.to];
  const problems: FieldError[] = [];
  if (enrollment.status !== step.from) problems.push({ field: "step", message: "stepNotAllowed" });
  const date = day(input.date);
  const previous = enrollment.enrolledOn ?? enrollment.referredOn;
  if (isAfterToday(input.date, now)) problems.push({ field: "date", message: "future" });
  else if (date.getTime() < previous.getTime()) problems.push({ field: "date", message: "beforePrevious" });
  if (step.reasonKind && !(reasonless && !input.reasonId)) {
    const reason = input.reasonId
      ? await tx.reason.findFirst({ where: { id: input.reasonId, kind: step.reasonKind, active: true }, select: { id: true } })
      : null;
    if (!reason) problems.push({ field: "reasonId", message: "required" });
  }
  if (problems.length) throw new FieldProblems(problems);

  if (reached.takesPlace && !passingThrough) {
    const [program] = await tx.$queryRaw<
      { capacity: number; active: boolean }[]
    >`SELECT capacity, active FROM program WHERE id = ${enrollment.programId}::uuid FOR UPDATE`;
    const taken = await tx.enrollment.count({ where: { programId: enrollment.programId, status: { in: PLACE_TAKING_STATUSES } } });
    if (!program?.active || taken >= program.capacity) throw new FieldProblems([{ field: "step", message: "programFull" }]);
  }

  const updated = await tx.enrollment.updateMany({
    where: { id: enrollment.id, version: enrollment.version },
    data: {
      status: step.to,
      version: { increment: 1 },
      [reached.dateColumn]: date,
      ...(step.reasonKind && input.reasonId ? { reasonId: input.reasonId } : {}),
      ...(input.outcomeNote ? { outcomeNote: input.outcomeNote } : {}),
    },
  });
  if (updated.count !== 1) throw new DomainError("conflict", "stale");
  // An answered referral's task is done, a completed enrollment's follow-ups are stored.
  const taskEvents = await tasksAfterChange(tx, [person.id], auditActorOf(user), now);
  await recordAuditEvent(tx, {
    actor: auditActorOf(user),
    action: `enrollment.${step.to.toLowerCase()}`,
    entityType: "enrollment",
    entityId: enrollment.id,
    caseId: person.id,
    reason: input.outcomeNote || null,
    before: { status: enrollment.status },
    after: { status: step.to, date: input.date, reasonId: input.reasonId ?? null },
    context,
  });
  await recordAuditEvents(tx, taskEvents);
  return { version: enrollment.version + 1 };
}
