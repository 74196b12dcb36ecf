import { z } from "zod";
import { IsoDate, optional } from "./fields";

/**
 * The audit viewer's filters, kept in the URL: none of them names a person (a case number is a
 * reference, an actor is a staff account). An action ending in "." matches its whole family.
 */
export const AuditLogQuery = z.object({
  actor: optional(z.string().trim().max(200, { error: "tooLong" })),
  action: optional(
    z
      .string()
      .trim()
      .max(80, { error: "tooLong" })
      .regex(/^[a-z_.]+$/, { error: "invalid" }),
  ),
  caseNumber: optional(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^KZ-\d{4}-\d{6}$/, { error: "caseNumber" }),
  ),
  from: optional(IsoDate),
  to: optional(IsoDate),
  cursor: optional(z.string().max(80)),
});
export type AuditLogQuery = z.infer<typeof AuditLogQuery>;
