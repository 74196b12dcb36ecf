import { z } from "zod";
import type { RiskLevel } from "../db/generated/enums";

/**
 * The rules that make tasks, as data: what is due, for which cases, after how long. One
 * declaration, which an administrator's settings will override within these bounds; the defaults
 * are what a ministry starts with.
 */
export const TASK_RULES = ["caseReview", "programFollowUp", "referralWaiting", "comingOfAge"] as const;
export type TaskRule = (typeof TASK_RULES)[number];

const Days = z.number().int().min(1).max(3650);

export const TaskRuleSettings = z.object({
  /** Days from the last case review (or registration) to the next, by the case's risk level. */
  caseReview: z.object({ HIGH: Days, MEDIUM: Days, LOW: Days, UNASSESSED: Days } satisfies Record<RiskLevel, typeof Days>),
  /** Months after an enrollment was completed when its follow-ups fall due, one task each. */
  programFollowUp: z.object({
    afterMonths: z
      .array(z.number().int().min(1).max(60))
      .min(1)
      .max(4)
      .refine((months) => new Set(months).size === months.length, { error: "repeated" }),
  }),
  /** Days a referral may wait to be enrolled, declined or withdrawn before it needs a nudge. */
  referralWaiting: z.object({ days: Days }),
  /** Days before a minor's 18th birthday when the supervisor reviews the required program types. */
  comingOfAge: z.object({ daysBefore: Days }),
});
export type TaskRuleSettings = z.infer<typeof TaskRuleSettings>;

export const DEFAULT_TASK_RULES: TaskRuleSettings = {
  caseReview: { HIGH: 30, MEDIUM: 90, LOW: 180, UNASSESSED: 180 },
  programFollowUp: { afterMonths: [6, 12] },
  referralWaiting: { days: 21 },
  comingOfAge: { daysBefore: 30 },
};

/** Rules whose work can be recorded in the app, and so the only ones stored as tasks. */
export const STORED_RULES: readonly TaskRule[] = ["caseReview", "programFollowUp", "referralWaiting", "comingOfAge"];

/**
 * Rules whose tasks are the supervisors' of the case's region whoever its caseworker is: deciding
 * which programs a person requires is theirs. Stored with no responsible person, as the tasks of a
 * case with no caseworker are.
 */
export const SUPERVISORS_RULES: readonly TaskRule[] = ["comingOfAge"];

/** The setting that overrides the defaults, versioned and audited like every administrator's setting. */
export const TASK_RULES_SETTING = "tasks.rules";
