import "server-only";
import { cache } from "react";
import { getDb, type Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { queryRows } from "../db/sql";
import type { AgeCategory, CaseStatus, ChangeRequestKind, ChangeRequestState, ProsecutionStatus } from "../db/generated/enums";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { recordDenial } from "../audit/record-denial";
import type { CurrentUser } from "../auth/current-user";
import { can, canAtAll } from "../policy/can";
import { caseScopeWhere } from "../policy/case-scope";
import type { Labels } from "../i18n/locales";
import {
  HeldCaseStatus,
  HeldHouseholdRemoval,
  HeldNeedNotRequired,
  HeldStatusChange,
  type ConfirmChangeInput,
  type RejectChangeInput,
  type WithdrawChangeInput,
} from "../validation/change-request";
import { requireConfirmableCase, requireEditableCase, type GuardedCase } from "../access/case-access";
import { notFound } from "../errors/domain-error";
import { labels } from "./case-labels";
import { applyHeldStatusChange } from "./change-prosecution-status";
import type { AuthorizedCase } from "./get-case";
import { confirmers, decisionContext, refused, type Confirmation } from "../access/hold-change";
import { applyHeldCaseStatus } from "./update-person";
import { applyHeldHouseholdRemoval, householdUnchangedSince } from "./remove-household-member";
import { applyHeldNeedNotRequired } from "../programs/needs";

const REQUEST_SELECT = {
  id: true,
  personId: true,
  kind: true,
  payload: true,
  baseVersion: true,
  reason: true,
  requestedById: true,
  requestedAt: true,
  state: true,
  version: true,
} as const satisfies Prisma.ChangeRequestSelect;

type StoredRequest = Prisma.ChangeRequestGetPayload<{ select: typeof REQUEST_SELECT }>;

/**
 * The requests this module decides: held changes of a case. A transfer is a request of the same
 * table, decided by the receiving region through lib/transfers, never here by the sending one.
 */
const HELD_KINDS = [
  "PROSECUTION_STATUS",
  "CASE_STATUS",
  "NEED_NOT_REQUIRED",
  "HOUSEHOLD_REMOVAL",
] as const satisfies readonly ChangeRequestKind[];
const HELD_CHANGE = { kind: { in: [...HELD_KINDS] } } as const satisfies Prisma.ChangeRequestWhereInput;

/**
 * Confirms a pending request as a second person: a supervisor of the case's region who did not
 * request it (the database refuses that too). The change is applied through its own domain
 * function in this transaction, its event naming both people. A request whose case has moved on
 * since it was made is marked superseded instead, and the confirmer is told so. Of two
 * confirmations at once, the conditional update on the pending state lets one through; the other
 * is told the request was already decided.
 */
export async function confirmChangeRequest(user: CurrentUser, input: ConfirmChangeInput, now = new Date()): Promise<{ caseId: string }> {
  const result = await getDb().$transaction(async (tx) => {
    const { request, person } = await requestToDecide(tx, user, input.requestId);
    if (request.state !== "PENDING" || request.version !== input.version) throw refused("changeAlreadyDecided");
    if (!(await stillCurrent(tx, person, request))) {
      await decide(tx, user, request, "SUPERSEDED", null, now);
      return { caseId: person.id, superseded: true };
    }
    await decide(tx, user, request, "CONFIRMED", input.comment || null, now);
    const confirmation: Confirmation = { requestId: request.id, requestedById: request.requestedById, requestedAt: request.requestedAt };
    await applyHeld(tx, user, person, request, confirmation, now);
    return { caseId: person.id, superseded: false };
  });
  // Thrown after the commit: the request stays marked superseded, and the confirmer learns why nothing applied.
  if (result.superseded) throw refused("changeSuperseded");
  return { caseId: result.caseId };
}

/** Rejects a pending request as a second person, with the reason; the case is left as it is. */
export async function rejectChangeRequest(user: CurrentUser, input: RejectChangeInput, now = new Date()): Promise<{ caseId: string }> {
  return getDb().$transaction(async (tx) => {
    const { request, person } = await requestToDecide(tx, user, input.requestId);
    if (request.state !== "PENDING" || request.version !== input.version) throw refused("changeAlreadyDecided");
    await decide(tx, user, request, "REJECTED", input.comment, now);
    return { caseId: person.id };
  });
}

/** The requester takes back their own pending request, while they may still change the case. */
export async function withdrawChangeRequest(user: CurrentUser, input: WithdrawChangeInput, now = new Date()): Promise<{ caseId: string }> {
  return getDb().$transaction(async (tx) => {
    const request = await tx.changeRequest.findFirst({ where: { id: input.requestId, ...HELD_CHANGE }, select: REQUEST_SELECT });
    if (!request) throw notFound();
    const person = await requireEditableCase(tx, user, request.personId);
    if (request.requestedById !== user.id) {
      await recordDenial(user, "change.request", { entityType: "change_request", entityId: request.id, caseId: person.id });
      throw refused("changeNotRequester", "forbidden");
    }
    if (request.state !== "PENDING" || request.version !== input.version) throw refused("changeAlreadyDecided");
    await decide(tx, user, request, "WITHDRAWN", null, now);
    return { caseId: person.id };
  });
}

/** The request and its case, for a second person: authorized on the stored case, never one's own request. */
async function requestToDecide(tx: Tx, user: CurrentUser, requestId: string): Promise<{ request: StoredRequest; person: GuardedCase }> {
  const request = await tx.changeRequest.findFirst({ where: { id: requestId, ...HELD_CHANGE }, select: REQUEST_SELECT });
  if (!request) throw notFound();
  const person = await requireConfirmableCase(tx, user, request.personId);
  if (request.requestedById === user.id) {
    await recordDenial(user, "change.confirm", { entityType: "change_request", entityId: request.id, caseId: person.id });
    throw refused("changeOwnRequest", "forbidden");
  }
  return { request, person };
}

const DECISION_EVENT: Record<Exclude<ChangeRequestState, "PENDING">, string> = {
  CONFIRMED: "change.confirmed",
  REJECTED: "change.rejected",
  WITHDRAWN: "change.withdrawn",
  SUPERSEDED: "change.superseded",
};

/**
 * Moves a request out of pending, only if it still is: the row lock this update takes makes a
 * second decision at the same moment wait, then match nothing. Its event goes into the case's chain.
 */
async function decide(
  tx: Tx,
  user: CurrentUser,
  request: StoredRequest,
  state: Exclude<ChangeRequestState, "PENDING">,
  comment: string | null,
  now: Date,
): Promise<void> {
  const decided = await tx.changeRequest.updateMany({
    where: { id: request.id, state: "PENDING", version: request.version },
    data: { state, decidedById: user.id, decidedAt: now, decisionComment: comment, version: { increment: 1 } },
  });
  if (decided.count !== 1) throw refused("changeAlreadyDecided");
  await recordAuditEvent(tx, {
    actor: auditActorOf(user),
    action: DECISION_EVENT[state],
    entityType: "change_request",
    entityId: request.id,
    caseId: request.personId,
    reason: comment,
    context: decisionContext(request),
  });
}

/**
 * Whether the case is still as the request was made against: its version, and for a removal from
 * a household also the household's, since a removal changes the household and neither person.
 */
async function stillCurrent(tx: Tx, person: GuardedCase, request: StoredRequest): Promise<boolean> {
  if (person.version !== request.baseVersion) return false;
  if (request.kind !== "HOUSEHOLD_REMOVAL") return true;
  const held = HeldHouseholdRemoval.safeParse(request.payload);
  return held.success && (await householdUnchangedSince(tx, held.data));
}

async function applyHeld(tx: Tx, user: CurrentUser, person: GuardedCase, request: StoredRequest, confirmation: Confirmation, now: Date) {
  switch (request.kind) {
    case "PROSECUTION_STATUS":
      return applyHeldStatusChange(tx, user, person, HeldStatusChange.parse(request.payload), confirmation, now);
    case "CASE_STATUS":
      return applyHeldCaseStatus(tx, user, person, HeldCaseStatus.parse(request.payload), request.reason, confirmation);
    case "NEED_NOT_REQUIRED":
      return applyHeldNeedNotRequired(tx, user, person, HeldNeedNotRequired.parse(request.payload), confirmation);
    case "HOUSEHOLD_REMOVAL":
      return applyHeldHouseholdRemoval(tx, user, person, HeldHouseholdRemoval.parse(request.payload), request.reason, confirmation);
    case "TRANSFER":
      // Never loaded here (HELD_CHANGE): a transfer is accepted by the receiving region only.
      throw notFound();
  }
}

/** A need request's program type; a household request's other case, when the viewer may see it. */
export type ChangeSubject = { programType: Labels } | { householdWith: string | null } | null;

/** A change request as the case page and the list to confirm show it. */
export type ChangeRequestView = {
  id: string;
  version: number;
  kind: ChangeRequestKind;
  state: ChangeRequestState;
  /** Codes: a prosecution status, a case status, a need's state or a household membership, as the kind says. */
  from: string;
  to: string;
  /** What a need or household request is about; null for a status. */
  subject: ChangeSubject;
  /** For a prosecution status: the entry as it would be recorded. */
  effectiveDate: string | null;
  articles: string[];
  sentenceMonths: number | null;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  /** Who the requester would like to decide, if they said. */
  suggestedConfirmer: { id: string; name: string } | null;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  /** The case has moved on since the request was made: it can only be superseded now. */
  stale: boolean;
};

const VIEW_SELECT = {
  ...REQUEST_SELECT,
  decidedAt: true,
  decisionComment: true,
  requestedBy: { select: { name: true } },
  suggestedConfirmer: { select: { id: true, name: true } },
  decidedBy: { select: { name: true } },
  person: { select: { version: true } },
} as const satisfies Prisma.ChangeRequestSelect;

type ViewRow = Prisma.ChangeRequestGetPayload<{ select: typeof VIEW_SELECT }>;

/** A request of the case page as its one statement reads it, the related names beside it. */
type PanelRow = Omit<ViewRow, "requestedBy" | "suggestedConfirmer" | "decidedBy" | "person"> & {
  requestedByName: string;
  suggestedConfirmerId: string | null;
  suggestedConfirmerName: string | null;
  decidedByName: string | null;
  personVersion: number;
};

function viewRowOf({
  requestedByName,
  suggestedConfirmerId,
  suggestedConfirmerName,
  decidedByName,
  personVersion,
  ...request
}: PanelRow): ViewRow {
  return {
    ...request,
    requestedBy: { name: requestedByName },
    suggestedConfirmer: suggestedConfirmerId === null ? null : { id: suggestedConfirmerId, name: suggestedConfirmerName ?? "" },
    decidedBy: decidedByName === null ? null : { name: decidedByName },
    person: { version: personVersion },
  };
}

/** The change's two ends, as codes the kind gives a meaning to (change-words in components/four-eyes). */
function endsOf(kind: ChangeRequestKind, payload: Prisma.JsonValue): [string, string] {
  switch (kind) {
    case "PROSECUTION_STATUS": {
      const held = HeldStatusChange.safeParse(payload);
      return held.success ? [held.data.from, held.data.status] : ["", ""];
    }
    case "CASE_STATUS": {
      const held = HeldCaseStatus.safeParse(payload);
      return held.success ? [held.data.from, held.data.caseStatus] : ["", ""];
    }
    case "NEED_NOT_REQUIRED":
      return ["REQUIRED", "NOT_REQUIRED"];
    case "HOUSEHOLD_REMOVAL":
      return ["MEMBER", "REMOVED"];
    case "TRANSFER":
      return ["", ""];
  }
}

function viewOf(row: ViewRow, subjects: Subjects): ChangeRequestView {
  const status = row.kind === "PROSECUTION_STATUS" ? HeldStatusChange.safeParse(row.payload) : null;
  const held = status?.success ? status.data : null;
  const [from, to] = endsOf(row.kind, row.payload);
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    state: row.state,
    from,
    to,
    subject: subjects.of(row),
    effectiveDate: held?.effectiveDate ?? null,
    articles: held?.articles ?? [],
    sentenceMonths: held?.sentenceMonths ?? null,
    reason: row.reason,
    requestedBy: row.requestedBy.name,
    requestedAt: row.requestedAt.toISOString(),
    suggestedConfirmer: row.suggestedConfirmer,
    decidedBy: row.decidedBy?.name ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    comment: row.decisionComment,
    stale: row.state === "PENDING" && row.person.version !== row.baseVersion,
  };
}

type Subjects = { of: (row: ViewRow) => ChangeSubject };

/**
 * What the need and household requests of these rows are about: the program type's names, and
 * the case a child would leave, named only to a viewer who may see that case (a case number out
 * of reach is not shown, so the request tells nobody of a case they could not open).
 */
async function subjectsOf(user: CurrentUser, rows: ViewRow[]): Promise<Subjects> {
  const needs = new Map(rows.flatMap((r) => (r.kind === "NEED_NOT_REQUIRED" ? [[r.id, HeldNeedNotRequired.safeParse(r.payload)]] : [])));
  const removals = new Map(
    rows.flatMap((r) => (r.kind === "HOUSEHOLD_REMOVAL" ? [[r.id, HeldHouseholdRemoval.safeParse(r.payload)]] : [])),
  );
  const codes = [...needs.values()].flatMap((n) => (n.success ? [n.data.programTypeCode] : []));
  const caseIds = [...removals.values()].flatMap((r) => (r.success ? [r.data.requestedFromCaseId] : []));
  const db = getDb();
  const [types, cases] = await Promise.all([
    codes.length
      ? db.programType.findMany({ where: { code: { in: codes } }, select: { code: true, labelEn: true, labelRu: true, labelKk: true } })
      : [],
    caseIds.length
      ? db.person.findMany({ where: { id: { in: caseIds } }, select: { id: true, caseNumber: true, regionId: true, caseworkerId: true } })
      : [],
  ]);
  const typeLabels = new Map<string, Labels>(types.map((t) => [t.code, { en: t.labelEn, ru: t.labelRu, kk: t.labelKk }]));
  const caseNumbers = new Map(cases.map((c) => [c.id, can(user, "case.view", c) ? c.caseNumber : null]));
  return {
    of: (row) => {
      const need = needs.get(row.id);
      if (need?.success) {
        const code = need.data.programTypeCode;
        return { programType: typeLabels.get(code) ?? { en: code, ru: code, kk: code } };
      }
      const removal = removals.get(row.id);
      if (removal?.success) return { householdWith: caseNumbers.get(removal.data.requestedFromCaseId) ?? null };
      return null;
    },
  };
}

/** How long a superseded or rejected request stays on the case page, so its requester learns of it. */
const DECIDED_SHOWN_DAYS = 30;

export type ChangeRequestsPanel = {
  requests: (ChangeRequestView & { canWithdraw: boolean; canDecide: boolean })[];
};

/**
 * The case page's change requests: the pending ones, and those superseded or rejected lately, so
 * their requester sees why nothing changed. Anyone who may see the case sees them; the requester
 * may withdraw, and a supervisor of the region who is not the requester may decide.
 */
export async function getChangeRequestsPanel(opened: AuthorizedCase, now = new Date()): Promise<ChangeRequestsPanel> {
  const since = new Date(now.getTime() - DECIDED_SHOWN_DAYS * 86_400_000);
  // One statement with its names joined: the ORM would send one more for each relation, even when
  // there is no request (most cases).
  const panelRows = await queryRows<PanelRow>(Prisma.sql`
    SELECT cr.id, cr.person_id AS "personId", cr.kind::text AS kind, cr.payload, cr.base_version AS "baseVersion", cr.reason,
           cr.requested_by_id AS "requestedById", cr.requested_at AS "requestedAt", cr.state::text AS state, cr.version,
           cr.decided_at AS "decidedAt", cr.decision_comment AS "decisionComment", requester.name AS "requestedByName",
           cr.suggested_confirmer_id AS "suggestedConfirmerId", confirmer.name AS "suggestedConfirmerName",
           decider.name AS "decidedByName", p.version AS "personVersion"
    FROM change_request cr
    JOIN person p ON p.id = cr.person_id
    JOIN app_user requester ON requester.id = cr.requested_by_id
    LEFT JOIN app_user confirmer ON confirmer.id = cr.suggested_confirmer_id
    LEFT JOIN app_user decider ON decider.id = cr.decided_by_id
    WHERE cr.person_id = ${opened.id}::uuid AND cr.kind::text = ANY(${[...HELD_KINDS]}::text[])
      AND (cr.state = 'PENDING' OR (cr.state IN ('SUPERSEDED', 'REJECTED') AND cr.decided_at >= ${since}))
    ORDER BY cr.requested_at DESC
    LIMIT 20`);
  const rows = panelRows.map(viewRowOf);
  const subjects = await subjectsOf(opened.viewer, rows);
  return {
    requests: rows.map((row) => ({
      ...viewOf(row, subjects),
      canWithdraw: row.state === "PENDING" && opened.canEdit && row.requestedById === opened.viewer.id,
      canDecide: row.state === "PENDING" && opened.canConfirm && row.requestedById !== opened.viewer.id,
    })),
  };
}

/** A pending request in the list to confirm: the change beside the case it would change. */
export type RequestToConfirm = ChangeRequestView & {
  caseId: string;
  caseNumber: string;
  name: string;
  region: Labels;
  ageCategory: AgeCategory;
  prosecutionStatus: ProsecutionStatus;
  caseStatus: CaseStatus;
};

/** Pending requests this user may decide: in the regions they confirm for, never their own. */
function toConfirmWhere(user: CurrentUser): Prisma.ChangeRequestWhereInput {
  return { ...HELD_CHANGE, state: "PENDING", requestedById: { not: user.id }, person: caseScopeWhere(user, "change.confirm") };
}

/** The "To confirm" list of the review page, oldest first; absent for a role that confirms nothing. */
export async function listRequestsToConfirm(user: CurrentUser, limit = 200): Promise<RequestToConfirm[]> {
  if (!canAtAll(user, "change.confirm")) {
    await recordDenial(user, "change.confirm", { entityType: "change_requests", entityId: null });
    throw notFound();
  }
  const rows = await getDb().changeRequest.findMany({
    where: toConfirmWhere(user),
    orderBy: { requestedAt: "asc" },
    take: limit,
    select: {
      ...VIEW_SELECT,
      person: {
        select: {
          version: true,
          caseNumber: true,
          familyName: true,
          givenName: true,
          ageCategory: true,
          prosecutionStatus: true,
          caseStatus: true,
          region: { select: { nameEn: true, nameRu: true, nameKk: true } },
        },
      },
    },
  });
  const subjects = await subjectsOf(user, rows);
  const listed = rows.map((row) => ({
    ...viewOf(row, subjects),
    caseId: row.personId,
    caseNumber: row.person.caseNumber,
    name: `${row.person.familyName} ${row.person.givenName}`,
    region: labels(row.person.region),
    ageCategory: row.person.ageCategory,
    prosecutionStatus: row.person.prosecutionStatus,
    caseStatus: row.person.caseStatus,
  }));
  // Those the requester asked this user to confirm come first; the rest stay oldest first.
  const forMe = (row: RequestToConfirm) => (row.suggestedConfirmer?.id === user.id ? 0 : 1);
  return listed.sort((a, b) => forMe(a) - forMe(b));
}

/**
 * Whom an editor of the case may suggest to confirm a change that waits for a second person: the
 * active supervisors of its region, less the editor. Nothing for a reader who may not edit. Read
 * once per rendering of the opened case (React's cache, by the opened case), though the header's
 * form and the prosecution panel's both offer it.
 */
export const listConfirmers = cache(async (opened: AuthorizedCase): Promise<{ id: string; name: string }[]> => {
  if (!opened.canEdit) return [];
  return confirmers(getDb(), opened.regionId, opened.viewer.id);
});

/** How many requests wait for this user's decision: the home page's figure, counted as the list is. */
export async function countRequestsToConfirm(user: CurrentUser): Promise<number> {
  return getDb().changeRequest.count({ where: toConfirmWhere(user) });
}
