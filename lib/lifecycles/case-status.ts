import type { CaseStatus } from "../db/generated/enums";

/**
 * Case statuses an edit may keep but never set. "Transferred" named a case handed elsewhere by
 * hand, leaving it closed where it was; a move to another region is now a transfer, which keeps
 * the case open and hands it to the receiving region (docs/decisions/020-transfers-between-regions.md).
 * Cases that already hold it keep it, and may leave it.
 */
export const CASE_STATUSES_KEPT_NOT_SET: readonly CaseStatus[] = ["TRANSFERRED"];
