import "server-only";
import { getDb } from "../db/client";
import type { EnrollmentStatus, NeedState, ReasonKind } from "../db/generated/enums";
import { MEETS_NEED, STEP_REASON_KINDS, stepsFrom, type EnrollmentStep } from "../lifecycles/enrollment";
import { placesTaken } from "../programs/places-taken";
import type { Labels } from "../i18n/locales";
import { day, typeLabels } from "./case-labels";
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

/** The region's programs a case may be referred to, with the places each has taken. */
async function programOptionsOf(regionId: string) {
  const db = getDb();
  const programs = await db.program.findMany({
    where: { regionId, active: true },
    orderBy: [{ programType: { sortOrder: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      provider: true,
      capacity: true,
      programType: { select: { labelEn: true, labelRu: true, labelKk: true } },
    },
  });
  const taken = await placesTaken(
    db,
    programs.map((p) => p.id),
  );
  return programs.map((p) => ({ ...p, placesTaken: taken.get(p.id) ?? 0 }));
}

/** The case page's programs panel: needs by program type, enrollments, and what an editor may refer to. */
export async function getProgramsPanel(opened: AuthorizedCase): Promise<ProgramsPanel> {
  const db = getDb();
  const [enrollments, overrides, programTypes, requirements, programs, reasons] = await Promise.all([
    db.enrollment.findMany({
      where: { personId: opened.id },
      orderBy: { referredOn: "desc" },
      select: {
        id: true,
        version: true,
        status: true,
        referredOn: true,
        enrolledOn: true,
        completedOn: true,
        endedOn: true,
        outcomeNote: true,
        program: {
          select: {
            name: true,
            provider: true,
            programTypeCode: true,
            programType: { select: { labelEn: true, labelRu: true, labelKk: true } },
          },
        },
        reason: { select: { labelEn: true, labelRu: true, labelKk: true } },
      },
    }),
    db.programNeed.findMany({ where: { personId: opened.id }, select: { programTypeCode: true, state: true } }),
    db.programType.findMany({
      where: { active: true },
      orderBy: { sortOrder: "asc" },
      select: { code: true, labelEn: true, labelRu: true, labelKk: true },
    }),
    db.programRequirement.findMany({ where: { ageCategory: opened.ageCategory }, select: { programTypeCode: true } }),
    opened.canEdit ? programOptionsOf(opened.regionId) : Promise.resolve([]),
    opened.canEdit
      ? db.reason.findMany({
          where: { active: true, kind: { in: STEP_REASON_KINDS } },
          orderBy: { sortOrder: "asc" },
          select: { id: true, kind: true, labelEn: true, labelRu: true, labelKk: true },
        })
      : Promise.resolve([]),
  ]);
  const required = new Set(requirements.map((r) => r.programTypeCode));
  return {
    needs: programTypes.map((type) => {
      const override = overrides.find((n) => n.programTypeCode === type.code);
      const met = enrollments.some((e) => e.program.programTypeCode === type.code && MEETS_NEED.includes(e.status));
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
      program: e.program.name,
      provider: e.program.provider,
      type: typeLabels(e.program.programType),
      status: e.status,
      referredOn: day(e.referredOn) ?? "",
      enrolledOn: day(e.enrolledOn),
      completedOn: day(e.completedOn),
      endedOn: day(e.endedOn),
      reason: e.reason ? typeLabels(e.reason) : null,
      outcomeNote: e.outcomeNote,
    })),
    programOptions: programs.map((p) => ({
      id: p.id,
      name: p.name,
      provider: p.provider,
      type: typeLabels(p.programType),
      free: Math.max(0, p.capacity - p.placesTaken),
    })),
    reasons: reasons.map((r) => ({ id: r.id, kind: r.kind, label: typeLabels(r) })),
  };
}
