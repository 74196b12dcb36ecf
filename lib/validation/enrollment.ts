import { z } from "zod";
import { IsoDate } from "./fields";

export const ReferInput = z.object({
  caseId: z.uuid({ error: "required" }),
  programId: z.uuid({ error: "required" }),
  date: IsoDate,
  note: z.string().trim().max(2000, { error: "tooLong" }).default(""),
});
export type ReferInput = z.infer<typeof ReferInput>;

export const ENROLLMENT_STEPS = ["enrol", "complete", "decline", "withdraw", "drop_out"] as const;
export type EnrollmentStep = (typeof ENROLLMENT_STEPS)[number];

export const EnrollmentStepInput = z.object({
  enrollmentId: z.uuid({ error: "required" }),
  version: z.coerce.number({ error: "required" }).int().min(1),
  step: z.enum(ENROLLMENT_STEPS, { error: "required" }),
  date: IsoDate,
  reasonId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ error: "required" }).optional()),
  outcomeNote: z.string().trim().max(2000, { error: "tooLong" }).default(""),
});
export type EnrollmentStepInput = z.infer<typeof EnrollmentStepInput>;
