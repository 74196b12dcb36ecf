import { z } from "zod";
import { LOCALES } from "../i18n/locales";
import { EMPTY_MAPPING, parseMappingText } from "../import/mapping";

/** The template's language, from the download link's query string. */
export const TemplateRequest = z.object({ lang: z.enum(LOCALES, { error: "required" }) });
export type TemplateRequest = z.infer<typeof TemplateRequest>;

/** The longest file name kept (in the preview's audit event); longer names are cut, not refused. */
const MAX_FILE_NAME = 255;

/** An uploaded spreadsheet, from the upload form's multipart body. Its size and content are judged by the import's reader. */
export const ImportUpload = z.object({
  file: z.instanceof(File, { error: "required" }).refine((file) => file.size > 0, { error: "required" }),
});
export type ImportUpload = z.infer<typeof ImportUpload>;

/** A file name as recorded: its last path segment, without control characters, at most 255 characters. */
export function uploadedFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const printable = [...base].filter((char) => char >= " " && char !== "\u007f").join("");
  return printable.slice(0, MAX_FILE_NAME);
}

/** A mapping as JSON text is a few kilobytes; this bounds what is parsed before zod judges it. */
export const MAX_MAPPING_CHARS = 200_000;

/** The mapping sent as a form field: JSON text that must parse as an ImportMapping. */
const MappingText = z
  .string()
  .max(MAX_MAPPING_CHARS, { error: "invalid" })
  .transform((text, context) => {
    const mapping = parseMappingText(text);
    if (mapping === null) context.addIssue({ code: "custom", message: "invalid" });
    return mapping ?? EMPTY_MAPPING;
  });

const OptionalText = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null || v === "" ? undefined : v), schema.optional());

/**
 * An upload with the person's mapping: the file, and either the mapping as they left it on the
 * page or the id of a saved mapping (the mapping wins when both come). Neither: the suggestions.
 */
export const ImportMappedUpload = ImportUpload.extend({
  mapping: OptionalText(MappingText),
  mappingId: OptionalText(z.uuid({ error: "invalid" })),
});
export type ImportMappedUpload = z.infer<typeof ImportMappedUpload>;

export const MAX_MAPPING_NAME = 100;
const OptionalId = z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ error: "invalid" }).optional());
const OptionalVersion = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional());

/** Saving a mapping: new without an id, else an edit from the version shown. */
export const SaveImportMappingInput = z.object({
  id: OptionalId,
  version: OptionalVersion,
  name: z.string().trim().min(1, { error: "required" }).max(MAX_MAPPING_NAME, { error: "tooLong" }),
  regionId: z.uuid({ error: "required" }),
  mapping: MappingText,
});
export type SaveImportMappingInput = z.infer<typeof SaveImportMappingInput>;

export const DeleteImportMappingInput = z.object({
  id: z.uuid({ error: "invalid" }),
  version: z.coerce.number().int().positive({ error: "invalid" }),
});
export type DeleteImportMappingInput = z.infer<typeof DeleteImportMappingInput>;
