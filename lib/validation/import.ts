import { z } from "zod";
import { AliasType } from "../db/generated/enums";
import { LOCALES } from "../i18n/locales";

/** What the importer chose for a possible duplicate. */
export type RowDecision = { kind: "create" } | { kind: "skip" } | { kind: "attach"; caseId: string };

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

const DECISION = /^decision-(\d{1,6})$/;
const ATTACH = /^attach:([0-9a-f-]{36})$/i;

/**
 * The commit of a previewed batch: the reason, the type the file's aliases are recorded as (the
 * file gives none), and one decision per possible duplicate, sent as `decision-<row>` fields:
 * `create`, `skip` or `attach:<case id>`. Whether every possible duplicate has one, and whether an
 * attached case is one the preview offered, is checked against the stored batch.
 */
export const ImportCommitInput = z
  .looseObject({
    batchId: z.uuid({ error: "required" }),
    reason: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(2000, { error: "tooLong" }),
    aliasType: z.enum(AliasType, { error: "required" }),
  })
  .transform((value, ctx) => {
    const decisions: Record<string, RowDecision> = {};
    for (const [name, raw] of Object.entries(value)) {
      const row = DECISION.exec(name)?.[1];
      if (row === undefined) continue;
      const attach = typeof raw === "string" ? ATTACH.exec(raw)?.[1] : undefined;
      if (raw === "create" || raw === "skip") decisions[String(Number(row))] = { kind: raw };
      else if (attach) decisions[String(Number(row))] = { kind: "attach", caseId: attach.toLowerCase() };
      else if (raw !== "") ctx.addIssue({ code: "custom", path: [name], message: "invalid" });
    }
    return { batchId: value.batchId, reason: value.reason, aliasType: value.aliasType, decisions };
  });
export type ImportCommitInput = z.infer<typeof ImportCommitInput>;

/** A batch named in the address. */
export const ImportBatchRequest = z.object({ batchId: z.uuid({ error: "required" }) });

/** A batch's result workbook, in the language the link asks for. */
export const ImportResultRequest = ImportBatchRequest.extend({ lang: z.enum(LOCALES, { error: "required" }) });
