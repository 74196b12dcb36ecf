import { z } from "zod";
import { ENROLLMENT_STEP_NAMES } from "../lifecycles/enrollment";
import { IsoDate } from "./fields";

export const ReferInput = z.object({
  caseId: z.uuid({ error: "required" }),
  programId: z.uuid({ error: "required" }),
  date: IsoDate,
  note: z.string().trim().max(2000, { error: "tooLong" }).default(""),
});
export type ReferInput = z.infer<typeof ReferInput>;

export const EnrollmentStepInput = z.object({
  enrollmentId: z.uuid({ error: "required" }),
  version: z.coerce.number({ error: "required" }).int().min(1),
  step: z.enum(ENROLLMENT_STEP_NAMES, { error: "required" }),
  date: IsoDate,
  reasonId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ error: "required" }).optional()),
  outcomeNote: z.string().trim().max(2000, { error: "tooLong" }).default(""),
});
export type EnrollmentStepInput = z.infer<typeof EnrollmentStepInput>;
