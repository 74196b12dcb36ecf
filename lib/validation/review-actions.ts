import { z } from "zod";
import { IsoDate } from "./fields";

const Reason = z.string().trim().min(1, { error: "required" }).max(500, { error: "tooLong" });

export const AssignInput = z.object({
  caseId: z.uuid({ error: "required" }),
  version: z.coerce.number({ error: "required" }).int().min(1),
  caseworkerId: z.uuid({ error: "required" }),
});
export type AssignInput = z.infer<typeof AssignInput>;

export const NotRequiredInput = z.object({
  caseId: z.uuid({ error: "required" }),
  programTypeCode: z
    .string({ error: "required" })
    .min(1, { error: "required" })
    .max(40)
    .regex(/^[A-Z0-9_]+$/, { error: "invalid" }),
  reasonId: z.uuid({ error: "required" }),
  comment: Reason,
});
export type NotRequiredInput = z.infer<typeof NotRequiredInput>;

/** The selection of a bulk action: "caseId:version" pairs from the queue's checkboxes. */
const Selection = z
  .string({ error: "noneSelected" })
  .transform((value) =>
    value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^[0-9a-f-]{36}:\d+$/, { error: "invalid" })
          .transform((v) => ({ caseId: v.slice(0, 36), version: Number(v.slice(37)) })),
      )
      .min(1, { error: "noneSelected" })
      .max(200, { error: "tooMany" }),
  );

export const BulkReviewInput = z.discriminatedUnion(
  "operation",
  [
    z.object({ operation: z.literal("assign"), selected: Selection, caseworkerId: z.uuid({ error: "required" }) }),
    z.object({ operation: z.literal("refer"), selected: Selection, programId: z.uuid({ error: "required" }), date: IsoDate }),
    z.object({
      operation: z.literal("notRequired"),
      selected: Selection,
      programTypeCode: z
        .string()
        .min(1, { error: "required" })
        .max(40)
        .regex(/^[A-Z0-9_]+$/, { error: "invalid" }),
      reasonId: z.uuid({ error: "required" }),
      comment: Reason,
    }),
  ],
  { error: "required" },
);
export type BulkReviewInput = z.infer<typeof BulkReviewInput>;
