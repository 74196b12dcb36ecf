import { z } from "zod";
import { AgeCategory, CaseStatus, ProsecutionStatus, RiskLevel } from "../db/generated/enums";

const optionalEnum = <T extends Record<string, string>>(values: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(values).optional());
const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.uuid().optional());

export const REGISTRY_SORTS = ["caseNumber", "returnDate", "familyName"] as const;

/** Registry filters: safe to keep in the URL, since none of them names a person. */
export const RegistryFilters = z.object({
  region: optionalId,
  age: optionalEnum(AgeCategory),
  prosecution: optionalEnum(ProsecutionStatus),
  status: optionalEnum(CaseStatus),
  risk: optionalEnum(RiskLevel),
  caseworker: optionalId,
  operation: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().max(40).regex(/^[A-Z0-9_]+$/).optional()),
  sort: z.enum(REGISTRY_SORTS).catch("caseNumber"),
});
export type RegistryFilters = z.infer<typeof RegistryFilters>;

/** A registry query: the filters, plus search text and cursor, which travel only in a request body. */
export const RegistryQuery = RegistryFilters.extend({
  q: z.string().trim().max(100).default(""),
  cursor: optionalId,
});
export type RegistryQuery = z.infer<typeof RegistryQuery>;
