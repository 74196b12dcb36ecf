import { z } from "zod";
import { RegistryFilters } from "./registry";

export const EXPORT_FORMATS = ["csv", "json", "pdf"] as const;
export const EXPORT_PROFILES = ["full", "pseudonymised"] as const;

const common = {
  format: z.enum(EXPORT_FORMATS, { error: "required" }),
  profile: z.enum(EXPORT_PROFILES, { error: "required" }),
  reason: z.string().trim().min(1, { error: "required" }).max(500, { error: "tooLong" }),
};

/** One case's history: the case comes from the address, never from the form. */
export const CaseExportRequest = z.object(common);
export type CaseExportRequest = z.infer<typeof CaseExportRequest>;

/** A set of cases chosen with the registry's filters (search text is not one of them). */
export const SetExportRequest = RegistryFilters.omit({ sort: true }).extend(common);
export type SetExportRequest = z.infer<typeof SetExportRequest>;
