import { z } from "zod";
import { IsoDate } from "./fields";

/**
 * A supervisor's review of the program types a person requires from 18, as the form sends it. The
 * day's bounds (registration, today) need the stored case and are checked there.
 */
export const RequirementsReviewInput = z.object({
  caseId: z.uuid({ error: "required" }),
  version: z.coerce.number({ error: "required" }).int().min(1),
  reviewedOn: IsoDate,
  note: z.string().trim().min(1, { error: "required" }).max(2000, { error: "tooLong" }),
});
export type RequirementsReviewInput = z.infer<typeof RequirementsReviewInput>;
