import type { ChangeRequestKind } from "@/lib/db/generated/enums";

/** The catalog key of a held change's status, by the kind of change: a prosecution status or a case status. */
export function statusKey(kind: ChangeRequestKind, code: string): string {
  return kind === "PROSECUTION_STATUS" ? `prosecution.${code}` : `caseStatus.${code}`;
}
