import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { AuditLogRow } from "@/lib/auditing/audit-log";
import { changeVocabulary } from "@/lib/audit/change-vocabulary";
import { ChangeList } from "@/components/cases/change-list";
import { formatMoment } from "@/lib/i18n/format";

/** The events, newest first; each opens to its full before, after and context. */
export async function AuditTable({ rows, canOpenCases }: { rows: AuditLogRow[]; canOpenCases: boolean }) {
  const [t, tRoles, locale, vocabulary] = await Promise.all([
    getTranslations("audit"),
    getTranslations("roles"),
    getLocale(),
    changeVocabulary(),
  ]);
  if (rows.length === 0) return <p className="text-slate-700">{t("empty")}</p>;
  return (
    <ol className="space-y-2" data-testid="audit-events">
      {rows.map((row) => (
        <li key={row.id} className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="audit-event">
          <details>
            <summary className="cursor-pointer">
              <span className="font-medium">{vocabulary.action(row.action)}</span>{" "}
              <code className="text-xs text-slate-500">{row.action}</code> · {formatMoment(locale, row.occurredAt, "second")} ·{" "}
              {row.actorLabel ?? "—"}
              {row.actorRole && ` (${tRoles(row.actorRole as "AUDITOR")})`}
              {row.caseNumber && ` · ${row.caseNumber}`}
            </summary>
            {/* The case's link sits below the summary: a link inside a summary is a control inside a control. */}
            <div className="mt-2 space-y-1">
              {row.caseNumber && canOpenCases && row.caseId && (
                <p>
                  <Link href={`/cases/${row.caseId}`} className="text-sky-800 underline">
                    {t("openCase", { caseNumber: row.caseNumber })}
                  </Link>
                </p>
              )}
              {row.reason && (
                <p>
                  {t("reason")}: {row.reason}
                </p>
              )}
              <ChangeList before={row.before} after={row.after} action={row.action} vocabulary={vocabulary} />
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-700">
                <dt>{t("entity")}</dt>
                <dd>
                  {row.entityType} {row.entityId ?? ""}
                </dd>
                <dt>{t("chain")}</dt>
                <dd>
                  {row.chain} · #{row.seq}
                </dd>
                {row.before !== null && (
                  <>
                    <dt>{t("before")}</dt>
                    <dd className="break-all font-mono">{JSON.stringify(row.before)}</dd>
                  </>
                )}
                {row.after !== null && (
                  <>
                    <dt>{t("after")}</dt>
                    <dd className="break-all font-mono">{JSON.stringify(row.after)}</dd>
                  </>
                )}
                {row.context !== null && (
                  <>
                    <dt>{t("context")}</dt>
                    <dd className="break-all font-mono">{JSON.stringify(row.context)}</dd>
                  </>
                )}
              </dl>
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
