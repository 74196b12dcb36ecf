import { z } from "zod";
import { CaseStatus, ProsecutionStatus } from "../db/generated/enums";
import { commaList } from "./fields";

const Ticked = z.preprocess((v) => v === "on" || v === "true", z.boolean());

/**
 * The administrator's choice of which changes wait for a second person (prosecution statuses,
 * corrections, case statuses, a minor's need marked not required, a child removed from a
 * household), from the version they saw. An unticked box is absent from the form: false.
 */
export const ConfirmationSettingsInput = z.object({
  version: z.coerce.number({ error: "required" }).int().nonnegative(),
  prosecutionStatuses: commaList().pipe(z.array(z.enum(ProsecutionStatus, { error: "invalid" }))),
  corrections: Ticked,
  caseStatuses: commaList().pipe(z.array(z.enum(CaseStatus, { error: "invalid" }))),
  minorNeedNotRequired: Ticked,
  childRemovedFromHousehold: Ticked,
  reason: z.string().trim().min(1, { error: "required" }).max(500, { error: "tooLong" }),
});
export type ConfirmationSettingsInput = z.infer<typeof ConfirmationSettingsInput>;
