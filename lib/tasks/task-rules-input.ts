import { z } from "zod";
import { TaskRuleSettings } from "./task-rules";

// The bounds are the setting's own (task-rules.ts); here each field gets its message.
const Days = TaskRuleSettings.shape.referralWaiting.shape.days;
const Months = TaskRuleSettings.shape.programFollowUp.shape.afterMonths;

const DayCount = z.coerce.number({ error: "dayCount" }).refine((n) => Days.safeParse(n).success, { error: "dayCount" });

/** "6, 12" (commas or spaces), sorted: the order they were typed in means nothing. */
const MonthsList = z
  .string()
  .trim()
  .regex(/^\d{1,2}([\s,]+\d{1,2})*$/, { error: "monthsList" })
  .transform((text) =>
    text
      .split(/[\s,]+/)
      .map(Number)
      .sort((a, b) => a - b),
  )
  .refine((months) => Months.safeParse(months).success, { error: "monthsList" });

/**
 * The administrator's task rules form, one field per number, from the version they saw; parsed into
 * the setting's own shape (task-rules.ts), whose bounds hold whatever the form lets through.
 */
export const TaskRulesInput = z
  .object({
    version: z.coerce.number({ error: "required" }).int().nonnegative(),
    caseReviewHIGH: DayCount,
    caseReviewMEDIUM: DayCount,
    caseReviewLOW: DayCount,
    caseReviewUNASSESSED: DayCount,
    followUpMonths: MonthsList,
    referralWaitingDays: DayCount,
    comingOfAgeDaysBefore: DayCount,
    queueTarget: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    reason: z.string().trim().min(1, { error: "required" }).max(500, { error: "tooLong" }),
  })
  .transform((form) => ({
    version: form.version,
    reason: form.reason,
    rules: TaskRuleSettings.parse({
      caseReview: {
        HIGH: form.caseReviewHIGH,
        MEDIUM: form.caseReviewMEDIUM,
        LOW: form.caseReviewLOW,
        UNASSESSED: form.caseReviewUNASSESSED,
      },
      programFollowUp: { afterMonths: form.followUpMonths },
      referralWaiting: { days: form.referralWaitingDays },
      comingOfAge: { daysBefore: form.comingOfAgeDaysBefore },
      queueTarget: { enabled: form.queueTarget },
    }),
  }));
export type TaskRulesInput = z.infer<typeof TaskRulesInput>;
