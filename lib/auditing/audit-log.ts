import "server-only";
import { getDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { CurrentUser } from "../auth/current-user";
import { notFound } from "../errors/domain-error";
import { canAtAll } from "../policy/can";
import { reachOf } from "../policy/permissions";
import { caseScopeSql } from "../policy/case-scope-sql";
import type { AuditLogQuery } from "../validation/audit-log";
import type { JsonValue } from "../audit/canonical-json";
import { recordDenial } from "../audit/record-denial";
import { recordVerification, verifyDatabase } from "../audit/verify-database";
import { auditActorOf } from "../audit/record-event";

export const AUDIT_PAGE_SIZE = 50;

export type AuditLogRow = {
  id: string;
  occurredAt: string;
  actorLabel: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: string | null;
  caseNumber: string | null;
  chain: string;
  seq: number;
  reason: string | null;
  before: JsonValue;
  after: JsonValue;
  context: JsonValue;
};

export type AuditLogPage = { rows: AuditLogRow[]; nextCursor: string | null };

/**
 * Events of the system chain an administrator may read, by the families they belong to:
 * sign-ins and account, reference-data and settings changes, reference data installed by a
 * migration, restores of a backup, and refusals outside any case. An
 * allow-list, so that a new kind of system event (a registry search, a duplicate check, a set
 * export, a verification of the log, all of which carry case content or an auditor's work) stays
 * hidden from administrators until someone decides otherwise.
 */
const ADMINISTRATOR_EVENT_FAMILIES = [
  "auth",
  "account",
  "settings",
  "access",
  "region",
  "program",
  "program_type",
  "reason",
  "reference_data",
  "backup",
];

/** The policy's reach for reading the log, as a condition on audit_event (aliased e). */
function scopeSql(user: CurrentUser): Prisma.Sql {
  switch (reachOf(user.role, "audit.read")) {
    case "all":
      return Prisma.sql`TRUE`;
    case "system":
      return Prisma.sql`e.chain = 'system' AND split_part(e.action, '.', 1) = ANY(${ADMINISTRATOR_EVENT_FAMILIES}::text[])`;
    default:
      // A case's history is readable exactly where the case's own scope for this action reaches.
      return Prisma.sql`e.person_id IN (SELECT p.id FROM person p WHERE ${caseScopeSql(user, "audit.read", "p")})`;
  }
}

/** Cursor: the last row's time and id, so paging is stable while new events arrive. */
function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = cursor.split("_");
  const date = new Date(at ?? "");
  return id && !Number.isNaN(date.getTime()) && /^[0-9a-f-]{36}$/.test(id) ? { at: date, id } : null;
}

/**
 * The audit log as each role may read it, newest first: auditors everything, supervisors the
 * histories of their regions' cases, caseworkers their own cases', administrators sign-in,
 * account and settings events. Scope and filters are one query, keyset-paged.
 */
export async function listAuditEvents(user: CurrentUser, query: AuditLogQuery): Promise<AuditLogPage> {
  if (!canAtAll(user, "audit.read")) {
    await recordDenial(user, "audit.read", { entityType: "audit_log", entityId: null });
    throw notFound();
  }
  const conditions: Prisma.Sql[] = [scopeSql(user)];
  if (query.actor) conditions.push(Prisma.sql`e.actor_label ILIKE ${`%${query.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (query.action)
    conditions.push(query.action.endsWith(".") ? Prisma.sql`e.action LIKE ${`${query.action}%`}` : Prisma.sql`e.action = ${query.action}`);
  if (query.caseNumber) conditions.push(Prisma.sql`e.person_id = (SELECT id FROM person WHERE case_number = ${query.caseNumber})`);
  if (query.from) conditions.push(Prisma.sql`e.occurred_at >= ${new Date(`${query.from}T00:00:00Z`)}`);
  if (query.to) conditions.push(Prisma.sql`e.occurred_at < ${new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000)}`);
  const cursor = decodeCursor(query.cursor);
  if (cursor) conditions.push(Prisma.sql`(e.occurred_at, e.id) < (${cursor.at}, ${cursor.id}::uuid)`);

  const rows = await getDb().$queryRaw<
    {
      id: string;
      occurred_at: Date;
      actor_label: string | null;
      actor_role: string | null;
      action: string;
      entity_type: string;
      entity_id: string | null;
      person_id: string | null;
      case_number: string | null;
      chain: string;
      seq: number;
      reason: string | null;
      before: JsonValue;
      after: JsonValue;
      context: JsonValue;
    }[]
  >`
    SELECT e.id, e.occurred_at, e.actor_label, e.actor_role::text AS actor_role, e.action, e.entity_type, e.entity_id, e.person_id, p.case_number,
           e.chain, e.seq, e.reason, e.before, e.after, e.context
    FROM audit_event e LEFT JOIN person p ON p.id = e.person_id
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY e.occurred_at DESC, e.id DESC
    LIMIT ${AUDIT_PAGE_SIZE + 1}`;

  const page = rows.slice(0, AUDIT_PAGE_SIZE).map((r): AuditLogRow => ({
    id: r.id,
    occurredAt: r.occurred_at.toISOString(),
    actorLabel: r.actor_label,
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    caseId: r.person_id,
    caseNumber: r.case_number,
    chain: r.chain,
    seq: r.seq,
    reason: r.reason,
    before: r.before,
    after: r.after,
    context: r.context,
  }));
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > AUDIT_PAGE_SIZE && last ? `${last.occurredAt}_${last.id}` : null };
}

export type VerificationSummary = { finishedAt: string; ok: boolean; chains: number; events: number; detail: string | null } | null;

/** When the whole log was last verified and what came out, for everyone who may read the log. */
export async function lastVerification(user: CurrentUser): Promise<VerificationSummary> {
  if (!canAtAll(user, "audit.read")) throw notFound();
  const last = await getDb().auditVerification.findFirst({ orderBy: { finishedAt: "desc" } });
  // The detail names a case's chain: shown only to those who may read every chain.
  const detail = reachOf(user.role, "audit.read") === "all" ? (last?.detail ?? null) : null;
  return last
    ? { finishedAt: last.finishedAt.toISOString(), ok: last.ok, chains: last.chainsChecked, events: last.eventsChecked, detail }
    : null;
}

/** Verifies every chain now; for auditors, who may read every chain it names. */
export async function verifyLogNow(user: CurrentUser): Promise<void> {
  if (reachOf(user.role, "audit.read") !== "all") {
    await recordDenial(user, "audit.read", { entityType: "audit_verification", entityId: null });
    throw notFound();
  }
  const db = getDb();
  const startedAt = new Date();
  await recordVerification(db, await verifyDatabase(db), startedAt, auditActorOf(user));
}
