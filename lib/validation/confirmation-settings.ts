import { z } from "zod";
import { CaseStatus, ProsecutionStatus } from "../db/generated/enums";
import { commaList } from "./fields";

/**
 * The administrator's choice of which changes wait for a second person, among those the app can
 * hold today (prosecution statuses, corrections, case statuses), from the version they saw.
 */
export const ConfirmationSettingsInput = z.object({
  version: z.coerce.number({ error: "required" }).int().nonnegative(),
  prosecutionStatuses: commaList().pipe(z.array(z.enum(ProsecutionStatus, { error: "invalid" }))),
  corrections: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  caseStatuses: commaList().pipe(z.array(z.enum(CaseStatus, { error: "invalid" }))),
  reason: z.string().trim().min(1, { error: "required" }).max(500, { error: "tooLong" }),
});
export type ConfirmationSettingsInput = z.infer<typeof ConfirmationSettingsInput>;
