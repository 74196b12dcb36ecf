import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { changeVocabulary } from "@/lib/audit/change-vocabulary";
import { getHistoryPanel } from "@/lib/cases/case-history";
import { casePageHref } from "@/lib/cases/case-page-href";
import type { AuthorizedCase } from "@/lib/cases/get-case";
import { formatMoment } from "@/lib/i18n/format";
import { CASE_HISTORY_KINDS, type CasePageQuery } from "@/lib/validation/case-page";
import { ExportDialog } from "@/components/exports/export-dialog";
import { Section } from "@/components/ui/section";
import { ChangeList } from "./change-list";
import { PageLinks } from "./page-links";

/**
 * The case page's timeline of changes, newest first and a page at a time, filtered by kind, with
 * the export of the case's history for those who may.
 */
export async function HistoryPanel({ opened, query }: { opened: AuthorizedCase; query: CasePageQuery }) {
  const [panel, t, locale, vocabulary] = await Promise.all([
    getHistoryPanel(opened, { cursor: query.history, kind: query.kind }),
    getTranslations("case"),
    getLocale(),
    changeVocabulary(),
  ]);
  const { entries, total, earlier } = panel;
  // Another kind starts again at its newest event.
  const kindHref = (kind: CasePageQuery["kind"]) => casePageHref(opened.id, { ...query, history: undefined, kind }, "history");
  return (
    <Section title={t("history")} id="history" testId="case-history">
      {opened.canExport && (
        <div className="mb-4">
          <ExportDialog endpoint={`/api/cases/${opened.id}/history`} variant="case" />
        </div>
      )}
      <nav aria-label={t("historyKinds")} className="mb-3 flex flex-wrap gap-x-3 gap-y-1 text-sm" data-testid="history-kinds">
        {[undefined, ...CASE_HISTORY_KINDS].map((kind) => (
          <Link
            key={kind ?? "all"}
            href={kindHref(kind)}
            prefetch={false}
            aria-current={kind === query.kind ? "page" : undefined}
            className="text-sky-800 underline aria-[current=page]:font-semibold aria-[current=page]:text-slate-900 aria-[current=page]:no-underline"
          >
            {kind ? t(`historyKind.${kind}`) : t("historyKindAll")}
          </Link>
        ))}
      </nav>
      {total === 0 ? (
        <p className="text-sm text-slate-600">{t("noHistory")}</p>
      ) : (
        <p className="mb-2 text-xs text-slate-600" data-testid="history-count">
          {earlier === 0
            ? t("historyShown", { shown: entries.length, total })
            : t("historyRange", { from: earlier + 1, to: earlier + entries.length, total })}
        </p>
      )}
      <ol className="space-y-3 text-sm">
        {entries.map((event) => (
          <li key={event.id} className="border-l-2 border-slate-200 pl-3" data-testid="history-entry">
            <p>
              <span className="font-medium">{vocabulary.action(event.action)}</span> · {formatMoment(locale, event.occurredAt)} ·{" "}
              {event.actor ?? "—"}
            </p>
            {event.requested && (
              <p className="text-slate-700" data-testid="history-confirmation">
                {t("requestedAndConfirmed", {
                  requester: event.requested.by ?? "—",
                  requestedAt: formatMoment(locale, event.requested.at),
                  confirmer: event.actor ?? "—",
                  confirmedAt: formatMoment(locale, event.occurredAt),
                })}
              </p>
            )}
            {event.reason && (
              <p className="text-slate-700">
                {t("reason")}: {event.reason}
              </p>
            )}
            <ChangeList before={event.before} after={event.after} action={event.action} vocabulary={vocabulary} />
          </li>
        ))}
      </ol>
      <PageLinks
        testId="history-pages"
        more={panel.nextCursor && casePageHref(opened.id, { ...query, history: panel.nextCursor }, "history")}
        newest={earlier > 0 ? casePageHref(opened.id, { ...query, history: undefined }, "history") : null}
      />
    </Section>
  );
}
