import { z } from "zod";
import { Relationship } from "../db/generated/enums";
import { Confirmation } from "./fields";

export const AddHouseholdMemberInput = z.object({
  caseId: z.uuid({ error: "required" }),
  /** Needed only when this person has no household yet; an existing household keeps their role. */
  ownRole: z.preprocess((v) => (v === "" ? undefined : v), z.enum(Relationship, { error: "required" }).optional()),
  otherCaseNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^KZ-\d{4}-\d{6}$/, { error: "caseNumber" }),
  otherRole: z.enum(Relationship, { error: "required" }),
});
export type AddHouseholdMemberInput = z.infer<typeof AddHouseholdMemberInput>;

export const RemoveHouseholdMemberInput = z.object({
  caseId: z.uuid({ error: "required" }),
  memberId: z.uuid({ error: "required" }),
  reason: z.string().trim().min(1, { error: "required" }).max(500, { error: "tooLong" }),
  confirm: Confirmation,
});
export type RemoveHouseholdMemberInput = z.infer<typeof RemoveHouseholdMemberInput>;
