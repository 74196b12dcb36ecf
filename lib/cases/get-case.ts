import "server-only";
import { z } from "zod";
import { MEETS_NEED } from "../programs/meets-need";
import { getDb } from "../db/client";
import type { AgeCategory, CaseStatus, EnrollmentStatus, NeedState, ProsecutionStatus, ReasonKind, Relationship, RiskLevel, Sex } from "../db/generated/enums";
import { stepsFrom } from "../programs/enrollment-steps";
import type { EnrollmentStep } from "../validation/enrollment";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { can } from "../policy/can";
import { caseScopeWhere } from "../policy/case-scope";
import { refusedCase } from "./case-access";
import { notFound } from "./errors";

type Labels = { en: string; ru: string; kk: string };

export type CaseDetail = {
  id: string;
  version: number;
  caseNumber: string;
  familyName: string;
  givenName: string;
  patronymic: string | null;
  latinName: string;
  sex: Sex;
  birthDate: string;
  birthDateEstimated: boolean;
  iin: string | null;
  citizenship: string;
  address: string | null;
  region: Labels;
  returnDate: string;
  returnOperation: Labels;
  returnedFrom: string;
  ageCategory: AgeCategory;
  unaccompaniedMinor: boolean;
  caseStatus: CaseStatus;
  riskLevel: RiskLevel;
  caseworkerName: string | null;
  aliases: { id: string; version: number; value: string; type: string; script: string; source: string }[];
  prosecution: { id: string; status: ProsecutionStatus; effectiveDate: string; articles: string[]; authority: string | null; sentenceMonths: number | null; reason: string; daysInPrevious: number | null }[];
  needs: { programTypeCode: string; label: Labels; required: boolean; state: "met" | "open" | NeedState | "notNeeded" }[];
  enrollments: { id: string; version: number; steps: EnrollmentStep[]; program: string; provider: string; type: Labels; status: EnrollmentStatus; referredOn: string; enrolledOn: string | null; completedOn: string | null; endedOn: string | null; reason: Labels | null; outcomeNote: string | null }[];
  household: { relationship: Relationship; members: { personId: string; relationship: Relationship; name: string | null; caseNumber: string | null; ageCategory: AgeCategory; unaccompaniedMinor: boolean }[] }[];
  notes: { id: string; body: string; author: string | null; createdAt: string }[];
  history: { id: string; occurredAt: string; actor: string | null; action: string; reason: string | null; before: unknown; after: unknown }[];
  canEdit: boolean;
  /** May export this case's history (auditors, and supervisors in their regions). */
  canExport: boolean;
  /** The statuses this case may move to, from the table the server also enforces; empty when read-only. */
  nextStatuses: { status: ProsecutionStatus; isCorrection: boolean }[];
  /** Active programs in the person's region, with free places; empty when read-only. */
  programOptions: { id: string; name: string; provider: string; type: Labels; free: number }[];
  reasons: { id: string; kind: ReasonKind; label: Labels }[];
};

const CaseId = z.uuid();
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const labels = (r: { nameEn: string; nameRu: string; nameKk: string }): Labels => ({ en: r.nameEn, ru: r.nameRu, kk: r.nameKk });
const typeLabels = (r: { labelEn: string; labelRu: string; labelKk: string }): Labels => ({ en: r.labelEn, ru: r.labelRu, kk: r.labelKk });

/**
 * Everything the case page shows, in a fixed number of queries whatever the case's size. The
 * case is authorized on its own stored region and caseworker; one out of reach raises NotFound,
 * as one that does not exist. Opening a case is an audit event in the case's chain.
 */
export async function getCase(user: CurrentUser, caseId: string): Promise<CaseDetail> {
  if (!CaseId.safeParse(caseId).success) throw notFound();
  const db = getDb();
  // Scoped in the query itself, so nothing of a case out of reach is ever read.
  const person = await db.person.findFirst({
    where: { AND: [{ id: caseId }, caseScopeWhere(user, "case.view")] },
    select: {
      id: true, version: true, caseNumber: true, familyName: true, givenName: true, patronymic: true, familyNameLatin: true, givenNameLatin: true, patronymicLatin: true,
      sex: true, birthDate: true, birthDateEstimated: true, iin: true, citizenship: true, address: true, regionId: true, returnDate: true, returnedFrom: true, ageCategory: true,
      unaccompaniedMinor: true, caseStatus: true, riskLevel: true, caseworkerId: true, prosecutionStatus: true,
      region: { select: { nameEn: true, nameRu: true, nameKk: true } },
      returnOperation: { select: { nameEn: true, nameRu: true, nameKk: true } },
      caseworker: { select: { name: true } },
      aliases: { orderBy: { createdAt: "asc" }, select: { id: true, version: true, value: true, type: true, script: true, source: true } },
      prosecution: { orderBy: [{ effectiveDate: "asc" }, { createdAt: "asc" }], select: { id: true, status: true, effectiveDate: true, articles: true, authority: true, sentenceMonths: true, reason: true } },
      enrollments: {
        orderBy: { referredOn: "desc" },
        select: {
          id: true, version: true, status: true, referredOn: true, enrolledOn: true, completedOn: true, endedOn: true, outcomeNote: true,
          program: { select: { name: true, provider: true, programTypeCode: true, programType: { select: { labelEn: true, labelRu: true, labelKk: true } } } },
          reason: { select: { labelEn: true, labelRu: true, labelKk: true } },
        },
      },
      needs: { select: { programTypeCode: true, state: true } },
      households: { select: { relationship: true, household: { select: { members: { select: { personId: true, relationship: true } } } } } },
      notes: { orderBy: { createdAt: "desc" }, select: { id: true, body: true, createdAt: true, author: { select: { name: true } } } },
    },
  });
  if (!person) throw await refusedCase(user, "case.view", caseId);

  const memberIds = [...new Set(person.households.flatMap((h) => h.household.members.map((m) => m.personId)))].filter((id) => id !== person.id);
  const canEdit = can(user, "case.edit", { regionId: person.regionId, caseworkerId: person.caseworkerId });
  const [programTypes, requirements, visibleMembers, allMembers, history, transitions, programs, reasons] = await Promise.all([
    db.programType.findMany({ where: { active: true }, orderBy: { sortOrder: "asc" }, select: { code: true, labelEn: true, labelRu: true, labelKk: true } }),
    db.programRequirement.findMany({ where: { ageCategory: person.ageCategory }, select: { programTypeCode: true } }),
    // Family members outside the user's own reach are shown by relationship only, never by name.
    db.person.findMany({ where: { AND: [{ id: { in: memberIds } }, caseScopeWhere(user, "case.view")] }, select: { id: true, familyName: true, givenName: true, caseNumber: true } }),
    db.person.findMany({ where: { id: { in: memberIds } }, select: { id: true, ageCategory: true, unaccompaniedMinor: true } }),
    // The page's timeline is the record of changes; views of the case stay in the audit log.
    db.auditEvent.findMany({
      where: { personId: person.id, action: { not: "case.viewed" } },
      orderBy: { seq: "desc" },
      take: 200,
      select: { id: true, occurredAt: true, actorLabel: true, action: true, reason: true, before: true, after: true },
    }),
    canEdit
      ? db.prosecutionTransition.findMany({ where: { fromStatus: person.prosecutionStatus }, orderBy: [{ isCorrection: "asc" }, { toStatus: "asc" }], select: { toStatus: true, isCorrection: true } })
      : Promise.resolve([]),
    canEdit
      ? db.program.findMany({
          where: { regionId: person.regionId, active: true },
          orderBy: [{ programType: { sortOrder: "asc" } }, { name: "asc" }],
          select: { id: true, name: true, provider: true, capacity: true, programType: { select: { labelEn: true, labelRu: true, labelKk: true } }, _count: { select: { enrollments: { where: { status: "ENROLLED" } } } } },
        })
      : Promise.resolve([]),
    canEdit
      ? db.reason.findMany({ where: { active: true, kind: { in: ["DECLINE", "WITHDRAW", "DROP_OUT"] } }, orderBy: { sortOrder: "asc" }, select: { id: true, kind: true, labelEn: true, labelRu: true, labelKk: true } })
      : Promise.resolve([]),
  ]);

  await db.$transaction((tx) =>
    recordAuditEvent(tx, { actor: auditActorOf(user), action: "case.viewed", entityType: "person", entityId: person.id, caseId: person.id }),
  );

  const required = new Set(requirements.map((r) => r.programTypeCode));
  const visible = new Map(visibleMembers.map((m) => [m.id, m]));
  const facts = new Map(allMembers.map((m) => [m.id, m]));
  return {
    id: person.id,
    version: person.version,
    caseNumber: person.caseNumber,
    familyName: person.familyName,
    givenName: person.givenName,
    patronymic: person.patronymic,
    latinName: [person.familyNameLatin, person.givenNameLatin, person.patronymicLatin].filter(Boolean).join(" "),
    sex: person.sex,
    birthDate: day(person.birthDate) ?? "",
    birthDateEstimated: person.birthDateEstimated,
    iin: person.iin,
    citizenship: person.citizenship,
    address: person.address,
    region: labels(person.region),
    returnDate: day(person.returnDate) ?? "",
    returnOperation: labels(person.returnOperation),
    returnedFrom: person.returnedFrom,
    ageCategory: person.ageCategory,
    unaccompaniedMinor: person.unaccompaniedMinor,
    caseStatus: person.caseStatus,
    riskLevel: person.riskLevel,
    caseworkerName: person.caseworker?.name ?? null,
    aliases: person.aliases,
    prosecution: person.prosecution.map((e, i, all) => {
      const previous = all[i - 1];
      return {
        id: e.id, status: e.status, effectiveDate: day(e.effectiveDate) ?? "", articles: e.articles, authority: e.authority, sentenceMonths: e.sentenceMonths, reason: e.reason,
        daysInPrevious: previous ? Math.round((e.effectiveDate.getTime() - previous.effectiveDate.getTime()) / 86_400_000) : null,
      };
    }),
    needs: programTypes.map((type) => {
      const override = person.needs.find((n) => n.programTypeCode === type.code);
      const met = person.enrollments.some((e) => e.program.programTypeCode === type.code && MEETS_NEED.includes(e.status));
      const isRequired = required.has(type.code);
      return { programTypeCode: type.code, label: typeLabels(type), required: isRequired, state: override ? override.state : met ? "met" : isRequired ? "open" : "notNeeded" };
    }),
    enrollments: person.enrollments.map((e) => ({
      id: e.id, version: e.version, steps: canEdit ? stepsFrom(e.status) : [], program: e.program.name, provider: e.program.provider, type: typeLabels(e.program.programType), status: e.status,
      referredOn: day(e.referredOn) ?? "", enrolledOn: day(e.enrolledOn), completedOn: day(e.completedOn), endedOn: day(e.endedOn),
      reason: e.reason ? typeLabels(e.reason) : null, outcomeNote: e.outcomeNote,
    })),
    household: person.households.map((h) => ({
      relationship: h.relationship,
      members: h.household.members
        .filter((m) => m.personId !== person.id)
        .map((m) => {
          const shown = visible.get(m.personId);
          const fact = facts.get(m.personId);
          return {
            personId: m.personId, relationship: m.relationship, name: shown ? `${shown.familyName} ${shown.givenName}` : null, caseNumber: shown?.caseNumber ?? null,
            ageCategory: fact?.ageCategory ?? "MINOR", unaccompaniedMinor: fact?.unaccompaniedMinor ?? false,
          };
        }),
    })),
    notes: person.notes.map((n) => ({ id: n.id, body: n.body, author: n.author?.name ?? null, createdAt: n.createdAt.toISOString() })),
    history: history.map((h) => ({ id: h.id, occurredAt: h.occurredAt.toISOString(), actor: h.actorLabel, action: h.action, reason: h.reason, before: h.before, after: h.after })),
    canEdit,
    canExport: can(user, "export.history", { regionId: person.regionId, caseworkerId: person.caseworkerId }),
    nextStatuses: transitions.map((t) => ({ status: t.toStatus, isCorrection: t.isCorrection })),
    programOptions: programs.map((p) => ({ id: p.id, name: p.name, provider: p.provider, type: typeLabels(p.programType), free: Math.max(0, p.capacity - p._count.enrollments) })),
    reasons: reasons.map((r) => ({ id: r.id, kind: r.kind, label: typeLabels(r) })),
  };
}
