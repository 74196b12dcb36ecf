import { getLocale, getTranslations } from "next-intl/server";
import { getProsecutionPanel } from "@/lib/cases/case-prosecution";
import { listConfirmers } from "@/lib/cases/change-requests";
import type { OpenedCase } from "@/lib/cases/get-case";
import { REGISTRATION_REASON } from "@/lib/cases/registration-reason";
import { formatDay } from "@/lib/i18n/format";
import { Section } from "@/components/ui/section";
import { StatusChangeForm } from "./status-change-form";

/** The case page's prosecution panel: the status history, newest first, and the next step. */
export async function ProsecutionPanel({ opened }: { opened: OpenedCase }) {
  const [{ entries, nextStatuses }, confirmers, t, tEnum, locale] = await Promise.all([
    getProsecutionPanel(opened),
    listConfirmers(opened),
    getTranslations("case"),
    getTranslations("enums"),
    getLocale(),
  ]);
  return (
    <Section title={t("prosecution")} testId="prosecution-panel">
      <ol className="space-y-3">
        {[...entries].reverse().map((entry, index) => (
          <li key={entry.id} className={index === 0 ? "font-medium" : ""}>
            <p>
              {tEnum(`prosecution.${entry.status}`)} · {formatDay(locale, entry.effectiveDate)}
              {entry.daysInPrevious !== null && (
                <span className="text-xs font-normal text-slate-600"> · {t("daysInPrevious", { days: entry.daysInPrevious })}</span>
              )}
            </p>
            <p className="text-sm font-normal text-slate-700">
              {entry.reason === REGISTRATION_REASON ? t("registrationReason") : entry.reason}
              {entry.articles.length > 0 && ` · ${entry.articles.join(", ")}`}
              {entry.authority && ` · ${entry.authority}`}
              {entry.sentenceMonths !== null && ` · ${t("sentence", { months: entry.sentenceMonths })}`}
            </p>
          </li>
        ))}
      </ol>
      {opened.canEdit && nextStatuses.length > 0 && (
        <StatusChangeForm caseId={opened.id} version={opened.detail.version} nextStatuses={nextStatuses} confirmers={confirmers} />
      )}
    </Section>
  );
}
