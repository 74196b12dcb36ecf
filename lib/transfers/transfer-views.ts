import "server-only";
import { getDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { queryRows } from "../db/sql";
import type { AgeCategory, ChangeRequestState, ProsecutionStatus } from "../db/generated/enums";
import { recordDenial } from "../audit/record-denial";
import type { CurrentUser } from "../auth/current-user";
import { canAtAll } from "../policy/can";
import { caseScopeSql } from "../policy/case-scope-sql";
import { transferReceiveWhere } from "../policy/transfer-scope";
import type { Labels } from "../i18n/locales";
import { notFound } from "../errors/domain-error";
import { HeldTransfer, type TransferBasis } from "../validation/transfer";
import { labels, typeLabels } from "../cases/case-labels";
import type { AuthorizedCase } from "../cases/get-case";
import { namedCases } from "../cases/named-cases";

/**
 * One person of a transfer as the receiving region sees it before accepting: the allow-list of
 * docs/decisions/020 and nothing else. No case number, id, note, history, address or document
 * leaves through it: the receiver may not open the case until it is theirs.
 */
export type PreviewMember = {
  name: string;
  ageCategory: AgeCategory;
  prosecutionStatus: ProsecutionStatus;
  /** The program types the person needs and has no referral for, by label. */
  openNeeds: Labels[];
};

/** A pending transfer for its receiving region: what is asked, by whom, and the limited preview of who moves. */
export type TransferPreview = {
  groupId: string;
  fromRegion: Labels;
  toRegion: Labels;
  basis: TransferBasis;
  basisText: string;
  effectiveDate: string;
  requestedBy: string;
  requestedAt: string;
  /** A member changed since the request: accepting it would only supersede it. */
  stale: boolean;
  members: PreviewMember[];
  /** Active caseworkers of the receiving region, one of whom takes the cases on acceptance. */
  caseworkers: { id: string; name: string }[];
};

const PREVIEW_SELECT = {
  groupId: true,
  payload: true,
  baseVersion: true,
  requestedAt: true,
  requestedBy: { select: { name: true } },
  person: {
    select: {
      id: true,
      version: true,
      familyName: true,
      givenName: true,
      ageCategory: true,
      prosecutionStatus: true,
      derivedNeeds: { where: { met: false }, select: { programTypeCode: true } },
    },
  },
} as const satisfies Prisma.ChangeRequestSelect;

type PreviewRow = Prisma.ChangeRequestGetPayload<{ select: typeof PREVIEW_SELECT }>;

/**
 * The pending transfers this user may receive: to a region they supervise, not asked for by
 * themselves, oldest first. The scope is in the query (lib/policy/transfer-scope.ts), so nothing
 * of a transfer to another region is read; a role that receives none is refused.
 */
export async function listTransfersToReceive(user: CurrentUser, limit = 100): Promise<TransferPreview[]> {
  if (!canAtAll(user, "transfer.receive")) {
    await recordDenial(user, "transfer.receive", { entityType: "transfers", entityId: null });
    throw notFound();
  }
  const rows = await getDb().changeRequest.findMany({
    where: { AND: [transferReceiveWhere(user), { state: "PENDING", requestedById: { not: user.id } }] },
    orderBy: { requestedAt: "asc" },
    take: limit * 10,
    select: PREVIEW_SELECT,
  });
  return (await previewsOf(rows)).slice(0, limit);
}

/** One pending transfer's preview, for a supervisor of its receiving region only; anyone else finds none. */
export async function previewTransfer(user: CurrentUser, groupId: string): Promise<TransferPreview> {
  const rows = await getDb().changeRequest.findMany({
    where: { AND: [transferReceiveWhere(user), { groupId, state: "PENDING", requestedById: { not: user.id } }] },
    orderBy: { requestedAt: "asc" },
    select: PREVIEW_SELECT,
  });
  const [preview] = await previewsOf(rows);
  if (!preview) {
    await recordDenial(user, "transfer.receive", { entityType: "transfer", entityId: groupId });
    throw notFound();
  }
  return preview;
}

/** How many transfers wait for this user's decision: counted as the list is, a family as one. */
export async function countTransfersToReceive(user: CurrentUser): Promise<number> {
  if (!canAtAll(user, "transfer.receive")) return 0;
  const groups = await getDb().changeRequest.findMany({
    where: { AND: [transferReceiveWhere(user), { state: "PENDING", requestedById: { not: user.id } }] },
    distinct: ["groupId"],
    select: { groupId: true },
  });
  return groups.length;
}

async function previewsOf(rows: PreviewRow[]): Promise<TransferPreview[]> {
  if (rows.length === 0) return [];
  const db = getDb();
  const parsed = rows.flatMap((row) => {
    const transfer = HeldTransfer.safeParse(row.payload);
    return transfer.success && row.groupId ? [{ ...row, groupId: row.groupId, transfer: transfer.data }] : [];
  });
  const regionIds = [...new Set(parsed.flatMap((r) => [r.transfer.fromRegionId, r.transfer.toRegionId]))];
  const typeCodes = [...new Set(parsed.flatMap((r) => r.person.derivedNeeds.map((n) => n.programTypeCode)))];
  const [regions, types, caseworkers] = await Promise.all([
    db.region.findMany({ where: { id: { in: regionIds } }, select: { id: true, nameEn: true, nameRu: true, nameKk: true } }),
    db.programType.findMany({
      where: { code: { in: typeCodes } },
      orderBy: { sortOrder: "asc" },
      select: { code: true, labelEn: true, labelRu: true, labelKk: true },
    }),
    db.user.findMany({
      where: { role: "CASEWORKER", active: true, regions: { some: { regionId: { in: regionIds } } } },
      orderBy: { name: "asc" },
      select: { id: true, name: true, regions: { select: { regionId: true } } },
    }),
  ]);
  const regionName = new Map(regions.map((r) => [r.id, labels(r)]));
  const typeOrder = types.map((t) => t.code);
  const typeName = new Map(types.map((t) => [t.code, typeLabels(t)]));
  const unknown: Labels = { en: "—", ru: "—", kk: "—" };
  const groups = new Map<string, TransferPreview>();
  for (const row of parsed) {
    const member: PreviewMember = {
      name: `${row.person.familyName} ${row.person.givenName}`,
      ageCategory: row.person.ageCategory,
      prosecutionStatus: row.person.prosecutionStatus,
      openNeeds: row.person.derivedNeeds
        .map((n) => n.programTypeCode)
        .sort((a, b) => typeOrder.indexOf(a) - typeOrder.indexOf(b))
        .map((code) => typeName.get(code) ?? unknown),
    };
    const stale = row.person.version !== row.baseVersion;
    const known = groups.get(row.groupId);
    if (known) {
      known.members.push(member);
      known.stale ||= stale;
      continue;
    }
    groups.set(row.groupId, {
      groupId: row.groupId,
      fromRegion: regionName.get(row.transfer.fromRegionId) ?? unknown,
      toRegion: regionName.get(row.transfer.toRegionId) ?? unknown,
      basis: row.transfer.basis,
      basisText: row.transfer.basisText,
      effectiveDate: row.transfer.effectiveDate,
      requestedBy: row.requestedBy.name,
      requestedAt: row.requestedAt.toISOString(),
      stale,
      members: [member],
      caseworkers: caseworkers
        .filter((c) => c.regions.some((r) => r.regionId === row.transfer.toRegionId))
        .map(({ id, name }) => ({ id, name })),
    });
  }
  return [...groups.values()];
}

/** How long a rejected or superseded transfer stays on the case page, so the sending region learns of it. */
const DECIDED_SHOWN_DAYS = 30;

/** A transfer as the case page of the sending region shows it. */
export type CaseTransfer = {
  groupId: string;
  state: ChangeRequestState;
  toRegion: Labels;
  basis: TransferBasis;
  basisText: string;
  effectiveDate: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  /** The others moving with this person, as this viewer may name them (a case out of reach is not named). */
  others: { name: string | null; caseNumber: string | null }[];
  stale: boolean;
  canWithdraw: boolean;
};

/** What the case page offers for a transfer: the regions it may go to and the household members who may move with the person. */
export type TransferOptions = {
  regions: { id: string; name: Labels }[];
  members: { id: string; name: string; caseNumber: string }[];
};

export type TransferPanel = { transfers: CaseTransfer[]; options: TransferOptions | null };

type CaseTransferRow = {
  groupId: string | null;
  state: ChangeRequestState;
  payload: unknown;
  baseVersion: number;
  requestedById: string;
  requestedAt: Date;
  decidedAt: Date | null;
  decisionComment: string | null;
  requestedBy: string;
  decidedBy: string | null;
  /** The receiving region's names; none where the row names no region. */
  nameEn: string | null;
  nameRu: string | null;
  nameKk: string | null;
};

/**
 * The case page's transfers: the pending one and those rejected or superseded lately. The form's
 * options only for a user who may transfer the case and while none is pending: the other active
 * regions, and the household members in this region the user may move too.
 */
export async function getTransferPanel(opened: AuthorizedCase, now = new Date()): Promise<TransferPanel> {
  const db = getDb();
  const since = new Date(now.getTime() - DECIDED_SHOWN_DAYS * 86_400_000);
  // One statement with its names joined: the ORM would send one more for each relation, even when
  // there is no transfer (most cases).
  const rows = await queryRows<CaseTransferRow>(Prisma.sql`
    SELECT cr.group_id AS "groupId", cr.state::text AS state, cr.payload, cr.base_version AS "baseVersion",
           cr.requested_by_id AS "requestedById", cr.requested_at AS "requestedAt", cr.decided_at AS "decidedAt",
           cr.decision_comment AS "decisionComment", requester.name AS "requestedBy", decider.name AS "decidedBy",
           r.name_en AS "nameEn", r.name_ru AS "nameRu", r.name_kk AS "nameKk"
    FROM change_request cr
    JOIN app_user requester ON requester.id = cr.requested_by_id
    LEFT JOIN app_user decider ON decider.id = cr.decided_by_id
    LEFT JOIN region r ON r.id = cr.to_region_id
    WHERE cr.person_id = ${opened.id}::uuid AND cr.kind = 'TRANSFER'
      AND (cr.state = 'PENDING' OR (cr.state IN ('SUPERSEDED', 'REJECTED') AND cr.decided_at >= ${since}))
    ORDER BY cr.requested_at DESC
    LIMIT 10`);
  const groupIds = rows.flatMap((r) => (r.groupId ? [r.groupId] : []));
  // A case with no transfer in a group (most of them) has no one else to read.
  const others =
    groupIds.length === 0
      ? []
      : await db.changeRequest.findMany({
          where: { groupId: { in: groupIds }, personId: { not: opened.id } },
          select: { groupId: true, personId: true },
        });
  const shown = await namedCases(
    opened.viewer,
    others.map((o) => o.personId),
  );
  const transfers = rows.flatMap((row): CaseTransfer[] => {
    const transfer = HeldTransfer.safeParse(row.payload);
    if (!transfer.success || !row.groupId || row.nameEn === null || row.nameRu === null || row.nameKk === null) return [];
    return [
      {
        groupId: row.groupId,
        state: row.state,
        toRegion: labels({ nameEn: row.nameEn, nameRu: row.nameRu, nameKk: row.nameKk }),
        basis: transfer.data.basis,
        basisText: transfer.data.basisText,
        effectiveDate: transfer.data.effectiveDate,
        requestedBy: row.requestedBy,
        requestedAt: row.requestedAt.toISOString(),
        decidedBy: row.decidedBy,
        decidedAt: row.decidedAt?.toISOString() ?? null,
        comment: row.decisionComment,
        others: others
          .filter((o) => o.groupId === row.groupId)
          .map((o) => {
            const person = shown.get(o.personId);
            return { name: person?.name ?? null, caseNumber: person?.caseNumber ?? null };
          }),
        stale: row.state === "PENDING" && row.baseVersion !== opened.version,
        canWithdraw: row.state === "PENDING" && opened.canTransfer && row.requestedById === opened.viewer.id,
      },
    ];
  });
  const pending = transfers.some((t) => t.state === "PENDING");
  return { transfers, options: opened.canTransfer && !pending ? await transferOptions(opened) : null };
}

/**
 * What the transfer form offers: the other active regions, and the case's household members in its
 * region whom the user could move (the request checks each again on the stored case). One
 * statement on the driver (docs/decisions/033), where the ORM sent two.
 */
async function transferOptions(opened: AuthorizedCase): Promise<TransferOptions> {
  const [row] = await queryRows<{
    regions: { id: string; nameEn: string; nameRu: string; nameKk: string }[];
    members: TransferOptions["members"];
  }>(Prisma.sql`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', r.id, 'nameEn', r.name_en, 'nameRu', r.name_ru, 'nameKk', r.name_kk)
                                ORDER BY r.name_en, r.id), '[]')
         FROM region r WHERE r.active AND r.id <> ${opened.regionId}::uuid) AS regions,
      (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.family_name || ' ' || p.given_name, 'caseNumber', p.case_number)
                                ORDER BY p.family_name, p.given_name, p.id), '[]')
         FROM person p
         WHERE p.id <> ${opened.id}::uuid AND p.region_id = ${opened.regionId}::uuid
           AND EXISTS (SELECT 1 FROM household_member mine JOIN household_member theirs ON theirs.household_id = mine.household_id
                       WHERE mine.person_id = ${opened.id}::uuid AND theirs.person_id = p.id)
           AND ${caseScopeSql(opened.viewer, "transfer.request", "p")}) AS members`);
  // Scalar subqueries only: the statement always gives one row.
  const { regions, members } = row!;
  return { regions: regions.map((r) => ({ id: r.id, name: labels(r) })), members };
}
