import { z } from "zod";
import { FollowUpOutcome } from "../db/generated/enums";
import { IsoDate } from "./fields";

/**
 * A follow-up note as the form sends it. Which months are offered, and whether the enrollment is
 * the case's and completed, need the stored settings and case, and are checked there.
 */
export const FollowUpInput = z.object({
  caseId: z.uuid({ error: "required" }),
  version: z.coerce.number({ error: "required" }).int().min(1),
  enrollmentId: z.uuid({ error: "required" }),
  afterMonths: z.coerce.number({ error: "required" }).int({ error: "invalid" }).min(1, { error: "invalid" }).max(600, { error: "invalid" }),
  followedUpOn: IsoDate,
  outcome: z.enum(FollowUpOutcome, { error: "required" }),
  note: z.string().trim().min(1, { error: "required" }).max(2000, { error: "tooLong" }),
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;
