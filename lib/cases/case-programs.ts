import "server-only";
import { cache } from "react";
import { Prisma } from "../db/generated/client";
import { queryRows } from "../db/sql";
import type { EnrollmentStatus, NeedState, ReasonKind } from "../db/generated/enums";
import { MEETS_NEED, STEP_REASON_KINDS, stepsFrom, type EnrollmentStep } from "../lifecycles/enrollment";
import { placesTakenSql } from "../programs/places-taken";
import type { Labels } from "../i18n/locales";
import { typeLabels } from "./case-labels";
import type { AuthorizedCase } from "./get-case";

export type ProgramsPanel = {
  needs: { programTypeCode: string; label: Labels; required: boolean; state: "met" | "open" | NeedState | "notNeeded" }[];
  enrollments: {
    id: string;
    version: number;
    steps: EnrollmentStep[];
    program: string;
    provider: string;
    type: Labels;
    status: EnrollmentStatus;
    referredOn: string;
    enrolledOn: string | null;
    completedOn: string | null;
    endedOn: string | null;
    reason: Labels | null;
    outcomeNote: string | null;
  }[];
  /** Active programs in the person's region, with free places; empty when read-only. */
  programOptions: { id: string; name: string; provider: string; type: Labels; free: number }[];
  reasons: { id: string; kind: ReasonKind; label: Labels }[];
};

type ProgramOptionRow = {
  id: string;
  name: string;
  provider: string;
  capacity: number;
  labelEn: string;
  labelRu: string;
  labelKk: string;
  placesTaken: number;
};

/**
 * The region's programs a case may be referred to, with the places each has taken
 * (lib/programs/places-taken.ts): one statement.
 */
function programOptionsOf(regionId: string): Promise<ProgramOptionRow[]> {
  return queryRows<ProgramOptionRow>(Prisma.sql`
    SELECT pr.id, pr.name, pr.provider, pr.capacity, t.label_en AS "labelEn", t.label_ru AS "labelRu", t.label_kk AS "labelKk",
           ${placesTakenSql(Prisma.sql`pr.id`)} AS "placesTaken"
    FROM program pr
    JOIN program_type t ON t.code = pr.program_type_code
    WHERE pr.region_id = ${regionId}::uuid AND pr.active
    ORDER BY t.sort_order, pr.name`);
}

type EnrollmentRow = {
  id: string;
  version: number;
  status: EnrollmentStatus;
  /** Days as text: the driver would read a date at local midnight. */
  referredOn: string;
  enrolledOn: string | null;
  completedOn: string | null;
  endedOn: string | null;
  outcomeNote: string | null;
  program: string;
  provider: string;
  programTypeCode: string;
  labelEn: string;
  labelRu: string;
  labelKk: string;
  /** The reason's labels, where the step recorded one. */
  reasonEn: string | null;
  reasonRu: string | null;
  reasonKk: string | null;
};

/** The person's enrollments, newest referral first, with their program's and reason's names joined. */
function enrollmentsOf(personId: string): Promise<EnrollmentRow[]> {
  return queryRows<EnrollmentRow>(Prisma.sql`
    SELECT e.id, e.version, e.status::text AS status, e.referred_on::text AS "referredOn", e.enrolled_on::text AS "enrolledOn",
           e.completed_on::text AS "completedOn", e.ended_on::text AS "endedOn", e.outcome_note AS "outcomeNote",
           pr.name AS program, pr.provider, pr.program_type_code AS "programTypeCode",
           t.label_en AS "labelEn", t.label_ru AS "labelRu", t.label_kk AS "labelKk",
           r.label_en AS "reasonEn", r.label_ru AS "reasonRu", r.label_kk AS "reasonKk"
    FROM enrollment e
    JOIN program pr ON pr.id = e.program_id
    JOIN program_type t ON t.code = pr.program_type_code
    LEFT JOIN reason r ON r.id = e.reason_id
    WHERE e.person_id = ${personId}::uuid
    ORDER BY e.referred_on DESC, e.id`);
}

type Labelled = { labelEn: string; labelRu: string; labelKk: string };

/** The panel's small reads (its need overrides, the program types, the required types, the step reasons), as one row. */
type ReferenceRow = {
  overrides: { programTypeCode: string; state: NeedState }[];
  programTypes: ({ code: string } & Labelled)[];
  requirements: string[];
  reasons: ({ id: string; kind: ReasonKind } & Labelled)[];
};

function panelReferenceOf(opened: AuthorizedCase): Promise<ReferenceRow[]> {
  return queryRows<ReferenceRow>(Prisma.sql`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('programTypeCode', n.program_type_code, 'state', n.state)), '[]')
         FROM program_need n WHERE n.person_id = ${opened.id}::uuid) AS overrides,
      (SELECT coalesce(json_agg(json_build_object('code', t.code, 'labelEn', t.label_en, 'labelRu', t.label_ru, 'labelKk', t.label_kk)
                                ORDER BY t.sort_order, t.code), '[]')
         FROM program_type t WHERE t.active) AS "programTypes",
      (SELECT coalesce(json_agg(r.program_type_code), '[]')
         FROM program_requirement r WHERE r.age_category = ${opened.ageCategory}::"AgeCategory") AS requirements,
      (SELECT coalesce(json_agg(json_build_object('id', r.id, 'kind', r.kind, 'labelEn', r.label_en, 'labelRu', r.label_ru, 'labelKk', r.label_kk)
                                ORDER BY r.sort_order, r.id), '[]')
         FROM reason r WHERE ${opened.canEdit} AND r.active AND r.kind = ANY(${STEP_REASON_KINDS}::"ReasonKind"[])) AS reasons`);
}

/**
 * The case page's programs panel: needs by program type, enrollments, and what an editor may refer
 * to. Three statements, side by side: the enrollments, the region's programs (for an editor), and
 * the rest in one row, where the ORM sent a statement each. Read once per rendering of the opened
 * case (React's cache), though the coming-of-age panel shows its needs too.
 */
export const getProgramsPanel = cache(async (opened: AuthorizedCase): Promise<ProgramsPanel> => {
  const [enrollments, [reference], programs] = await Promise.all([
    enrollmentsOf(opened.id),
    panelReferenceOf(opened),
    opened.canEdit ? programOptionsOf(opened.regionId) : Promise.resolve([]),
  ]);
  // Scalar subqueries only: the statement always gives one row.
  const { overrides, programTypes, requirements, reasons } = reference!;
  const required = new Set(requirements);
  return {
    needs: programTypes.map((type) => {
      const override = overrides.find((n) => n.programTypeCode === type.code);
      const met = enrollments.some((e) => e.programTypeCode === type.code && MEETS_NEED.includes(e.status));
      const isRequired = required.has(type.code);
      return {
        programTypeCode: type.code,
        label: typeLabels(type),
        required: isRequired,
        state: override ? override.state : met ? "met" : isRequired ? "open" : "notNeeded",
      };
    }),
    enrollments: enrollments.map((e) => ({
      id: e.id,
      version: e.version,
      steps: opened.canEdit ? stepsFrom(e.status) : [],
      program: e.program,
      provider: e.provider,
      type: typeLabels(e),
      status: e.status,
      referredOn: e.referredOn,
      enrolledOn: e.enrolledOn,
      completedOn: e.completedOn,
      endedOn: e.endedOn,
      reason: e.reasonEn === null || e.reasonRu === null || e.reasonKk === null ? null : { en: e.reasonEn, ru: e.reasonRu, kk: e.reasonKk },
      outcomeNote: e.outcomeNote,
    })),
    programOptions: programs.map((p) => ({
      id: p.id,
      name: p.name,
      provider: p.provider,
      type: typeLabels(p),
      free: Math.max(0, p.capacity - p.placesTaken),
    })),
    reasons: reasons.map((r) => ({ id: r.id, kind: r.kind, label: typeLabels(r) })),
  };
});
