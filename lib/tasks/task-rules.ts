import { z } from "zod";
import type { RiskLevel } from "../db/generated/enums";

/**
 * The rules that make tasks, as data: what is due, for which cases, after how long. One
 * declaration, which an administrator's settings will override within these bounds; the defaults
 * are what a ministry starts with.
 */
export const TASK_RULES = ["caseReview", "programFollowUp", "referralWaiting", "comingOfAge", "queueTarget"] as const;
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
  /**
   * Whether a person past the review queue's waiting target with no referral is a task for the
   * region's supervisors. The target itself is the review settings' (waiting-target.ts), not a second one.
   */
  queueTarget: z.object({ enabled: z.boolean() }),
});
export type TaskRuleSettings = z.infer<typeof TaskRuleSettings>;

export const DEFAULT_TASK_RULES: TaskRuleSettings = {
  caseReview: { HIGH: 30, MEDIUM: 90, LOW: 180, UNASSESSED: 180 },
  programFollowUp: { afterMonths: [6, 12] },
  referralWaiting: { days: 21 },
  comingOfAge: { daysBefore: 30 },
  queueTarget: { enabled: true },
};

/** The rules as tasks are computed: the settings, with the review queue's waiting target the queueTarget rule falls due on. */
export type TaskRules = TaskRuleSettings & { waitingTargetDays: number };

/** Rules whose work can be recorded in the app, and so the only ones stored as tasks. */
export const STORED_RULES: readonly TaskRule[] = ["caseReview", "programFollowUp", "referralWaiting", "comingOfAge", "queueTarget"];

/**
 * Rules whose work is the region's supervisors' whoever the caseworker is (deciding which programs
 * a person requires, finding a program for whoever waits too long): their tasks name no one
 * (responsible_id null, "the supervisors of the region"), as a case without a caseworker's do
 * (docs/decisions/027-supervisor-tasks-region-wide.md).
 */
export const SUPERVISOR_RULES: readonly TaskRule[] = ["comingOfAge", "queueTarget"];

/** The setting that overrides the defaults, versioned and audited like every administrator's setting. */
export const TASK_RULES_SETTING = "tasks.rules";
