import { z } from "zod";

/**
 * The families of audit actions (the part of an action before its first dot, as the audit log's
 * filter matches them) that a case's own chain holds, in the order the case page offers them.
 */
export const CASE_HISTORY_KINDS = [
  "case",
  "person",
  "alias",
  "prosecution",
  "change",
  "enrollment",
  "need",
  "household",
  "transfer",
  "task",
  "followUp",
  "note",
  "import",
  "history",
  "access",
] as const;
export type CaseHistoryKind = (typeof CASE_HISTORY_KINDS)[number];

/**
 * The case page's paging and filter, kept in the URL so that plain links page without script. A
 * cursor is the id of the last row the previous page showed; the loaders look it up inside the
 * opened case only, so a value that is malformed, stale or another case's reads the first page.
 */
export const CasePageQuery = z.object({
  notes: z.uuid().optional().catch(undefined),
  history: z.uuid().optional().catch(undefined),
  kind: z.enum(CASE_HISTORY_KINDS).optional().catch(undefined),
});
export type CasePageQuery = z.infer<typeof CasePageQuery>;
