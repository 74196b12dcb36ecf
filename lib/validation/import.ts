import { z } from "zod";
import { LOCALES } from "../i18n/locales";

/** The template's language, from the download link's query string. */
export const TemplateRequest = z.object({ lang: z.enum(LOCALES, { error: "required" }) });
export type TemplateRequest = z.infer<typeof TemplateRequest>;
