import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getHouseholdPanel } from "@/lib/cases/case-household";
import type { AuthorizedCase } from "@/lib/cases/get-case";
import { Section } from "@/components/ui/section";
import { HouseholdMemberForm } from "./household-member-form";
import { HouseholdMemberRemove } from "./household-member-remove";

/** The case page's household panel: relatives in reach by name and case, the rest by relationship only. */
export async function HouseholdPanel({ opened }: { opened: AuthorizedCase }) {
  const [household, t] = await Promise.all([getHouseholdPanel(opened), getTranslations("case")]);
  return (
    <Section title={t("household")} testId="household-panel">
      {opened.canEdit && <HouseholdMemberForm caseId={opened.id} hasHousehold={household.length > 0} />}
      {household.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noHousehold")}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {household
            .flatMap((h) => h.members)
            .map((m) => (
              <li key={m.personId}>
                {t(`relationship.${m.relationship}`)}:{" "}
                {m.name && m.caseNumber ? (
                  <Link href={`/cases/${m.personId}`} className="text-sky-800 underline">
                    {m.name} ({m.caseNumber})
                  </Link>
                ) : (
                  <span className="text-slate-600">{t("memberOutOfReach")}</span>
                )}
                {m.unaccompaniedMinor && (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t("unaccompanied")}</span>
                )}
                {opened.canEdit && m.name && <HouseholdMemberRemove caseId={opened.id} memberId={m.personId} />}
              </li>
            ))}
        </ul>
      )}
    </Section>
  );
}
