import { z } from "zod";
import { ProsecutionStatus } from "../db/generated/enums";
import { IsoDate } from "./fields";
import { SuggestedConfirmer } from "./change-request";

/** Field errors carry message keys (catalog "errors.fields"), never English text. */
export const StatusChangeInput = z.object({
  caseId: z.uuid({ error: "required" }),
  version: z.coerce.number({ error: "required" }).int().min(1),
  status: z.enum(ProsecutionStatus, { error: "required" }),
  effectiveDate: IsoDate,
  articles: z
    .string()
    .max(500, { error: "tooLong" })
    .default("")
    .transform((text) =>
      text
        .split(/[;,\n]/)
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  authority: z.string().trim().max(300, { error: "tooLong" }).default(""),
  sentenceMonths: z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : v),
    z.coerce.number({ error: "number" }).int({ error: "number" }).min(1, { error: "number" }).max(600, { error: "number" }).optional(),
  ),
  reason: z.string().trim().min(3, { error: "required" }).max(2000, { error: "tooLong" }),
  suggestedConfirmerId: SuggestedConfirmer,
});
export type StatusChangeInput = z.infer<typeof StatusChangeInput>;
