import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { RequestToConfirm } from "@/lib/cases/change-requests";
import { formatDay, formatMoment } from "@/lib/i18n/format";
import { labelIn } from "@/lib/i18n/locales";
import { statusKey, subjectWords } from "./change-words";
import { DecideChangeForm } from "./decide-change-form";

/** The review page's "To confirm" list: each request's case as it stands now beside the change asked for. */
export async function RequestsToConfirm({ rows, viewerId }: { rows: RequestToConfirm[]; viewerId: string }) {
  const [t, tCase, tEntry, tEnums, locale] = await Promise.all([
    getTranslations("review.toConfirm"),
    getTranslations("case.changeRequests"),
    getTranslations("case"),
    getTranslations("enums"),
    getLocale(),
  ]);
  const word = (key: string) => tEnums(key as "prosecution.CHARGED");
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ul className="space-y-4">
      {rows.map((row) => (
        <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="request-to-confirm">
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <h3 className="text-sm font-semibold text-slate-600">{t("case")}</h3>
              <p>
                <Link href={`/cases/${row.caseId}`} className="text-sky-800 underline">
                  {row.caseNumber} · {row.name}
                </Link>
              </p>
              <p className="text-sm">
                {labelIn(locale, row.region)} · {word(`age.${row.ageCategory}`)}
              </p>
              <p className="text-sm">
                {t("now", { prosecution: word(`prosecution.${row.prosecutionStatus}`), caseStatus: word(`caseStatus.${row.caseStatus}`) })}
              </p>
            </div>
            <div>
              <h3 className="text-sm font-semibold text-slate-600">
                {t("change")} · {tCase(`kind.${row.kind}`)}
              </h3>
              <p className="font-medium" data-testid="requested-change">
                {[
                  subjectWords(row.subject, locale, (v) => tCase("householdWith", v), tCase("household")),
                  word(statusKey(row.kind, row.from)),
                ]
                  .filter(Boolean)
                  .join(": ")}{" "}
                → {word(statusKey(row.kind, row.to))}
              </p>
              {row.effectiveDate && (
                <p className="text-sm">
                  {t("entry", { date: formatDay(locale, row.effectiveDate) })}
                  {row.articles.length > 0 && ` · ${row.articles.join(", ")}`}
                  {row.sentenceMonths !== null && ` · ${tEntry("sentence", { months: row.sentenceMonths })}`}
                </p>
              )}
              <p className="text-sm text-slate-700">
                {tCase("reason")}: {row.reason}
              </p>
              <p className="text-sm text-slate-700">
                {t("requested", { name: row.requestedBy, date: formatMoment(locale, row.requestedAt) })}
              </p>
              {row.suggestedConfirmer && (
                <p className="text-sm font-medium text-amber-800">
                  {row.suggestedConfirmer.id === viewerId
                    ? t("suggestedForYou")
                    : tCase("suggested", { name: row.suggestedConfirmer.name })}
                </p>
              )}
              {row.stale && <p className="text-sm text-red-800">{tCase("stale")}</p>}
            </div>
          </div>
          <DecideChangeForm requestId={row.id} version={row.version} />
        </li>
      ))}
    </ul>
  );
}
