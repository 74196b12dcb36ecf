import { z } from "zod";
import { commaList } from "./fields";
import { AgeCategory } from "../db/generated/enums";

/** Required program types per age category ("MINOR:EDUCATION" checkboxes) and the waiting target. */
export const ReviewSettingsInput = z.object({
  version: z.coerce.number({ error: "required" }).int().nonnegative(),
  targetDays: z.coerce
    .number({ error: "wholeNumber" })
    .int({ error: "wholeNumber" })
    .min(1, { error: "wholeNumber" })
    .max(3650, { error: "wholeNumber" }),
  required: commaList().pipe(
    z.array(
      z
        .string()
        .regex(/^[A-Z_]+:[A-Z0-9_]+$/, { error: "invalid" })
        .transform((v) => ({ ageCategory: v.split(":")[0] as AgeCategory, programTypeCode: v.split(":")[1]! }))
        .refine((v) => (Object.values(AgeCategory) as string[]).includes(v.ageCategory), { error: "invalid" }),
    ),
  ),
  reason: z.string().trim().min(1, { error: "required" }).max(500, { error: "tooLong" }),
});
export type ReviewSettingsInput = z.infer<typeof ReviewSettingsInput>;
