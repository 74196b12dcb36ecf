import { z } from "zod";
import { ImportUpload } from "../validation/import";
import { EMPTY_MAPPING, parseMappingText } from "./mapping";

/**
 * The forms and uploads that carry a mapping, parsed at the boundary: the mapping arrives as JSON
 * text and must parse as `ImportMapping` (`mapping.ts`).
 */
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
