import "server-only";
import { getDb } from "../db/client";
import { auditActorOf, recordAuditEvent, recordAuditEvents } from "../audit/record-event";
import { tasksAfterChange } from "../task-store/tasks-after-change";
import { recordDenial } from "../audit/record-denial";
import type { CurrentUser } from "../auth/current-user";
import { can } from "../policy/can";
import type { AssignInput } from "../validation/review-actions";
import { DomainError, notFound } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";

/**
 * Assigns or reassigns a case's caseworker: a supervisor, within their regions, to an active
 * caseworker of the case's own region. The case's stored region decides, never the form.
 */
export async function assignCaseworker(user: CurrentUser, input: AssignInput): Promise<{ version: number }> {
  return getDb().$transaction(async (tx) => {
    const person = await tx.person.findUnique({
      where: { id: input.caseId },
      select: { id: true, version: true, regionId: true, caseworkerId: true, caseworker: { select: { name: true } } },
    });
    if (!person) throw notFound();
    if (!can(user, "case.assign", person)) {
      await recordDenial(user, "case.assign", { entityType: "person", entityId: person.id, caseId: person.id });
      throw can(user, "case.view", person) ? new DomainError("forbidden", "may not assign") : notFound();
    }
    if (person.version !== input.version) throw new DomainError("conflict", "stale");
    const caseworker = await tx.user.findFirst({
      where: { id: input.caseworkerId, role: "CASEWORKER", active: true, regions: { some: { regionId: person.regionId } } },
      select: { id: true, name: true },
    });
    if (!caseworker) throw new FieldProblems([{ field: "caseworkerId", message: "caseworkerNotInRegion" }]);
    if (caseworker.id === person.caseworkerId) return { version: person.version };
    const updated = await tx.person.updateMany({
      where: { id: person.id, version: input.version },
      data: { caseworkerId: caseworker.id, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new DomainError("conflict", "stale");
    // The case's open tasks follow it to the new caseworker.
    const taskEvents = await tasksAfterChange(tx, [person.id], auditActorOf(user), new Date());
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "case.assigned",
      entityType: "person",
      entityId: person.id,
      caseId: person.id,
      before: { caseworkerId: person.caseworkerId, caseworker: person.caseworker?.name ?? null },
      after: { caseworkerId: caseworker.id, caseworker: caseworker.name },
    });
    await recordAuditEvents(tx, taskEvents);
    return { version: person.version + 1 };
  });
}
