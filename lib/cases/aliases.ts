import "server-only";
import { getDb, type Tx } from "../db/client";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { normalizeName } from "../search/normalize-name";
import { scriptOf } from "../search/script-of";
import type { AliasInput, RemoveAliasInput } from "../validation/person";
import type { AliasType } from "../db/generated/enums";
import type { JsonValue } from "../audit/canonical-json";
import { requireEditableCase } from "../access/case-access";
import { DomainError, notFound } from "../errors/domain-error";

/** The alias and its case; the alias's own case decides the scope, whatever case the form named. */
async function aliasOnEditableCase(tx: Tx, user: CurrentUser, aliasId: string) {
  const alias = await tx.alias.findUnique({
    where: { id: aliasId },
    select: { id: true, personId: true, value: true, type: true, source: true, version: true },
  });
  if (!alias) throw notFound();
  const person = await requireEditableCase(tx, user, alias.personId);
  return { alias, person };
}

/**
 * Adds an alias, or edits one from the version the user saw (a stale version is a conflict).
 * The search form of the name is kept in step, so the alias is found at once in any script.
 */
export async function saveAlias(user: CurrentUser, input: AliasInput): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const after = { value: input.value, type: input.type, source: input.source || "—" };
    if (!input.aliasId) {
      await addAliasIn(tx, user, input.caseId, after, null);
      return;
    }
    const { alias, person } = await aliasOnEditableCase(tx, user, input.aliasId);
    if (input.version === undefined || alias.version !== input.version) throw new DomainError("conflict", "stale");
    const columns = { ...after, script: scriptOf(input.value), searchName: normalizeName(input.value) };
    const updated = await tx.alias.updateMany({
      where: { id: alias.id, version: alias.version },
      data: { ...columns, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new DomainError("conflict", "stale");
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "alias.updated",
      entityType: "alias",
      entityId: alias.id,
      caseId: person.id,
      before: { value: alias.value, type: alias.type, source: alias.source },
      after,
    });
  });
}

/**
 * Adds an alias inside the caller's transaction, on a case the user may edit, with its
 * `alias.added` event (the import records its file and row in the context).
 */
export async function addAliasIn(
  tx: Tx,
  user: CurrentUser,
  caseId: string,
  alias: { value: string; type: AliasType; source: string },
  context: JsonValue,
): Promise<void> {
  const person = await requireEditableCase(tx, user, caseId);
  const after = { value: alias.value, type: alias.type, source: alias.source || "—" };
  const created = await tx.alias.create({
    data: { personId: person.id, ...after, script: scriptOf(alias.value), searchName: normalizeName(alias.value) },
    select: { id: true },
  });
  await recordAuditEvent(tx, {
    actor: auditActorOf(user),
    action: "alias.added",
    entityType: "alias",
    entityId: created.id,
    caseId: person.id,
    after,
    context,
  });
}

/** Removes an alias recorded in error, with the reason; the audit event keeps what it was. */
export async function removeAlias(user: CurrentUser, input: RemoveAliasInput): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { alias, person } = await aliasOnEditableCase(tx, user, input.aliasId);
    if (alias.version !== input.version) throw new DomainError("conflict", "stale");
    const removed = await tx.alias.deleteMany({ where: { id: alias.id, version: alias.version } });
    if (removed.count !== 1) throw new DomainError("conflict", "stale");
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "alias.removed",
      entityType: "alias",
      entityId: alias.id,
      caseId: person.id,
      reason: input.reason,
      before: { value: alias.value, type: alias.type, source: alias.source },
    });
  });
}
