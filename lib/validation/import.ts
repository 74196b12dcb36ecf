import { z } from "zod";
import { LOCALES } from "../i18n/locales";

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
