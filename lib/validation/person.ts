import { z } from "zod";
import { AliasType, CaseStatus, RiskLevel, Sex } from "../db/generated/enums";
import { checkIin } from "./iin";
import { IsoDate } from "./fields";

const optionalText = (max: number) => z.string().trim().max(max, { error: "tooLong" }).default("");
export const MAX_ALIASES = 3;

const aliasFields = Object.fromEntries(
  Array.from({ length: MAX_ALIASES }, (_, i) => [
    [`aliasValue${i}`, optionalText(200)],
    [`aliasType${i}`, z.preprocess((v) => (v === "" ? undefined : v), z.enum(AliasType).optional())],
    [`aliasSource${i}`, optionalText(200)],
  ]).flat(),
) as Record<string, z.ZodType>;

/**
 * A new person, as the form sends it. The IIN, when given, must be well formed and agree with
 * the birth date and sex (DOMAIN.md); dates must be in order and not in the future.
 */
const personFields = {
  familyName: z.string().trim().min(1, { error: "required" }).max(100, { error: "tooLong" }),
  givenName: z.string().trim().min(1, { error: "required" }).max(100, { error: "tooLong" }),
  patronymic: optionalText(100),
  sex: z.enum(Sex, { error: "required" }),
  birthDate: IsoDate,
  birthDateEstimated: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  iin: z.string().trim().default(""),
  citizenship: z.preprocess((v) => (v === "" || v === undefined ? "KZ" : v), z.string().trim().regex(/^[A-Z]{2}$/, { error: "country" })),
  address: optionalText(300),
  riskLevel: z.enum(RiskLevel).default("UNASSESSED"),
};

type PersonFields = { birthDate: string; birthDateEstimated: boolean; iin: string; sex: Sex };

/** The IIN, when given, must be well formed and agree with the birth date (unless estimated) and sex. */
function checkPersonIin(value: PersonFields, ctx: z.RefinementCtx) {
  const today = new Date().toISOString().slice(0, 10);
  if (value.birthDate > today) ctx.addIssue({ code: "custom", path: ["birthDate"], message: "future" });
  if (!value.iin) return;
  const check = checkIin(value.iin, { birthDate: value.birthDateEstimated ? undefined : value.birthDate, sex: value.sex });
  if (!check.ok) ctx.addIssue({ code: "custom", path: ["iin"], message: `iin_${check.problem}` });
}

export const NewCaseInput = z
  .object({
    ...personFields,
    regionId: z.uuid({ error: "required" }),
    returnDate: IsoDate,
    returnOperationCode: z.string().regex(/^[A-Z0-9_]{1,40}$/, { error: "required" }),
    returnedFrom: z.string().trim().regex(/^[A-Z]{2}$/, { error: "country" }),
    /** Set once the user has seen the possible duplicates and says none is the same person. */
    confirmNotDuplicate: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    ...aliasFields,
  })
  .superRefine((value, ctx) => {
    checkPersonIin(value, ctx);
    if (value.returnDate > new Date().toISOString().slice(0, 10)) ctx.addIssue({ code: "custom", path: ["returnDate"], message: "future" });
    if (value.returnDate < value.birthDate) ctx.addIssue({ code: "custom", path: ["returnDate"], message: "beforeBirth" });
    for (let i = 0; i < MAX_ALIASES; i++) {
      const alias = value as Record<string, unknown>;
      if (alias[`aliasValue${i}`] && !alias[`aliasType${i}`]) ctx.addIssue({ code: "custom", path: [`aliasType${i}`], message: "required" });
    }
  });
export type NewCaseInput = z.infer<typeof NewCaseInput>;

export function aliasesOf(input: NewCaseInput): { value: string; type: AliasType; source: string }[] {
  const fields = input as Record<string, unknown>;
  return Array.from({ length: MAX_ALIASES }, (_, i) => ({
    value: String(fields[`aliasValue${i}`] ?? ""),
    type: fields[`aliasType${i}`] as AliasType | undefined,
    source: String(fields[`aliasSource${i}`] ?? ""),
  })).filter((a): a is { value: string; type: AliasType; source: string } => a.value !== "" && a.type !== undefined);
}

/** An edit of a person's details, made from the version the user saw. */
export const PersonEditInput = z
  .object({
    ...personFields,
    caseId: z.uuid({ error: "required" }),
    version: z.coerce.number({ error: "required" }).int().min(1),
    caseStatus: z.enum(CaseStatus, { error: "required" }),
    /** A minor with no parent or guardian among the returnees; shown at a glance in the registry and household. */
    unaccompaniedMinor: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    reason: optionalText(2000),
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
});
export type RemoveAliasInput = z.infer<typeof RemoveAliasInput>;
