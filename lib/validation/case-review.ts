import { z } from "zod";
import { RiskLevel } from "../db/generated/enums";
import { IsoDate } from "./fields";

/** A case review as the form sends it; the day's bounds (registration, today) need the stored case and are checked there. */
export const CaseReviewInput = z.object({
  caseId: z.uuid({ error: "required" }),
  version: z.coerce.number({ error: "required" }).int().min(1),
  reviewedOn: IsoDate,
  riskLevel: z.enum(RiskLevel, { error: "required" }),
  note: z.string().trim().min(1, { error: "required" }).max(2000, { error: "tooLong" }),
});
export type CaseReviewInput = z.infer<typeof CaseReviewInput>;
