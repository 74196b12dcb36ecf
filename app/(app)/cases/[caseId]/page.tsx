import Link from "next/link";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { getCase } from "@/lib/cases/get-case";
import { CasePageQuery } from "@/lib/validation/case-page";
import { CaseHeader } from "@/components/cases/case-header";
import { LiveFragment, LiveFragments } from "@/components/ui/live-fragments";
import { HistoryPanel } from "@/components/cases/history-panel";
import { HouseholdPanel } from "@/components/cases/household-panel";
import { NotesPanel } from "@/components/cases/notes-panel";
import { TasksPanel } from "@/components/cases/tasks-panel";
import { ComingOfAgePanel } from "@/components/cases/coming-of-age-panel";
import { ChangeRequestsPanel } from "@/components/four-eyes/change-requests-panel";
import { TransferPanel } from "@/components/transfers/transfer-panel";
import { ProgramsPanel } from "@/components/programs/programs-panel";
import { ProsecutionPanel } from "@/components/prosecution/prosecution-panel";

type Props = { params: Promise<{ caseId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The case is opened, authorized and its opening audited once, here; each panel then loads its
 * own part from that opened case, never from the id in the address.
 */
export default async function CasePage({ params, searchParams }: Props) {
  const { caseId } = await params;
  // Every field falls back to its first page or no filter on its own: a stale link still opens the case.
  const query = CasePageQuery.parse(await searchParams);
  const user = await requireUser();
  // Next renders the page again inside a save's answer; that request carries the action's header.
  const opening = (await headers()).has("next-action") ? "afterAction" : "navigation";
  const opened = await pageOrNotFound(() => getCase(user, caseId, opening));
  const t = await getTranslations("case");
  return (
    <LiveFragments renderId={randomUUID()}>
      <div className="space-y-6">
        <Link href="/cases" className="text-sm text-sky-800 underline">
          {t("backToRegistry")}
        </Link>
        <CaseHeader opened={opened} />
        <ChangeRequestsPanel opened={opened} />
        <TransferPanel opened={opened} />
        <TasksPanel opened={opened} />
        <ComingOfAgePanel opened={opened} />
        <div className="grid gap-6 lg:grid-cols-2">
          <ProsecutionPanel opened={opened} />
          <ProgramsPanel opened={opened} />
          <HouseholdPanel opened={opened} />
          <NotesPanel opened={opened} query={query} />
        </div>
        <LiveFragment name="history">
          <HistoryPanel opened={opened} query={query} />
        </LiveFragment>
      </div>
    </LiveFragments>
  );
}
