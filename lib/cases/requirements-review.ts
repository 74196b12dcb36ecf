import "server-only";
import { getDb } from "../db/client";
import type { AgeCategory } from "../db/generated/enums";
import type { Labels } from "../i18n/locales";
import { comingOfAgeDays } from "../tasks/due-tasks";
import { taskRuleSettings } from "../tasks/task-settings";
import { adultCategory } from "./age-category";
import { getProgramsPanel, type ProgramsPanel } from "./case-programs";
import { day } from "./case-labels";
import type { OpenedCase } from "./get-case";

export type RequirementsReviewPanel = {
  /** The case's version the review is recorded against. */
  version: number;
  adultOn: string;
  /** From this day on, a review answers the coming-of-age task. */
  countsFrom: string;
  adultCategory: AgeCategory;
  /** Each program type required now or from 18, or in place: required then and now, and the person's need now. */
  types: {
    programTypeCode: string;
    label: Labels;
    requiredNow: boolean;
    requiredAsAdult: boolean;
    state: ProgramsPanel["needs"][number]["state"];
  }[];
  lastReview: { reviewedOn: string; reviewer: string; note: string } | null;
};

/**
 * What a supervisor reviews before a minor's 18th birthday: the program types the adult category of
 * their sex requires (program_requirement, the administrator's data) beside those required now and the
 * state of each need (lib/cases/case-programs.ts). Null unless the viewer may review the person's
 * requirements (policy "requirements.review", decided in getCase) and the person is a minor's case: an
 * adult's category does not change.
 */
export async function getRequirementsReview(opened: OpenedCase): Promise<RequirementsReviewPanel | null> {
  if (!opened.canReviewRequirements || opened.ageCategory !== "MINOR") return null;
  const db = getDb();
  const category = adultCategory(opened.detail.sex);
  const [programs, asAdult, rules, last] = await Promise.all([
    getProgramsPanel(opened),
    db.programRequirement.findMany({ where: { ageCategory: category }, select: { programTypeCode: true } }),
    taskRuleSettings(db),
    db.requirementsReview.findFirst({
      where: { personId: opened.id },
      orderBy: [{ reviewedOn: "desc" }, { createdAt: "desc" }],
      select: { reviewedOn: true, note: true, reviewedBy: { select: { name: true } } },
    }),
  ]);
  const requiredAsAdult = new Set(asAdult.map((r) => r.programTypeCode));
  const { adultOn, dueOn } = comingOfAgeDays(opened.detail.birthDate, rules);
  return {
    version: opened.detail.version,
    adultOn,
    countsFrom: dueOn,
    adultCategory: category,
    types: programs.needs
      .map((need) => ({
        programTypeCode: need.programTypeCode,
        label: need.label,
        requiredNow: need.required,
        requiredAsAdult: requiredAsAdult.has(need.programTypeCode),
        state: need.state,
      }))
      .filter((type) => type.requiredNow || type.requiredAsAdult || type.state !== "notNeeded"),
    lastReview: last ? { reviewedOn: day(last.reviewedOn) ?? "", reviewer: last.reviewedBy.name, note: last.note } : null,
  };
}
