import type { CasePageQuery } from "../validation/case-page";

/**
 * The case page's address with this paging and filter, opened at one panel: each panel's link
 * keeps the others' state, so paging the notes does not send the history back to its first page.
 */
export function casePageHref(caseId: string, query: CasePageQuery, panel: "notes" | "history"): string {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const search = params.toString();
  return `/cases/${caseId}${search ? `?${search}` : ""}#${panel}`;
}
