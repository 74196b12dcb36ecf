import { isAfterToday } from "../calendar/calendar-day";
import { z } from "zod";
import { AliasType, type Sex } from "../db/generated/enums";
import { checkIin } from "./iin";
import { Confirmation } from "./fields";
import { SuggestedConfirmer } from "./change-request";
import { CREATION_FIELDS, EDITABLE_FIELDS, personShape } from "./person-fields";

const optionalText = (max: number) => z.string().trim().max(max, { error: "tooLong" }).default("");
export const MAX_ALIASES = 3;

const aliasFields = Object.fromEntries(
  Array.from({ length: MAX_ALIASES }, (_, i) => [
    [`aliasValue${i}`, optionalText(200)],
    [`aliasType${i}`, z.preprocess((v) => (v === "" ? undefined : v), z.enum(AliasType).optional())],
    [`aliasSource${i}`, optionalText(200)],
  ]).flat(),
) as Record<string, z.ZodType>;

type PersonFields = { birthDate: string; birthDateEstimated: boolean; iin: string; sex: Sex };

/** The IIN, when given, must be well formed and agree with the birth date (unless estimated) and sex. */
function checkPersonIin(value: PersonFields, ctx: z.RefinementCtx) {
  if (isAfterToday(value.birthDate)) ctx.addIssue({ code: "custom", path: ["birthDate"], message: "future" });
  if (!value.iin) return;
  const check = checkIin(value.iin, { birthDate: value.birthDateEstimated ? undefined : value.birthDate, sex: value.sex });
  if (!check.ok) ctx.addIssue({ code: "custom", path: ["iin"], message: `iin_${check.problem}` });
}

/**
 * A new person, as the form sends it: the fields set at registration (person-fields.ts). The
 * IIN, when given, must be well formed and agree with the birth date and sex; dates
 * must be in order and not in the future.
 */
export const NewCaseInput = z
  .object({
    ...personShape(CREATION_FIELDS),
    /** Set once the user has seen the possible duplicates and says none is the same person. */
    confirmNotDuplicate: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    ...aliasFields,
  })
  .superRefine((value, ctx) => {
    checkPersonIin(value, ctx);
    if (isAfterToday(value.returnDate)) ctx.addIssue({ code: "custom", path: ["returnDate"], message: "future" });
    if (value.returnDate < value.birthDate) ctx.addIssue({ code: "custom", path: ["returnDate"], message: "beforeBirth" });
    for (let i = 0; i < MAX_ALIASES; i++) {
      const alias = value as Record<string, unknown>;
      if (alias[`aliasValue${i}`] && !alias[`aliasType${i}`])
        ctx.addIssue({ code: "custom", path: [`aliasType${i}`], message: "required" });
    }
  });
export type NewCaseInput = z.infer<typeof NewCaseInput>;

export function aliasesOf(input: NewCaseInput): { value: string; type: AliasType; source: string }[] {
  const fields = input as Record<string, unknown>;
  const text = (name: string) => {
    const value = fields[name];
    return typeof value === "string" ? value : "";
  };
  return Array.from({ length: MAX_ALIASES }, (_, i) => ({
    value: text(`aliasValue${i}`),
    type: fields[`aliasType${i}`] as AliasType | undefined,
    source: text(`aliasSource${i}`),
  })).filter((a): a is { value: string; type: AliasType; source: string } => a.value !== "" && a.type !== undefined);
}

/** An edit of a person's details (the editable fields of person-fields.ts), made from the version the user saw. */
export const PersonEditInput = z
  .object({
    ...personShape(EDITABLE_FIELDS),
    caseId: z.uuid({ error: "required" }),
    version: z.coerce.number({ error: "required" }).int().min(1),
    reason: optionalText(2000),
    suggestedConfirmerId: SuggestedConfirmer,
  })
  .superRefine(checkPersonIin);
export type PersonEditInput = z.infer<typeof PersonEditInput>;

/** An alias added, or edited from the version the user saw, after registration. */
export const AliasInput = z.object({
  caseId: z.uuid({ error: "required" }),
  aliasId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
  version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
  value: z.string().trim().min(1, { error: "required" }).max(200, { error: "tooLong" }),
  type: z.enum(AliasType, { error: "required" }),
  source: z.string().trim().max(200, { error: "tooLong" }).default(""),
});
export type AliasInput = z.infer<typeof AliasInput>;

export const RemoveAliasInput = z.object({
  caseId: z.uuid({ error: "required" }),
  aliasId: z.uuid({ error: "required" }),
  version: z.coerce.number({ error: "required" }).int().min(1),
  reason: z.string().trim().min(1, { error: "required" }).max(500, { error: "tooLong" }),
  confirm: Confirmation,
});
export type RemoveAliasInput = z.infer<typeof RemoveAliasInput>;
