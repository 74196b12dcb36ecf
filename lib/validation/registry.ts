import { z } from "zod";
import { IsoDate, optional } from "./fields";
import { AgeCategory, CaseStatus, ProsecutionStatus, RiskLevel } from "../db/generated/enums";

const optionalEnum = <T extends Record<string, string>>(values: T) => optional(z.enum(values));
const optionalId = optional(z.uuid());

export const REGISTRY_SORTS = ["caseNumber", "returnDate", "familyName"] as const;

/** Registry filters: safe to keep in the URL, since none of them names a person. */
const optionalText = (pattern: RegExp, max: number) => optional(z.string().max(max).regex(pattern));
const optionalDay = optional(IsoDate);
const yesNo = optional(z.enum(["yes", "no"]));

export const RegistryFilters = z.object({
  region: optionalId,
  age: optionalEnum(AgeCategory),
  prosecution: optionalEnum(ProsecutionStatus),
  status: optionalEnum(CaseStatus),
  risk: optionalEnum(RiskLevel),
  caseworker: optionalId,
  /** One return operation, or several separated by commas (the Zhusan operations together). */
  operation: optionalText(/^[A-Z0-9_]+(,[A-Z0-9_]+){0,19}$/, 400),
  /** Returned on or after / on or before these days. */
  returnedFrom: optionalDay,
  returnedTo: optionalDay,
  /** Convicted in docs/domain.md's sense (convicted, serving or released after sentence). */
  convicted: yesNo,
  /** Ever in criminal proceedings: any status but not applicable and no proceedings. */
  prosecuted: yesNo,
  /** With or without an assigned caseworker. */
  assigned: yesNo,
  /** With or without a referred, enrolled or completed enrollment in any program. */
  inProgram: yesNo,
  /** A program type's need, met or open, in the review queue's sense: "EDUCATION:open". */
  need: optionalText(/^[A-Z0-9_]+:(met|open)$/, 60),
  sort: z.enum(REGISTRY_SORTS).catch("caseNumber"),
});
export type RegistryFilters = z.infer<typeof RegistryFilters>;

/** A registry query: the filters, plus search text and cursor, which travel only in a request body. */
export const RegistryQuery = RegistryFilters.extend({
  q: z.string().trim().max(100).default(""),
  /** Opaque: the sort key of the last row shown (lib/cases/registry-cursor.ts), checked there. */
  cursor: optional(z.string().max(1200)),
});
export type RegistryQuery = z.infer<typeof RegistryQuery>;
