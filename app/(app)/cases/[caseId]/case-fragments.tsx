import { headers } from "next/headers";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getCase } from "@/lib/cases/get-case";
import { CasePageQuery } from "@/lib/validation/case-page";
import { HistoryPanel } from "@/components/cases/history-panel";
import { NotesList } from "@/components/cases/notes-panel";

/**
 * What a note's save answers with (docs/decisions/032): the case's notes and its history, rendered
 * as the page renders them, for the page the note was written on. The case is opened again through
 * the policy like the page opens it, without a second view event. The paging and filter come from
 * the address of the page that sent the form, when the browser gives it and it is this case's page;
 * otherwise the newest notes and events are shown.
 */
export async function noteSaveFragments(user: CurrentUser, form: Record<string, string>) {
  const opened = await getCase(user, form.caseId ?? "", "afterAction");
  const query = await pageQuery(opened.id);
  return {
    notes: <NotesList opened={opened} query={query} />,
    history: <HistoryPanel opened={opened} query={query} />,
  };
}

async function pageQuery(caseId: string): Promise<CasePageQuery> {
  const referer = (await headers()).get("referer");
  const page = referer && URL.canParse(referer) ? new URL(referer) : null;
  if (!page || page.pathname !== `/cases/${caseId}`) return CasePageQuery.parse({});
  return CasePageQuery.parse(Object.fromEntries(page.searchParams));
}
